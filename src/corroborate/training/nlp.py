"""Rebuild the shipped pipeline from UD English EWT and Universal NER EWT.

`train_nlp` converts the two datasets into spaCy DocBins (one training doc carries the
tree, tags, lemmas and entities of up to ten sentences), trains with the config in
`configs/nlp.cfg` on CPU, and copies the best-on-dev pipeline, stripped to what
`spacy.load` needs, to `OUT/model` (and into the package with `install=True`).
"""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import spacy
from spacy.training.initialize import init_nlp
from spacy.training.loop import train as train_loop
from spacy.util import Config

from corroborate.datasets.ud import convert_split
from corroborate.errors import InputError
from corroborate.nlp.ops import matmul_ops
from corroborate.nlp.parsing import model_path

MODEL_NAME = "corroborate_nlp"
MODEL_VERSION = "1.0.0"
LICENSE = "CC BY-SA 4.0"


@dataclass(frozen=True)
class TrainingData:
    """The four files under a shared/data folder that training reads."""

    train_conllu: Path
    dev_conllu: Path
    train_ner: Path
    dev_ner: Path

    @classmethod
    def under(cls, data_dir: Path) -> TrainingData:
        data = cls(
            train_conllu=data_dir / "ud_ewt" / "en_ewt-ud-train.conllu.gz",
            dev_conllu=data_dir / "ud_ewt" / "en_ewt-ud-dev.conllu",
            # the approximate UNER v1 train file: see shared/data/DATA.md
            train_ner=data_dir / "uner_ewt" / "en_ewt-ud-train.approx-v1.iob2",
            dev_ner=data_dir / "uner_ewt" / "en_ewt-ud-dev.iob2",
        )
        for path in (data.train_conllu, data.dev_conllu, data.train_ner, data.dev_ner):
            if not path.is_file():
                raise InputError(str(path), "training file missing (expected a shared/data folder)")
        return data


def default_config() -> Path:
    return Path(str(resources.files("corroborate.training") / "configs" / "nlp.cfg"))


def convert_data(data: TrainingData, corpus_dir: Path) -> dict[str, dict[str, int]]:
    vocab = spacy.blank("en").vocab
    return {
        "train": convert_split(
            data.train_conllu, data.train_ner, corpus_dir / "train.spacy", vocab
        ),
        "dev": convert_split(data.dev_conllu, data.dev_ner, corpus_dir / "dev.spacy", vocab),
    }


def _describe(model_dir: Path) -> None:
    """Name, licence and sources in meta.json, so a loaded pipeline says what it is."""
    meta_path = model_dir / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(
        name=MODEL_NAME,
        version=MODEL_VERSION,
        license=LICENSE,
        author="Corroborate",
        description="Tagger, lemmatizer, parser and PER/ORG/LOC NER trained on "
        "UD English EWT v2.16 and Universal NER English EWT (approximate v1 train).",
        sources=[
            {"name": "UD English EWT v2.16", "license": LICENSE},
            {"name": "Universal NER English EWT", "license": LICENSE},
        ],
    )
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    # the corpus paths of this machine's training run mean nothing to a user of the model
    config = Config().from_disk(model_dir / "config.cfg", interpolate=False)
    config["paths"].update(train=None, dev=None)
    config.to_disk(model_dir / "config.cfg", interpolate=False)


def install_model(model_dir: Path, target: Path | None = None) -> Path:
    """Replace the shipped pipeline's files with `model_dir`'s, keeping SOURCES.md."""
    target = target or model_path()
    target.mkdir(parents=True, exist_ok=True)
    for old in target.iterdir():
        if old.name == "SOURCES.md":
            continue
        shutil.rmtree(old) if old.is_dir() else old.unlink()
    shutil.copytree(model_dir, target, dirs_exist_ok=True)
    return target


def run_training(config_path: Path, corpus_dir: Path, training_dir: Path) -> None:
    """`spacy train` on CPU, with the models built on numpy-matmul ops (see ops.py)."""
    overrides = {
        "paths.train": str(corpus_dir / "train.spacy"),
        "paths.dev": str(corpus_dir / "dev.spacy"),
    }
    config = spacy.util.load_config(config_path, overrides=overrides, interpolate=False)
    training_dir.mkdir(parents=True, exist_ok=True)
    with matmul_ops():
        nlp = init_nlp(config, use_gpu=-1)
        train_loop(nlp, training_dir, use_gpu=-1, stdout=sys.stdout, stderr=sys.stderr)


def train_nlp(
    data_dir: Path, out_dir: Path, config: Path | None = None, install: bool = False
) -> Path:
    """Convert, train on CPU and return the directory of the best pipeline on dev."""
    data = TrainingData.under(data_dir)
    corpus_dir = out_dir / "corpus"
    convert_data(data, corpus_dir)
    training_dir = out_dir / "training"
    run_training(config or default_config(), corpus_dir, training_dir)
    model_dir = out_dir / "model"
    if model_dir.exists():
        shutil.rmtree(model_dir)
    shutil.copytree(training_dir / "model-best", model_dir)
    _describe(model_dir)
    if install:
        install_model(model_dir)
    return model_dir

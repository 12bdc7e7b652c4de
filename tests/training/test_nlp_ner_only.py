"""NER-only retraining (issue 12): the config sources every other component from the shipped
pipeline and freezes it, gives the NER its own tok2vec, and installing replaces only the
NER's files after checking that the frozen components' files came out byte-identical."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from corroborate.nlp.parsing import model_path
from corroborate.training.nlp import NER_ONLY_FILES, changed_files, default_config, install_model

FROZEN = ["tok2vec", "tagger", "morphologizer", "trainable_lemmatizer", "parser"]


def _config(name: str = "nlp_ner.cfg") -> spacy.util.Config:
    overrides = {"paths.base_model": str(model_path())}
    path = default_config(ner_only=True).with_name(name)
    return spacy.util.load_config(path, overrides=overrides, interpolate=True)


@pytest.mark.parametrize("name", ["nlp_ner.cfg", "nlp_ner_scratch.cfg"])
def test_ner_only_configs_freeze_and_source_all_but_the_ner(name: str) -> None:
    config = _config(name)
    assert config["training"]["frozen_components"] == FROZEN
    for component in FROZEN:
        assert config["components"][component] == {"source": str(model_path())}
    assert config["nlp"]["pipeline"] == [*FROZEN, "ner"]
    assert config["initialize"]["vectors"] == str(model_path())


def test_default_ner_only_config_copies_the_shared_tok2vec_into_the_ner() -> None:
    ner = _config()["components"]["ner"]
    assert ner == {"source": str(model_path()), "replace_listeners": ["model.tok2vec"]}


def test_scratch_config_gives_the_ner_its_own_tok2vec_with_static_vectors() -> None:
    tok2vec = _config("nlp_ner_scratch.cfg")["components"]["ner"]["model"]["tok2vec"]
    assert tok2vec["@architectures"] == "spacy.Tok2Vec.v2"
    assert tok2vec["embed"]["include_static_vectors"] is True


def _pipeline(directory: Path, ner: bytes, tagger: bytes, strings: bytes) -> Path:
    for rel, data in (
        ("ner/model", ner),
        ("tagger/model", tagger),
        ("vocab/strings.json", strings),
        ("config.cfg", ner),
    ):
        (directory / rel).parent.mkdir(parents=True, exist_ok=True)
        (directory / rel).write_bytes(data)
    return directory


def test_install_replaces_only_the_ner_files(tmp_path: Path) -> None:
    shipped = _pipeline(tmp_path / "shipped", b"old ner", b"old tagger", b"[]")
    (shipped / "SOURCES.md").write_text("kept", encoding="utf-8")
    trained = _pipeline(tmp_path / "trained", b"new ner", b"new tagger", b'["x"]')
    install_model(trained, shipped, only=NER_ONLY_FILES)
    assert (shipped / "ner" / "model").read_bytes() == b"new ner"
    assert (shipped / "config.cfg").read_bytes() == b"new ner"
    assert (shipped / "tagger" / "model").read_bytes() == b"old tagger"
    assert (shipped / "vocab" / "strings.json").read_bytes() == b"[]"
    assert (shipped / "SOURCES.md").read_text(encoding="utf-8") == "kept"


def test_changed_frozen_files_are_named_and_new_strings_are_not(tmp_path: Path) -> None:
    shipped = _pipeline(tmp_path / "shipped", b"old ner", b"tagger", b"[]")
    same = _pipeline(tmp_path / "same", b"new ner", b"tagger", b'["x"]')
    assert changed_files(same, shipped) == []
    other = _pipeline(tmp_path / "other", b"new ner", b"retrained tagger", b"[]")
    assert changed_files(other, shipped) == [str(Path("tagger") / "model")]

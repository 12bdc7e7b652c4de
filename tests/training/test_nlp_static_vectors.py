"""The GloVe table as the pipeline's static vectors: keyed by the lowercase form, so that
capitalised words find the vectors of GloVe's lowercase vocabulary, also after a save and
load (spaCy keeps a default table's key attribute only through `keep_vectors_key`)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import spacy
from spacy.attrs import LOWER

from corroborate.errors import InputError
from corroborate.training.nlp import default_config, needs_vectors, vectors_pipeline


def _write_table(directory: Path, words: list[str]) -> np.ndarray:
    vectors = np.arange(len(words) * 4, dtype=np.float16).reshape(len(words), 4)
    np.savez_compressed(
        directory / "glove.npz",
        vocab=np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8),
        vectors=vectors,
    )
    return vectors


def test_saved_pipeline_looks_up_capitalised_words_by_their_lowercase_form(
    tmp_path: Path,
) -> None:
    vectors = _write_table(tmp_path, ["harbour", "ministry", "zephyr"])
    nlp = spacy.load(vectors_pipeline(tmp_path, tmp_path / "pipeline"))
    table = nlp.vocab.vectors
    assert table.attr == LOWER
    doc = nlp("The Ministry closed the HARBOUR")
    rows = table.find(keys=doc.to_array(table.attr))
    assert rows.tolist() == [-1, 1, -1, -1, 0]
    assert np.array_equal(table.data[rows[1]], vectors[1].astype(np.float32))


def test_missing_table_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="glove.npz: no GloVe table"):
        vectors_pipeline(tmp_path, tmp_path / "pipeline")


def test_table_with_fewer_vectors_than_words_is_refused(tmp_path: Path) -> None:
    _write_table(tmp_path, ["harbour", "ministry"])
    words = np.frombuffer(b"harbour\nministry\nzephyr", dtype=np.uint8)
    with np.load(tmp_path / "glove.npz") as archive:
        vectors = archive["vectors"]
    np.savez_compressed(tmp_path / "glove.npz", vocab=words, vectors=vectors)
    with pytest.raises(InputError, match="2 vectors for 3 words"):
        vectors_pipeline(tmp_path, tmp_path / "pipeline")


def test_glove_config_reads_static_vectors_and_the_default_one_does_not() -> None:
    assert needs_vectors(default_config().with_name("nlp_glove.cfg"))
    assert not needs_vectors(default_config())

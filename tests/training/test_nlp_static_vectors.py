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
from corroborate.training.nlp import (
    default_config,
    needs_vectors,
    training_overrides,
    vectors_pipeline,
)


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


def test_a_float16_exact_table_is_stored_as_float16_and_loaded_as_float32(
    tmp_path: Path,
) -> None:
    from corroborate.nlp.parsing import load_pipeline
    from corroborate.training.nlp import store_vectors_float16

    vectors = _write_table(tmp_path, ["harbour", "ministry", "zephyr"])
    pipeline = vectors_pipeline(tmp_path, tmp_path / "pipeline")
    assert store_vectors_float16(pipeline)
    assert np.load(pipeline / "vocab" / "vectors").dtype == np.float16
    nlp = load_pipeline(pipeline)
    assert nlp.vocab.vectors.data.dtype == np.float32
    assert np.array_equal(nlp.vocab.vectors.data, vectors.astype(np.float32))
    assert nlp.vocab.vectors.attr == LOWER


def test_a_table_that_float16_would_round_is_kept_as_float32(tmp_path: Path) -> None:
    from corroborate.training.nlp import store_vectors_float16

    _write_table(tmp_path, ["harbour", "ministry"])
    pipeline = vectors_pipeline(tmp_path, tmp_path / "pipeline")
    path = pipeline / "vocab" / "vectors"
    precise = np.load(path) + np.float32(1e-4)
    with path.open("wb") as handle:
        np.save(handle, precise, allow_pickle=False)
    assert not store_vectors_float16(pipeline)
    assert np.array_equal(np.load(path), precise)


def test_the_glove_config_reads_static_vectors() -> None:
    # the 100-d run: this config, `--max-steps 8000` and a `--source wink100` table
    assert needs_vectors(default_config().with_name("nlp_glove.cfg"))


def test_max_steps_replaces_the_configs_step_and_epoch_limits(tmp_path: Path) -> None:
    config_path = default_config().with_name("nlp_glove.cfg")
    config = spacy.util.load_config(
        config_path, overrides=training_overrides(tmp_path, max_steps=8000), interpolate=False)
    assert config["training"]["max_steps"] == 8000 and config["training"]["max_epochs"] == 0
    kept = spacy.util.load_config(
        config_path, overrides=training_overrides(tmp_path), interpolate=False)
    assert kept["training"]["max_steps"] == 4400

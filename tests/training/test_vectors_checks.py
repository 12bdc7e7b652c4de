"""The GloVe table builder's checks: files that are not the pinned package's, and vectors
that differ from the published GloVe values, are refused before anything is written."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from corroborate.errors import CorroborateError
from corroborate.training.vectors import (
    PUBLISHED,
    VECTORS_FILE,
    VOCAB_FILE,
    check_published,
    read_glove,
)


def _published_rows() -> tuple[list[str], np.ndarray]:
    words = ["the", "of", "unk"]
    vectors = np.random.default_rng(0).normal(size=(3, 50))
    for n, word in enumerate(words):
        if word in PUBLISHED:
            vectors[n, : len(PUBLISHED[word])] = PUBLISHED[word]
    return words, vectors


def test_vectors_with_the_published_values_pass() -> None:
    check_published(*_published_rows())


def test_a_changed_published_value_is_refused() -> None:
    words, vectors = _published_rows()
    vectors[0, 2] += 0.01
    with pytest.raises(CorroborateError, match="'the'"):
        check_published(words, vectors)


def test_a_missing_published_word_is_refused() -> None:
    words, vectors = _published_rows()
    with pytest.raises(CorroborateError, match="'unk'"):
        check_published(words[:2], vectors[:2])


def test_files_that_are_not_the_pinned_package_are_refused(tmp_path: Path) -> None:
    np.save(tmp_path / VECTORS_FILE, np.zeros((2, 50), dtype=np.float32))
    (tmp_path / VOCAB_FILE).write_bytes(b"not parquet")
    with pytest.raises(CorroborateError, match="SHA-256"):
        read_glove(tmp_path)

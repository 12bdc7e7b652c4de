"""The GloVe table builder's checks: files that are not the pinned package's, and vectors
that differ from the published GloVe values, are refused before anything is written; the
npm package's JSON rows are read in the package's word order."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import numpy as np
import pytest

from corroborate.errors import CorroborateError
from corroborate.training.vectors import (
    PUBLISHED,
    PUBLISHED_100,
    PUBLISHED_100_TAIL,
    VECTORS_FILE,
    VOCAB_FILE,
    WINK_MEMBER,
    check_published,
    read_glove,
    read_wink,
    wink_table,
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


def _wink_package(words: list[str]) -> dict:
    """An invented object in the npm package's layout: 100 values, the norm, the index."""
    rng = np.random.default_rng(1)
    rows = {}
    for n, word in enumerate(words):
        values = rng.normal(size=100).round(5).tolist()
        rows[word] = [*values, float(np.linalg.norm(values)), n]
    return {"dimensions": 100, "l2NormIndex": 100, "wordIndex": 101, "size": len(words),
            "words": words, "vectors": rows}


def test_wink_rows_are_read_in_the_package_word_order() -> None:
    package = _wink_package(["lantern", "quay", "ferry"])
    words, vectors = wink_table(package, "invented")
    assert words == ["lantern", "quay", "ferry"]
    assert vectors.shape == (3, 100)
    assert vectors[1].tolist() == pytest.approx(package["vectors"]["quay"][:100])


def test_a_wink_row_whose_index_is_not_its_position_is_refused() -> None:
    package = _wink_package(["lantern", "quay"])
    package["vectors"]["quay"][101] = 0
    with pytest.raises(CorroborateError, match="'quay'.*out of order"):
        wink_table(package, "invented")


def test_a_table_of_other_dimensions_is_refused() -> None:
    package = _wink_package(["lantern"])
    package["dimensions"] = 50
    with pytest.raises(CorroborateError, match="invented: not a 100-d"):
        wink_table(package, "invented")


def test_a_tarball_that_is_not_the_pinned_one_is_refused(tmp_path: Path) -> None:
    payload = json.dumps(_wink_package(["lantern"])).encode("utf-8")
    tarball = tmp_path / "fake.tgz"
    with tarfile.open(tarball, "w:gz") as archive:
        member = tarfile.TarInfo(WINK_MEMBER)
        member.size = len(payload)
        archive.addfile(member, io.BytesIO(payload))
    with pytest.raises(CorroborateError, match="fake.tgz: not the tarball.*SHA-512"):
        read_wink(tarball)


def test_a_changed_last_value_of_a_published_100d_row_is_refused() -> None:
    words = ["of", *PUBLISHED_100]
    vectors = np.random.default_rng(2).normal(size=(len(words), 100))
    for n, word in enumerate(words[1:], start=1):
        vectors[n, : len(PUBLISHED_100[word])] = PUBLISHED_100[word]
        tail = PUBLISHED_100_TAIL.get(word, ())
        vectors[n, len(vectors[n]) - len(tail) :] = tail
    check_published(words, vectors, PUBLISHED_100, PUBLISHED_100_TAIL)
    vectors[1, -1] += 0.01
    with pytest.raises(CorroborateError, match="'hello'"):
        check_published(words, vectors, PUBLISHED_100, PUBLISHED_100_TAIL)

"""`check`'s inverted-file index (corroborate.link.index): the same nearest claims as reading
every vector, never stale, and the IDF it keeps equal to fitting on the sample's texts."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from corroborate.embed import embed
from corroborate.link import index
from corroborate.link.check import check, to_json
from corroborate.link.index import Frequencies, fit_tfidf, nearest, update_index
from corroborate.link.propositions import words
from corroborate.model import Claim
from corroborate.store import SQLiteStore
from tests.conftest import make_report

DIMS = 16
PER_REPORT = 40


class _Unindexed:
    """A store whose index `check` cannot see: the exact scan."""

    def __init__(self, store: SQLiteStore) -> None:
        self._store = store

    def __getattr__(self, name: str) -> object:
        return getattr(self._store, name)

    def vector_index(self) -> None:
        return None


def _report(number: int, texts: list[str]):
    body, claims = "", []
    for text in texts:
        claims.append(Claim(len(body), len(body) + len(text), text))
        body += text + " "
    return make_report(body.strip(), claims=tuple(claims), content_hash=f"h{number}",
                       path=f"r{number}.txt")


def _store_vectors(store: SQLiteStore, doc_key: str, vectors: np.ndarray) -> list[int]:
    doc_id = store._conn.execute("SELECT id FROM documents WHERE key = ?", (doc_key,)).fetchone()[0]
    ids = [c.id for c in store.claims(doc_id=doc_id)]
    store.put_claim_vectors([(i, v.astype(np.float16).tobytes())
                             for i, v in zip(ids, vectors, strict=True)])
    return ids


def _unit(rows: np.ndarray) -> np.ndarray:
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def _add(store: SQLiteStore, number: int, rng: np.random.Generator) -> list[int]:
    """A report of PER_REPORT claims whose vectors lie around a few directions."""
    centres = _unit(np.random.default_rng(0).normal(size=(6, DIMS)))
    vectors = _unit(centres[rng.integers(0, 6, PER_REPORT)] + 0.3 * rng.normal(
        size=(PER_REPORT, DIMS)))
    texts = [f"Claim {number}-{i} about the town of Veltra{i % 7} and its bridge."
             for i in range(PER_REPORT)]
    store.put(f"file:{number}", _report(number, texts), "p1")
    return _store_vectors(store, f"file:{number}", vectors)


@pytest.fixture
def small_index(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index, "MIN_INDEXED", 50)


@pytest.fixture
def store(tmp_path: Path, small_index: None):
    rng = np.random.default_rng(1)
    with SQLiteStore(tmp_path / "ledger.db") as store:
        for number in range(10):
            _add(store, number, rng)
        yield store


def _queries(count: int) -> np.ndarray:
    return _unit(np.random.default_rng(2).normal(size=(count, DIMS))).astype(np.float32)


def test_index_probing_every_cell_finds_what_the_exact_scan_finds(
    store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert update_index(store).startswith("index built")
    built = store.vector_index()
    assert built is not None and built.vectors == 10 * PER_REPORT
    monkeypatch.setattr(index, "PROBE", built.cells)
    for query in _queries(5):
        found = nearest(store, query, 30, 100)
        exact = nearest(_Unindexed(store), query, 30, 100)
        assert found.claim_ids == exact.claim_ids
        assert np.allclose(found.mean, exact.mean, atol=1e-5) and found.vectors == exact.vectors


def test_index_each_vector_is_in_exactly_one_cell(store: SQLiteStore) -> None:
    update_index(store)
    built = store.vector_index()
    assert built is not None
    cells = store.cell_vectors(list(range(built.cells)))
    ids = np.concatenate([np.frombuffer(c.claim_ids, dtype=np.int64) for c in cells])
    stored = store.claim_vectors()
    assert sorted(ids.tolist()) == sorted(stored)
    for cell in cells:  # each claim's run holds its stored vector
        own = np.frombuffer(cell.claim_ids, dtype=np.int64)
        counts = np.frombuffer(cell.counts, dtype=np.int64)
        distinct = np.frombuffer(cell.vectors, dtype=np.float16).reshape(len(counts), DIMS)
        assert len(np.unique(distinct, axis=0)) == len(distinct) and counts.sum() == len(own)
        expanded = np.repeat(distinct, counts, axis=0)
        assert b"".join(stored[int(i)] for i in own) == expanded.tobytes()


def test_index_copies_share_one_vector_in_their_cell(
    store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    vector = _queries(1)[0]
    copies = []
    for number in range(3):  # a claim repeated by three reports
        store.put(f"file:copy{number}", _report(50 + number, ["The same claim again."]), "p1")
        copies += _store_vectors(store, f"file:copy{number}", vector[None, :])
    update_index(store)
    built = store.vector_index()
    monkeypatch.setattr(index, "PROBE", built.cells)  # type: ignore[union-attr]
    runs = [c for c in store.cell_vectors(list(range(built.cells)))  # type: ignore[union-attr]
            if set(copies) <= set(np.frombuffer(c.claim_ids, dtype=np.int64).tolist())]
    assert len(runs) == 1 and 3 in np.frombuffer(runs[0].counts, dtype=np.int64)
    assert nearest(store, vector, 3, 100).claim_ids == copies


def test_index_a_vector_stored_after_the_build_is_found_at_once(
    store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    update_index(store)
    monkeypatch.setattr(index, "PROBE", 1)  # the new claim need not be in the probed cell
    query = _queries(1)[0]
    store.put("file:new", _report(99, ["A claim stored after the index was built."]), "p1")
    [new_id] = _store_vectors(store, "file:new", query[None, :])
    found = nearest(store, query, 5, 100)
    assert found.claim_ids[0] == new_id
    assert found.vectors == 10 * PER_REPORT + 1
    exact = nearest(_Unindexed(store), query, 5, 100)
    assert np.allclose(found.mean, exact.mean, atol=1e-5)
    assert update_index(store).startswith("index: 1 claim vectors added")
    assert store.vector_counts() == (10 * PER_REPORT + 1, 10 * PER_REPORT + 1)
    assert nearest(store, query, 5, 100).claim_ids[0] == new_id  # now from its cell


def test_index_replacing_a_report_drops_the_index_until_the_next_linking(
    store: SQLiteStore,
) -> None:
    update_index(store)
    assert store.vector_index() is not None
    store.put("file:3", _report(3, ["Claim 3 rewritten, with a new text."]), "p2")
    assert store.vector_index() is None  # its old claims' vectors went with them
    query = _queries(1)[0]
    assert nearest(store, query, 10, 100).claim_ids == nearest(
        _Unindexed(store), query, 10, 100).claim_ids
    assert update_index(store).startswith("index built")
    assert store.vector_index().vectors == 9 * PER_REPORT  # type: ignore[union-attr]


def test_index_retrained_once_the_ledger_has_grown(store: SQLiteStore) -> None:
    update_index(store)
    rng = np.random.default_rng(3)
    for number in range(10, 15):  # half as many again
        _add(store, number, rng)
    assert update_index(store).startswith("index built")
    assert store.vector_index().vectors == 15 * PER_REPORT  # type: ignore[union-attr]
    assert update_index(store).startswith("index up to date")


def test_index_retrained_once_grown_by_half_across_several_updates(store: SQLiteStore) -> None:
    update_index(store)
    cells = store.vector_index().cells  # type: ignore[union-attr]
    rng = np.random.default_rng(4)
    for number in range(10, 14):  # a fifth, then two fifths: added to the cells
        _add(store, number, rng)
        if number % 2:
            assert update_index(store).startswith("index: ")
    assert store.vector_index().cells == cells  # type: ignore[union-attr]
    _add(store, 14, rng)  # half as many again as the cells were trained on
    assert update_index(store).startswith("index built")
    assert store.vector_index().cells > cells  # type: ignore[union-attr]


def test_index_none_below_the_minimum(store: SQLiteStore, monkeypatch: pytest.MonkeyPatch) -> None:
    update_index(store)
    monkeypatch.setattr(index, "MIN_INDEXED", 10_000)
    assert update_index(store).startswith("no index")
    assert store.vector_index() is None
    assert store.vector_counts() == (10 * PER_REPORT, 0)


ACTORS = ("Government troops", "Rebel fighters", "Militia units", "Border guards")
ACTIONS = ("shelled", "captured", "withdrew from", "surrounded")
PLACES = ("Veltra", "Meriden", "Ostrava", "Kalun", "Tarvel")


def test_index_check_gives_the_same_result_with_and_without_it(
    tmp_path: Path, small_index: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    with SQLiteStore(tmp_path / "ledger.db") as store:
        for number in range(8):
            texts = [f"{ACTORS[(number + i) % 4]} {ACTIONS[i % 4]} the town of "
                     f"{PLACES[(number * i) % 5]} on day {i}." for i in range(10)]
            store.put(f"file:{number}", _report(number, texts), "p1")
            _store_vectors(store, f"file:{number}", embed(texts))
        monkeypatch.setattr(index, "MIN_INDEXED", 40)
        assert update_index(store).startswith("index built")
        monkeypatch.setattr(index, "PROBE", store.vector_index().cells)  # type: ignore[union-attr]
        for sentence in ("Rebel fighters captured the town of Ostrava",
                         "Border guards withdrew from Kalun on day 3"):
            with_index = to_json(check(store, sentence))
            assert with_index["evidence"]
            assert with_index == to_json(check(_Unindexed(store), sentence))


def test_index_fit_tfidf_with_counted_background_equals_fitting_on_its_texts() -> None:
    background = ["Troops entered the town on Monday.", "The bridge was shelled again.",
                  "Officials said troops withdrew.", "the a of"]
    texts = ["Russian troops are fighting", "Troops shelled the bridge near the town."]
    plain = TfidfVectorizer(sublinear_tf=True, analyzer=words, dtype=np.float32)
    plain.fit(texts + background)
    counted = TfidfVectorizer(sublinear_tf=True, analyzer=words, dtype=np.float32)
    fit_tfidf(counted, texts, Frequencies.from_json(Frequencies.of(background, words).to_json()))
    assert counted.vocabulary_ == plain.vocabulary_
    probe = ["Troops withdrew from the bridge.", "Nothing in common here at all."]
    assert np.allclose(counted.transform(probe).toarray(), plain.transform(probe).toarray())


def test_index_fit_tfidf_only_stop_words_fails_as_sklearn_does() -> None:
    vectorizer = TfidfVectorizer(analyzer=words)
    with pytest.raises(ValueError):
        fit_tfidf(vectorizer, ["the a of"], Frequencies(0, {}))

"""Syndicated copies and near-duplicates (corroborate.link.copies) on fictional reports."""

from __future__ import annotations

from itertools import permutations
from pathlib import Path

from corroborate.language import detect_language
from corroborate.link.copies import link_copies, shingles, signature, similarity
from corroborate.store import SQLiteStore
from tests.conftest import make_report
from tests.fixtures.translated import VELTRANA_WIRE

WIRE = VELTRANA_WIRE
# A repost with light edits: one sentence dropped, a few words changed, a line added.
REPOST = (
    WIRE.replace("overnight", "late on Monday")
    .replace("At least twelve", "Twelve")
    .replace(" Residents told reporters that families had sheltered in the basement of the "
             "district school.", "")
    + " The council will publish a list of damaged buildings."
)
UNRELATED = (
    "The harbour authority of Port Meriden reopened the southern quay on Friday after "
    "divers cleared a sunken barge from the channel. Fishing boats had waited three weeks "
    "to return to the inner basin. The harbour master said the quay would close again in "
    "spring for dredging, and that traders should plan deliveries around the tides. A "
    "union official said the army had shelled nothing near the port this year."
)


def _put(store: SQLiteStore, name: str, text: str, published: str | None, title: str) -> int:
    store.put(
        f"file:{name}",
        make_report(
            text,
            content_hash=f"hash-{name}",
            published=published,
            title=title,
            language=detect_language(text),  # as the pipeline's language stage does
        ),
        "p1",
    )
    [doc_id] = [d.id for d in store.documents() if d.key == f"file:{name}"]
    return doc_id


REPORTS = {
    "wire": (WIRE, "2021-03-02", "Shelling hits Veltrana suburbs"),
    "repost": (REPOST, "2021-03-03", "Night of shelling leaves Veltrana without water"),
    "copy": (WIRE, None, "Veltrana: houses destroyed"),
    "harbour": (UNRELATED, "2021-03-01", "Port Meriden quay reopens"),
}


def _groups(path: Path, order: tuple[str, ...]) -> dict[str, str | None]:
    """Ingest `REPORTS` in `order` and link; each report's name -> its original's name."""
    with SQLiteStore(path) as store:
        ids = {name: _put(store, name, *REPORTS[name]) for name in order}
        link_copies(store)
        names = {doc_id: name for name, doc_id in ids.items()}
        return {names[d.id]: names.get(d.copy_of) if d.copy_of else None for d in store.documents()}


def test_copies_shingles_and_similarity() -> None:
    assert shingles("One two three four") == {b"one two three", b"two three four"}
    assert shingles("Two words") == {b"two words"}
    assert signature("") is None
    assert signature("One sentence quoted by two reports is not a copy.") is None
    wire, repost, harbour = (signature(t) for t in (WIRE, REPOST, UNRELATED))
    assert wire is not None and repost is not None and harbour is not None
    assert similarity(wire.tobytes(), repost.tobytes()) >= 0.5
    assert similarity(wire.tobytes(), harbour.tobytes()) < 0.1


def test_copies_group_reposts_to_the_earliest_report(tmp_path: Path) -> None:
    groups = _groups(tmp_path / "a.db", ("wire", "repost", "copy", "harbour"))
    assert groups == {"wire": None, "repost": "wire", "copy": "wire", "harbour": None}


def test_copies_same_groups_in_any_order(tmp_path: Path) -> None:
    results = [
        _groups(tmp_path / f"{i}.db", order)
        for i, order in enumerate(permutations(("wire", "repost", "copy", "harbour")))
    ]
    assert all(result == results[0] for result in results)


def test_copies_undated_copy_ties_broken_by_content_hash(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "l.db") as store:
        second = _put(store, "b", WIRE, None, "B")
        first = _put(store, "a", WIRE + " More.", None, "A")  # hash-a sorts first
        link_copies(store)
        copy_of = {d.id: d.copy_of for d in store.documents()}
    assert copy_of == {second: first, first: None}


def test_copies_relink_is_incremental_and_reingest_changes_nothing(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "l.db") as store:
        repost = _put(store, "repost", *REPORTS["repost"])
        assert link_copies(store) == 1
        wire = _put(store, "wire", *REPORTS["wire"])
        assert link_copies(store) == 1  # only the new report is signed
        assert {d.id: d.copy_of for d in store.documents()} == {repost: wire, wire: None}
        _put(store, "wire", *REPORTS["wire"])  # unchanged: nothing to sign again
        assert link_copies(store) == 0
        assert {d.id: d.copy_of for d in store.documents()} == {repost: wire, wire: None}


def test_copies_replaced_report_leaves_its_group(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "l.db") as store:
        wire = _put(store, "wire", *REPORTS["wire"])
        repost = _put(store, "repost", *REPORTS["repost"])
        link_copies(store)
        store.put("file:wire", make_report(UNRELATED, content_hash="hash-new"), "p1")
        link_copies(store)
        copy_of = {d.id: d.copy_of for d in store.documents()}
    assert copy_of == {wire: None, repost: None}


# The wire report in French, written for this test.
TRANSLATED = (
    "De violents bombardements ont frappé la nuit dernière la banlieue nord de Veltrana, a "
    "indiqué mardi le conseil provincial. Au moins douze maisons ont été détruites près de "
    "l'ancien marché aux grains et la station de pompage a été privée d'électricité pendant "
    "six heures. Un porte-parole du conseil a déclaré que les équipes de réparation n'avaient "
    "pas pu atteindre la station avant la fin des tirs, à l'aube."
)


def test_copies_translated_copy_links_to_the_original(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "t.db") as store:
        wire = _put(store, "wire", WIRE, "2021-03-02", "Shelling hits Veltrana suburbs")
        french = _put(store, "fr", TRANSLATED, "2021-03-03", "Bombardements sur Veltrana")
        link_copies(store)
        copies = {d.id: d.copy_of for d in store.documents()}
    assert copies[french] == wire and copies[wire] is None


class _CountingCandidates:
    """A store that counts its `copy_candidates` queries."""

    def __init__(self, store: SQLiteStore) -> None:
        self._store, self.queries = store, 0

    def __getattr__(self, name: str) -> object:
        return getattr(self._store, name)

    def copy_candidates(self, doc_id: int) -> dict[int, bytes]:
        self.queries += 1
        return self._store.copy_candidates(doc_id)


def test_copies_word_for_word_reprints_query_their_candidates_once(tmp_path: Path) -> None:
    """Twelve reprints of the wire, and the repost: one candidate query for the reprints
    (the same bands), one for the repost, and the same groups as linking them one by one."""
    with SQLiteStore(tmp_path / "l.db") as store:
        wire = _put(store, "wire", *REPORTS["wire"])
        repost = _put(store, "repost", *REPORTS["repost"])
        link_copies(store)
        reprints = [_put(store, f"reprint-{i}", WIRE, f"2021-03-{4 + i:02d}", f"R{i}")
                    for i in range(12)]
        counting = _CountingCandidates(store)
        link_copies(counting)  # type: ignore[arg-type]
        copy_of = {d.id: d.copy_of for d in store.documents()}
    assert counting.queries == 2
    assert copy_of == {wire: None, repost: wire, **{r: wire for r in reprints}}

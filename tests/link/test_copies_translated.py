"""Translated copies (corroborate.link.crosslang through corroborate.link.copies) on the
invented reports of tests/fixtures/translated.py."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from corroborate.clean import clean_report
from corroborate.language import detect_language
from corroborate.link import crosslang
from corroborate.link.copies import link_copies
from corroborate.model import RawReport
from corroborate.samples import SAMPLES_DIR
from corroborate.store import SQLiteStore
from corroborate.store.migrations import MIGRATIONS
from tests.conftest import make_report
from tests.fixtures.translated import (
    DEV_ORIGINALS,
    DEV_SAME_TOPIC,
    DEV_TRANSLATIONS,
    ORIGINALS,
    SAME_TOPIC,
    TRANSLATIONS,
    Invented,
)

DESIGN = ORIGINALS + TRANSLATIONS + SAME_TOPIC
HELD_OUT = DEV_ORIGINALS + DEV_TRANSLATIONS + DEV_SAME_TOPIC


def _put(store: SQLiteStore, report: Invented, published: str | None = None) -> None:
    store.put(
        f"file:{report.name}",
        make_report(
            report.text,
            content_hash=f"hash-{report.name}",
            published=published or report.published,
            title=report.name,
            language=detect_language(report.text),  # as the pipeline's language stage does
        ),
        "p1",
    )


def _groups(store: SQLiteStore) -> dict[str, str | None]:
    """Each report's name -> the name of the original it is a copy of (None: an original)."""
    names = {d.id: d.key.removeprefix("file:") for d in store.documents()}
    return {names[d.id]: names[d.copy_of] if d.copy_of else None for d in store.documents()}


def _linked(path: Path, reports: list[Invented]) -> dict[str, str | None]:
    with SQLiteStore(path) as store:
        for report in reports:
            _put(store, report)
        link_copies(store)
        return _groups(store)


def test_translated_detect_language_agrees_with_the_fixtures() -> None:
    assert all(detect_language(r.text) == r.language for r in DESIGN + HELD_OUT)


def test_translated_fingerprint_folds_number_words_and_names() -> None:
    french = crosslang.fingerprint(
        "Le conseil de Veltrana a compté douze maisons détruites et 25 000 déplacés.", "fr"
    )
    english = crosslang.fingerprint(
        "The council of Veltrana counted twelve destroyed houses and 25,000 displaced.", "en"
    )
    assert french.numbers == english.numbers == {"12", "25000"}
    assert "veltrana" in french.names and "le" not in french.names  # sentence start
    assert crosslang.comparable(french, english)


def test_translated_fingerprint_reads_digits_of_any_script() -> None:
    arabic_digits = crosslang.fingerprint("Il y a eu \u0661\u0662 morts et 007 blessés.", "fr")
    assert arabic_digits.numbers == {"12", "7"}
    assert crosslang.number_bands(arabic_digits.numbers)
    assert crosslang.fingerprint("9" * 5000 + " morts", "fr").numbers == {"9" * 5000}


def test_translated_fingerprint_meets_city_names_across_languages() -> None:
    french = crosslang.fingerprint("Les délégués sont arrivés à Moscou lundi.", "fr")
    english = crosslang.fingerprint("The delegates arrived in Moscow on Monday.", "en")
    german = crosslang.fingerprint("Die Delegierten sind am Montag in Moskau angekommen.", "de")
    shared = french.names & english.names & german.names
    assert shared and all(name.startswith("g:") for name in shared)


def test_translated_order_and_score_are_symmetric() -> None:
    first, second = (
        crosslang.fingerprint(TRANSLATIONS[2].text, "fr"),
        crosslang.fingerprint(ORIGINALS[1].text, "en"),
    )
    assert crosslang.order(first.anchors, second.anchors) == crosslang.order(
        second.anchors, first.anchors
    )
    assert crosslang.score(first, second) == crosslang.score(second, first)


def test_translated_number_bands() -> None:
    assert crosslang.number_bands(frozenset({"12"})) == []
    bands = crosslang.number_bands(frozenset({"12", "6"}))
    assert len(bands) == crosslang.NUMBER_BANDS
    assert all(band >= crosslang.BAND_BASE for band, _ in bands)
    assert bands == crosslang.number_bands(frozenset({"6", "12"}))


def test_translated_copies_link_to_their_originals_and_near_misses_do_not(
    tmp_path: Path,
) -> None:
    for i, reports in enumerate((DESIGN, HELD_OUT)):
        expected = {r.name: r.copy_of for r in reports}
        assert _linked(tmp_path / f"{i}.db", reports) == expected


def test_translated_groups_do_not_depend_on_the_order(tmp_path: Path) -> None:
    expected = {r.name: r.copy_of for r in DESIGN}
    for seed in range(3):
        reports = list(DESIGN)
        random.Random(seed).shuffle(reports)
        assert _linked(tmp_path / f"{seed}.db", reports) == expected


def test_translated_copy_added_later_and_reingest_change_nothing(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "l.db") as store:
        for report in ORIGINALS + SAME_TOPIC:
            _put(store, report)
        link_copies(store)
        assert set(_groups(store).values()) == {None}
        for report in TRANSLATIONS:
            _put(store, report)
        assert link_copies(store) == len(TRANSLATIONS)
        grouped = _groups(store)
        for report in DESIGN:
            _put(store, report)  # unchanged: nothing to sign again
        assert link_copies(store) == 0
        assert _groups(store) == grouped == {r.name: r.copy_of for r in DESIGN}


def test_translated_copy_published_weeks_later_is_not_a_copy(tmp_path: Path) -> None:
    original, translation = ORIGINALS[1], TRANSLATIONS[2]
    with SQLiteStore(tmp_path / "l.db") as store:
        _put(store, original)
        _put(store, translation, published="2022-07-20")
        link_copies(store)
        assert _groups(store) == {original.name: None, translation.name: None}


def test_translated_ledger_signed_by_an_older_version_is_signed_again(tmp_path: Path) -> None:
    original, translation = ORIGINALS[1], TRANSLATIONS[2]
    path = tmp_path / "l.db"
    with SQLiteStore(path) as store:
        _put(store, original)
        _put(store, translation)
        link_copies(store)
    # the schema version before the migration that has every report signed again
    version = next(i for i, m in enumerate(MIGRATIONS) if "DELETE FROM signatures" in m)
    with sqlite3.connect(path) as conn:  # as the version before the number bands left it
        conn.execute("DELETE FROM bands WHERE band >= ?", (crosslang.BAND_BASE,))
        conn.execute("UPDATE documents SET copy_of = NULL")
        conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    with SQLiteStore(path) as store:
        assert link_copies(store) == 2
        assert _groups(store) == {original.name: None, translation.name: original.name}


def test_translated_same_event_same_toll_in_another_order_is_not_a_copy(tmp_path: Path) -> None:
    # the bundled samples: a French report and an English one on one fire give the same toll
    # (three, seven, twelve dead) from different sources, each in its own order
    names = ("02_euphrates_post_death_toll.txt", "03_courrier_euphrate_fr.txt")
    reports = []
    for name in names:
        path = SAMPLES_DIR / name
        cleaned = clean_report(RawReport(str(path), "text", path.read_text(encoding="utf-8")))
        language = detect_language(cleaned.text) or ""
        reports.append(Invented(name, language, cleaned.published or "", cleaned.text, None))
    english, french = (crosslang.fingerprint(r.text, r.language) for r in reports)
    assert crosslang.comparable(english, french)  # they share the toll and the places
    assert _linked(tmp_path / "l.db", reports) == dict.fromkeys(names)

"""Canonical actors from hand-built mentions: aliases, titles and role phrases join."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.actors import link_actors, load_aliases
from corroborate.geo import METONYMY
from corroborate.model import Mention, PlaceMention


def _mentions(text: str, *spans: tuple[str, str]) -> list[Mention]:
    found, position = [], 0
    for name, label in spans:
        start = text.index(name, position)
        found.append(Mention(start, start + len(name), name, label))
        position = start + len(name)
    return found


def test_canonical_peskov_variants_join_with_role() -> None:
    text = (
        "Kremlin spokesman Dmitry Peskov told reporters the talks went well. Peskov added "
        "nothing. Later the Kremlin spokesman declined to comment. Dmitri Peskov left."
    )
    found = link_actors(
        text, _mentions(text, ("Dmitry Peskov", "PER"), ("Peskov", "PER"), ("Dmitri Peskov", "PER"))
    )
    people = [m for m in found if m.type == "PER"]
    assert {m.name for m in people} == {"Dmitry Peskov"}
    assert len(people) == 4  # three names and the lone "Kremlin spokesman"
    assert people[0].role == "Kremlin spokesman"
    assert len({m.key for m in people}) == 1


def test_canonical_assad_variants_join() -> None:
    text = "President Bashar al-Assad spoke. Assad said more. Bashar Assad's forces moved."
    found = link_actors(
        text,
        _mentions(
            text, ("President Bashar al-Assad", "PER"), ("Assad", "PER"), ("Bashar Assad's", "PER")
        ),
    )
    assert {m.name for m in found} == {"Bashar al-Assad"}
    assert found[0].role == "President"


def test_canonical_outlet_spellings_join() -> None:
    text = "The Syrian Mirror published the files; Syria Mirror said they were real."
    found = link_actors(text, _mentions(text, ("Syrian Mirror", "ORG"), ("Syria Mirror", "ORG")))
    assert {m.name for m in found} == {"Syria Mirror"}


def test_canonical_name_missed_by_ner_after_a_role() -> None:
    text = "Russian Defense Minister Sergei Shoigu said troops were ready."
    [shoigu] = link_actors(text, [])
    assert (shoigu.name, shoigu.role) == ("Sergei Shoigu", "Russian Defense Minister")


def test_canonical_place_used_as_actor_is_an_org() -> None:
    text = "Moscow said it hit militants."
    place = PlaceMention(0, 6, "Moscow", None, METONYMY)
    [moscow] = link_actors(text, [], [place])
    assert (moscow.name, moscow.type) == ("Moscow", "ORG")


def test_canonical_user_alias_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    aliases = tmp_path / "aliases.tsv"
    aliases.write_text("Abu Mohammad al-Golani\tPER\tAhmed al-Sharaa\n", encoding="utf-8")
    monkeypatch.setenv("CORROBORATE_ACTOR_ALIASES", str(aliases))
    text = "Ahmed al-Sharaa met envoys."
    [person] = link_actors(text, _mentions(text, ("Ahmed al-Sharaa", "PER")))
    assert person.name == "Abu Mohammad al-Golani"


def test_canonical_bad_alias_file_names_line(tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.tsv"
    aliases.write_text("# comment\nOnly two\tcells\n", encoding="utf-8")
    with pytest.raises(Exception, match="aliases.tsv, line 2"):
        load_aliases(str(aliases))

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, Span

from corroborate.errors import CorroborateError
from corroborate.nlp import place_ruler
from corroborate.nlp.place_ruler import PlaceRuler, build_names, gazetteer_names, read_names

VOCAB = spacy.blank("en").vocab


def _doc(text: str, ents: tuple[tuple[int, int, str], ...] = ()) -> Doc:
    doc = Doc(VOCAB, words=text.split())
    doc.set_ents([Span(doc, s, e, label=label) for s, e, label in ents], default="outside")
    return doc


def _ruler(*names: str, overwrite: bool = False) -> PlaceRuler:
    ruler = PlaceRuler(overwrite_ents=overwrite)
    ruler.add_names(names)
    return ruler


def test_place_ruler_tags_a_name_the_ner_left_out() -> None:
    doc = _ruler("Ras al - Ain", "Ras")(_doc("Shelling hit Ras al - Ain again , Amira Haddad said"))
    found = {(e.text, e.label_) for e in doc.ents}
    assert found == {("Ras al - Ain", "LOC")}  # the longest name, not its first word


def test_place_ruler_keeps_what_the_ner_found_unless_told_to_overwrite() -> None:
    text = "Troops left Aleppo city on foot"
    ner = ((2, 4, "ORG"),)
    kept = _ruler("Aleppo")(_doc(text, ner))
    assert [(e.text, e.label_) for e in kept.ents] == [("Aleppo city", "ORG")]
    over = _ruler("Aleppo", overwrite=True)(_doc(text, ner))
    assert [(e.text, e.label_) for e in over.ents] == [("Aleppo", "LOC")]


def test_place_ruler_skips_a_name_inside_a_longer_capitalised_name() -> None:
    doc = _ruler("Thorne", "Aleppo")(_doc("Bella Thorne visited Aleppo Tuesday"))
    assert [(e.text, e.label_) for e in doc.ents] == [("Aleppo", "LOC")]


def test_place_ruler_matches_exact_token_text_only() -> None:
    doc = _ruler("Homs")(_doc("homs and HOMSX were quiet"))
    assert not doc.ents


def _rank(word: str) -> int:
    return {"bay": 10, "of": 1, "police": 5}.get(word, 90_000)


def test_build_names_drops_common_words_but_keeps_countries() -> None:
    names = {"Bay": False, "Of": False, "Police": False, "Chad": True, "Tartus": False}
    lines = build_names(names, lambda w: 5 if w == "chad" else _rank(w), str.split, 1_000)
    assert "Chad" in lines and "Tartus" in lines and "TARTUS" in lines
    assert not {"Bay", "Of", "Police"} & set(lines)


def test_build_names_adds_ascii_forms_and_skips_lowercase_names() -> None:
    lines = build_names({"Ḩamāh": False, "el Bab": False}, _rank, str.split, 1_000)
    assert "Hamah" in lines and "Ḩamāh" in lines
    assert not any(line.lower().startswith("el") for line in lines)


def _gazetteer(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE places (id INTEGER, name TEXT, feature_class TEXT, feature_code TEXT,"
        " population INTEGER);"
        "CREATE TABLE countries (code TEXT, name TEXT);"
        "CREATE TABLE regions (code TEXT, name TEXT);"
        "INSERT INTO places VALUES (1, 'Bigtown', 'P', 'PPL', 50000),"
        " (2, 'Hamlet', 'P', 'PPL', 900), (3, 'Lakeland', 'A', 'ADM2', 0);"
        "INSERT INTO countries VALUES ('XX', 'Freedonia');"
        "INSERT INTO regions VALUES ('XX.01', 'North Province');"
    )
    conn.commit()
    conn.close()
    return path


def test_gazetteer_names_keep_countries_regions_and_large_places(tmp_path: Path) -> None:
    names = gazetteer_names(_gazetteer(tmp_path / "g.sqlite"), min_population=15_000)
    assert names == {"Bigtown": False, "Freedonia": True, "North Province": False}


def test_gazetteer_names_name_the_file_that_is_not_a_gazetteer(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_text("not sqlite")
    with pytest.raises(CorroborateError, match="bad.sqlite"):
        gazetteer_names(bad)


def test_read_names_names_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CorroborateError, match="missing.txt"):
        read_names(tmp_path / "missing.txt")


def test_shipped_names_record_how_they_were_built() -> None:
    path = place_ruler.names_path()
    header = json.loads(path.read_text(encoding="utf-8").splitlines()[0].lstrip("# "))
    names = read_names(path)
    assert header["names"] == len(names) and "GeoNames" in header["source"]
    assert header["min_population"] == place_ruler.MIN_POPULATION
    assert {"Syria", "Aleppo", "Lebanon"} <= set(names)
    assert not {"Bay", "Police", "Of"} & set(names)


def test_place_ruler_a_name_at_the_end_of_the_text_is_not_read_past_it() -> None:
    # "Saint Louis" and "Saint Louis Park": at the text's end the three-word slice holds only
    # the two words left, which spell the shorter name; the match must keep its own length
    doc = _ruler("Saint Louis", "Saint Louis Park")(_doc("Flights resumed to Saint Louis"))
    assert [(e.text, e.start, e.end) for e in doc.ents] == [("Saint Louis", 3, 5)]

"""Geocoding invented report text with hand-built mentions against the packaged gazetteer:
aliases join, the text's feature words and the report's countries decide, metonymy is an
actor."""

from __future__ import annotations

from corroborate.geo import METONYMY, NOT_FOUND, default_gazetteer, geocode
from corroborate.model import Mention, PlaceMention

HMEIMIM_BASE = -1  # the curated supplement's Hmeimim Air Base
LATAKIA_CITY, LATAKIA_GOVERNORATE = 173576, 173578
TARTUS_CITY = 163345
HOMS_CITY = 169577
AL_WAER = -13
TRIPOLI_LEBANON, TRIPOLI_LIBYA = 266826, 2210247
BEIRUT = 276781


def _loc(text: str, *names: str) -> list[Mention]:
    """LOC mentions of each name's first occurrence after the previous one."""
    mentions, position = [], 0
    for name in names:
        start = text.index(name, position)
        mentions.append(Mention(start, start + len(name), name, "LOC"))
        position = start + len(name)
    return mentions


def _places(text: str, *names: str) -> dict[str, PlaceMention]:
    found = geocode(text, _loc(text, *names), default_gazetteer())
    return {place.text: place for place in found}


def _ids(text: str, *names: str) -> list[int | None]:
    places = _places(text, *names)
    return [places[n].place.geonames_id if places[n].place else None for n in names]


def test_resolve_hmeimim_spellings_join() -> None:
    text = "Jets left Hmeimim, Khmeimim, Humaimam and Hemeymim in Syria."
    ids = _ids(text, "Hmeimim", "Khmeimim", "Humaimam", "Hemeymim", "Syria")
    assert ids[:4] == [HMEIMIM_BASE] * 4


def test_resolve_other_issue_aliases_join() -> None:
    text = "Clashes in Latakia and Lattakia, Tartous and Tartus, Al-Waer and Waer, Syria."
    ids = _ids(text, "Latakia", "Lattakia", "Tartous", "Tartus", "Al-Waer", "Waer", "Syria")
    assert ids[0] == ids[1] == LATAKIA_CITY
    assert ids[2] == ids[3] == TARTUS_CITY
    assert ids[4] == ids[5] == AL_WAER


def test_resolve_feature_words_choose_region_or_city() -> None:
    text = "Shelling in Latakia province and near the city of Homs in Homs province."
    places = geocode(
        text, _loc(text, "Latakia province", "Homs", "Homs province"), default_gazetteer()
    )
    governorate, city, homs_region = (p.place for p in places)
    assert governorate is not None and governorate.geonames_id == LATAKIA_GOVERNORATE
    assert governorate.precision == "region"
    assert city is not None and city.geonames_id == HOMS_CITY and city.precision == "city"
    assert homs_region is not None and homs_region.feature_type == "ADM1"
    assert places[0].text == "Latakia"  # the name as written, without the kind word


def test_resolve_report_countries_choose_between_namesakes() -> None:
    lebanon = "Lebanese police said two men were held in Tripoli, north of Beirut."
    libya = "Militias clashed in Tripoli, the capital of Libya, Libyan officials said."
    assert _ids(lebanon, "Tripoli", "Beirut") == [TRIPOLI_LEBANON, BEIRUT]
    assert _ids(libya, "Tripoli", "Libya")[0] == TRIPOLI_LIBYA


def test_resolve_metonymy_is_an_actor_not_a_place() -> None:
    text = (
        "Moscow said the strikes hit militants. The Kremlin denied it. Moscow's envoy "
        "left. Local sources in Hama said three died."
    )
    places = geocode(text, _loc(text, "Moscow", "Kremlin", "Moscow", "Hama"), default_gazetteer())
    assert [p.reason for p in places[:3]] == [METONYMY] * 3
    assert all(p.place is None for p in places[:3])
    assert places[3].place is not None and places[3].place.country == "Syria"


def test_resolve_upper_case_dateline_without_ner() -> None:
    text = "BEIRUT (Reuters) - Talks resumed on Monday."
    [dateline] = geocode(text, [], default_gazetteer())
    assert (dateline.text, dateline.place and dateline.place.geonames_id) == ("BEIRUT", BEIRUT)


def test_resolve_names_after_prepositions_without_ner() -> None:
    text = "Syrian officials said rockets fell near Jableh and Baniyas on Monday."
    names = {p.text: p.place for p in geocode(text, [], default_gazetteer())}
    assert names["Jableh"] is not None and names["Jableh"].admin1 == "Latakia"
    assert names["Baniyas"] is not None and names["Baniyas"].country == "Syria"
    assert "Syrian" not in names


def test_resolve_unknown_place_keeps_its_reason() -> None:
    text = "Fighting spread to Qurt Zalabiyeh in Syria."
    places = _places(text, "Qurt Zalabiyeh", "Syria")
    assert places["Qurt Zalabiyeh"].place is None
    assert places["Qurt Zalabiyeh"].reason == NOT_FOUND

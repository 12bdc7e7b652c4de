"""Places and canonical actors in the store: the web UI's contract (`places`,
`place_claims`), claim filters by any spelling, and replacement on re-ingest."""

from __future__ import annotations

from corroborate.model import ActorMention, Certainty, Claim, Mention, Place, PlaceMention
from corroborate.store import SQLiteStore
from tests.conftest import make_report

LATAKIA = Place(
    173576, "Latakia", "P", "PPLA", "SY", "Syria", "Latakia", 340181, 35.5317, 35.7901, "city"
)
BASE = Place(
    -1, "Hmeimim Air Base", "S", "AIRB", "SY", "Syria", "Latakia", 0, 35.4011, 35.9486, "point"
)
FIRST = "Jets from Khmeimim hit Lattakia, Peskov said."
SECOND = "The Kremlin spokesman Dmitry Peskov visited Latakia."


def _claim(text: str) -> Claim:
    return Claim(0, len(text), text, certainty=Certainty.ASSERTED)


def _at(text: str, name: str) -> tuple[int, int]:
    start = text.index(name)
    return start, start + len(name)


def _fill(store: SQLiteStore) -> None:
    first = make_report(
        FIRST,
        content_hash="h1",
        claims=(_claim(FIRST),),
        mentions=(Mention(*_at(FIRST, "Peskov"), "Peskov", "PER"),),
        places=(
            PlaceMention(*_at(FIRST, "Khmeimim"), "Khmeimim", BASE),
            PlaceMention(*_at(FIRST, "Lattakia"), "Lattakia", LATAKIA),
        ),
        actors=(
            ActorMention(
                *_at(FIRST, "Peskov"), "Peskov", "Dmitry Peskov", "PER", key="dmitry peskov"
            ),
        ),
    )
    second = make_report(
        SECOND,
        content_hash="h2",
        claims=(_claim(SECOND),),
        places=(
            PlaceMention(*_at(SECOND, "Latakia"), "Latakia", LATAKIA),
            PlaceMention(*_at(SECOND, "Kremlin"), "Kremlin", None, "metonymy"),
        ),
        actors=(
            ActorMention(
                *_at(SECOND, "Dmitry Peskov"),
                "Dmitry Peskov",
                "Dmitry Peskov",
                "PER",
                "Kremlin spokesman",
                key="dmitry peskov",
            ),
        ),
    )
    store.put("file:a", first, "p1")
    store.put("file:b", second, "p1")


def test_places_rows_hold_spellings_documents_and_claims(fresh_store: SQLiteStore) -> None:
    _fill(fresh_store)
    latakia, base = fresh_store.places()
    assert (latakia.geonames_id, latakia.name, latakia.country) == (173576, "Latakia", "Syria")
    assert (latakia.feature_type, latakia.precision) == ("PPLA", "city")
    assert sorted(latakia.spellings) == ["Latakia", "Lattakia"]
    assert sorted(latakia.documents) == [1, 2]
    assert latakia.claims == 2
    assert isinstance(latakia.spellings, list) and isinstance(latakia.documents, list)
    assert (base.geonames_id, base.claims, base.spellings) == (-1, 1, ["Khmeimim"])


def test_places_limit_offset_and_place_claims(fresh_store: SQLiteStore) -> None:
    _fill(fresh_store)
    assert [p.geonames_id for p in fresh_store.places(limit=1, offset=1)] == [-1]
    assert [c.text for c in fresh_store.place_claims(-1)] == [FIRST]
    assert len(fresh_store.place_claims(173576)) == 2


def test_claims_filter_by_any_place_or_actor_spelling(fresh_store: SQLiteStore) -> None:
    _fill(fresh_store)
    assert len(list(fresh_store.claims(place="lattakia"))) == 2
    assert [c.text for c in fresh_store.claims(place="Hmeimim Air Base")] == [FIRST]
    assert len(list(fresh_store.claims(actor="Peskov"))) == 2
    assert list(fresh_store.claims(place="Kremlin")) == []  # unresolved: not on the map


def test_actors_join_across_reports_with_aliases_and_roles(fresh_store: SQLiteStore) -> None:
    _fill(fresh_store)
    [peskov] = list(fresh_store.actors())
    assert (peskov.name, peskov.type, peskov.mentions, peskov.documents) == (
        "Dmitry Peskov",
        "PER",
        2,
        2,
    )
    assert sorted(peskov.aliases) == ["Dmitry Peskov", "Peskov"]
    assert peskov.roles == ["Kremlin spokesman"]


def test_places_replaced_on_reingest(fresh_store: SQLiteStore) -> None:
    _fill(fresh_store)
    fresh_store.put("file:a", make_report("Nothing here.", content_hash="h3"), "p1")
    [latakia] = fresh_store.places()
    assert latakia.documents == [2]
    assert [a.mentions for a in fresh_store.actors()] == [1]


def test_entities_carry_their_canonical_actor(fresh_store: SQLiteStore) -> None:
    _fill(fresh_store)
    [entity] = list(fresh_store.entities())
    assert (entity.name, entity.actor) == ("Peskov", "Dmitry Peskov")

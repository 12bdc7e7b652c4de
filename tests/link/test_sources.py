"""Stance from certainty and independent origins (corroborate.link.sources)."""

from __future__ import annotations

from corroborate.link.sources import claim_stance, independent, name_words, origins, tally
from corroborate.model import Certainty
from corroborate.store.tables import EvidenceRow


def _item(claim_id: int, doc_id: int, source: str | None, **fields: object) -> EvidenceRow:
    values: dict[str, object] = dict(
        claim_id=claim_id, doc_id=doc_id, text="t", content="t", source=source,
        chain=(source,) if source else (), cue="said" if source else None,
        certainty=Certainty.ASSERTED, hedges=(), start=claim_id, outlet=f"Outlet {doc_id}",
        published="2020-01-01", copy_of=None, proposition_id=1, stance="supports",
    )
    values.update(fields)
    return EvidenceRow(**values)  # type: ignore[arg-type]


def test_sources_stance_follows_certainty_and_whose_doubt() -> None:
    assert claim_stance(Certainty.ASSERTED, "said", ()) == "supports"
    assert claim_stance(Certainty.DENIED, "denied", ("denied",)) == "refutes"
    # only the outlet's distancing cue: the source still states it
    assert claim_stance(Certainty.HEDGED, "claims", ("claims",)) == "supports"
    assert claim_stance(Certainty.HEDGED, "said", ("may",)) == "discusses"
    assert claim_stance(Certainty.HEDGED, None, ("reportedly",)) == "discusses"


def test_sources_names_normalised() -> None:
    assert name_words("The Kremlin's press office") == ("kremlin", "press", "office")
    assert name_words("Syrian state TV") == ("syrian", "state", "television")


def test_sources_two_outlets_quoting_one_source_count_once() -> None:
    items = [
        _item(1, 1, "state television"),
        _item(2, 2, "Syrian state TV"),
        _item(3, 3, "the Syrian State Television in Damascus"),
        _item(4, 4, "activists"),
    ]
    found = independent(origins(items).values())
    assert [o.name for o in found] == ["state television", "activists"]


def test_sources_copies_and_repeats_add_nothing() -> None:
    items = [
        _item(1, 1, None),  # Outlet 1 asserts it
        _item(2, 2, None, copy_of=1),  # a copy of that report
        _item(3, 3, "Outlet 1", chain=("Outlet 1",)),  # another outlet repeating it
        _item(4, 4, "Western diplomats", chain=("Outlet 5", "Western diplomats")),
    ]
    found = independent(origins(items).values())
    assert [o.name for o in found] == ["Outlet 1", "Western diplomats"]


def test_sources_pointing_back_speaker_is_the_previous_one() -> None:
    items = [_item(1, 1, "the defence ministry"), _item(2, 1, "The report")]
    assert [o.name for o in independent(origins(items).values())] == ["the defence ministry"]
    alone = [_item(3, 2, "it")]
    assert [o.name for o in independent(origins(alone).values())] == ["Outlet 2"]


def test_sources_tally_for_and_against() -> None:
    items = [
        _item(1, 1, "activists"),
        _item(2, 2, "Moscow", certainty=Certainty.DENIED),
        _item(3, 3, "a local official", certainty=Certainty.HEDGED, hedges=("may",)),
    ]
    stances = {1: "supports", 2: "refutes", 3: "discusses"}
    counted = tally(items, stances)
    assert [o.name for o in counted.supports] == ["activists"]
    assert [o.name for o in counted.refutes] == ["Moscow"]

"""places: each place the report names, resolved to a gazetteer entry or left with a reason."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.attrs import IDX, POS
from spacy.parts_of_speech import ADJ
from spacy.tokens import Doc

from corroborate.actors.canonical import known_names
from corroborate.geo import default_gazetteer, geocode
from corroborate.registry import Stage, Work
from corroborate.settings import ACTOR_ALIASES


def _run(batch: Sequence[Work]) -> None:
    gazetteer = default_gazetteer()
    actors = known_names(str(ACTOR_ALIASES.value()))
    for work in batch:
        text = work.cleaned.text if work.cleaned is not None else ""
        adjectives = _adjective_offsets(work.doc) if work.doc is not None else None
        work.places = geocode(text, work.mentions, gazetteer, actors, adjectives)


def _adjective_offsets(doc: Doc) -> frozenset[int]:
    """Character offsets of the adjectives, read as one array (a Python token object for
    every token of every report cost about 3 % of ingest)."""
    columns = doc.to_array([IDX, POS])
    return frozenset(int(offset) for offset in columns[columns[:, 1] == ADJ, 0])


STAGE = Stage(
    name="places",
    version=1,
    requires=("cleaned", "mentions"),
    assigns=("places",),
    run=_run,
    help="place names resolved against the GeoNames gazetteer (or why not)",
    reads=("models/gazetteer/*", "gazetteer/*", "lexicons/place_*", "lexicons/actor_aliases.tsv"),
)

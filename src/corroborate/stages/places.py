"""places: each place the report names, resolved to a gazetteer entry or left with a reason."""

from __future__ import annotations

from collections.abc import Sequence

from corroborate.actors.canonical import known_names
from corroborate.geo import default_gazetteer, geocode
from corroborate.registry import Stage, Work
from corroborate.settings import ACTOR_ALIASES


def _run(batch: Sequence[Work]) -> None:
    gazetteer = default_gazetteer()
    actors = known_names(str(ACTOR_ALIASES.value()))
    for work in batch:
        text = work.cleaned.text if work.cleaned is not None else ""
        adjectives = None
        if work.doc is not None:
            adjectives = frozenset(t.idx for t in work.doc if t.pos_ == "ADJ")
        work.places = geocode(text, work.mentions, gazetteer, actors, adjectives)


STAGE = Stage(
    name="places",
    version=1,
    requires=("cleaned", "mentions"),
    assigns=("places",),
    run=_run,
    help="place names resolved against the GeoNames gazetteer (or why not)",
    reads=("models/gazetteer/*", "gazetteer/*", "lexicons/place_*", "lexicons/actor_aliases.tsv"),
)

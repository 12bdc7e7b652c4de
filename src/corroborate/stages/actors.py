"""actors: each person, organisation and government named, joined to its canonical actor."""

from __future__ import annotations

from collections.abc import Sequence

from corroborate.actors import link_actors
from corroborate.registry import Stage, Work


def _run(batch: Sequence[Work]) -> None:
    for work in batch:
        text = work.cleaned.text if work.cleaned is not None else ""
        work.actors = link_actors(text, work.mentions, work.places)


STAGE = Stage(
    name="actors",
    version=1,
    requires=("cleaned", "mentions", "places"),
    assigns=("actors",),
    run=_run,
    help="canonical actors: aliases, titles and role phrases joined within and across reports",
    reads=("lexicons/actor_*",),
)

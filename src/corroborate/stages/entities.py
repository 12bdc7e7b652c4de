"""entities: the parse's named people, organisations and places as mentions (spans)."""

from __future__ import annotations

from collections.abc import Sequence

from corroborate.model import Mention
from corroborate.registry import Stage, Work

ENTITY_TYPES = frozenset({"PER", "ORG", "LOC"})


def _run(batch: Sequence[Work]) -> None:
    for work in batch:
        ents = work.doc.ents if work.doc is not None else ()
        work.mentions = tuple(
            Mention(ent.start_char, ent.end_char, ent.text, ent.label_)
            for ent in ents
            if ent.label_ in ENTITY_TYPES
        )


STAGE = Stage(
    name="entities",
    version=1,
    requires=("doc",),
    assigns=("mentions",),
    run=_run,
    help="named entities (PER, ORG, LOC) from the parse",
)

"""entities: the parse's named people, organisations and places as mentions (spans),
trimmed and typed consistently within the report (`corroborate.mentions`)."""

from __future__ import annotations

from collections.abc import Sequence

from corroborate.mentions import clean_mentions
from corroborate.model import Mention
from corroborate.registry import Stage, Work

ENTITY_TYPES = frozenset({"PER", "ORG", "LOC"})


def _run(batch: Sequence[Work]) -> None:
    for work in batch:
        assert work.cleaned is not None
        ents = work.doc.ents if work.doc is not None else ()
        found = [
            Mention(ent.start_char, ent.end_char, ent.text, ent.label_)
            for ent in ents
            if ent.label_ in ENTITY_TYPES
        ]
        work.mentions = clean_mentions(work.cleaned.text, found, work.cleaned.dateline)


STAGE = Stage(
    name="entities",
    version=2,  # 2: mentions trimmed, case variants merged, one type per name per report
    requires=("doc", "cleaned"),
    assigns=("mentions",),
    run=_run,
    help="named entities (PER, ORG, LOC) from the parse, one name and type per report",
    reads=("lexicons/entity_types.txt",),
)

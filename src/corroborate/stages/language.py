"""language: the clean text's language (ISO 639-1), or None when too short or unsure."""

from __future__ import annotations

from collections.abc import Sequence

from corroborate.language import detect_language
from corroborate.registry import Stage, Work


def _run(batch: Sequence[Work]) -> None:
    for work in batch:
        assert work.cleaned is not None
        work.language = detect_language(work.cleaned.text)


STAGE = Stage(
    name="language",
    version=1,
    requires=("cleaned",),
    assigns=("language",),
    run=_run,
    help="language identification (py3langid)",
    libraries=("py3langid",),
)

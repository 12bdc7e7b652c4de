"""claims: sentences and clauses -> claims with source, chain, cue, certainty and spans."""

from __future__ import annotations

from collections.abc import Sequence

from corroborate.attribution import model_frames_many
from corroborate.claims import extract_claims
from corroborate.registry import Stage, Work
from corroborate.stages.parse import NLP_LANGUAGES

EXTRACTED = "extracted"


def _run(batch: Sequence[Work]) -> None:
    parsed = [w for w in batch if w.language in NLP_LANGUAGES and w.doc is not None]
    # the trained tagger over the batch's parsed reports at once (fewer, fuller network calls)
    frames = dict(zip(map(id, parsed), model_frames_many([w.doc for w in parsed]), strict=True))
    for work in batch:
        assert work.cleaned is not None
        if work.language not in NLP_LANGUAGES:
            work.claims, work.claims_status = (), _not_extracted(work.language)
        else:  # without a parse (a pipeline with no parse stage) the patterns read frames
            dateline = work.cleaned.dateline
            body_start = dateline.end if dateline else 0
            work.claims = tuple(extract_claims(
                work.cleaned.text, work.doc, body_start, frames.get(id(work))
            ))
            work.claims_status = EXTRACTED


def _not_extracted(language: str | None) -> str:
    if language is None:
        return "not extracted: the report's language could not be identified"
    return f"not extracted: claim extraction for language '{language}' is not available yet"


STAGE = Stage(
    name="claims",
    version=4,
    requires=("cleaned", "language", "doc"),
    assigns=("claims", "claims_status"),
    run=_run,
    help="claims with attribution (trained extractor, tree and pattern rules) and certainty "
    "(words, parse scope, commitment model)",
    reads=(
        "lexicons/cues.txt",
        "lexicons/cues_frame.txt",
        "lexicons/denials.txt",
        "lexicons/hedges.txt",
        "lexicons/abbreviations.txt",
        "lexicons/supersenses.tsv",
        "lexicons/speakers.txt",
        "models/attribution/*",
        "models/factuality/*",
        "models/embed/*",
    ),
)

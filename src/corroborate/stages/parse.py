"""parse: our spaCy pipeline over English reports (tokens, tags, trees, entities, vectors)."""

from __future__ import annotations

from collections.abc import Sequence

from corroborate.nlp.parsing import parse
from corroborate.registry import Stage, Work

# Languages our trained pipeline, vocabularies and patterns are written for.
NLP_LANGUAGES = frozenset({"en"})


def _run(batch: Sequence[Work]) -> None:
    english = [work for work in batch if work.language in NLP_LANGUAGES]
    texts = [work.cleaned.text for work in english if work.cleaned is not None]
    for work, doc in zip(english, parse(texts), strict=True):
        work.doc = doc


STAGE = Stage(
    name="parse",
    # 2: parsed in windows of whole paragraphs, as training parses (nlp.parsing)
    # 3: the GeoNames place ruler and the entity post-rules after `ner` (issue 12)
    version=3,
    requires=("cleaned", "language"),
    assigns=("doc",),
    run=_run,
    help="our spaCy pipeline (UD EWT, UNER), in windows of whole paragraphs; English only",
    reads=("models/nlp/**/*", "models/place_ruler/*"),
    libraries=("spacy",),
)

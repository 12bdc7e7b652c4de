"""The processing pipeline: raw report -> clean text and metadata -> language -> NLP
(sentences, tree, entities) -> claims.

Each stage has a versioned name; the joined names are stored with every document, so a
stored row says which code made it and a re-ingest after an upgrade re-processes it.
Reports are processed in batches so that the parser runs through `nlp.pipe`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from itertools import islice
from pathlib import Path

from spacy.tokens import Doc

from corroborate.claims import extract_claims
from corroborate.clean import clean_report
from corroborate.errors import InputError
from corroborate.language import detect_language
from corroborate.model import Cleaned, Mention, RawReport, Report
from corroborate.read.nlp import load_nlp

STAGES = (
    "corroborate.clean.v1",
    "corroborate.language.v1",
    "corroborate.read.v1",
    "corroborate.claims.v2",
)
PIPELINE = " ".join(STAGES)

# Languages our trained pipeline, vocabularies and patterns are written for.
NLP_LANGUAGES = frozenset({"en"})
EXTRACTED = "extracted"
ENTITY_TYPES = frozenset({"PER", "ORG", "LOC"})
BATCH_SIZE = 16
# Pipeline components whose output no stage reads (lemmas): skipped at ingest for speed.
UNUSED_COMPONENTS = ("trainable_lemmatizer",)

Outcome = tuple[RawReport, Report | InputError]


def process(raw: RawReport) -> Report:
    """Run every stage on one report. Raises InputError when the report has no content."""
    [(_, outcome)] = list(process_many([raw]))
    if isinstance(outcome, InputError):
        raise outcome
    return outcome


def process_many(raws: Iterable[RawReport], batch_size: int = BATCH_SIZE) -> Iterator[Outcome]:
    """Process reports in batches; yield each with its Report or the error that stopped it."""
    items = iter(raws)
    while batch := tuple(islice(items, batch_size)):  # itertools.batched is Python 3.12+
        yield from _process_batch(batch)


def _process_batch(batch: tuple[RawReport, ...]) -> list[Outcome]:
    cleaned: list[Cleaned | InputError] = [_clean(raw) for raw in batch]
    languages = [None if isinstance(c, InputError) else detect_language(c.text) for c in cleaned]
    english = [
        c.text
        for c, language in zip(cleaned, languages, strict=True)
        if not isinstance(c, InputError) and language in NLP_LANGUAGES
    ]
    docs = parse(english)
    outcomes: list[Outcome] = []
    for raw, result, language in zip(batch, cleaned, languages, strict=True):
        if isinstance(result, InputError):
            outcomes.append((raw, result))
            continue
        doc = next(docs) if language in NLP_LANGUAGES else None
        try:
            outcomes.append((raw, _report(raw, result, language, doc)))
        except Exception as err:  # a bug in a stage must not stop the other reports
            outcomes.append((raw, _internal_error(raw, err)))
    return outcomes


def parse(texts: list[str]) -> Iterator[Doc | None]:
    """The trained pipeline's parse of each text, in batches through `nlp.pipe`."""
    return iter(load_nlp().pipe(texts, disable=UNUSED_COMPONENTS))


def _clean(raw: RawReport) -> Cleaned | InputError:
    try:
        return clean_report(raw)
    except InputError as err:
        return err
    except Exception as err:  # as above: report it, go on with the next report
        return _internal_error(raw, err)


def _report(raw: RawReport, cleaned: Cleaned, language: str | None, doc: Doc | None) -> Report:
    if language in NLP_LANGUAGES:
        claims, status = tuple(extract_claims(cleaned.text, doc=doc)), EXTRACTED
        mentions = tuple(
            Mention(ent.start_char, ent.end_char, ent.text, ent.label_)
            for ent in (doc.ents if doc is not None else ())
            if ent.label_ in ENTITY_TYPES
        )
    else:
        claims, status, mentions = (), _unsupported(language), ()
    return Report(
        path=raw.path,
        row=raw.row,
        format=raw.format,
        content_hash=content_hash(raw),
        raw=raw.html if raw.html is not None else raw.text or "",
        text=cleaned.text,
        noise=cleaned.noise,
        title=cleaned.title,
        title_source=cleaned.title_source,
        published=cleaned.published,
        published_source=cleaned.published_source,
        byline=cleaned.byline,
        outlet=cleaned.outlet,
        outlet_source=cleaned.outlet_source,
        url=raw.url or cleaned.url,
        language=language,
        claims_status=status,
        claims=claims,
        mentions=mentions,
    )


def content_hash(raw: RawReport) -> str:
    """Hash of everything read for this report (content and container fields)."""
    fields = asdict(raw)
    fields.pop("path")
    return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()


def report_key(raw: RawReport) -> str:
    """A report's identity across re-ingests: its stated URL, else its file (and row).

    Standard input has no name, so its reports are identified by their content.
    """
    if raw.url:
        return f"url:{raw.url}"
    if raw.path == "-":
        return f"stdin:{content_hash(raw)}"
    location = str(Path(raw.path).resolve())
    return f"file:{location}" if raw.row is None else f"file:{location}#{raw.row}"


def _internal_error(raw: RawReport, err: Exception) -> InputError:
    return InputError(raw.location, f"internal error while processing ({err!r})")


def _unsupported(language: str | None) -> str:
    if language is None:
        return "not extracted: the report's language could not be identified"
    return f"not extracted: claim extraction for language '{language}' is not available yet"

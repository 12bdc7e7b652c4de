"""The processing pipeline: raw report -> clean text and metadata -> language -> claims.

Each stage has a versioned name; the joined names are stored with every document, so a
stored row says which code made it and a re-ingest after an upgrade re-processes it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path

from corroborate.claims import extract_claims
from corroborate.clean import clean_report
from corroborate.language import detect_language
from corroborate.model import RawReport, Report

STAGES = ("corroborate.clean.v1", "corroborate.language.v1", "corroborate.claims.v1")
PIPELINE = " ".join(STAGES)

# Languages the claim extractor's vocabularies and patterns are written for.
CLAIM_LANGUAGES = frozenset({"en"})
EXTRACTED = "extracted"


def process(raw: RawReport) -> Report:
    """Run every stage on one report. Raises InputError when the report has no content."""
    cleaned = clean_report(raw)
    language = detect_language(cleaned.text)
    if language in CLAIM_LANGUAGES:
        claims, status = tuple(extract_claims(cleaned.text)), EXTRACTED
    else:
        claims, status = (), _unsupported(language)
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


def _unsupported(language: str | None) -> str:
    if language is None:
        return "not extracted: the report's language could not be identified"
    return f"not extracted: claim extraction for language '{language}' is not available yet"

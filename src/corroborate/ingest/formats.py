"""Recognise a container's format from its content (and name) and split it into reports."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from corroborate.errors import InputError
from corroborate.model import RawReport

# Field names seen in scraper and newsroom exports, by the RawReport field they fill.
# The first present, non-empty one wins.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "article", "articleBody", "maintext"),
    "html": ("html", "raw_html", "page"),
    "url": ("url", "link", "source_url", "canonical_url"),
    "title": ("title", "headline"),
    "published": ("published", "date", "published_at", "publish_date", "date_publish", "pubdate"),
    "outlet": ("outlet", "source", "site", "site_name", "publisher", "sitename"),
    "byline": ("byline", "author", "authors"),
}

_HTML_START = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<article|<!--)", re.IGNORECASE)
_HTML_TAGS = re.compile(r"<(p|div|article|body|h1|h2|span|meta|title)\b", re.IGNORECASE)


def detect_format(name: str, text: str) -> str:
    """One of text, html, json, jsonl, csv: the content decides, the name breaks ties."""
    lowered = name.lower()
    if _HTML_START.match(text) or (lowered.endswith((".html", ".htm")) and _HTML_TAGS.search(text)):
        return "html"
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        return "jsonl" if _is_json_lines(stripped) else "json"
    if lowered.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if lowered.endswith(".json"):
        return "json"
    if lowered.endswith(".csv") or _looks_like_csv_export(text):
        return "csv"
    return "text"


def split_records(path: str, fmt: str, text: str) -> Iterator[RawReport | InputError]:
    """Yield one RawReport per report in the container, or an InputError per bad record."""
    if fmt in ("text", "html"):
        yield RawReport(path=path, format=fmt, **{fmt: text})
    elif fmt == "jsonl":
        yield from _jsonl_records(path, text)
    elif fmt == "json":
        yield from _json_records(path, text)
    else:
        yield from _csv_records(path, text)


def _is_json_lines(text: str) -> bool:
    first_line = text.split("\n", 1)[0].strip()
    if not first_line.startswith("{"):
        return False
    try:
        json.loads(first_line)
    except json.JSONDecodeError:
        return False
    return "\n" in text.strip()


def _looks_like_csv_export(text: str) -> bool:
    header = text.split("\n", 1)[0].lower()
    columns = {cell.strip().strip('"') for cell in header.split(",")}
    return len(columns) > 1 and bool(columns & set(FIELD_ALIASES["text"] + FIELD_ALIASES["html"]))


def _jsonl_records(path: str, text: str) -> Iterator[RawReport | InputError]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputError(f"{path}, row {number}", f"malformed JSON ({err.msg})")
            continue
        yield _record_to_report(path, "jsonl", number, record)


def _json_records(path: str, text: str) -> Iterator[RawReport | InputError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        yield InputError(path, f"malformed JSON ({err.msg} at line {err.lineno})")
        return
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records, start=1):
        yield _record_to_report(path, "json", number, record)


def _csv_records(path: str, text: str) -> Iterator[RawReport | InputError]:
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        fieldnames = reader.fieldnames or []
        if not set(fieldnames) & set(FIELD_ALIASES["text"] + FIELD_ALIASES["html"]):
            yield InputError(path, "CSV has no text or html column "
                                   f"(columns: {', '.join(fieldnames) or 'none'})")
            return
        for number, row in enumerate(reader, start=1):
            if None in row:  # more cells than header columns
                yield InputError(f"{path}, row {number}", "more cells than header columns")
                continue
            yield _record_to_report(path, "csv", number, row)
    except csv.Error as err:
        yield InputError(f"{path}, row {reader.line_num}", f"malformed CSV ({err})")


def _record_to_report(path: str, fmt: str, number: int, record: Any) -> RawReport | InputError:
    location = f"{path}, row {number}"
    if not isinstance(record, Mapping):
        return InputError(location, "record is not a JSON object")
    fields = {name: _first_field(record, aliases) for name, aliases in FIELD_ALIASES.items()}
    if not fields["text"] and not fields["html"]:
        return InputError(location, "record has no text or html field")
    if fields["text"] and not fields["html"] and _HTML_START.match(fields["text"]):
        fields["html"], fields["text"] = fields["text"], None
    if fields["html"]:
        fields["text"] = None
    return RawReport(path=path, format=fmt, row=number, **fields)


def _first_field(record: Mapping[str, Any], aliases: tuple[str, ...]) -> str | None:
    for alias in aliases:
        value = record.get(alias)
        if isinstance(value, list):  # e.g. "authors": ["A", "B"]
            value = ", ".join(str(item) for item in value if item)
        if value is not None and str(value).strip():
            return str(value)
    return None

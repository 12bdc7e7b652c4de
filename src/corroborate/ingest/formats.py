"""Recognise a container's format from its content (and name) and split it into reports."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from corroborate.errors import InputError
from corroborate.ingest.csv_records import csv_records
from corroborate.ingest.names import one_line
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

_BODY_FIELDS = set(FIELD_ALIASES["text"] + FIELD_ALIASES["html"])
_HTML_START = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<article|<!--)", re.IGNORECASE)
_HTML_TAGS = re.compile(r"<(p|div|article|body|h1|h2|span|meta|title)\b", re.IGNORECASE)


def detect_format(name: str, text: str) -> str:
    """One of text, html, json, jsonl, csv: the content decides, the name breaks ties.

    A .jsonl/.ndjson name means JSON Lines whatever its first line holds. Content that only
    looks like JSON (plain text opening with "[Skip to content]") stays plain text unless
    its name says JSON; a .json/.jsonl file that does not parse is an error, not text.
    """
    lowered = name.lower()
    if _HTML_START.match(text) or (lowered.endswith((".html", ".htm")) and _HTML_TAGS.search(text)):
        return "html"
    if lowered.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if lowered.endswith(".json"):
        return "jsonl" if _json_lines_shaped(text) and _json_parse_error(text) else "json"
    if text.lstrip().startswith(("{", "[")):
        if _json_lines_shaped(text):
            return "jsonl"
        error = _json_parse_error(text)
        if error is None or isinstance(error, RecursionError):
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
        yield from csv_records(path, text, _BODY_FIELDS, _record_to_report)


def _json_lines_shaped(text: str) -> bool:
    """Several lines open with "{" at the start of the line, and they are at least half of
    the non-blank lines. Pretty-printed JSON indents its objects or spreads each over many
    lines, so it never qualifies; one malformed line does not stop a file qualifying."""
    lines = [line for line in text.split("\n") if line.strip()]
    objects = sum(line.startswith("{") for line in lines)
    return objects >= 2 and 2 * objects >= len(lines)


def _json_parse_error(text: str) -> Exception | None:
    try:
        json.loads(text)
    except (ValueError, RecursionError) as err:
        return err
    return None


def _parse_json(text: str) -> tuple[Any, str | None]:
    """(value, None), or (None, the reason it cannot be read)."""
    try:
        return json.loads(text), None
    except json.JSONDecodeError as err:
        return None, f"malformed JSON ({err.msg} at line {err.lineno})"
    except RecursionError:
        # The parser recurses once per level: 100,000 nested brackets exhaust Python's stack.
        return None, "JSON nested too deeply"
    except ValueError as err:  # e.g. an integer of more than 4,300 digits
        return None, f"malformed JSON ({one_line(str(err))})"


def _looks_like_csv_export(text: str) -> bool:
    header = text.split("\n", 1)[0].lower()
    columns = {cell.strip().strip('"') for cell in header.split(",")}
    return len(columns) > 1 and bool(columns & _BODY_FIELDS)


def _jsonl_records(path: str, text: str) -> Iterator[RawReport | InputError]:
    # Records are separated by "\n" only: a JSON string may hold a raw U+2028 or form feed,
    # which str.splitlines would take for line ends.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        record, error = _parse_json(line)
        if error:
            yield InputError(f"{path}, row {number}", error.replace(" at line 1", ""))
            continue
        yield _record_to_report(path, "jsonl", number, record)


def _json_records(path: str, text: str) -> Iterator[RawReport | InputError]:
    data, error = _parse_json(text)
    if error:
        yield InputError(path, error)
        return
    records = data if isinstance(data, list) else [data]
    if not records:
        yield InputError(path, "JSON array holds no records")
    for number, record in enumerate(records, start=1):
        yield _record_to_report(path, "json", number, record)


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
        value = _field_text(record.get(alias))
        if value is not None and value.strip():
            return value
    return None


def _field_text(value: Any) -> str | None:
    """A field's value as text: a string or number as written, a list of them joined
    ("authors": ["A", "B"] -> "A, B"), a person object by its name. Other structures are
    not text (and are never turned into their Python repr)."""
    if isinstance(value, list):
        return ", ".join(filter(None, (_scalar_text(item) for item in value))) or None
    return _scalar_text(value)


def _scalar_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, Mapping) and isinstance(value.get("name"), str):
        return value["name"]  # "author": {"@type": "Person", "name": "A. Writer"}
    return None

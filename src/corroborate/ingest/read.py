"""Walk the paths a user gave and yield raw reports, or an error for each unreadable one."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from corroborate.errors import InputError
from corroborate.ingest.decode import decode_bytes
from corroborate.ingest.formats import detect_format, split_records
from corroborate.model import RawReport
from corroborate.settings import MAX_FILE_BYTES, MAX_LINE_CHARS

STDIN = "-"


def read_inputs(
    paths: Iterable[str], stdin: BinaryIO | None = None
) -> Iterator[RawReport | InputError]:
    """Yield every report found under `paths` (files, folders recursively, "-" for stdin).

    Errors are yielded, not raised, so that one bad file never stops the others.
    """
    for given in paths:
        if given == STDIN:
            source = stdin if stdin is not None else sys.stdin.buffer
            yield from read_bytes(STDIN, source.read())
            continue
        path = Path(given)
        if not path.exists():
            yield InputError(given, "no such file or directory")
        elif path.is_dir():
            for file in list_report_files(path):
                yield from read_file(str(file))
        else:
            yield from read_file(given)


def list_report_files(folder: Path) -> list[Path]:
    """Every regular file under `folder`, sorted, skipping hidden files and folders."""
    return sorted(
        file
        for file in folder.rglob("*")
        if file.is_file() and not _is_hidden(file.relative_to(folder))
    )


def _is_hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def read_file(path: str) -> Iterator[RawReport | InputError]:
    try:
        size = Path(path).stat().st_size
        limit = int(MAX_FILE_BYTES.value())
        if size > limit:
            reason = f"file of {size:,} bytes is larger than the {limit:,}-byte limit"
            yield InputError(path, reason)
            return
        data = Path(path).read_bytes()
    except OSError as err:
        yield InputError(path, f"cannot read file ({err.strerror or err})")
        return
    yield from read_bytes(path, data)


def read_bytes(path: str, data: bytes) -> Iterator[RawReport | InputError]:
    try:
        text = decode_bytes(data, path)
    except InputError as err:
        yield err
        return
    fmt = detect_format(path, text)
    for item in split_records(path, fmt, text):
        if isinstance(item, RawReport) and item.text is not None:
            too_long = _overlong_line(item.text)
            if too_long:
                item = InputError(item.location, too_long)
        yield item


def _overlong_line(text: str) -> str | None:
    limit = int(MAX_LINE_CHARS.value())
    longest = max((len(line) for line in text.splitlines()), default=0)
    if longest > limit:
        return f"a line of {longest:,} characters is longer than the {limit:,}-character limit"
    return None

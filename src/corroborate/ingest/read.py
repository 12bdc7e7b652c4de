"""Walk the paths a user gave and yield raw reports, or an error for each unreadable one.

Nothing here may hang or exhaust memory on odd input: special files (FIFOs, devices,
sockets) are refused without being opened for a blocking read, every read is capped at
max_file_bytes (a file growing under us, standard input, a gzip bomb), symbolic links to
folders are not followed (no loops), and a folder that cannot be listed is one error.
"""

from __future__ import annotations

import dataclasses
import errno
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from corroborate.errors import InputError
from corroborate.ingest.decode import GZIP_MAGIC, decode_bytes, gunzip
from corroborate.ingest.formats import detect_format, split_records
from corroborate.ingest.names import has_surrogates, one_line, printable, without_surrogates
from corroborate.model import RawReport
from corroborate.settings import MAX_FILE_BYTES, MAX_LINE_CHARS

STDIN = "-"
_CHUNK_BYTES = 1 << 20
# A plain-text report needs at least this many letters once decoded. The shortest report
# worth a ledger entry is a sentence or a headline ("Troops moved north." has 16 letters);
# a file of a few stray bytes, a lone BOM, or punctuation only is not one. Eight also
# exceeds what 1-7 random bytes can decode to, so such junk is never stored.
MIN_REPORT_LETTERS = 8
_FILE_KINDS = (
    (stat.S_ISFIFO, "FIFO"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISDIR, "folder"),
)


def read_inputs(
    paths: Iterable[str], stdin: BinaryIO | None = None
) -> Iterator[RawReport | InputError]:
    """Yield every report found under `paths` (files, folders recursively, "-" for stdin).

    Errors are yielded, not raised, so that one bad file never stops the others. Paths in
    reports and errors are printable (see `names.printable`); every error is one line.
    """
    for given in paths:
        if given == STDIN:
            items = _read_stdin(stdin if stdin is not None else sys.stdin.buffer)
        else:
            items = _read_given(given)
        for item in items:
            yield _one_line_error(item) if isinstance(item, InputError) else item


def _read_given(given: str) -> Iterator[RawReport | InputError]:
    try:
        info = os.stat(given)
    except OSError as err:
        yield InputError(printable(given), _os_reason(err, given))
        return
    except ValueError:  # a NUL inside the path: no file can have that name
        yield InputError(printable(given), "no such file or directory (NUL in the name)")
        return
    if stat.S_ISDIR(info.st_mode):
        for file in _walk(given):
            if isinstance(file, InputError):
                yield file
            else:
                yield from read_file(file)
    else:
        yield from read_file(given)


def _walk(folder: str) -> Iterator[str | InputError]:
    """Every non-hidden file under `folder` in sorted order (a file as the path to read),
    or an error for a folder that cannot be listed; the walk goes on past it.

    Symbolic links to folders are not followed: a link back up the tree would loop, and
    one elsewhere would read a tree the user did not name. Links to files are read. The
    walk keeps its own stack, so a tree thousands of folders deep cannot exhaust Python's.
    """
    pending: list[tuple[str, bool]] = [(folder, True)]  # (path, is a folder), next one last
    while pending:
        path, is_folder = pending.pop()
        if not is_folder:
            yield path
            continue
        try:
            with os.scandir(path) as listing:
                entries = sorted(listing, key=lambda entry: entry.name, reverse=True)
        except OSError as err:
            yield InputError(printable(path), f"cannot read folder ({err.strerror or err})")
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if _is_folder(entry, follow_symlinks=False):
                pending.append((entry.path, True))
            elif not (entry.is_symlink() and _is_folder(entry, follow_symlinks=True)):
                pending.append((entry.path, False))


def _is_folder(entry: os.DirEntry[str], follow_symlinks: bool) -> bool:
    try:
        return entry.is_dir(follow_symlinks=follow_symlinks)
    except OSError:  # a link loop or a vanished entry: read_file will say what it is
        return False


def read_file(path: str) -> Iterator[RawReport | InputError]:
    shown = printable(path)
    limit = int(MAX_FILE_BYTES.value())
    try:
        data = _read_regular_file(path, shown, limit)
    except InputError as err:
        yield err
        return
    except OSError as err:
        yield InputError(shown, _os_reason(err, path))
        return
    yield from _guarded(shown, read_bytes(shown, data))


def _guarded(
    shown: str, items: Iterator[RawReport | InputError]
) -> Iterator[RawReport | InputError]:
    """`items`, with an unexpected exception turned into an error for this file: a bug
    met on one strange file must cost that file, not the rest of the ingest. The message
    names the exception so that it can be reported and fixed."""
    try:
        yield from items
    except Exception as err:  # the last line of defence, deliberately broad
        yield InputError(shown, f"internal error while reading ({type(err).__name__}: {err})")


def _read_regular_file(path: str, shown: str, limit: int) -> bytes:
    """At most `limit` bytes of a regular file; an InputError for anything else or more."""
    info = os.stat(path)
    _require_regular(info, shown)
    if info.st_size > limit:
        reason = f"file of {info.st_size:,} bytes is larger than the {limit:,}-byte limit"
        raise InputError(shown, reason)
    # O_NONBLOCK: if the file was swapped for a FIFO since stat, opening must not wait for
    # a writer. It changes nothing for a regular file, which fstat then confirms.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    descriptor = os.open(path, flags)
    with open(descriptor, "rb", buffering=0) as stream:
        _require_regular(os.fstat(descriptor), shown)
        data = _read_capped(stream, limit)
    if data is None:
        raise InputError(shown, f"file grew larger than the {limit:,}-byte limit while read")
    return data


def _require_regular(info: os.stat_result, shown: str) -> None:
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _FILE_KINDS if test(info.st_mode)), "special file")
        raise InputError(shown, f"not a regular file ({kind})")


def _read_capped(stream: BinaryIO, limit: int) -> bytes | None:
    """Everything `stream` holds, or None as soon as it holds more than `limit` bytes."""
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = stream.read(min(_CHUNK_BYTES, limit + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
    return None


def _read_stdin(source: BinaryIO) -> Iterator[RawReport | InputError]:
    limit = int(MAX_FILE_BYTES.value())
    data = _read_capped(source, limit)
    if data is None:
        yield InputError(STDIN, f"standard input larger than the {limit:,}-byte limit")
        return
    yield from _guarded(STDIN, read_bytes(STDIN, data))


def _os_reason(err: OSError, path: str) -> str:
    if err.errno == errno.ENOENT:
        return "broken symbolic link" if os.path.islink(path) else "no such file or directory"
    return f"cannot read ({err.strerror or err})"


def read_bytes(path: str, data: bytes) -> Iterator[RawReport | InputError]:
    """The reports in one file's bytes. `path` is the printable name reports carry."""
    name = path
    try:
        if data.startswith(GZIP_MAGIC):  # whatever the name: content decides
            data = gunzip(data, path, int(MAX_FILE_BYTES.value()))
            name = path[:-3] if path.lower().endswith(".gz") else path
        text = decode_bytes(data, path)
    except InputError as err:
        yield err
        return
    fmt = detect_format(name, text)
    if fmt == "text" and not _has_letters(text, MIN_REPORT_LETTERS):
        reason = f"not text (fewer than {MIN_REPORT_LETTERS} letters: too short to be a report)"
        yield InputError(path, reason)
        return
    for item in split_records(path, fmt, text):
        yield _checked(item) if isinstance(item, RawReport) else item


def _has_letters(text: str, count: int) -> bool:
    found = 0
    for char in text:  # stops at the count: a page reaches it in its first words
        found += char.isalpha()
        if found >= count:
            return True
    return False


def _checked(report: RawReport) -> RawReport | InputError:
    """The report with lone surrogates replaced, or an error for a NUL or an overlong line.

    A lone surrogate can only come from a JSON escape ("\\ud800"): half of a character that
    the exporter cut (an emoji split by truncation). The rest of the record is good text,
    so we keep it and put U+FFFD where the half character was, as a UTF-8 decoder does
    with a broken byte sequence; left in, it would crash every later encode.
    """
    fields = {
        field.name: value
        for field in dataclasses.fields(report)
        if isinstance(value := getattr(report, field.name), str)
    }
    if any("\x00" in value for value in fields.values()):
        return InputError(report.location, "contains a NUL character (binary data, not text)")
    repaired = {name: without_surrogates(value) for name, value in fields.items()
                if has_surrogates(value)}
    if repaired:
        report = dataclasses.replace(report, **repaired)
    if report.text is not None:
        too_long = _overlong_line(report.text)
        if too_long:
            return InputError(report.location, too_long)
    return report


def _overlong_line(text: str) -> str | None:
    limit = int(MAX_LINE_CHARS.value())
    longest = max((len(line) for line in text.splitlines()), default=0)
    if longest > limit:
        return f"a line of {longest:,} characters is longer than the {limit:,}-character limit"
    return None


def _one_line_error(err: InputError) -> InputError:
    """The error itself when it prints on one line as valid UTF-8, else a repaired copy
    (a reason may quote the input, e.g. a CSV header)."""
    location, reason = printable(err.location), printable(err.reason)
    if (location, reason) == (err.location, err.reason):
        return err
    return InputError(location, one_line(reason))

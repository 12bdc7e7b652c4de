"""Turn a file's bytes into text, or say plainly why they are not a report."""

from __future__ import annotations

import codecs
import gzip
import io
import re
import zlib

from charset_normalizer import from_bytes

from corroborate.errors import InputError
from corroborate.ingest.names import one_line

# Bytes that do not belong in a text page: NUL and most C0 controls. Any NUL, or more than
# 5% of such bytes, in the first 8 KiB means a binary file (an image, a PDF, an archive).
# A stray control character or two (scrapers leave them) does not make a page binary.
_BINARY_CONTROLS = frozenset(range(1, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24}
_BINARY_SNIFF_BYTES = 8192
_BINARY_CONTROL_SHARE = 0.05
# A well-formed two- to four-byte UTF-8 sequence (lead byte then continuation bytes).
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# UTF-32 before UTF-16: the UTF-32-LE mark begins with the UTF-16-LE one.
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Without a byte-order mark, mostly-ASCII UTF-16/32 text shows a NUL pattern: in UTF-16-LE
# every odd byte is NUL for an ASCII character, every even byte almost never is. We call it
# UTF-16/32 when the "high" positions are NUL for at least 60% of the characters (room for
# accented and non-Latin letters) and the "low" position is NUL for at most 1% (a binary
# file has NULs everywhere). Text that is mostly non-Latin without a mark is not detected
# and stays refused as binary.
_WIDE_HIGH_NUL_SHARE = 0.6
_WIDE_LOW_NUL_SHARE = 0.01
_WIDE_LAYOUTS = (  # codec, unit size, offsets of the low byte and of the always-NUL bytes
    ("utf-32-le", 4, 0, (2, 3)),
    ("utf-32-be", 4, 3, (0, 1)),
    ("utf-16-le", 2, 0, (1,)),
    ("utf-16-be", 2, 1, (0,)),
)
GZIP_MAGIC = b"\x1f\x8b"


def decode_bytes(data: bytes, location: str) -> str:
    """Decode `data`: UTF-16/32 by byte-order mark or NUL pattern, else UTF-8, else the
    legacy encoding charset-normalizer finds. The byte-order mark is not part of the text.

    Raises InputError for empty files, binary content, damaged UTF-8/16/32 and bytes no
    encoding explains.
    """
    if not data.strip():
        raise InputError(location, "empty file")
    wide = _wide_encoding(data)
    text = _decode_wide(data, *wide, location) if wide else _decode_narrow(data, location)
    if not text.strip():  # a byte-order mark alone, or Unicode spaces only
        raise InputError(location, "empty file")
    return text


def gunzip(data: bytes, location: str, limit: int) -> bytes:
    """The content of a gzip file, at most `limit` bytes: a bigger one is refused, so that
    a small "gzip bomb" cannot fill memory (only limit + 1 bytes are ever unpacked)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as packed:
            inner = packed.read(limit + 1)
    except (OSError, EOFError, zlib.error) as err:  # BadGzipFile is an OSError
        raise InputError(location, f"damaged gzip file ({one_line(str(err))})") from None
    if len(inner) > limit:
        raise InputError(location, f"gzip file unpacks to more than the {limit:,}-byte limit")
    return inner


def _decode_narrow(data: bytes, location: str) -> str:
    if _looks_binary(data):
        raise InputError(location, "binary content, not a text, HTML, JSON or CSV report")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        utf8_error = err
    if _UTF8_MULTIBYTE.search(data):
        # Valid UTF-8 sequences beside invalid bytes: a damaged UTF-8 file, not a page in
        # another encoding. Guessing a legacy encoding would turn its letters into mojibake.
        reason = f"invalid UTF-8 ({utf8_error.reason} at byte {utf8_error.start})"
        raise InputError(location, reason)
    best = from_bytes(data).best()
    if best is None:
        raise InputError(location, f"not valid UTF-8 ({utf8_error.reason} at byte "
                                   f"{utf8_error.start}) and no other encoding fits")
    return str(best)


def _wide_encoding(data: bytes) -> tuple[str, int] | None:
    """(codec, length of its byte-order mark) for UTF-16/32 data, else None."""
    for mark, codec in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return codec, len(mark)
    for codec, unit, low, high in _WIDE_LAYOUTS:
        sample = data[: _BINARY_SNIFF_BYTES - _BINARY_SNIFF_BYTES % unit]
        sample = sample[: len(sample) - len(sample) % unit]
        if len(sample) < 2 * unit:
            continue
        units = len(sample) // unit
        if sample[low::unit].count(0) > _WIDE_LOW_NUL_SHARE * units:
            continue
        if all(sample[at::unit].count(0) >= _WIDE_HIGH_NUL_SHARE * units for at in high):
            return codec, 0
    return None


def _decode_wide(data: bytes, codec: str, mark: int, location: str) -> str:
    name = codec[:6].upper()  # "UTF-16"
    try:
        text = data[mark:].decode(codec)
    except UnicodeDecodeError as err:
        reason = f"invalid {name} ({err.reason} at byte {err.start + mark})"
        raise InputError(location, reason) from None
    if _text_looks_binary(text):
        raise InputError(location, f"binary content ({name} decodes to control characters)")
    return text


def _looks_binary(data: bytes) -> bool:
    head = data[:_BINARY_SNIFF_BYTES]
    if b"\x00" in head:
        return True
    return sum(byte in _BINARY_CONTROLS for byte in head) > _BINARY_CONTROL_SHARE * len(head)


def _text_looks_binary(text: str) -> bool:
    head = text[:_BINARY_SNIFF_BYTES]
    if "\x00" in head:
        return True
    controls = sum(ord(char) in _BINARY_CONTROLS for char in head)
    return controls > _BINARY_CONTROL_SHARE * len(head)

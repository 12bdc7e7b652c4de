"""Turn a file's bytes into text, or say plainly why they are not a report."""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

from corroborate.errors import InputError

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


def decode_bytes(data: bytes, location: str) -> str:
    """Decode `data` as UTF-8, else as the legacy encoding charset-normalizer finds.

    Raises InputError for empty files, binary content, damaged UTF-8 and bytes no
    encoding explains.
    """
    if not data.strip():
        raise InputError(location, "empty file")
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


def _looks_binary(data: bytes) -> bool:
    head = data[:_BINARY_SNIFF_BYTES]
    if b"\x00" in head:
        return True
    return sum(byte in _BINARY_CONTROLS for byte in head) > _BINARY_CONTROL_SHARE * len(head)

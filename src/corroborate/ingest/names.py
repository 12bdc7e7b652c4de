"""Names and messages safe to print and store: one line of valid Unicode.

File names are bytes on POSIX. Python hands names that are not UTF-8 over with each bad
byte as a lone surrogate (os.fsdecode's "surrogateescape"), and JSON may carry lone
surrogates ("\\ud800"); neither can be encoded as UTF-8, so printing or storing them
crashes. A name may also hold a newline or an escape sequence, which would split an error
line or drive the terminal. What we show and store is therefore `printable(name)`; the
original is used only to open the file. Text read from a file gets `without_surrogates`.
"""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 and C1 controls (newline, tab, ESC, DEL ...) and the Unicode line and paragraph
# separators: each would break one message over several lines or act on a terminal.
_LINE_BREAKING = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def without_surrogates(text: str) -> str:
    """Each lone surrogate (an undecodable byte, half a character) replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def has_surrogates(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def one_line(text: str) -> str:
    """Control characters written as escapes, as Python's repr does: "a\\nb" -> "a\\\\nb"."""
    return _LINE_BREAKING.sub(lambda match: match.group().encode("unicode_escape").decode(), text)


def printable(name: str) -> str:
    """A file name as it may be printed and stored: valid UTF-8, on one line.

    An undecodable byte is written as its escape ("caf\\xe9.txt"), not as U+FFFD: a
    report is identified by its path, and "caf\\xe9" and "caf\\xe8" must stay apart.
    """
    return one_line(_SURROGATE.sub(_escape_surrogate, name))


def _escape_surrogate(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for the byte code - 0xDC00
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"

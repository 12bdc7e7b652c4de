"""Title, byline and outlet: what the page states about itself, never guessed."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from urllib.parse import urlsplit

from corroborate.clean.lexicons import known_outlets, outlet_words
from corroborate.clean.lines import is_sentence_like, words

# A headline has a few words and is not a paragraph.
MIN_TITLE_WORDS = 3
MAX_TITLE_WORDS = 30
# A standalone name line (byline or outlet) has 1-5 words.
MAX_NAME_WORDS = 5

# "By", and its equivalent in French, Spanish, German, Dutch ("Par", "Por", "Von", "Door").
_BY = re.compile(
    r"^(?:by|written by|words by|story by|reported by|par|por|von|door)\s*:?\s+(?P<name>.+)$",
    re.I,
)
# What may follow the name on a byline line: "| Outlet", ", Place", " - Place".
_AFTER_NAME = re.compile(r"\s*(?:\||,|\s[-–—]\s).*$")
# "This article by Jane Doe ..." opening a credit sentence near the top.
_ARTICLE_BY = re.compile(
    r"\b(?i:this (?:article|report|story|piece) (?:is )?(?:written )?by) "
    r"(?P<name>[A-Z][\w'’-]+(?: (?:al-|bin |de |van )?[A-Z][\w'’-]+){1,3})"
)
# "(Reporting by Jane Doe; Editing by ...)": the reporter is the author.
_REPORTING_BY = re.compile(r"^\(?(?i:reporting|reported|written) by (?P<name>[^;,()]+)")
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.-]*|al-[A-Z][\w'’-]*|al|bin|ibn|de|van|von|and|&)$")
# "(Zaman Al Wasl)-" or "KOSTI, Sudan, March 3 (Corvus) -" opening the first paragraph.
_DATELINE = re.compile(r"^[^()]{0,60}\((?P<name>[^()\d]{2,40})\)\s*[-–—:]")
_FIRST_APPEARED = re.compile(
    r"\b(?:first|originally) (?:appeared|published) (?:on|in|by) "
    r"(?P<name>[A-Z][\w.'’ -]{1,40}?)[.,;]",
    re.I,
)


def _compact(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).lower()


def looks_like_title(line: str) -> bool:
    count = len(words(line))
    return MIN_TITLE_WORDS <= count <= MAX_TITLE_WORDS and not line.rstrip().endswith(".")


def is_name_line(line: str) -> bool:
    """A short line of capitalised words, no digits, no sentence ending: a name."""
    tokens = line.split()
    if not 1 <= len(tokens) <= MAX_NAME_WORDS or any(ch.isdigit() for ch in line):
        return False
    if is_sentence_like(line) or line.rstrip()[-1:] in ".:!?":
        return False
    return all(_NAME_TOKEN.match(token) for token in tokens)


def byline_of(line: str) -> str | None:
    """The author named by a "By Jane Doe" line, else None."""
    match = _BY.match(line.strip())
    if not match:
        return None
    name = _AFTER_NAME.sub("", match.group("name")).strip()
    return name if is_name_line(name) else None


def article_by(line: str) -> str | None:
    match = _ARTICLE_BY.search(line) or _REPORTING_BY.search(line)
    return match.group("name").strip() if match else None


def outlet_of_domain(url: str | None) -> tuple[str, bool] | None:
    """(outlet, known) for a URL: the known outlet's name, or the bare domain."""
    if not url:
        return None
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    host = host.removeprefix("www.")
    if not host or "." not in host:
        return None
    outlets = known_outlets()
    parts = host.split(".")
    for start in range(len(parts) - 1):  # en.zamanalwsl.net -> zamanalwsl.net
        name = outlets.get(".".join(parts[start:]))
        if name:
            return name, True
    return host, False


def known_outlet_name(line: str) -> str | None:
    wanted = _compact(line)
    for name in known_outlets().values():
        if _compact(name) == wanted:
            return name
    return None


def is_outlet_line(line: str, body: str) -> bool:
    """A name line that names an outlet: known, built with an outlet word ("News",
    "Times"...), or written elsewhere on the page without spaces ("SyriaUntold")."""
    if not is_name_line(line):
        return False
    if known_outlet_name(line) or any(word.lower() in outlet_words() for word in line.split()):
        return True
    if len(line.split()) < 2:
        return False
    # The page names itself in its own sentences: "SyriaUntold", "Diario La Meseta could not ..."
    return _compact(line) in _compact_words(body) or _written_in_another_line(line, body)


# The next helpers index the whole page, and is_outlet_line asks about each of the page's
# first lines: indexing once per page (not once per question) keeps cleaning linear in the
# page's length. One page is cached at a time, so no old page is kept alive.
@lru_cache(maxsize=1)
def _compact_words(body: str) -> frozenset[str]:
    return frozenset(_compact(word) for word in body.split())


@lru_cache(maxsize=1)
def _folded_lines(body: str) -> tuple[str, list[int], list[str]]:
    """The page casefolded with lines joined by "\n", where each line starts in it, and
    each line stripped as written."""
    lines = body.splitlines()
    starts, at = [], 0
    for line in lines:
        starts.append(at)
        at += len(line.casefold()) + 1
    return "\n".join(line.casefold() for line in lines), starts, [line.strip() for line in lines]


def _written_in_another_line(line: str, body: str) -> bool:
    """`line` appears, ignoring case, inside a line of `body` other than itself."""
    folded, starts, stripped = _folded_lines(body)
    needle, itself = line.casefold(), line.strip()
    found = folded.find(needle)
    while found != -1:
        number = bisect_right(starts, found) - 1
        if stripped[number] != itself:
            return True
        if number + 1 == len(starts):
            return False
        found = folded.find(needle, starts[number + 1])
    return False


def as_written_in(name: str, text: str) -> str:
    """The page's own spelling of a masthead name: "EUPHRATES POST" -> "Euphrates Post"
    when a sentence writes it so; the name unchanged otherwise."""
    if not name.isupper():
        return name
    match = re.search(re.escape(name), text.replace(name, ""), re.I)
    return match.group(0) if match else name


def dateline_outlet(paragraph: str) -> str | None:
    match = _DATELINE.match(paragraph.strip())
    if not match:
        return None
    name = match.group("name").strip()
    return name if is_name_line(name) else None


def credit_outlet(text: str) -> str | None:
    """The outlet a credit sentence says the article first appeared on (weak evidence)."""
    match = _FIRST_APPEARED.search(text)
    return match.group("name").strip() if match else None

"""Name keys for gazetteer lookup: the same key for the spellings one place is written in.

Transliterated Arabic place names vary in diacritics, hyphens, apostrophes for ayn and hamza,
the article (al-, el-, ad-, ash- …) and doubled consonants (Latakia, Lattakia). `name_key`
folds those away; `skeleton` goes further (consonants only, kh = h, y = i) and is used only
as a last resort inside the report's own countries, for spellings such as Hmeimim, Khmeimim
and Humaimam that no alternate-name list holds. Written by hand: no library we know of
normalises Arabic transliterations this way (unidecode-style folding is the first step only).
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Arabic article forms as transliterated, removed wherever they stand as a word.
ARTICLES = frozenset(
    [
        "al",
        "el",
        "il",
        "ul",
        "ad",
        "ed",
        "ar",
        "er",
        "as",
        "es",
        "ash",
        "esh",
        "at",
        "et",
        "ath",
        "az",
        "ez",
        "an",
        "en",
        "adh",
        "dh",
    ]
)
_MARKS = str.maketrans({c: "" for c in "'’‘`´ʿʾʼ‛"})
_NON_WORD = re.compile(r"[^a-z0-9]+")
_DOUBLE = re.compile(r"(.)\1+")
_VOWELS = re.compile(r"[aeiouyw]")
MIN_SKELETON = 3  # shorter skeletons ("hm" for Hama, Homs...) match far too much


@functools.lru_cache(maxsize=1 << 16)  # names recur across mentions and reports
def fold(text: str) -> str:
    """Lower-case ASCII words: diacritics and apostrophes dropped, other marks as spaces."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_MARKS))
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", ascii_text.lower()).split())


def is_latin(text: str) -> bool:
    """Whether a name is written in Latin script (after folding nothing non-ASCII is left)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_MARKS))
    letters = [c for c in decomposed if c.isalpha()]
    return bool(letters) and all(c.isascii() for c in letters)


@functools.lru_cache(maxsize=1 << 16)  # names recur across mentions and reports
def name_key(text: str) -> str:
    """The lookup key: folded, articles dropped, no spaces, doubled letters single."""
    words = fold(text).split()
    kept = [w for w in words if w not in ARTICLES] or words
    return _DOUBLE.sub(r"\1", "".join(kept))


def skeleton(text: str) -> str:
    """The consonant skeleton of a key ("" when too short to be told apart)."""
    key = name_key(text).replace("kh", "h").replace("q", "k")
    consonants = key[0] + _VOWELS.sub("", key[1:]) if key else ""
    return consonants if len(consonants) >= MIN_SKELETON else ""

"""Offline language identification (py3langid, a maintained fork of langid.py)."""

from __future__ import annotations

from functools import cache
from itertools import islice

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# Below this many letters langid's guess is noise; say "unknown" rather than guess.
_MIN_LETTERS = 20
# Normalised probability under which the guess is not trusted (langid's own scale, 0..1).
_MIN_PROBABILITY = 0.5


@cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when too short or unsure."""
    if not _has_letters(text, _MIN_LETTERS):
        return None
    code, probability = _identifier().classify(text)
    return str(code) if probability >= _MIN_PROBABILITY else None


def _has_letters(text: str, count: int) -> bool:
    """Whether `text` has at least `count` letters; reads only as far as the count-th (a
    report's whole text was read, letter by letter, to compare a count with 20)."""
    letters = (ch for ch in text if ch.isalpha())
    return next(islice(letters, count - 1, None), None) is not None

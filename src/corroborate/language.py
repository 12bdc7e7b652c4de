"""Offline language identification (py3langid, a maintained fork of langid.py)."""

from __future__ import annotations

from functools import cache

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
    if sum(ch.isalpha() for ch in text) < _MIN_LETTERS:
        return None
    code, probability = _identifier().classify(text)
    return str(code) if probability >= _MIN_PROBABILITY else None

"""WordNet concepts of English words, so that word matching meets synonyms and near kinds.

`concepts("soldiers")` gives the lemmas of the most frequent sense of "soldier" and of its
hypernyms two levels up ("enlisted person", "serviceman", "military personnel" ...); "troops"
and "officers" share "military personnel" with it, "regime" shares "government" with
"government". The extract is built from WordNet 3.0 by `corroborate train concepts`
(`corroborate.training.concepts`). Inflected forms are reduced to WordNet lemmas as
WordNet's own morphy does: its irregular forms, then its detachment rules (written out here
because the rules are WordNet's, not a library's API, and nltk is not a dependency).
"""

from __future__ import annotations

from functools import cache

from corroborate.resources import lexicon_entries

EXTRACT = "concepts.tsv"
# WordNet's detachment rules (morphy(7WN)), in its order
_RULES = {
    "n": (("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
          ("men", "man"), ("ies", "y"), ("s", "")),
    "v": (("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"),
          ("ing", ""), ("s", "")),
}


@cache
def _extract() -> tuple[dict[tuple[str, str], tuple[str, ...]], dict[tuple[str, str], str]]:
    lemmas: dict[tuple[str, str], tuple[str, ...]] = {}
    irregular: dict[tuple[str, str], str] = {}
    for line in lexicon_entries(EXTRACT):
        fields = line.split("\t")
        if fields[0] == "exc" and len(fields) == 4:
            irregular[(fields[1], fields[2])] = fields[3]
        elif len(fields) == 3:
            lemmas[(fields[0], fields[1])] = tuple(fields[2].split())
    return lemmas, irregular


def _lemma(word: str, pos: str) -> str | None:
    lemmas, irregular = _extract()
    if (pos, word) in lemmas:
        return word
    if (pos, word) in irregular:
        return irregular[(pos, word)]
    for suffix, ending in _RULES[pos]:
        if word.endswith(suffix):
            base = word[: len(word) - len(suffix)] + ending
            if (pos, base) in lemmas:
                return base
    return None


@cache
def concepts(word: str) -> tuple[str, ...]:
    """The WordNet concepts of a lowercase word as a noun and as a verb (empty if unknown)."""
    lemmas, _ = _extract()
    found: set[str] = set()
    for pos in ("n", "v"):
        lemma = _lemma(word, pos)
        if lemma is not None:
            found.update(lemmas[(pos, lemma)])
    return tuple(sorted(found))

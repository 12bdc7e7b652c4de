"""WordNet supersenses of verbs and nouns, a feature of the cue tagger.

PolNeAR marks many rare cue words ("plans", "demands", "worries", "spoke of"): a word seen
too seldom in training has no useful embedding of its own, but its WordNet lexicographer
class ("verb.communication", "verb.cognition", "noun.communication", ...) is shared with
frequent cues. `data/lexicons/supersenses.tsv` holds, per verb and per selected noun lemma,
the classes of its senses in WordNet's frequency order, and WordNet's exception lists
(irregular forms); it is built from WordNet 3.0 (Debian's `wordnet-base`) by
`corroborate train supersenses` (see the file's header for source and licence).

The runtime reads only that extract, not WordNet, so it finds a word's lemma with WordNet's
own "morphy" rules (an exception list, then suffix detachment): nltk implements them, but
only over the full WordNet database, which the runtime does not carry.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from corroborate.resources import lexicon_path

EXTRACT = "supersenses.tsv"
# WordNet's suffix detachment rules (morphy), tried in order; `corroborate.link.events` reads
# them too
DETACH = {
    "v": (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""),
          ("ing", "e"), ("ing", "")),
    "n": (("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"),
          ("shes", "sh"), ("men", "man"), ("ies", "y")),
}


@dataclass(frozen=True)
class Supersenses:
    classes: dict[tuple[str, str], tuple[str, ...]]  # (pos, lemma) -> classes
    exceptions: dict[tuple[str, str], str]  # (pos, inflected form) -> lemma

    def lemma(self, word: str, pos: str) -> str | None:
        """The word's lemma among the extract's `pos` ("v" or "n") lemmas, or None."""
        word = word.lower()
        if (pos, word) in self.exceptions:
            return self.exceptions[pos, word]
        if (pos, word) in self.classes:
            return word
        for suffix, ending in DETACH[pos]:
            stem = word[: -len(suffix)] + ending
            if word.endswith(suffix) and (pos, stem) in self.classes:
                return stem
        return None

    def of(self, word: str, pos: str) -> tuple[str, ...]:
        """The classes of the word's senses as a `pos` ("v" or "n"); () if none."""
        lemma = self.lemma(word, pos)
        return self.classes.get((pos, lemma), ()) if lemma else ()


def read_extract(path: Path) -> Supersenses:
    classes: dict[tuple[str, str], tuple[str, ...]] = {}
    exceptions: dict[tuple[str, str], str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        kind, pos, word, value = line.split("\t")
        if kind == "lemma":
            classes[pos, word] = tuple(value.split(","))
        else:
            exceptions[pos, word] = value
    return Supersenses(classes, exceptions)


@functools.cache
def shipped() -> Supersenses:
    return read_extract(lexicon_path(EXTRACT))


@functools.lru_cache(maxsize=65536)  # per token of every sentence at ingest: words repeat
def token_features(word: str, tag: str) -> tuple[str, ...]:
    """Supersense features of a token: its verb classes if tagged as a verb (or untagged),
    its noun classes if tagged as a noun (or untagged)."""
    senses, features = shipped(), []
    for pos, tags in (("v", ("VB", "MD")), ("n", ("NN",))):
        if tag and not tag.startswith(tags):
            continue
        classes = senses.of(word, pos)
        features += [f"ss{pos}{n}={name}" for n, name in enumerate(classes)]
    return tuple(features)

"""Who does what: a claim that names the sentence's parties in swapped roles.

"Syrian fighters were recruited to fight alongside the Russians" uses the words of "Russian
troops are fighting alongside Syrian government forces", and any sentence encoder scores the
two close, but it says the reverse of who fights beside whom. `Roles` reads the sentence's
*parties*, the nationalities and countries it names as actors (one key per country:
"Russian", "Russians" and "Russia" are all RU; not those named as a setting, "in Syria"), on
each side of its *predicate words* (the words between its first and last party, less stop
words and a party's own noun: "fighting", "alongside"). Around the first predicate word of a
claim that has one of the sentence's parties within `WINDOW` words, the claim is *swapped*
when the party nearest before it is one the sentence puts only after it, or the party
nearest after it one the sentence puts only before, and no party stands on its sentence
side. In a passive ("beheaded by ISIS", "were shot down") the subject undergoes it and the
agent, if named, follows "by". A claim with
no party near a shared predicate word is not swapped: a gate for clear reversals, not a
ranking (a ranking from word order and word vectors, commit 2abde2d, cost Emergent's pair F1
0.04). Only countries count as parties: in headlines written in title case every word looks
like a name, and a gate over all capitalised words misread 40 of Emergent's true pairs.

Written by hand because the parse is not kept in the ledger, parsing each candidate at
`check` time costs about 50 ms after a 4 s model load, and the UD parser reads "fighting
alongside" in a headline as a compound noun.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from corroborate.geo import default_gazetteer
from corroborate.link.propositions import stem
from corroborate.resources import lexicon_entries

WINDOW = 12  # words: a party farther than this from the predicate word is not its party
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_SPLIT = re.compile(r"[-’']")


@dataclass(frozen=True)
class Word:
    text: str
    stem: str
    party: str | None  # the party key of a capitalised name, else None


class Roles:
    """The sentence's parties in the agent and the other role of each predicate word."""

    def __init__(self, sentence: str) -> None:
        words = party_words(sentence)
        parties = [i for i, w in enumerate(words) if w.party]
        self.sides: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        if len(parties) < 2:
            return
        for i in range(parties[0] + 1, parties[-1]):
            word = words[i]
            if (
                word.text[0].isupper()  # a name, not a predicate
                or words[i - 1].party  # the party's own noun: "Russian troops"
                or word.text.lower() in ENGLISH_STOP_WORDS
                or word.stem in self.sides
            ):
                continue
            before = frozenset(w.party for w in words[:i] if w.party)
            after = frozenset(w.party for w in words[i + 1 :] if w.party)
            if is_passive(words, i):
                self.sides[word.stem] = (frozenset(_by_phrase(words, i)), before)
            else:
                self.sides[word.stem] = (before, after)

    def swapped(self, claim: str) -> bool:
        """Whether `claim` names the sentence's parties in swapped roles around the first of
        its predicate words with a party near it (the claim's first statement of it)."""
        if not self.sides:
            return False
        words = party_words(claim)
        for i, word in enumerate(words):
            if word.stem in self.sides:
                verdict = _read(words, i, *self.sides[word.stem])
                if verdict is not None:
                    return verdict
        return False


def _read(
    words: Sequence[Word], i: int, agent: frozenset[str], other: frozenset[str]
) -> bool | None:
    """True: swapped around words[i]; False: agreeing; None: no party near it."""
    known = agent | other
    before = _nearest(list(reversed(words[max(0, i - WINDOW) : i])), known)
    if is_passive(words, i):  # the subject undergoes it; the agent, if any, follows "by"
        found = [p for p in _by_phrase(words, i) if p in known]
        does, undergoes = (found[0] if found else None), before
    else:
        does, undergoes = before, _nearest(words[i + 1 : i + 1 + WINDOW], known)
    if does is None and undergoes is None:
        return None
    swapped = does in other - agent or undergoes in agent - other
    agreeing = does in agent - other or undergoes in other - agent
    return swapped and not agreeing


def _nearest(words: Sequence[Word], known: frozenset[str]) -> str | None:
    for word in words:
        if word.party in known:
            return word.party
    return None


def _by_phrase(words: Sequence[Word], i: int) -> list[str]:
    """The parties of the "by" phrase right after words[i] or after its particle ("beheaded
    by ISIS", "shot down by Israeli forces")."""
    at = by_index(words, i)
    return [w.party for w in words[at + 1 : at + 4] if w.party] if at else []


def by_index(words: Sequence[Word], i: int) -> int | None:
    """The index of a "by" right after words[i] or after its particle, else None."""
    for at in (i + 1, i + 2):
        if at < len(words) and words[at].text.lower() == "by":
            return at
    return None


def is_passive(words: Sequence[Word], i: int) -> bool:
    """A passive predicate word: followed by "by" ("beheaded by ISIS", "shot down by"), or
    after a form of "be" and not in -ing ("has been captured", "were shot")."""
    if by_index(words, i):
        return True
    after_be = i > 0 and words[i - 1].text.lower() in _BE
    return after_be and not words[i].text.lower().endswith("ing")


_BE = frozenset({"is", "are", "was", "were", "be", "been", "being"})


def party_words(text: str) -> list[Word]:
    """The words of `text`, each nationality or country not named as a setting ("in the
    Syrian civil war", "in Syria": where, not who) with its party."""
    found: list[Word] = []
    for match in _WORD.finditer(text):
        for piece in _SPLIT.split(match.group(0)):  # "pro-Assad", "Russia's"
            if len(piece) < 2:
                continue
            lower = piece.lower()
            named = piece[0].isupper() and lower not in ENGLISH_STOP_WORDS
            key = party(piece) if named and not _setting(found) else None
            found.append(Word(piece, stem(lower), key))
    return found


def _setting(before: Sequence[Word]) -> bool:
    """Whether the next word follows a preposition of place ("in", "in the")."""
    words = [w.text.lower() for w in before[-2:]]
    if words and words[-1] in _ARTICLES:
        words = words[:-1]
    return bool(words) and words[-1] in _PLACE_PREPOSITIONS


_ARTICLES = frozenset({"the", "a", "an"})
_PLACE_PREPOSITIONS = frozenset({"in", "inside", "into", "across", "throughout", "within"})


def parties(text: str) -> frozenset[str]:
    """The party keys of the nationalities and countries `text` names as actors."""
    return frozenset(w.party for w in party_words(text) if w.party)


@cache
def party(name: str) -> str | None:
    """A nationality's or a country's code ("Russians", "Russia" -> RU), else None."""
    bare = name[:-1] if name.endswith("s") and name[:-1] in demonym_table() else name
    if bare in demonym_table():
        return demonym_table()[bare]
    for entry in default_gazetteer().lookup(name):
        if entry.precision == "country":
            return entry.country_code
    return None


@cache
def demonym_table() -> dict[str, str]:
    """Nationality and country names, as the lexicon writes them -> their party key."""
    return dict(line.rsplit(maxsplit=1) for line in lexicon_entries("place_demonyms.txt"))

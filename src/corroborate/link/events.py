"""Who did what: the parties a claim names and the class of event it says they were in.

Every sentence encoder scores "troops reinforced their positions around the town" as close to
"troops withdrew from the town" as a restatement (the same parties, the same place), and
"officers leading most regime combats" far from "troops fighting alongside government
forces" (other words for one event). `Frame` reads a text's *events*, the conflict event
classes its words name (`data/lexicons/event_classes.txt`, written from the CAMEO and ACLED
codebooks: fight, capture, shelling, withdrawal, arrest, resignation, visit...), and its
*parties*: the countries and nationalities it names as actors (`corroborate.link.roles`),
the known actors of the alias file (`corroborate.actors`), and generic actors by their CAMEO
type (`data/lexicons/event_parties.txt`: "regime" and "government" GOV, "troops" and
"officers" MIL, "rebels" REB...). `compare` says whether a claim names a party of the
sentence and an event of its class (SAME), or a party of it and only events of other classes
(OTHER; a class related to the sentence's, the parties' presence for a fight or an attack
for a killing, is neither), or names no event at all (UNSTATED), or cannot tell (UNKNOWN:
the sentence names no event, or the two share no party, or the claim lacks one of the
sentence's *names*, the capitalised words that are no party: "Lena Vos", "Oskal").
`check` leaves OTHER claims out (`corroborate.link.check.EVENT_PENALTY`); raising SAME ones
and lowering UNSTATED ones are measured on Emergent and ship at 0 (README, "Who did what").

Written by hand: the event coders that implement CAMEO (PETRARCH, TABARI) need a full parse
and their dictionaries, and spaCy's parse at `check` time costs about 50 ms a candidate. Words
are matched by their lemma with WordNet's rules (`corroborate.attribution.supersenses`).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from corroborate.actors import actor_key, load_aliases
from corroborate.attribution.supersenses import DETACH, shipped
from corroborate.link.roles import parties
from corroborate.resources import lexicon_sections
from corroborate.settings import ACTOR_ALIASES

EVENTS = "event_classes.txt"
PARTIES = "event_parties.txt"
PHRASE_GAP = 2  # words allowed inside a phrase: "took full control", "pulled its troops out"
# how a claim's frame compares with the sentence's (`compare`)
SAME, OTHER, UNSTATED, UNKNOWN = "same", "other", "unstated", "unknown"
_TOKEN = re.compile(r"[A-Za-z]+")
_NAME_WORDS = 4  # words of the longest span looked up in the alias file


@dataclass(frozen=True)
class Frame:
    events: frozenset[str]
    parties: frozenset[str]
    types: frozenset[str]  # the generic actors among the parties, by CAMEO type
    names: frozenset[str]  # the last word of each name the text writes that is no party
    words: frozenset[str]  # its lowercase words, where another text's names are looked for


@dataclass(frozen=True)
class _Entry:
    key: str  # the event class or party type
    pos: str  # "v" or "n"
    head: str  # the lemma of the first word
    rest: tuple[str, ...]  # the phrase's other words, as written


@lru_cache(maxsize=4096)  # a ledger's copies repeat their claims
def frame(text: str) -> Frame:
    """The event classes, the parties and the names `text` names."""
    written = _TOKEN.findall(text)
    tokens = [t.lower() for t in written]
    typed = _matches(tokens, party_entries())
    known = parties(text) | known_actors(text)
    return Frame(_events(text), frozenset(typed | known), frozenset(typed),
                 _names(written, tokens), frozenset(tokens))


@lru_cache(maxsize=4096)
def _events(text: str) -> frozenset[str]:
    """The event classes `text` names (`frame`'s events, read alone by `compare_text`)."""
    written = _TOKEN.findall(text)
    return frozenset(_matches([t.lower() for t in written], event_entries(), settings=written))


def compare_text(sentence: Frame, text: str) -> str:
    """`compare(sentence, frame(text))`, reading the text's parties and names only where
    they matter (the sentence and the text both name an event): `check` compares hundreds."""
    if not sentence.events:
        return UNKNOWN
    if not _events(text):
        return UNSTATED
    return compare(sentence, frame(text))


def compare(sentence: Frame, claim: Frame) -> str:
    """SAME: the claim names a party of the sentence, each of its generic actors, and an
    event of its class; OTHER: a party of it and only events of other classes (none related
    to the sentence's);
    UNSTATED: the sentence names an event and the claim none; else UNKNOWN (the sentence
    names no event, or they share no party, or the claim lacks a name of the sentence: "a
    militia killed the farmer Omar Haddad" is not "a militia killed two teachers")."""
    if not sentence.events:
        return UNKNOWN
    if not claim.events:
        return UNSTATED
    if not sentence.parties & claim.parties or not sentence.names <= claim.words:
        return UNKNOWN
    if sentence.events & claim.events:
        # raising takes more than lowering: every generic actor of the sentence ("rebels
        # killed a soldier": REB, MIL) is in the claim, not only one ("rebels killed", REB)
        return SAME if sentence.types <= claim.parties else UNKNOWN
    return _other_or_related(sentence, claim)


def _other_or_related(sentence: Frame, claim: Frame) -> str:
    """OTHER for a claim whose events are all of other classes than the sentence's and none
    related to them, else UNKNOWN."""
    related = {r for e in sentence.events for r in _related().get(e, ())}
    return UNKNOWN if claim.events & related else OTHER


def _matches(tokens: list[str], entries: dict, settings: list[str] | None = None) -> set[str]:
    """The keys of the entries found in `tokens`; given the words as written (`settings`),
    less nouns written as the setting of another event ("killed at a protest", "during the
    fighting", "during the Harlow protest")."""
    found: set[str] = set()
    for i, token in enumerate(tokens):
        for lemma in lemmas(token):
            for entry in entries.get(lemma, ()):
                if entry.key in found or not phrase_at(tokens, i + 1, entry.rest):
                    continue
                if not (settings and _after_setting(settings, tokens, i)):  # a noun there
                    found.add(entry.key)
    return found


def _after_setting(written: list[str], tokens: list[str], i: int) -> bool:
    """Whether tokens[i] follows a preposition of setting, an article and names between."""
    at = i - 1
    while at >= 0 and (tokens[at] in _ARTICLES or written[at][0].isupper()) and i - at <= 3:
        at -= 1
    return at >= 0 and tokens[at] in _SETTING


_ARTICLES = frozenset({"a", "an", "the"})
_SETTING = frozenset({"at", "during", "amid", "amidst"})


def _names(written: list[str], tokens: list[str]) -> frozenset[str]:
    """The last word of each run of capitalised words that is not a party, a day or a
    month: a person, a group or a place the gazetteer lacks ("Lena Vos", "Oskal").
    The text's first word starts a run only if the next is capitalised too ("Commander Idris
    al-Haddadi"); a text in title case (a stop word capitalised after its first word) gives
    none: every word looks like a name."""
    if any(w[0].isupper() and t in ENGLISH_STOP_WORDS for w, t in zip(written[1:], tokens[1:],
                                                                         strict=True)):
        return frozenset()
    capital = [w[0].isupper() or t in _NAME_PARTICLES for w, t in zip(written, tokens,
                                                                       strict=True)]
    found: set[str] = set()
    start = 0
    for i in range(len(written)):
        if not capital[i]:
            start = i + 1
            continue
        if i + 1 < len(written) and capital[i + 1]:
            continue  # not the run's last word
        run = written[start : i + 1]
        if start == 0 and len(run) == 1:
            continue  # a sentence's first word
        if tokens[i] not in _CALENDAR and not _is_party(" ".join(run), written[i], tokens[i]):
            found.add(tokens[i])
    return frozenset(found)


_NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "de", "van", "von"})
_CALENDAR = frozenset(
    n.lower() for n in (*calendar.day_name, *calendar.month_name, *calendar.day_abbr) if n)


def _is_party(run: str, word: str, token: str) -> bool:
    """Whether the run's last word is a party: a country or nationality, the end of a known
    actor's name ("Islamic State"), a generic actor ("Police")."""
    known = (actor_key(name).split()[-1] for name in known_actors(run))
    return bool(parties(word) or known_actors(word)) or actor_key(word) in known or any(
        lemma in party_entries() for lemma in lemmas(token))


def phrase_at(tokens: list[str], start: int, rest: tuple[str, ...]) -> bool:
    """Whether the phrase's other words follow, each within PHRASE_GAP words of the last (a
    noun phrase's words, "air strike", follow at once)."""
    at = start
    for number, word in enumerate(rest, start=1):
        window = tokens[at : at + PHRASE_GAP + 1]
        forms = {word, *(_plural(word) if number == len(rest) else ())}
        hit = next((k for k, t in enumerate(window) if t in forms), None)
        if hit is None:
            return False
        at += hit + 1
    return True


def _plural(noun: str) -> tuple[str, ...]:
    return (noun + "s", noun + "es", noun[:-1] + "ies")


@lru_cache(maxsize=1 << 16)  # words repeat: `check` reads hundreds of candidates
def lemmas(token: str) -> frozenset[tuple[str, str]]:
    """(pos, lemma) readings of a lowercase token: the token itself, WordNet's irregular
    forms, and its suffixes detached by WordNet's rules (a doubled consonant undone:
    "stepped" -> "step"), as a verb and as a noun."""
    senses = shipped()
    found = {("v", token), ("n", token)}
    for pos, suffixes in DETACH.items():
        if (pos, token) in senses.exceptions:
            found.add((pos, senses.exceptions[pos, token]))
        for suffix, ending in suffixes:
            if token.endswith(suffix) and len(token) - len(suffix) >= 2:
                stem = token[: -len(suffix)] + ending
                found.add((pos, stem))
                if not ending and len(stem) > 3 and stem[-1] == stem[-2]:
                    found.add((pos, stem[:-1]))
    return frozenset(found)




def _entries(sections: dict[str, tuple[str, ...]], default_pos: str) -> dict:
    """(pos, lemma of the first word) -> the entries starting with it."""
    found: dict[tuple[str, str], list[_Entry]] = {}
    for key, lines in sections.items():
        for line in lines:
            words = line.lower().split()
            if words[0] == "related":
                continue
            pos = default_pos
            if words[0] in ("v", "n"):
                pos, words = words[0], words[1:]
            words = [w for word in words for w in word.split("-")]  # "sit-in"
            found.setdefault((pos, words[0]), []).append(
                _Entry(key, pos, words[0], tuple(words[1:])))
    return found


@cache
def event_entries() -> dict:
    return _entries(lexicon_sections(EVENTS), "v")


@cache
def party_entries() -> dict:
    return _entries(lexicon_sections(PARTIES), "n")


@cache
def _related() -> dict[str, frozenset[str]]:
    """Each class's related classes, both ways."""
    related: dict[str, set[str]] = {key: set() for key in lexicon_sections(EVENTS)}
    for key, lines in lexicon_sections(EVENTS).items():
        for line in lines:
            if line.startswith("related "):
                other = line.split()[1]
                related[key].add(other)
                related.setdefault(other, set()).add(key)
    return {key: frozenset(found) for key, found in related.items()}


def known_actors(text: str) -> set[str]:
    """The canonical names of the alias file's actors that `text` names ("Assad")."""
    aliases = load_aliases(str(ACTOR_ALIASES.value()))
    starts = _alias_starts(str(ACTOR_ALIASES.value()))
    words = [w.strip(".,;:!?\"'()") for w in text.replace("’", "'").split()]
    found = set()
    for i, word in enumerate(words):
        if not word[:1].isupper() or not starts & set(_key(word).split()[:1]):
            continue  # no alias starts with it: the common case, read without a join
        for n in range(1, min(_NAME_WORDS, len(words) - i) + 1):
            key = actor_key(" ".join(words[i : i + n]))
            for kind in ("PER", "ORG"):
                if (key, kind) in aliases:
                    found.add(aliases[key, kind])
    return found


@cache
def _alias_starts(user_file: str) -> frozenset[str]:
    """The first word of every alias key: a span starting with another word is no alias."""
    return frozenset(key.split()[0] for key, _ in load_aliases(user_file) if key)


@lru_cache(maxsize=1 << 16)
def _key(word: str) -> str:
    return actor_key(word)

"""A strict frame match: a claim that says the sentence's event of the sentence's parties, in
the sentence's roles.

`corroborate.link.events` compares a claim's event classes and parties with the sentence's
loosely (one shared party is enough for SAME), which raises claims on one perpetrator's other
victims as much as restatements. `strictly` asks for more: the claim names an event of the
sentence's class (`Frame.events`) and *every* party of the sentence: each country or
nationality (one key per country: "Russians" and "Russia" are RU), each generic actor by its
CAMEO type ("troops" MIL meets "officers" MIL), and each name, where a country written as the
owner of the sentence's government ("Syrian government forces") is also met by the claim's
generic government ("the regime", "government"), the way reporting names a government by its
type once the country is known. The roles must agree too: around the first word of the
sentence's event class, each party is the *agent* (before it, or after "by"), a *companion*
(after "alongside", "along", "beside", "with", "together with": on the agent's side), or the
*patient* (after it otherwise; before it in a passive, "were shelled"); a party that is the
patient in one and on the agent's side in the other fails the match ("X attacked Y" is not
"Y attacked X"), and so does a claim `corroborate.link.roles` reads as swapped. A party named
away from the event word (more than `WINDOW` words) keeps no role and does not fail it.

Read from word order, not from a parse: the ledger keeps no dependency parse of its claims
(only spans and labels), parsing each candidate at `check` time costs about 50 ms after a 4 s
model load, and the UD parser reads headline verbs such as "fighting alongside" as compound
nouns (`corroborate.link.roles`). `check` raises strict matches by
`corroborate.link.check.STRICT_BOOST` and reads them with the full encoder whatever their
first rank; the store finds them by their words (`search_terms`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from corroborate.attribution.supersenses import shipped
from corroborate.link.events import (
    SAME,
    Frame,
    compare,
    event_entries,
    frame,
    known_actors,
    lemmas,
    party_entries,
    phrase_at,
)
from corroborate.link.roles import Roles, Word, by_index, demonym_table, is_passive, party_words

AGENT, COMPANION, PATIENT = "agent", "companion", "patient"
GOVERNMENT = "GOV"  # the CAMEO type of a government ("regime", "government", "ministry")
WINDOW = 12  # words from the event word: a party farther away keeps no role
_COMITATIVE = frozenset({"alongside", "along", "beside", "with", "together"})
_NAME_WORDS = 3  # the most words of a known actor's name read at one place
# scikit-learn's stop words that say something of their own in a claim ("show", "fire",
# "found", "call"...): a sentence holding one is not bare
_CONTENT_WORDS = frozenset({
    "amount", "back", "become", "became", "becomes", "becoming", "bill", "bottom", "call",
    "cry", "describe", "detail", "empty", "fill", "find", "fire", "found", "front", "full",
    "get", "give", "go", "interest", "keep", "made", "mill", "move", "name", "part", "put",
    "see", "seem", "seemed", "seeming", "seems", "serious", "show", "side", "system", "take",
    "thick", "thin", "top",
})


@dataclass(frozen=True)
class Reading:
    """A text's frame and the roles of its parties around its first word of `classes`."""

    frame: Frame
    roles: dict[str, frozenset[str]]  # party -> the roles it holds
    governed: frozenset[str]  # countries written as a government's owner: "Syrian government"


def strictly(sentence: str, text: str) -> bool:
    """Whether `text` names the sentence's event class and all its parties in its roles."""
    said = _read_sentence(sentence)
    if not said.frame.events or not said.frame.parties:
        return False
    claim = frame(text)
    shared = said.frame.events & claim.events
    if not shared or compare(said.frame, claim) != SAME:
        return False
    found = read(text, shared)
    for party in said.frame.parties:
        met = _met_by(party, said, claim)
        if met is None:
            return False
        roles = said.roles.get(party, frozenset())
        if _clash(roles, found.roles.get(met, frozenset())):
            return False
    return not _roles_of(sentence).swapped(text)


def _met_by(party: str, said: Reading, claim: Frame) -> str | None:
    """The claim's party standing for the sentence's `party`: itself, or for a government's
    country the claim's generic government."""
    if party in claim.parties:
        return party
    if party in said.governed and GOVERNMENT in claim.parties:
        return GOVERNMENT
    return None


def _clash(sentence: frozenset[str], claim: frozenset[str]) -> bool:
    """A party that is the patient in one text and on the agent's side in the other."""
    if not sentence or not claim:
        return False
    return (PATIENT in sentence) != (PATIENT in claim) and not (
        sentence - {PATIENT} and claim - {PATIENT})


@lru_cache(maxsize=64)
def _read_sentence(sentence: str) -> Reading:
    return read(sentence, frame(sentence).events)


@lru_cache(maxsize=64)
def _roles_of(sentence: str) -> Roles:
    return Roles(sentence)


def read(text: str, classes: frozenset[str]) -> Reading:
    """`text`'s frame and its parties' roles around its first word of an event of `classes`."""
    words = party_words(text)
    lowered = [w.text.lower() for w in words]
    at = _event_word(lowered, classes)
    placed = _placed_parties(words, lowered)
    roles: dict[str, set[str]] = {}
    if at is not None:
        for position, party in placed:
            role = _role(words, lowered, at, position)
            if role:
                roles.setdefault(party, set()).add(role)
    governed = frozenset(
        party for position, party in placed
        if len(party) == 2 and any(p == position + 1 and q == GOVERNMENT for p, q in placed))
    return Reading(frame(text), {p: frozenset(r) for p, r in roles.items()}, governed)


def _event_word(lowered: list[str], classes: frozenset[str]) -> int | None:
    """The position of the first word that starts an event of `classes`."""
    entries = event_entries()
    for i, token in enumerate(lowered):
        for lemma in lemmas(token):
            if any(e.key in classes and phrase_at(lowered, i + 1, e.rest)
                   for e in entries.get(lemma, ())):
                return i
    return None


def _placed_parties(words: Sequence[Word], lowered: list[str]) -> list[tuple[int, str]]:
    """(position, party) of each country or nationality and each generic actor."""
    placed = [(i, w.party) for i, w in enumerate(words) if w.party]
    entries = party_entries()
    for i, token in enumerate(lowered):
        for lemma in lemmas(token):
            for entry in entries.get(lemma, ()):
                if phrase_at(lowered, i + 1, entry.rest):
                    placed.append((i, entry.key))
    return sorted(set(placed))


def _role(words: Sequence[Word], lowered: list[str], at: int, position: int) -> str | None:
    """The role of the party at `position` around the event word at `at`."""
    if position == at or abs(position - at) > WINDOW:
        return None
    passive = is_passive(list(words), at)
    if position < at:
        return PATIENT if passive else AGENT  # a passive's subject undergoes it
    between = lowered[at + 1 : position]
    if by_index(list(words), at) and "by" in between[:2]:
        return AGENT
    if _COMITATIVE & set(between):
        return COMPANION
    return PATIENT


@lru_cache(maxsize=64)
def fully_framed(sentence: str) -> bool:
    """Whether the sentence says nothing beyond its frame: it names an event and a party, and
    each of its words is a function word (negations included), a party (a country or
    nationality, a generic actor, a known actor's name), a word of its event, or a companion
    marker: "Russian troops are fighting alongside Syrian government forces", not "Russian
    troops are fighting near Aleppo" (where) nor "rebels shot the journalist Ana Pell"
    (whom). A strict match of such a sentence states all the sentence states, whatever
    its wording ("Russian officers leading regime combats"), so `check` keeps it whatever its
    similarity. Emergent's claims are never so bare (one of its 2,071 headlines is), which is
    why the similarities alone, tuned there, miss these restatements."""
    said = _read_sentence(sentence)
    if not said.frame.events or not said.frame.parties:
        return False
    words = party_words(sentence)
    lowered = [w.text.lower() for w in words]
    placed = _framed_positions(words, lowered, said.frame)
    return all(i in placed or _function_word(lowered[i]) or lowered[i] in _COMITATIVE
               for i in range(len(words)))


def _framed_positions(words: Sequence[Word], lowered: list[str], said: Frame) -> set[int]:
    """The positions of the sentence's parties and event words, each phrase's words with it."""
    placed = {i for i, w in enumerate(words) if w.party}
    for table, keys in ((event_entries(), said.events), (party_entries(), said.parties)):
        for i, token in enumerate(lowered):
            for lemma in lemmas(token):
                for entry in table.get(lemma, ()):
                    if entry.key in keys and phrase_at(lowered, i + 1, entry.rest):
                        placed |= _phrase_positions(lowered, i, entry.rest)
    for i, word in enumerate(words):  # a known actor's name: "Islamic State", "Hezbollah"
        if word.text[:1].isupper():
            placed |= _name_at(words, i)
    return placed


def _name_at(words: Sequence[Word], i: int) -> set[int]:
    """The positions of the known actor's name starting at `i` (its fewest words), if any."""
    for n in range(1, min(_NAME_WORDS, len(words) - i) + 1):
        span = [w.text for w in words[i : i + n]]
        if known_actors(" ".join(span)) and not known_actors(" ".join(span[1:])):
            return set(range(i, i + n))
    return set()


def _function_word(word: str) -> bool:
    return word in ENGLISH_STOP_WORDS and word not in _CONTENT_WORDS


def _phrase_positions(lowered: list[str], start: int, rest: tuple[str, ...]) -> set[int]:
    """The positions of a phrase starting at `start` (`phrase_at` found its other words)."""
    found, at = {start}, start + 1
    for word in rest:
        hit = next((k for k in range(at, len(lowered)) if lowered[k].startswith(word)), None)
        if hit is None:
            break
        found.add(hit)
        at = hit + 1
    return found


def search_terms(sentence: str) -> list[list[str]]:
    """Word groups a strict match holds one word of each (prefixes end in "*"): the words of
    the sentence's event classes and of each of its generic actors, and each country's
    demonyms and name. Empty when the sentence has no event or party to search by."""
    said = _read_sentence(sentence)
    if not said.frame.events or not said.frame.parties:
        return []
    groups = [_event_words(said.frame.events)]
    for party in sorted(said.frame.parties):
        group = _party_words(party)
        if party in said.governed:
            group = group + _party_words(GOVERNMENT)
        if group:
            groups.append(group)
    return groups


def _event_words(classes: frozenset[str]) -> list[str]:
    """Each class's lexicon words (a phrase's first word) as prefixes, and their irregular
    forms ("fought")."""
    heads = {e.head for entries in event_entries().values() for e in entries if e.key in classes}
    irregular = {form for (_, form), lemma in shipped().exceptions.items() if lemma in heads}
    return sorted({_prefix(h) for h in heads} | irregular)


def _party_words(party: str) -> list[str]:
    heads = {e.head for entries in party_entries().values() for e in entries if e.key == party}
    if heads:
        return sorted({_prefix(h) for h in heads})
    demonyms = {name.lower() for name, key in demonym_table().items() if key == party}
    return sorted({form for d in demonyms for form in _country_forms(d)})


def _country_forms(demonym: str) -> set[str]:
    """The demonym as a prefix and its first four letters, which also begin its country's
    usual name ("syri*": Syria; "leba*": Lebanon; "turk*": Turkey): a recall aid for the
    search, whose finds are all read by `strictly` after."""
    return {demonym + "*", demonym[:4] + "*"}


def _prefix(word: str) -> str:
    """A prefix matching the word's forms: "seize" -> "seiz*" (seized, seizing)."""
    return (word[:-1] if word.endswith("e") and len(word) > 4 else word) + "*"

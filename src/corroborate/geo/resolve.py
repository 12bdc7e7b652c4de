"""Geocoding a report: find the places it names and resolve each to a gazetteer entry.

Where places are found: the parse's LOC entities, upper-case wire datelines ("BEIRUT (Reuters)
-"), and capitalised names after a locative preposition ("near Slunfeh") that the gazetteer
knows, which the NER misses in scraped text. A LOC entity used for a government ("Moscow
said", "the Kremlin", "Damascus's envoy") is metonymy: an actor, left unresolved with that
reason. Each name is then resolved by scoring its gazetteer entries against the report's
context: the countries its unambiguous places lie in, the feature type the text names
("Latakia province" -> the governorate, "the city of Homs" -> the city, "Hmeimim airbase" ->
the base), population and the feature's rank.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import cache

from corroborate.geo.gazetteer import Gazetteer
from corroborate.geo.names import name_key
from corroborate.model import Mention, Place, PlaceMention
from corroborate.resources import lexicon_entries, lexicon_sections

NOT_FOUND = "not in the gazetteer"
METONYMY = "metonymy: names a government or its people, an actor"
WIDE = "a wide region or sea: no gazetteer point stands for it"
ABROAD = "no entry of this name in or near the report's countries"
ACTOR = "the name of a known actor"

# Scores (see _score). The hint and country weights outrank population (log10 of up to ~7),
# so a governorate the text calls a province beats a bigger city of that name, and a town in
# the report's country beats a namesake city abroad; calibrated by hand on the seed reports
# and tests/data/geo reports (eval/geo/gold.jsonl).
HINT_MATCH, HINT_MISMATCH = 6.0, -2.0
IN_FOCUS = 4.0
COUNTRY = 5.0  # a country's name is rarely meant as a namesake village
PRIMARY_NAME = 1.0
CURATED = 2.0
CITY_OVER_REGION = 1.5  # "Homs" with no hint: the city, not the governorate
CAPITAL = {"PPLC": 1.0, "PPLA": 0.5}
# A name found only by the preposition rule, or an entry outside the report's countries, must
# be a known place of some size: "in Assad" or "to Putin" must not become villages abroad.
ABROAD_MIN_POPULATION = 50_000
SKELETON_MIN_RATIO = 0.7  # difflib ratio of the keys: Slunfeh / Slinfah 0.71, Russian / Rasayn 0.62
# Lower-case words that may follow a place name; another lower-case word after a capitalised
# word makes it an adjective ("Russian troops"), not a place.
FOLLOWERS = frozenset(
    [
        "and",
        "or",
        "on",
        "in",
        "at",
        "to",
        "from",
        "after",
        "before",
        "where",
        "which",
        "that",
        "the",
        "as",
        "with",
        "by",
        "for",
        "near",
        "since",
        "until",
        "during",
        "while",
        "but",
        "city",
        "town",
        "village",
        "province",
        "governorate",
        "countryside",
    ]
)

_DATELINE = re.compile(
    r"^[ \t]*([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3})(?:,[^\n(—–]{1,30}?)?"
    r"[ \t]*(?:\(|—|–| - |-(?= )|:)",
    re.MULTILINE,
)
_NAME = r"(?:(?:al|el|Al|El|ad|ar|as|ash|at|az)-)?[A-Z][\w'’-]+"
_PLACE_NAME = rf"{_NAME}(?:\s+(?:al-|el-)?{_NAME}){{0,2}}"
_PREPOSITION = re.compile(
    r"\b(?i:in|near|at|from|into|outside|around|towards?|across|over|of|to|through|via|"
    r"inside|within|between|along|beyond)\s+(?:the\s+)?"
    rf"({_PLACE_NAME})"
)
_AND_NEXT = re.compile(rf"(?:\s*,\s*|\s+and\s+|\s+or\s+)(?:the\s+)?({_PLACE_NAME})")
_KIND_AFTER = re.compile(
    rf"\b({_PLACE_NAME})\s+(?=(?:airbase|air base|airport|airfield|border crossing|crossing|"
    r"neighbou?rhood|province|governorate|countryside)\b)"
)
# A preposition before the name, or before a list the name ends ("from Aleppo and Palmyra").
_AFTER_PREPOSITION = re.compile(
    r"\b(?i:in|of|from|near|at|to|into|outside|around|across|through|via|inside|within|"
    r"between|along|beyond)\s+(?:the\s+)?"
    r"(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*(?:\s*,\s*|\s+and\s+|\s+or\s+))*$"
)
_AUX = r"(?:\s+(?:has|have|had|also|was|were|is|has been|had been|have been|on \w+day))*"


@dataclass(frozen=True)
class Found:
    """A place name in the text with what the surrounding words say about it."""

    start: int
    end: int
    text: str
    hint: str | None = None  # region, city or point
    how: str = "ner"  # ner (a LOC entity), dateline, preposition, entity (a PER/ORG entity)

    @property
    def strong(self) -> bool:
        """Found as a place (kept even if unresolved), not only guessed as one."""
        return self.how == "ner"

    @property
    def sure(self) -> bool:
        """Found as a place, by the NER or as a dateline: counts for the report's countries."""
        return self.how in {"ner", "dateline"}


@cache
def _lexicon() -> dict[str, tuple[str, ...]]:
    return lexicon_sections("place_metonymy.txt")


@cache
def _hints() -> dict[str, tuple[str, ...]]:
    return lexicon_sections("place_hints.txt")


def geocode(
    text: str,
    mentions: Sequence[Mention],
    gazetteer: Gazetteer,
    actor_names: frozenset[str] = frozenset(),
    adjectives: frozenset[int] | None = None,
) -> tuple[PlaceMention, ...]:
    """Every place named in `text`, in order, resolved or with the reason it is not.
    `actor_names` are keys (see `name_key`) of known actors' names: a LOC entity with one
    of them ("Assad", "Syria Mirror") is an actor the NER mislabelled. `adjectives`: see
    `find_places`."""
    found = find_places(text, mentions, gazetteer, adjectives)
    candidates = {f: _lookup(text, f, gazetteer) for f in found}
    focus = _focus({f: c for f, c in candidates.items() if f.sure})
    focus.update(_demonym_countries(text))
    resolved = []
    for place in found:
        outcome = _resolve(text, place, candidates[place], focus, gazetteer, actor_names)
        if isinstance(outcome, Place):
            resolved.append(PlaceMention(place.start, place.end, place.text, outcome))
        elif place.strong:
            resolved.append(PlaceMention(place.start, place.end, place.text, None, outcome))
    # a PER or ORG entity spelled exactly as a resolved place is that place (NER confusion)
    exact = {(m.start, m.end) for m in mentions}
    taken = [(f.start, f.end) for f in found] + [
        (m.start, m.end) for m in mentions if m.label == "LOC"
    ]
    resolved += _same_names(text, resolved, taken, exact)
    return tuple(sorted(resolved, key=lambda p: p.start))


def _same_names(
    text: str,
    resolved: list[PlaceMention],
    taken: list[tuple[int, int]],
    exact: set[tuple[int, int]],
) -> list[PlaceMention]:
    """Other occurrences of a name the report already resolved, wherever they stand ("one
    sense per discourse"): "Al-Waer, the last rebel-held district" after "in Al-Waer"."""
    known = {name_key(p.text): p.place for p in resolved if p.place is not None}
    more = []
    for match in re.finditer(_PLACE_NAME, text):
        start, end = match.span()
        place = known.get(name_key(match.group(0)))
        if place is None or overlaps(start, end, taken):
            continue
        others = [span for span in exact if span != (start, end)]
        if overlaps(start, end, others):
            continue
        if is_metonymy(text, Found(start, end, match.group(0))):
            continue
        more.append(PlaceMention(start, end, match.group(0), place))
    return more


def _resolve(
    text: str,
    place: Found,
    entries: list[Place],
    focus: Counter[str],
    gazetteer: Gazetteer,
    actor_names: frozenset[str],
) -> Place | str:
    """The place's entry, or why it has none."""
    key = name_key(place.text)
    if key in actor_names:
        return ACTOR
    if place.text.lower() in _hints()["wide"]:
        return WIDE
    if place.text.lower() in _hints()["never"]:
        return NOT_FOUND
    if is_metonymy(text, place):
        return METONYMY
    if not entries:
        entries = [
            e
            for e in _in_focus(gazetteer.lookup_skeleton(place.text), focus)
            if SequenceMatcher(None, key, name_key(e.name)).ratio() >= SKELETON_MIN_RATIO
        ]
    best = _best(place, entries, focus)
    if best is None:
        return NOT_FOUND
    return best if _plausible(place, best, focus) else ABROAD


# -- finding ----------------------------------------------------------------------------------


def find_places(
    text: str,
    mentions: Sequence[Mention],
    gazetteer: Gazetteer,
    adjectives: frozenset[int] | None = None,
) -> list[Found]:
    """LOC entities, datelines, and (weak: kept only if resolved) names after locative
    prepositions or before a site word ("Humaimam airbase"), and PER/ORG entities the
    gazetteer knows by that exact name. `adjectives` are the offsets of tokens the parse
    tagged ADJ ("Russian troops"); without a parse, a following lower-case word decides."""
    found = [_with_hint(text, m.start, m.end) for m in mentions if m.label == "LOC"]
    found += [
        f
        for m in mentions
        if m.label == "ORG"
        if (f := _with_hint(text, m.start, m.end)).hint == "point" and f.end < m.end
    ]
    found += [
        replace(_with_hint(text, m.start(1), m.end(1)), how="dateline")
        for m in _DATELINE.finditer(text)
    ]
    guessed = _guessed_spans(text)
    starts = {start for start, _ in guessed}
    found += [
        replace(_with_hint(text, m.start, m.end), how="entity")
        for m in mentions
        if (m.label == "ORG" or m.start in starts or _after_preposition(text, m.start))
        and m.label in {"PER", "ORG"}
        and gazetteer.lookup(m.text)
    ]
    taken = [(f.start, f.end) for f in found] + [
        (m.start, m.end) for m in mentions if m.label in {"PER", "ORG"}
    ]
    for start, end in guessed:
        if overlaps(start, end, taken) or _adjective(text, start, end, adjectives):
            continue
        found.append(replace(_with_hint(text, start, end), how="preposition"))
        taken.append((start, end))
    return _without_overlaps(found)


def _guessed_spans(text: str) -> list[tuple[int, int]]:
    """Capitalised names after a locative preposition (and those listed after them: "around
    Pokrovsk and Kostiantynivka") or before a site word."""
    spans = []
    for match in _PREPOSITION.finditer(text):
        spans.append(match.span(1))
        position = match.end(1)
        while following := _AND_NEXT.match(text, position):
            spans.append(following.span(1))
            position = following.end(1)
    spans += [match.span(1) for match in _KIND_AFTER.finditer(text)]
    return spans


def _after_preposition(text: str, start: int) -> bool:
    before = text[max(0, start - 80) : start]
    return bool(_AFTER_PREPOSITION.search(before))


def _adjective(text: str, start: int, end: int, adjectives: frozenset[int] | None) -> bool:
    """Whether a guessed name is an adjective ("Russian troops"): followed by a lower-case
    word other than a FOLLOWER and, given a parse, tagged ADJ by it ("in Tartous and" is a
    place even where the tagger says ADJ)."""
    following = re.match(r"\s+([a-z]+)\b", text[end : end + 30])
    before_noun = bool(following) and following.group(1) not in FOLLOWERS
    return before_noun and (adjectives is None or start in adjectives)


def overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether the span [start, end) shares a character with any of `spans`."""
    return any(start < b and a < end for a, b in spans)


def _without_overlaps(found: list[Found]) -> list[Found]:
    kept: list[Found] = []
    for place in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if not overlaps(place.start, place.end, [(k.start, k.end) for k in kept]):
            kept.append(place)
    return kept


def _with_hint(text: str, start: int, end: int) -> Found:
    """The name without a leading "the" or a trailing kind word, and that kind as a hint."""
    name = text[start:end]
    if name.lower().startswith("the "):
        start, name = start + 4, name[4:]
    if name.endswith(("'s", "’s")):
        end, name = end - 2, name[:-2]
    while (last := re.search(r"\s+([a-z]+)$", name)) and not _is_hint(last.group(1)):
        end, name = end - len(last.group(0)), name[: -len(last.group(0))]  # "Lattakia on"
    hint = None
    for kind, (before, suffix, after) in _hint_patterns().items():
        if before.search(text, max(0, start - 40), start):
            hint = hint or kind
        if stripped := suffix.search(name):
            end, name, hint = end - len(stripped.group(0)), name[: stripped.start()], kind
        elif after.match(text, end):
            hint = hint or kind
    return Found(start, end, name, hint)


KINDS = ("region", "city", "point")  # the hint sections of place_hints.txt, in order


@cache
def _hint_patterns() -> dict[str, tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]]:
    """Per kind: its "... of" words before the name, its words ending the name, its words
    after the name (longest first)."""
    patterns = {}
    for kind in KINDS:
        words = sorted(_hints()[kind], key=len, reverse=True)
        of = "|".join(re.escape(w) for w in words if w.endswith(" of"))
        plain = "|".join(re.escape(w) for w in words if not w.endswith(" of"))
        patterns[kind] = (
            re.compile(rf"\b(?:{of or '(?!)'})\s+(?:the\s+)?$", re.IGNORECASE),
            re.compile(rf"(?<=\S)\s(?:{plain})$", re.IGNORECASE),
            re.compile(rf"\s+(?:{plain})\b", re.IGNORECASE),
        )
    return patterns


@cache
def _metonymy_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lexicon = _lexicon()
    verbs = "|".join(map(re.escape, lexicon["verbs"]))
    nouns = "|".join(map(re.escape, lexicon["nouns"]))
    return (
        re.compile(rf"{_AUX}\s+(?:{verbs})\b"),
        re.compile(rf"['’]s?\s+(?:[A-Z]{{2,4}}\s+)?(?:{nouns})\b"),
    )


def _is_hint(word: str) -> bool:
    return any(word in _hints()[kind] for kind in KINDS)


def is_metonymy(text: str, place: Found) -> bool:
    """A place name standing for its government: an institution's seat ("the Kremlin"), the
    subject of a speech or agency verb ("Moscow has denied"), or a possessive before an
    actor noun ("Moscow's UN envoy")."""
    lexicon = _lexicon()
    if _after_preposition(text, place.start):
        return False  # the object of a preposition ("sources in Hama said") is a place
    name = place.text.lower().removeprefix("the ").rstrip("'’s")
    if name in lexicon["institutions"] or place.text.lower() in lexicon["institutions"]:
        return True
    after = text[place.end : place.end + 60]
    subject, possessive = _metonymy_patterns()
    return bool(subject.match(after) or possessive.match(after))


# -- resolving --------------------------------------------------------------------------------


def _lookup(text: str, place: Found, gazetteer: Gazetteer) -> list[Place]:
    """Entries of the name; for a site, also of the name with its site word ("Rafah
    crossing"), which the curated supplement holds."""
    entries = gazetteer.lookup(place.text)
    if place.hint == "point":
        word = re.match(r"\s+(\w+(?: \w+)?)", text[place.end : place.end + 30])
        if word:
            site = [
                e
                for e in gazetteer.lookup(f"{place.text} {word.group(1)}")
                + gazetteer.lookup(f"{place.text} {word.group(1).split()[0]}")
                if e.precision == "point"
            ]
            entries = site + [e for e in entries if e not in site]
    return entries


def _focus(candidates: dict[Found, list[Place]]) -> Counter[str]:
    """The report's countries: those of its places that are unambiguous (one country among
    their entries) or countries by name, weighted by how often they are named."""
    focus: Counter[str] = Counter()
    for place, entries in candidates.items():
        countries = {e.country_code for e in entries}
        if len(countries) == 1:
            focus[countries.pop()] += 1
        for entry in entries:
            if entry.precision == "country" and name_key(entry.name) == name_key(place.text):
                focus[entry.country_code] += 2
    return focus


def _demonym_countries(text: str) -> Counter[str]:
    """Countries the report's demonyms name ("Lebanese" -> LB), once each."""
    demonyms, pattern = _demonyms()
    return Counter(demonyms[word] for word in set(pattern.findall(text)))


@cache
def _demonyms() -> tuple[dict[str, str], re.Pattern[str]]:
    demonyms = dict(line.rsplit(maxsplit=1) for line in lexicon_entries("place_demonyms.txt"))
    words = "|".join(map(re.escape, sorted(demonyms, key=len, reverse=True)))
    return demonyms, re.compile(rf"\b({words})s?\b")


def _in_focus(entries: list[Place], focus: Counter[str]) -> list[Place]:
    return [e for e in entries if e.country_code in focus]


def _best(place: Found, entries: list[Place], focus: Counter[str]) -> Place | None:
    if not entries:
        return None
    return max(entries, key=lambda e: (_score(place, e, focus), -e.geonames_id))


def _score(place: Found, entry: Place, focus: Counter[str]) -> float:
    score = math.log10(entry.population + 1)
    if entry.precision == "country":
        score += COUNTRY
    if entry.country_code in focus:
        score += IN_FOCUS
    if name_key(entry.name) == name_key(place.text):
        score += PRIMARY_NAME
    if entry.geonames_id < 0:
        score += CURATED
    if place.hint:
        score += HINT_MATCH if _kind(entry) == place.hint else HINT_MISMATCH
    elif entry.feature_class == "P":
        score += CITY_OVER_REGION
    return score + CAPITAL.get(entry.feature_type, 0.0)


def _kind(entry: Place) -> str:
    return {"country": "region"}.get(entry.precision, entry.precision)


def _plausible(place: Found, entry: Place, focus: Counter[str]) -> bool:
    """An entry in the report's countries, a country, a first-level region, a curated feature
    or a sizeable city; a strong find in a report with no country known is taken as is."""
    if place.sure and not focus:
        return True
    if place.how == "entity":  # a person's or organisation's name that is also a place's
        return entry.country_code in focus
    return (
        entry.country_code in focus
        or entry.population >= ABROAD_MIN_POPULATION
        or entry.feature_type in {"PCLI", "ADM1"}
        or entry.geonames_id < 0
    )

"""Joining actor mentions to canonical actors.

Within a report: a title or role phrase before a name ("Kremlin spokesman Dmitry Peskov",
"President Bashar al-Assad") is kept as the person's role and stripped from the name; a
shorter name whose words end a longer one of the same report ("Peskov", "Assad") joins it; a
role phrase written alone later ("the Kremlin spokesman said") joins the person it was first
written with. Across reports: actors are identified by a folded key of their canonical name
(`actor_key`), and the alias file (`lexicons/actor_aliases.tsv`, plus the user's own at
`CORROBORATE_ACTOR_ALIASES`) maps other names to one canonical name. A place name used for
its government ("Moscow said", "the Kremlin"; see corroborate.geo) becomes an ORG actor.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path

from corroborate.errors import InputError
from corroborate.geo.names import ARTICLES, fold, name_key
from corroborate.geo.resolve import ACTOR, METONYMY, overlaps
from corroborate.model import ActorMention, Mention, PlaceMention
from corroborate.resources import lexicon_entries, lexicon_path
from corroborate.settings import ACTOR_ALIASES

ACTOR_TYPES = frozenset({"PER", "ORG"})
ACTOR_REASONS = frozenset({METONYMY, ACTOR})
_POSSESSIVE = re.compile(r"['’]s?$")
_ROLE_MODIFIERS = 3  # capitalised words a role phrase may carry: "Russian Defense Minister"


def actor_key(name: str) -> str:
    """The identity of a name across spellings: folded words, the Arabic article dropped."""
    words = [w for w in fold(name).split() if w not in ARTICLES and w != "the"]
    return " ".join(words) or fold(name)


@cache
def load_aliases(user_file: str = "") -> dict[tuple[str, str], str]:
    """(alias key, type) -> canonical name, from the packaged file then the user's."""
    aliases: dict[tuple[str, str], str] = {}
    for canonical, kind, alias in _alias_lines(user_file):
        aliases[(actor_key(alias), kind)] = canonical
        aliases[(actor_key(canonical), kind)] = canonical
    return aliases


@cache
def _alias_lines(user_file: str) -> tuple[tuple[str, str, str], ...]:
    paths = (lexicon_path("actor_aliases.tsv"), *([Path(user_file)] if user_file else []))
    return tuple(line for path in paths for line in _read_aliases(path))


def _read_aliases(path: Path) -> list[tuple[str, str, str]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise InputError(str(path), f"cannot read actor aliases ({err.strerror})") from err
    aliases = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) != 3 or cells[1] not in ACTOR_TYPES:
            raise InputError(f"{path}, line {number}", "expected: canonical, PER or ORG, alias")
        aliases.append((cells[0], cells[1], cells[2]))
    return aliases


def known_names(user_file: str = "") -> frozenset[str]:
    """The gazetteer keys (`corroborate.geo.names.name_key`) of every name in the alias
    files: a LOC entity so named ("Assad", "Syria Mirror") is an actor, not a place."""
    aliases = _alias_lines(user_file)
    return frozenset(name_key(name) for line in aliases for name in (line[0], line[2]))


@cache
def _role() -> str:
    """A role phrase: up to three capitalised modifiers, then title words."""
    titles = sorted(lexicon_entries("actor_titles.txt"), key=len, reverse=True)
    words = "|".join(re.escape(t) for t in titles)
    modifiers = rf"(?:[A-Z][\w.-]*\s+){{0,{_ROLE_MODIFIERS}}}"
    return rf"{modifiers}(?i:{words})(?:\s+(?i:{words}))*"


@cache
def _title_pattern() -> re.Pattern[str]:
    """A role phrase ending just before a name."""
    return re.compile(rf"({_role()})\s+$")


@cache
def _titled_name() -> re.Pattern[str]:
    """A role phrase and the capitalised name after it ("Kremlin spokesman Dmitry Peskov")."""
    name = r"[A-Z][\w'’.-]+(?:\s+(?:(?:al|el|bin|ibn|abu|de|van|von)[- ])?[A-Z][\w'’-]+){1,3}"
    return re.compile(rf"\b({_role()})\s+({name})")


def link_actors(
    text: str, mentions: Sequence[Mention], places: Sequence[PlaceMention] = ()
) -> tuple[ActorMention, ...]:
    """Each PER and ORG mention (and each place used as an actor), with its canonical
    actor; mentions resolved as places are left to them."""
    aliases = load_aliases(str(ACTOR_ALIASES.value()))
    on_map = [(p.start, p.end) for p in places if p.place is not None]
    found = [
        _read_mention(text, m)
        for m in mentions
        if m.label in ACTOR_TYPES and not overlaps(m.start, m.end, on_map)
    ]
    found += [_place_actor(p, aliases) for p in places if p.reason in ACTOR_REASONS]
    found = _with_titled_names(text, found)
    found = _join_within(found)
    found = [_canonical(m, aliases) for m in found]
    found = _roles_as_people(text, found)
    keyed = (replace(m, key=actor_key(m.name)) for m in found)
    return tuple(sorted(keyed, key=lambda m: (m.start, m.end)))


def _place_actor(place: PlaceMention, aliases: dict[tuple[str, str], str]) -> ActorMention:
    """A LOC entity that is an actor: a known person's name, else a government (ORG)."""
    kind = "PER" if (actor_key(place.text), "PER") in aliases else "ORG"
    return ActorMention(place.start, place.end, place.text, _clean(place.text), kind)


def _with_titled_names(text: str, found: list[ActorMention]) -> list[ActorMention]:
    """Names written after a role phrase that the NER missed or cut ("Kremlin spokesman
    Dmitry Peskov" where only "Kremlin" was tagged) become PER mentions with that role."""
    people = [(m.start, m.end) for m in found if m.type == "PER"]
    added = []
    for match in _titled_names(text):
        start, end = match.span(2)
        if overlaps(start, end, people):
            continue
        name = _clean(match.group(2))
        role = " ".join(match.group(1).split())
        added.append(ActorMention(start, start + len(name), name, name, "PER", role))
    kept = [m for m in found if not overlaps(m.start, m.end, [(a.start, a.end) for a in added])]
    return kept + added


def _titled_names(text: str) -> list[re.Match[str]]:
    """Matches of `_titled_name`, looked for only around title words followed by a capital
    (one scan of the text with a cheap pattern, then the full one on short windows)."""
    titles = _title_words()
    found: list[re.Match[str]] = []
    for word in re.finditer(r"([A-Za-z][\w.-]*)\s+(?=[A-Z])", text):
        if word.group(1).lower() not in titles:
            continue
        window_start = max(0, word.start() - 60)
        for match in _titled_name().finditer(text, window_start, word.end() + 80):
            if match.end(1) == word.end(1) and not any(m.span() == match.span() for m in found):
                found.append(match)
                break
    return found


@cache
def _title_words() -> frozenset[str]:
    """The last word of every title: a role phrase ends with one."""
    return frozenset(t.split()[-1].lower() for t in lexicon_entries("actor_titles.txt"))


def _clean(name: str) -> str:
    name = " ".join(name.split())
    name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    return _POSSESSIVE.sub("", name).strip() or name


def _read_mention(text: str, mention: Mention) -> ActorMention:
    """The name without its title, and the role phrase written in or before it."""
    name, role = _clean(mention.text), None
    if mention.label == "PER":
        inner = re.match(rf"({_role()})\s+(?=[A-Z])", name)
        if inner:  # a title inside the NER span: "President Bashar al-Assad"
            role, name = inner.group(1), name[inner.end() :].strip()
        window = text[max(0, mention.start - 60) : mention.start]
        last = window.rsplit(None, 1)[-1].lower() if window.strip() else ""
        before = _title_pattern().search(window) if last in _title_words() else None
        if before and not role:
            role = before.group(1)
    role = " ".join(role.split()) if role else None
    return ActorMention(mention.start, mention.end, mention.text, name, mention.label, role)


def _join_within(found: list[ActorMention]) -> list[ActorMention]:
    """A person named by fewer words ("Assad") joins the longest name of the report that ends
    with them ("Bashar al-Assad"); the person's role is carried to every mention."""
    # the first-written of equally long names wins: a set's order would vary with string
    # hashing from one process to the next, and re-ingesting must store the same keys
    first_written = dict.fromkeys(m.name for m in found if m.type == "PER")
    people = sorted(first_written, key=lambda n: -len(n.split()))
    joined = []
    for mention in found:
        name = mention.name
        if mention.type == "PER":
            key = actor_key(name)
            name = next((n for n in people if actor_key(n).endswith(" " + key)), name)
        joined.append(
            ActorMention(mention.start, mention.end, mention.text, name, mention.type, mention.role)
        )
    roles = {m.name: m.role for m in joined if m.role}
    return [
        ActorMention(m.start, m.end, m.text, m.name, m.type, m.role or roles.get(m.name))
        for m in joined
    ]


def _canonical(mention: ActorMention, aliases: dict[tuple[str, str], str]) -> ActorMention:
    """The alias file's canonical name; its type too where the NER typed it otherwise."""
    key = actor_key(mention.name)
    for kind in (mention.type, *sorted(ACTOR_TYPES - {mention.type})):
        if (key, kind) in aliases:
            return replace(mention, name=aliases[(key, kind)], type=kind)
    return mention


def _roles_as_people(text: str, found: list[ActorMention]) -> list[ActorMention]:
    """A role phrase written without a name ("the Kremlin spokesman said", or tagged as an
    ORG, "the Russian Defense Minister") is the person it was written with elsewhere in the
    report, if only one person had it."""
    owners: dict[str, set[str]] = {}
    for mention in found:
        if mention.type == "PER" and mention.role and len(mention.role.split()) > 1:
            owners.setdefault(mention.role.lower(), set()).add(mention.name)
    single = {role: next(iter(names)) for role, names in owners.items() if len(names) == 1}
    people = []
    for mention in found:
        owner = single.get(mention.name.lower())
        people.append(
            replace(mention, name=owner, type="PER", role=mention.name) if owner else mention
        )
    taken = [(m.start, m.end) for m in people]
    for role, owner in single.items():
        for match in re.finditer(rf"\b{re.escape(role)}\b", text, re.IGNORECASE):
            if overlaps(match.start(), match.end() + 2, taken):
                continue  # written with a name: that mention already carries it
            people.append(
                ActorMention(
                    match.start(), match.end(), match.group(0), owner, "PER", match.group(0)
                )
            )
    return people

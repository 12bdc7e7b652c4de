"""Build the WordNet supersense extract (`data/lexicons/supersenses.tsv`) that the cue
tagger's features read (`corroborate.attribution.supersenses`), from WordNet 3.0's database
files (index.*, data.*, *.exc): `corroborate train supersenses`."""

from __future__ import annotations

from pathlib import Path

from corroborate.errors import CorroborateError

# WordNet's lexicographer files by number (lexnames(5WN)); data.* lines give the number
LEXNAMES = (
    "adj.all", "adj.pert", "adv.all", "noun.Tops", "noun.act", "noun.animal", "noun.artifact",
    "noun.attribute", "noun.body", "noun.cognition", "noun.communication", "noun.event",
    "noun.feeling", "noun.food", "noun.group", "noun.location", "noun.motive", "noun.object",
    "noun.person", "noun.phenomenon", "noun.plant", "noun.possession", "noun.process",
    "noun.quantity", "noun.relation", "noun.shape", "noun.state", "noun.substance", "noun.time",
    "verb.body", "verb.change", "verb.cognition", "verb.communication", "verb.competition",
    "verb.consumption", "verb.contact", "verb.creation", "verb.emotion", "verb.motion",
    "verb.perception", "verb.possession", "verb.social", "verb.stative", "verb.weather",
    "adj.ppl",
)
# nouns kept in the extract: those with a sense in one of these classes (where nominal cues
# such as "statement", "belief", "fear", "plan" live); every verb is kept
NOUN_CLASSES = frozenset(
    {"noun.communication", "noun.cognition", "noun.feeling", "noun.motive", "noun.act"}
)
SENSES_KEPT = 2  # distinct classes kept per lemma, most frequent sense first


def build(wordnet_dir: Path, out: Path) -> int:
    """Write the extract from a WordNet 3.0 `dict` folder; returns the number of lemmas."""
    for name in ("index.verb", "index.noun", "data.verb", "data.noun", "verb.exc", "noun.exc"):
        if not (wordnet_dir / name).is_file():
            raise CorroborateError(f"{wordnet_dir / name}: not found (a WordNet 3.0 dict folder "
                                   "is needed, e.g. Debian's wordnet-base: /usr/share/wordnet)")
    lines = [_HEADER]
    lemmas: set[tuple[str, str]] = set()
    for pos, suffix in (("v", "verb"), ("n", "noun")):
        lexfile = _lexfile_numbers(wordnet_dir / f"data.{suffix}")
        for lemma, offsets in _index_entries(wordnet_dir / f"index.{suffix}"):
            classes = list(dict.fromkeys(LEXNAMES[lexfile[o]] for o in offsets))
            if pos == "n" and not NOUN_CLASSES.intersection(classes):
                continue
            lemmas.add((pos, lemma))
            lines.append(f"lemma\t{pos}\t{lemma}\t{','.join(classes[:SENSES_KEPT])}")
    for pos, suffix in (("v", "verb"), ("n", "noun")):
        for form, lemma in _exceptions(wordnet_dir / f"{suffix}.exc"):
            if (pos, lemma) in lemmas:
                lines.append(f"exception\t{pos}\t{form}\t{lemma}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lemmas)


def _index_entries(path: Path) -> list[tuple[str, list[str]]]:
    """(lemma, synset offsets in sense order) of one-word lemmas of an index.* file."""
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(" ") or not line.strip():
            continue  # the licence header
        fields = line.split()
        lemma, synsets, pointers = fields[0], int(fields[2]), int(fields[3])
        if "_" in lemma or not lemma.isalpha():
            continue
        entries.append((lemma, fields[6 + pointers : 6 + pointers + synsets]))
    return entries


def _lexfile_numbers(path: Path) -> dict[str, int]:
    """Synset offset -> lexicographer file number, from a data.* file."""
    numbers = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith(" "):
            offset, lexfile = line.split(" ", 2)[:2]
            numbers[offset] = int(lexfile)
    return numbers


def _exceptions(path: Path) -> list[tuple[str, str]]:
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        form, *lemmas = line.split()
        if lemmas and "_" not in form:
            pairs.append((form, lemmas[0]))
    return pairs


_HEADER = """\
# WordNet supersenses (lexicographer classes) of verbs and of nouns with a communication,
# cognition, feeling, motive or act sense: "lemma<TAB>pos<TAB>lemma<TAB>classes" (at most
# two distinct classes, most frequent sense first) and WordNet's irregular forms:
# "exception<TAB>pos<TAB>form<TAB>lemma". One-word lemmas only.
# Built by `corroborate train supersenses --wordnet /usr/share/wordnet` from WordNet 3.0
# (Debian package wordnet-base 1:3.0-37).
# WordNet 3.0 licence (from Debian's /usr/share/doc/wordnet-base/copyright):
# This software and database is being provided to you, the LICENSEE, by Princeton
# University under the following license. By obtaining, using and/or copying this software
# and database, you agree that you have read, understood, and will comply with these terms
# and conditions.: Permission to use, copy, modify and distribute this software and
# database and its documentation for any purpose and without fee or royalty is hereby
# granted, provided that you agree to comply with the following copyright notice and
# statements, including the disclaimer, and that the same appear on ALL copies of the
# software, database and documentation, including modifications that you make for internal
# use or for distribution.
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION,
# PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANT- ABILITY OR
# FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR
# DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER
# RIGHTS.
# The name of Princeton University or Princeton may not be used in advertising or
# publicity pertaining to distribution of the software and/or database. Title to copyright
# in this software, database and any associated documentation shall at all times remain
# with Princeton University and LICENSEE agrees to preserve same.
# Licence: the WordNet 3.0 licence (https://wordnet.princeton.edu/license-and-commercial-use)."""

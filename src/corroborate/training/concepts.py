"""Build the WordNet concept extract (`data/lexicons/concepts.tsv`) that lets the ledger's
word matching (`corroborate.link.concepts`) meet synonyms and near kinds: "troops" /
"soldiers" / "officers" (military personnel), "regime" / "government", "fighting" /
"combat" / "battles". `corroborate train concepts --wordnet /usr/share/wordnet`.

For each noun and verb lemma whose word the static encoder's tokenizer knows as one piece
(a general-English vocabulary of about 20,000 words, which keeps the file small), the
extract lists the lemmas of its most frequent sense's synset and of that synset's
hypernyms up to `LEVELS` levels up; WordNet's irregular forms of those lemmas follow. WordNet
3.0 is Princeton's (WordNet 3.0 licence, free to use and redistribute with its notice).
"""

from __future__ import annotations

import json
from pathlib import Path

from corroborate.errors import CorroborateError

LEVELS = 2  # hypernym levels above the first sense (soldier -> enlisted person -> serviceman)
POS = (("n", "noun"), ("v", "verb"))
_HEADER = (
    "# WordNet 3.0 concepts of nouns and verbs: \"pos<TAB>lemma<TAB>concepts\" (the lemmas of\n"
    "# the most frequent sense's synset and of its hypernyms up to two levels, space-separated)\n"
    "# and irregular forms: \"exc<TAB>pos<TAB>form<TAB>lemma\". Lemmas limited to the static\n"
    "# encoder's whole-word vocabulary. Built by `corroborate train concepts --wordnet\n"
    "# /usr/share/wordnet` from Princeton WordNet 3.0 (WordNet 3.0 licence; Debian's\n"
    "# wordnet-base). See corroborate/training/concepts.py.\n"
)


def build(wordnet_dir: Path, vocabulary: set[str], out: Path) -> int:
    """Write the extract; returns the number of lemmas written."""
    for _, name in POS:
        for prefix in ("index.", "data."):
            if not (wordnet_dir / f"{prefix}{name}").is_file():
                raise CorroborateError(
                    f"{wordnet_dir / (prefix + name)}: not found (a WordNet 3.0 dict folder is "
                    "needed, e.g. Debian's wordnet-base: /usr/share/wordnet)"
                )
    lines = [_HEADER.rstrip("\n")]
    count = 0
    for pos, name in POS:
        index = _first_senses(wordnet_dir / f"index.{name}")
        synsets = _synsets(wordnet_dir / f"data.{name}")
        kept = sorted(lemma for lemma in index if lemma in vocabulary)
        for lemma in kept:
            concepts = _concepts(index[lemma], synsets)
            lines.append(f"{pos}\t{lemma}\t{' '.join(sorted(concepts))}")
        count += len(kept)
        chosen = set(kept)
        for form, lemma in _exceptions(wordnet_dir / f"{name}.exc"):
            if lemma in chosen and form != lemma:
                lines.append(f"exc\t{pos}\t{form}\t{lemma}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return count


def tokenizer_vocabulary(tokenizer_json: Path) -> set[str]:
    """The whole words (no `##` pieces, letters only) of a WordPiece tokenizer."""
    vocab = json.loads(tokenizer_json.read_text(encoding="utf-8"))["model"]["vocab"]
    return {word for word in vocab if word.isalpha() and word.isascii() and len(word) > 1}


def _first_senses(path: Path) -> dict[str, str]:
    """lemma -> the synset offset of its most frequent sense (one-word lemmas)."""
    senses = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(" ") or not line:
            continue
        fields = line.split()
        lemma, pointers = fields[0], int(fields[3])
        if "_" not in lemma:
            senses[lemma] = fields[4 + pointers + 2]
    return senses


def _synsets(path: Path) -> dict[str, tuple[list[str], list[str]]]:
    """offset -> (its lemmas, its hypernyms' offsets)."""
    synsets = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(" ") or not line:
            continue
        fields = line.split("|")[0].split()
        words = int(fields[3], 16)
        lemmas = [fields[4 + 2 * k].lower().split("(")[0] for k in range(words)]
        at = 4 + 2 * words
        hypernyms = []
        for k in range(int(fields[at])):
            symbol, offset = fields[at + 1 + 4 * k], fields[at + 2 + 4 * k]
            if symbol in ("@", "@i"):
                hypernyms.append(offset)
        synsets[fields[0]] = (lemmas, hypernyms)
    return synsets


def _concepts(offset: str, synsets: dict[str, tuple[list[str], list[str]]]) -> set[str]:
    concepts: set[str] = set()
    frontier = [offset]
    for _ in range(LEVELS + 1):
        following = []
        for found in frontier:
            lemmas, hypernyms = synsets[found]
            concepts.update(lemmas)
            following += hypernyms
        frontier = following
    return concepts


def _exceptions(path: Path) -> list[tuple[str, str]]:
    if not path.is_file():
        return []
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if len(fields) >= 2:
            pairs.append((fields[0], fields[1]))
    return pairs

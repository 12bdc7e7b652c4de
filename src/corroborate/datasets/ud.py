"""Read CoNLL-U treebanks and IOB2 NER files and turn them into spaCy training docs.

spaCy ships a CoNLL-U converter (`spacy convert`), but it cannot join a separate NER file
by sentence id, and it does not report which line is malformed; this reader does both and
stays small. Words come from the syntactic word lines (multiword tokens such as "don't"
are split the way UD splits them), so training and evaluation use UD's gold words.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from corroborate.errors import InputError

NER_LABELS = ("PER", "ORG", "LOC")
SENTENCES_PER_DOC = 10  # as `spacy convert -n 10`: the parser learns sentence boundaries


@dataclass
class Sentence:
    """One annotated sentence; fields a format lacks stay empty (tags) or None (ner)."""

    sent_id: str
    doc_id: str | None = None
    words: list[str] = field(default_factory=list)
    spaces: list[bool] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    upos: list[str] = field(default_factory=list)
    xpos: list[str] = field(default_factory=list)
    feats: list[str] = field(default_factory=list)
    heads: list[int] = field(default_factory=list)  # 0-based within the sentence; root = self
    deprels: list[str] = field(default_factory=list)
    ner: list[str] | None = None  # IOB2 tags, or None when the sentence has no NER layer


def open_text(path: Path) -> IO[str]:
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def _blocks(path: Path) -> Iterator[tuple[list[str], list[tuple[int, str]]]]:
    """Yield (comment lines, [(line number, token line)]) per blank-line-separated block."""
    comments: list[str] = []
    rows: list[tuple[int, str]] = []
    with open_text(path) as handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.rstrip("\r\n")
            if not line.strip():
                if rows:
                    yield comments, rows
                comments, rows = [], []
            elif line.startswith("#"):
                comments.append(line)
            else:
                rows.append((number, line))
    if rows:
        yield comments, rows


def _comment_value(comments: list[str], key: str) -> str | None:
    for comment in comments:
        name, sep, value = comment.lstrip("#").partition("=")
        if sep and name.strip() == key:
            return value.strip()
    return None


def detect_format(path: Path) -> str:
    """'conllu' (10 columns) or 'iob2' (UNER layout: index, token, tag, ...), from content."""
    for _, rows in _blocks(path):
        columns = rows[0][1].split("\t")
        if len(columns) == 10:
            return "conllu"
        if len(columns) >= 3:
            return "iob2"
        break
    raise InputError(str(path), "neither CoNLL-U (10 tab columns) nor IOB2 (index, token, tag)")


def _ner_from_misc(misc: str) -> str | None:
    for item in misc.split("|"):
        name, sep, value = item.partition("=")
        if sep and name in ("NER", "Entity"):
            return value
    return None


def _space_after(misc: str) -> bool:
    return "SpaceAfter=No" not in misc.split("|")


def _conllu_sentence(path: Path, comments: list[str], rows: list[tuple[int, str]]) -> Sentence:
    sentence = Sentence(sent_id=_comment_value(comments, "sent_id") or f"line-{rows[0][0]}")
    ner: list[str | None] = []
    range_end, range_space = 0, True
    for number, row in rows:
        columns = row.split("\t")
        if len(columns) != 10:
            raise InputError(f"{path}:{number}", f"expected 10 columns, got {len(columns)}")
        index, form, lemma, upos, xpos, feats, head, deprel, _, misc = columns
        if "." in index:
            continue  # empty node of the enhanced graph: not a surface word
        if "-" in index:
            # multiword token: its SpaceAfter belongs to its last word
            range_end, range_space = int(index.split("-")[1]), _space_after(misc)
            continue
        if not head.isdigit():
            raise InputError(f"{path}:{number}", f"head {head!r} is not a number")
        in_range = int(index) <= range_end
        sentence.words.append(form)
        sentence.spaces.append(
            range_space if int(index) == range_end else (False if in_range else _space_after(misc))
        )
        sentence.lemmas.append(lemma)
        sentence.upos.append(upos)
        sentence.xpos.append(xpos)
        sentence.feats.append(feats)
        sentence.heads.append(int(head) - 1)
        sentence.deprels.append(deprel)
        ner.append(_ner_from_misc(misc))
    sentence.heads = [i if h < 0 else h for i, h in enumerate(sentence.heads)]
    if any(tag is not None for tag in ner):
        sentence.ner = [tag or "O" for tag in ner]
    return sentence


def read_conllu(path: Path) -> Iterator[Sentence]:
    """Sentences of a CoNLL-U file; NER=... or Entity=... in MISC becomes the NER layer."""
    doc_id: str | None = None
    for comments, rows in _blocks(path):
        doc_id = _comment_value(comments, "newdoc id") or doc_id
        sentence = _conllu_sentence(path, comments, rows)
        sentence.doc_id = doc_id
        yield sentence


def read_iob2(path: Path) -> Iterator[Sentence]:
    """Sentences of a UNER-style file: index, token, IOB2 tag (further columns ignored)."""
    doc_id: str | None = None
    for comments, rows in _blocks(path):
        doc_id = _comment_value(comments, "newdoc id") or doc_id
        sent_id = _comment_value(comments, "sent_id") or f"line-{rows[0][0]}"
        sentence = Sentence(sent_id=sent_id, doc_id=doc_id, ner=[])
        for number, row in rows:
            columns = row.split("\t")
            if len(columns) < 3:
                raise InputError(f"{path}:{number}", "expected index, token and tag")
            tag = columns[2]
            if tag != "O" and tag[:2] not in ("B-", "I-"):
                raise InputError(f"{path}:{number}", f"tag {tag!r} is not IOB2")
            sentence.words.append(columns[1])
            sentence.spaces.append(True)
            assert sentence.ner is not None
            sentence.ner.append(tag)
        yield sentence


def read_annotated(path: Path) -> list[Sentence]:
    """Sentences of a CoNLL-U or IOB2 file, the format recognised from content."""
    if not path.is_file():
        raise InputError(str(path), "no such file")
    reader = read_conllu if detect_format(path) == "conllu" else read_iob2
    return list(reader(path))


def attach_ner(sentences: list[Sentence], ner_sentences: Iterable[Sentence]) -> tuple[int, int]:
    """Copy NER tags onto UD sentences with the same sent_id and the same words.

    Returns (joined, skipped): a sentence whose words differ keeps no NER layer, so the
    NER component treats its entities as unknown rather than as "no entity".
    """
    by_id = {s.sent_id: s for s in ner_sentences}
    joined = skipped = 0
    for sentence in sentences:
        other = by_id.get(sentence.sent_id)
        if other is not None and other.words == sentence.words:
            sentence.ner = other.ner
            joined += 1
        else:
            skipped += 1
    return joined, skipped


def _fix_iob(tags: list[str]) -> list[str]:
    """An I- tag that does not continue an entity of its type starts one (as conlleval does)."""
    fixed: list[str] = []
    for i, tag in enumerate(tags):
        previous = fixed[i - 1] if i else "O"
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        fixed.append(tag)
    return fixed


def sentences_to_doc(vocab: Vocab, sentences: list[Sentence]) -> Doc:
    """One spaCy Doc holding several annotated sentences (heads made document-absolute)."""
    words: list[str] = []
    spaces: list[bool] = []
    heads: list[int] = []
    sent_starts: list[bool] = []
    fields: dict[str, list[str]] = {"lemmas": [], "pos": [], "tags": [], "morphs": [], "deps": []}
    ents: list[str] = []
    with_ner = all(s.ner is not None for s in sentences)
    for sentence in sentences:
        offset = len(words)
        words += sentence.words
        spaces += sentence.spaces[:-1] + [True]
        heads += [offset + h for h in sentence.heads]
        sent_starts += [True] + [False] * (len(sentence.words) - 1)
        fields["lemmas"] += sentence.lemmas
        fields["pos"] += sentence.upos
        fields["tags"] += sentence.xpos
        fields["morphs"] += ["" if f == "_" else f for f in sentence.feats]
        fields["deps"] += sentence.deprels
        if with_ner and sentence.ner is not None:
            ents += _fix_iob(sentence.ner)
    kwargs = {key: value for key, value in fields.items() if value}
    if heads:
        kwargs["heads"] = heads
    else:
        kwargs["sent_starts"] = sent_starts
    return Doc(vocab, words=words, spaces=spaces, ents=ents or None, **kwargs)


def group_sentences(
    sentences: list[Sentence], size: int = SENTENCES_PER_DOC
) -> Iterator[list[Sentence]]:
    """Runs of at most `size` sentences that share a document and agree on having NER."""
    group: list[Sentence] = []
    for sentence in sentences:
        if group and (
            len(group) >= size
            or sentence.doc_id != group[-1].doc_id
            or (sentence.ner is None) != (group[-1].ner is None)
        ):
            yield group
            group = []
        group.append(sentence)
    if group:
        yield group


def build_docbin(
    sentences: list[Sentence], vocab: Vocab, size: int = SENTENCES_PER_DOC
) -> DocBin:
    docbin = DocBin(store_user_data=False)
    for group in group_sentences(sentences, size):
        docbin.add(sentences_to_doc(vocab, group))
    return docbin


def convert_split(
    conllu: Path,
    iob2: Path | None,
    out: Path,
    vocab: Vocab,
    sentences_per_doc: int = SENTENCES_PER_DOC,
) -> dict[str, int]:
    """Write `out` (.spacy) from a treebank and an optional NER file; return counts."""
    sentences = list(read_conllu(conllu))
    joined, skipped = attach_ner(sentences, read_iob2(iob2)) if iob2 else (0, len(sentences))
    docbin = build_docbin(sentences, vocab, sentences_per_doc)
    out.parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(out)
    words = sum(len(s.words) for s in sentences)
    return {
        "sentences": len(sentences),
        "words": words,
        "ner_joined": joined,
        "ner_skipped": skipped,
        "docs": len(docbin),
    }

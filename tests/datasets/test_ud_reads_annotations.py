from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from corroborate.datasets.ud import (
    attach_ner,
    build_docbin,
    detect_format,
    read_annotated,
    read_conllu,
    read_iob2,
)
from corroborate.errors import InputError


def test_conllu_reads_words_spaces_heads_and_misc_ner(conllu_file: Path) -> None:
    first, second = read_conllu(conllu_file)
    assert first.sent_id == "invented-1-0001" and first.doc_id == "invented-1"
    assert first.words == ["Nadia", "Okafor", "visited", "Lisbon", "."]
    assert first.spaces == [True, True, True, False, True]
    assert first.heads == [2, 0, 2, 2, 2]  # the root points at itself
    assert first.ner == ["B-PER", "I-PER", "O", "B-LOC", "O"]
    # the multiword token "don't" gives two words with no space between them
    assert second.words == ["They", "do", "n't", "stay", "."]
    assert second.spaces == [True, False, True, False, True]
    assert second.doc_id == "invented-1"


def test_format_is_detected_from_content(conllu_file: Path, iob2_file: Path) -> None:
    assert detect_format(conllu_file) == "conllu"
    assert detect_format(iob2_file) == "iob2"
    assert read_annotated(iob2_file)[0].ner == ["B-PER", "I-PER", "O", "B-LOC", "O"]


def test_ner_joins_by_sent_id_only_when_words_match(conllu_file: Path, iob2_file: Path) -> None:
    sentences = list(read_conllu(conllu_file))
    for sentence in sentences:
        sentence.ner = None
    joined, skipped = attach_ner(sentences, read_iob2(iob2_file))
    assert (joined, skipped) == (1, 1)  # the second sentence has "leave" vs "stay"
    assert sentences[0].ner == ["B-PER", "I-PER", "O", "B-LOC", "O"]
    assert sentences[1].ner is None


def test_docbin_carries_tree_tags_lemmas_and_entities(conllu_file: Path) -> None:
    nlp = spacy.blank("en")
    docs = list(build_docbin(list(read_conllu(conllu_file)), nlp.vocab).get_docs(nlp.vocab))
    assert len(docs) == 1  # same document: both sentences in one training doc
    doc = docs[0]
    assert [s.root.text for s in doc.sents] == ["visited", "stay"]
    assert [(e.text, e.label_) for e in doc.ents] == [("Nadia Okafor", "PER"), ("Lisbon", "LOC")]
    assert doc[2].lemma_ == "visit" and doc[2].pos_ == "VERB" and doc[2].tag_ == "VBD"
    assert doc.text == "Nadia Okafor visited Lisbon. They don't stay. "


def test_bad_row_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.conllu"
    path.write_text("# sent_id = a\n1\tA\ta\tDET\tDT\t_\tx\tdet\t_\t_\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.conllu:2: head 'x' is not a number"):
        read_annotated(path)


def test_docbin_of_one_sentence_docs_for_ner_selection(conllu_file: Path) -> None:
    nlp = spacy.blank("en")
    sentences = list(read_conllu(conllu_file))
    docs = list(build_docbin(sentences, nlp.vocab, size=1).get_docs(nlp.vocab))
    assert [[t.text for t in doc] for doc in docs] == [s.words for s in sentences]
    assert [(e.text, e.label_) for e in docs[0].ents] == [
        ("Nadia Okafor", "PER"),
        ("Lisbon", "LOC"),
    ]

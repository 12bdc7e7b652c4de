from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.datasets.polnear import annotator_files, read_ann, read_corpus
from corroborate.errors import InputError


def test_reader_scores_against_the_first_annotator_file(polnear_dir: Path) -> None:
    [article] = read_corpus(polnear_dir)
    assert article.annotator_file == "harbour_2020-01-01_ferry_a1b2.ann"
    assert [a.cue.text for a in article.attributions] == ["said", "added"]
    first = article.attributions[0]
    assert first.source is not None and first.source.text == "The harbour master"
    assert first.content is not None and first.content.text == "the ferry would sail at noon"


def test_reader_keeps_both_fragments_of_a_discontinuous_content(polnear_dir: Path) -> None:
    [article] = read_corpus(polnear_dir)
    content = article.attributions[1].content
    assert content is not None
    assert content.fragments == ((54, 69), (81, 103))
    assert content.text == "\u201cWe are ready,\u201d \u201cand the sea is calm.\u201d"


def test_reader_reads_a_second_annotator_without_source(polnear_dir: Path) -> None:
    files = annotator_files(polnear_dir, "harbour_2020-01-01_ferry")
    assert [f.name[-8:] for f in files] == ["a1b2.ann", "f9e8.ann"]
    text = (polnear_dir / "text" / "harbour_2020-01-01_ferry.txt").read_text(encoding="utf-8")
    [only] = read_ann(files[1], text)
    assert only.source is None and only.cue.text == "said"


def test_reader_names_the_file_and_line_of_bad_offsets(polnear_dir: Path) -> None:
    bad = polnear_dir / "attributions" / "harbour_2020-01-01_ferry_a1b2.ann"
    bad.write_text("T1\tCue 19 9999\tsaid\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"a1b2\.ann:1: .*past the text"):
        read_corpus(polnear_dir)


def test_reader_rejects_a_folder_without_the_polnear_layout(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="text/ and attributions/"):
        read_corpus(tmp_path)

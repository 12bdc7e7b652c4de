"""Tiny invented CoNLL-U and IOB2 files for the reader, scorer and eval CLI tests."""

from __future__ import annotations

from pathlib import Path

import pytest

# Invented sentences. Columns: ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC.
CONLLU = """\
# newdoc id = invented-1
# sent_id = invented-1-0001
# text = Nadia Okafor visited Lisbon.
1\tNadia\tNadia\tPROPN\tNNP\tNumber=Sing\t3\tnsubj\t_\tNER=B-PER
2\tOkafor\tOkafor\tPROPN\tNNP\tNumber=Sing\t1\tflat\t_\tNER=I-PER
3\tvisited\tvisit\tVERB\tVBD\tTense=Past\t0\troot\t_\tNER=O
4\tLisbon\tLisbon\tPROPN\tNNP\tNumber=Sing\t3\tobj\t_\tNER=B-LOC|SpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\tNER=O

# sent_id = invented-1-0002
# text = They don't stay.
1\tThey\tthey\tPRON\tPRP\t_\t4\tnsubj\t_\tNER=O
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_
2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\tNER=O
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\tNER=O
4\tstay\tstay\tVERB\tVB\t_\t0\troot\t_\tNER=O|SpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\tNER=O
"""

IOB2 = """\
# sent_id = invented-1-0001
1\tNadia\tB-PER\t-\tx
2\tOkafor\tI-PER\t-\tx
3\tvisited\tO\t-\t-
4\tLisbon\tB-LOC\t-\tx
5\t.\tO\t-\t-

# sent_id = invented-1-0002
1\tThey\tO\t-\t-
2\tdo\tO\t-\t-
3\tn't\tO\t-\t-
4\tleave\tO\t-\t-
5\t.\tO\t-\t-
"""


@pytest.fixture
def conllu_file(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    return path


@pytest.fixture
def iob2_file(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.iob2"
    path.write_text(IOB2, encoding="utf-8")
    return path

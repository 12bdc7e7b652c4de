"""The FNC-1 CSV readers: good files, bad rows with clear errors, the dev split by body."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.datasets.fnc1 import (
    dev_body_ids,
    read_bodies,
    read_stances,
    split_pairs,
)
from corroborate.errors import InputError


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def bodies_file(tmp_path: Path) -> Path:
    text = 'Body ID,articleBody\n1,"The ferry left port late, crew said."\n'
    text += "2,Bakers went on strike.\n"
    return _write(tmp_path / "bodies.csv", text)


def test_data_reads_good_files(bodies_file: Path, tmp_path: Path) -> None:
    bodies = read_bodies(bodies_file)
    assert bodies == {"1": "The ferry left port late, crew said.", "2": "Bakers went on strike."}
    stances = _write(tmp_path / "s.csv", "Headline,Body ID,Stance\nFerry late,1,agree\n")
    pairs = read_stances(stances, bodies)
    assert [(p.headline, p.body_id, p.stance) for p in pairs] == [("Ferry late", "1", "agree")]


def test_data_unknown_stance_names_file_and_row(bodies_file: Path, tmp_path: Path) -> None:
    stances = _write(tmp_path / "s.csv", "Headline,Body ID,Stance\nA,1,agree\nB,2,maybe\n")
    with pytest.raises(InputError, match=r"s\.csv, row 3: unknown stance 'maybe'"):
        read_stances(stances, read_bodies(bodies_file))


def test_data_unknown_body_id(bodies_file: Path, tmp_path: Path) -> None:
    stances = _write(tmp_path / "s.csv", "Headline,Body ID,Stance\nA,9,agree\n")
    with pytest.raises(InputError, match="row 2: Body ID '9' is not in the bodies file"):
        read_stances(stances, read_bodies(bodies_file))


def test_data_short_row_and_missing_column(tmp_path: Path) -> None:
    short = _write(tmp_path / "s.csv", "Headline,Body ID,Stance\nA,1\n")
    with pytest.raises(InputError, match="row 2: wrong number of fields"):
        read_stances(short)
    no_column = _write(tmp_path / "b.csv", "Body,articleBody\n1,text\n")
    with pytest.raises(InputError, match="missing column"):
        read_bodies(no_column)


def test_data_duplicate_body_and_missing_file(tmp_path: Path) -> None:
    duplicate = _write(tmp_path / "b.csv", "Body ID,articleBody\n1,a\n1,b\n")
    with pytest.raises(InputError, match="row 3: duplicate Body ID 1"):
        read_bodies(duplicate)
    with pytest.raises(InputError, match="no such file"):
        read_bodies(tmp_path / "absent.csv")


def test_data_dev_split_is_by_body_and_fixed(bodies_file: Path, tmp_path: Path) -> None:
    ids = [str(i) for i in range(100)]
    dev = dev_body_ids(ids)
    assert len(dev) == 20 and dev == dev_body_ids(reversed(ids))
    rows = "".join(f"H{i},{i % 100},unrelated\n" for i in range(300))
    pairs = read_stances(_write(tmp_path / "s.csv", "Headline,Body ID,Stance\n" + rows))
    train, held = split_pairs(pairs, dev)
    assert {p.body_id for p in train}.isdisjoint({p.body_id for p in held})
    assert len(held) == 60

"""Nothing crashes, nothing is lost: a seeded corpus of hostile files mixed with good
reports gives exactly one report per good report or record and one clear, one-line error
naming the file (and row) per bad one."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from corroborate.errors import InputError
from corroborate.ingest import read_inputs
from corroborate.model import RawReport
from tests.ingest.hostile import HostileCorpus, write_hostile_corpus


@pytest.fixture(params=[17, 2024])
def corpus(request, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> HostileCorpus:
    written = write_hostile_corpus(tmp_path, seed=request.param)
    for name, value in written.env.items():
        monkeypatch.setenv(name, value)
    return written


def _read(corpus: HostileCorpus) -> list[RawReport | InputError]:
    items = list(read_inputs([str(corpus.folder)]))  # an exception here fails the test
    assert all(isinstance(item, RawReport | InputError) for item in items)
    return items


def test_hostile_corpus_is_large_and_mixed(corpus: HostileCorpus) -> None:
    assert corpus.expected_reports >= 150
    assert corpus.expected_errors >= 120


def test_hostile_corpus_every_good_report_is_read(corpus: HostileCorpus) -> None:
    reports = [item for item in _read(corpus) if isinstance(item, RawReport)]
    locations = [report.location for report in reports]
    assert len(locations) == len(set(locations))
    assert set(locations) == corpus.reports


def test_hostile_corpus_every_bad_item_is_one_clear_error(corpus: HostileCorpus) -> None:
    errors = {item.location: item for item in _read(corpus) if isinstance(item, InputError)}
    assert set(errors) == set(corpus.errors)
    for location, fragment in corpus.errors.items():
        error = errors[location]
        assert fragment in error.reason, (location, error.reason)
        assert not error.reason.startswith("internal error"), str(error)
        assert len(str(error).splitlines()) == 1, str(error)
        assert str(error).startswith(location)
        str(error).encode("utf-8")


def test_hostile_corpus_yields_only_encodable_text(corpus: HostileCorpus) -> None:
    for item in _read(corpus):
        values = (
            [item.location, item.reason]
            if isinstance(item, InputError)
            else [v for v in dataclasses.asdict(item).values() if isinstance(v, str)]
        )
        for value in values:
            value.encode("utf-8")  # no lone surrogates anywhere
        if isinstance(item, RawReport):
            assert len(item.location.splitlines()) == 1

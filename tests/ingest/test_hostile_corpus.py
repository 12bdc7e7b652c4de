"""Nothing crashes, nothing is lost: a seeded corpus of hostile files mixed with good
reports gives exactly one report per good report or record and one clear, one-line error
naming the file (and row) per bad one."""

from __future__ import annotations

import dataclasses

import pytest

from corroborate.errors import InputError
from corroborate.ingest import read_inputs
from corroborate.model import RawReport
from tests.ingest.hostile import HostileCorpus, write_hostile_corpus


@dataclasses.dataclass
class _Outcome:
    corpus: HostileCorpus
    items: list[RawReport | InputError]


@pytest.fixture(scope="module", params=[17, 2024])
def outcome(request, tmp_path_factory: pytest.TempPathFactory) -> _Outcome:
    """The corpus for one seed, read once (with its settings) for all the tests below."""
    corpus = write_hostile_corpus(tmp_path_factory.mktemp("hostile"), seed=request.param)
    with pytest.MonkeyPatch.context() as patch:
        for name, value in corpus.env.items():
            patch.setenv(name, value)
        items = list(read_inputs([str(corpus.folder)]))  # an exception fails every test
    return _Outcome(corpus, items)


def test_hostile_corpus_is_large_and_mixed(outcome: _Outcome) -> None:
    corpus = outcome.corpus
    assert all(isinstance(item, RawReport | InputError) for item in outcome.items)
    assert corpus.expected_reports >= 150
    assert corpus.expected_errors >= 120


def test_hostile_corpus_every_good_report_is_read(outcome: _Outcome) -> None:
    corpus = outcome.corpus
    reports = [item for item in outcome.items if isinstance(item, RawReport)]
    locations = [report.location for report in reports]
    assert len(locations) == len(set(locations))
    assert set(locations) == corpus.reports


def test_hostile_corpus_every_bad_item_is_one_clear_error(outcome: _Outcome) -> None:
    corpus = outcome.corpus
    found = [item for item in outcome.items if isinstance(item, InputError)]
    errors = {error.location: error for error in found}
    assert len(errors) == len(found)  # one error per location
    assert set(errors) == set(corpus.errors)
    for location, fragment in corpus.errors.items():
        error = errors[location]
        assert fragment in error.reason, (location, error.reason)
        assert not error.reason.startswith("internal error"), str(error)
        assert len(str(error).splitlines()) == 1, str(error)
        assert str(error).startswith(location)
        str(error).encode("utf-8")


def test_hostile_corpus_yields_only_encodable_text(outcome: _Outcome) -> None:
    for item in outcome.items:
        values = (
            [item.location, item.reason]
            if isinstance(item, InputError)
            else [v for v in dataclasses.asdict(item).values() if isinstance(v, str)]
        )
        for value in values:
            value.encode("utf-8")  # no lone surrogates anywhere
        if isinstance(item, RawReport):
            assert len(item.location.splitlines()) == 1

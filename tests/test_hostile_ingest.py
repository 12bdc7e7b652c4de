"""The whole ingest job on a hostile folder (issue 17): hundreds of bad files mixed with
good reports end in a summary line and exit status 1, with one `error:` line naming its file
(and row) per bad item, no traceback, and every good report and container record stored."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from tests.ingest.hostile import write_hostile_corpus

SUMMARY = re.compile(r"^read (\d+), stored (\d+), replaced (\d+), unchanged (\d+), failed (\d+)$")
CLI = [sys.executable, "-c", "from corroborate.cli import main; main()"]


def corroborate(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # A real process: a crash, a hang or a traceback shows as it would to a user.
    return subprocess.run(
        [*CLI, *args], capture_output=True, text=True, env={**os.environ, **env}, timeout=900
    )


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("hostile-e2e")
    (folder / "corpus").mkdir()
    corpus = write_hostile_corpus(folder / "corpus", seed=31)
    db = str(folder / "ledger.db")
    first = corroborate("ingest", str(corpus.folder), "--db", db, env=corpus.env)
    again = corroborate("ingest", str(corpus.folder), "--db", db, env=corpus.env)
    stats = corroborate("stats", "--json", "--db", db, env=corpus.env)
    return corpus, first, again, json.loads(stats.stdout)


def _summary(out: str) -> tuple[int, ...]:
    found = [SUMMARY.match(line) for line in out.splitlines()]
    [match] = [m for m in found if m]
    return tuple(int(n) for n in match.groups())


def test_hostile_ingest_ends_with_a_summary_and_status_1(hostile_run) -> None:  # type: ignore[no-untyped-def]
    corpus, first, _, _ = hostile_run
    assert first.returncode == 1, first.stderr[-2000:]
    assert "Traceback" not in first.stderr
    read, stored, replaced, unchanged, failed = _summary(first.stdout)
    assert read == stored + replaced + unchanged + failed
    assert failed >= corpus.expected_errors


def test_hostile_ingest_names_the_file_of_every_error(hostile_run) -> None:  # type: ignore[no-untyped-def]
    corpus, first, _, _ = hostile_run
    lines = first.stderr.splitlines()
    assert lines and all(line.startswith("error: ") for line in lines), lines[:5]
    named = {line.removeprefix("error: ").split(": ", 1)[0] for line in lines}
    bad_files = {re.sub(r", row \d+$", "", location) for location in named}
    assert corpus.error_files <= bad_files
    failed = _summary(first.stdout)[4]
    assert len(lines) == failed


def test_hostile_ingest_stores_every_good_report(hostile_run) -> None:  # type: ignore[no-untyped-def]
    corpus, first, _, stats = hostile_run
    _, stored, _, seen_twice, _ = _summary(first.stdout)
    # Every report the reader yields is stored, except the few whose text the cleaning or
    # claims stages refuse with a named error (e.g. an HTML record with no article body),
    # and a report reached twice in one run (a symbolic link to it) is stored once.
    refused_later = {
        line.removeprefix("error: ").split(": ", 1)[0]
        for line in first.stderr.splitlines()
    } & corpus.reports
    assert seen_twice <= 2
    assert stored + seen_twice == corpus.expected_reports - len(refused_later)
    assert len(refused_later) <= corpus.expected_reports // 20
    assert stats["documents"] == stored


def test_hostile_ingest_again_changes_nothing(hostile_run) -> None:  # type: ignore[no-untyped-def]
    _, first, again, _ = hostile_run
    read, stored, replaced, unchanged, failed = _summary(again.stdout)
    assert (stored, replaced) == (0, 0)
    _, stored_first, _, seen_twice, failed_first = _summary(first.stdout)
    assert unchanged == stored_first + seen_twice and failed == failed_first

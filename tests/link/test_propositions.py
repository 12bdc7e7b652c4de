"""Propositions and `check` on a small hand-built ledger (no NLP stages)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from corroborate.cli import main
from corroborate.link import link_ledger
from corroborate.link.check import CheckError, check
from corroborate.link.propositions import label_of
from corroborate.model import Certainty, Claim
from corroborate.store import SQLiteStore
from tests.conftest import make_report

CLAIMS = {
    "a": ("Officials said the northern bridge at Veltrana was destroyed by shelling.",
          "Officials", "said", Certainty.ASSERTED, "2021-03-02", "The Daily Lantern"),
    "b": ("Residents said shelling destroyed the northern bridge in Veltrana.",
          "Residents", "said", Certainty.ASSERTED, "2021-03-03", "Coast Radio"),
    "c": ("The army denied that the northern bridge at Veltrana was destroyed by shelling.",
          "The army", "denied", Certainty.DENIED, "2021-03-04", "Coast Radio"),
    "d": ("The harbour authority said fishing boats returned to the southern quay.",
          "The harbour authority", "said", Certainty.ASSERTED, "2021-03-05", "Port News"),
    "e": ("Fine.", None, None, Certainty.ASSERTED, "2021-03-05", "Port News"),
}


def _ledger(path: Path, names: str) -> SQLiteStore:
    store = SQLiteStore(path)
    for name in names:
        text, source, cue, certainty, published, outlet = CLAIMS[name]
        claim = Claim(0, len(text), text, source=source, chain=(source,) if source else (),
                      cue=cue, certainty=certainty, hedges=(cue,) if cue == "denied" else ())
        report = make_report(text, claims=(claim,), content_hash=f"hash-{name}",
                             published=published, outlet=outlet, title=name)
        store.put(f"file:{name}", report, "p1")
    link_ledger(store)
    return store


def _members(store: SQLiteStore) -> set[frozenset[str]]:
    return {
        frozenset(e.text.split()[0] for e in store.evidence(proposition_id=p.id))
        for p in store.propositions()
    }


def test_propositions_group_paraphrases_and_denial(tmp_path: Path) -> None:
    with _ledger(tmp_path / "l.db", "abcde") as store:
        groups = _members(store)
        stances = {e.source: e.stance for e in store.evidence()}
    assert frozenset({"Officials", "Residents", "The"}) in groups  # a, b and the army's denial
    assert frozenset({"The"}) in groups  # the harbour: alone
    assert len(groups) == 2  # "Fine." is too short to group
    assert stances["The army"] == "refutes" and stances["Officials"] == "supports"


def test_propositions_same_groups_in_any_order(tmp_path: Path) -> None:
    with _ledger(tmp_path / "1.db", "abcde") as one, _ledger(tmp_path / "2.db", "edcba") as two:
        assert _members(one) == _members(two)


def test_propositions_label_trimmed() -> None:
    assert label_of(' "Troops  moved north." ') == "Troops moved north."
    assert label_of("word " * 40).endswith("…") and len(label_of("word " * 40)) <= 100


def test_check_conflicting_with_sources_each_way(tmp_path: Path) -> None:
    with _ledger(tmp_path / "l.db", "abcd") as store:
        result = check(store, "Shelling destroyed the northern bridge at Veltrana")
    assert result.verdict == "conflicting"
    assert [o.name for o in result.tally.supports] == ["Officials", "Residents"]
    assert [o.name for o in result.tally.refutes] == ["The army"]
    assert result.first is not None and result.first.item.published == "2021-03-02"


def test_check_supported_and_not_enough(tmp_path: Path) -> None:
    with _ledger(tmp_path / "l.db", "ab") as store:
        assert check(store, "The northern bridge at Veltrana was destroyed").verdict == "supported"
        result = check(store, "Fishing boats returned to the southern quay of the harbour")
        assert result.verdict == "not enough evidence"


def test_check_bad_input_and_empty_ledger(tmp_path: Path) -> None:
    with _ledger(tmp_path / "l.db", "a") as store, pytest.raises(CheckError, match="sentence"):
        check(store, "bridge")
    with SQLiteStore(tmp_path / "empty.db") as empty, pytest.raises(CheckError, match="no claims"):
        check(empty, "The bridge was destroyed")


def test_check_cli_json_and_messages(tmp_path: Path) -> None:
    _ledger(tmp_path / "l.db", "abcd").close()
    runner = CliRunner()
    db = ["--db", str(tmp_path / "l.db")]
    result = runner.invoke(main, ["check", "The northern bridge was destroyed", "--json", *db])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert found["independent_sources"] == {"supports": 2, "refutes": 1}
    assert {"doc_id", "claim_id", "outlet", "published", "text", "source", "certainty",
            "stance"} <= set(found["evidence"][0])
    # every report holding evidence is read whole; a report whose claims only deny is refuting
    assert {r["doc_id"] for r in found["reports"]} == {e["doc_id"] for e in found["evidence"]}
    assert all(e["report_stance"] for e in found["evidence"])
    assert any(r["stance"] == "refutes" for r in found["reports"])
    short = runner.invoke(main, ["check", "bridge", *db])
    assert short.exit_code == 1 and "whole sentence" in short.output
    assert "Traceback" not in short.output
    SQLiteStore(tmp_path / "empty.db").close()
    empty = runner.invoke(main, ["check", "The bridge was destroyed", "--db",
                                 str(tmp_path / "empty.db")])
    assert empty.exit_code == 1 and "no claims" in empty.output


def test_propositions_cli_and_export(tmp_path: Path) -> None:
    _ledger(tmp_path / "l.db", "abcd").close()
    runner = CliRunner()
    db = ["--db", str(tmp_path / "l.db")]
    listed = runner.invoke(main, ["propositions", "--min-reports", "2", *db])
    assert listed.exit_code == 0 and "2021-03-02..2021-03-04 reports 3 for 2 against 1" in (
        listed.output
    )
    number = listed.output.split()[0].lstrip("#")
    shown = runner.invoke(main, ["show-proposition", number, *db])
    assert "denied by: The army" in shown.output
    assert "reports (stance of the whole report" in shown.output
    assert "(Coast Radio) refutes" in shown.output  # the army's denial: its report refutes
    exported = runner.invoke(main, ["export", "propositions", *db])
    lines = [json.loads(line) for line in exported.output.splitlines()]
    assert sum(len(line["claims"]) for line in lines) == 4
    assert runner.invoke(main, ["show-proposition", "999", *db]).exit_code == 1

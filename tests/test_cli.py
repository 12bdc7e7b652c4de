"""End-to-end: the `corroborate` command on the seeds, the samples and bad input."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from corroborate.cli import main
from tests.conftest import SEEDS


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "ledger.db")


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_cli_ingest_seeds_then_reingest_changes_nothing(db: str) -> None:
    code, out, err = run("ingest", str(SEEDS), "--db", db)
    assert code == 0, err
    assert "read 5, stored 5, replaced 0, unchanged 0, failed 0" in out
    code, out, _ = run("ingest", str(SEEDS), "--db", db)
    assert code == 0
    assert "read 5, stored 0, replaced 0, unchanged 5, failed 0" in out


def test_cli_db_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORROBORATE_DB", str(tmp_path / "env.db"))
    code, _, _ = run("ingest", str(SEEDS / "000_fb2177f90effd658.txt"))
    assert code == 0
    assert (tmp_path / "env.db").exists()


def test_cli_claims_filters_and_json(db: str) -> None:
    run("ingest", str(SEEDS), "--db", db)
    code, out, _ = run("claims", "--certainty", "hedged", "--json", "--db", db)
    assert code == 0
    hedged = [json.loads(line) for line in out.splitlines()]
    assert hedged and all(c["certainty"] == "hedged" and c["hedges"] for c in hedged)
    code, out, _ = run("claims", "--source", "peskov", "--db", db)
    assert code == 0 and "Peskov" in out
    code, out, _ = run("claims", "--certainty", "denied", "--db", db)
    assert "[denied]" in out


def test_cli_show_marks_claims_and_lists_noise(db: str) -> None:
    run("ingest", str(SEEDS / "004_8da8c2fdb8e93a5b.txt"), "--db", db)
    code, out, _ = run("show", "1", "--noise", "--db", db)
    assert code == 0
    assert "published: 2018-02-17" in out
    assert " entities: " in out and "(LOC" in out
    assert "⟦" in out and "⟧1" in out
    assert "Removed page noise:" in out and "Promoted Links" in out
    claims = [json.loads(line) for line in run("claims", "--json", "--db", db)[1].splitlines()]
    with_content = [c for c in claims if c["source"] and c["content_start"] is not None]
    assert with_content, "no attributed claim has a content span"
    assert "; content: «" in out
    code, _, err = run("show", "99", "--db", db)
    assert code != 0 and "no document with id 99" in err


def test_cli_stats_and_search(db: str) -> None:
    run("ingest", str(SEEDS), "--db", db)
    code, out, _ = run("stats", "--json", "--db", db)
    stats = json.loads(out)
    assert stats["documents"] == 5 and stats["claims"] > 20
    assert stats["by_language"] == {"en": 5}
    code, out, _ = run("search", "Hmeimim", "--db", db)
    assert code == 0 and "[en]" in out
    code, out, _ = run("search", "al-Nusra", "--db", db)  # a hyphen is not FTS5's NOT here
    assert code == 0 and "[en]" in out
    code, _, err = run("search", "don't", "--db", db)
    assert code == 0 and not err
    code, _, err = run("search", '"unbalanced', "--fts", "--db", db)
    assert code != 0 and "bad search query" in err


def test_cli_query_commands_refuse_a_missing_ledger(tmp_path: Path) -> None:
    typo = tmp_path / "typo.db"
    for command in (["stats"], ["claims"], ["search", "x"], ["export", "claims"]):
        code, _, err = run(*command, "--db", str(typo))
        assert code != 0 and "no ledger at" in err, command
    assert not typo.exists()


def test_cli_export_claims_csv_and_documents_jsonl(db: str, tmp_path: Path) -> None:
    run("ingest", str(SEEDS), "--db", db)
    target = tmp_path / "claims.csv"
    code, _, err = run("export", "claims", "--format", "csv", "-o", str(target), "--db", db)
    assert code == 0 and "claims rows" in err
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    documents = {
        d["id"]: d
        for d in map(json.loads, run("export", "documents", "--db", db)[1].splitlines())
    }
    assert len(documents) == 5
    for row in rows:  # every claim points at its exact text
        text = documents[int(row["doc_id"])]["text"]
        assert text[int(row["start"]) : int(row["end"])] == row["text"].removeprefix("'")


def test_cli_ingest_stdin(db: str) -> None:
    page = "Fuel depot fire\n\nTwo tankers burned overnight, the port authority said.\n"
    code, out, _ = run("ingest", "-", "--db", db, stdin=page)
    assert code == 0 and "stored 1" in out
    code, out, _ = run("claims", "--json", "--db", db)
    [claim] = [json.loads(line) for line in out.splitlines()]
    assert claim["source"] == "the port authority" and claim["cue"] == "said"


def test_cli_bad_input_fails_loudly_and_keeps_the_rest(db: str, tmp_path: Path) -> None:
    run("ingest", str(SEEDS / "000_fb2177f90effd658.txt"), "--db", db)
    before = sqlite3.connect(db).execute("SELECT id, content_hash FROM documents").fetchall()
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "junk.bin").write_bytes(bytes(range(256)) * 4)
    rows = '{"text": "Shelling hit the market, residents said."}\n{oops\n'
    (folder / "rows.jsonl").write_text(rows)
    (folder / "nobody.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    code, out, err = run("ingest", str(folder), str(tmp_path / "missing.txt"), "--db", db)
    assert code == 1
    assert "read 6, stored 1, replaced 0, unchanged 0, failed 5" in out
    errors = err.strip().splitlines()
    assert len(errors) == 5 and all(line.startswith("error: ") for line in errors)
    assert any("empty.txt: empty file" in line for line in errors)
    assert any("junk.bin: binary content" in line for line in errors)
    assert any("rows.jsonl, row 2: malformed JSON" in line for line in errors)
    assert any("nobody.html" in line for line in errors)
    assert any("missing.txt: no such file or directory" in line for line in errors)
    after = sqlite3.connect(db).execute("SELECT id, content_hash FROM documents").fetchall()
    assert set(before) <= set(after)


def test_cli_samples_main_job(db: str) -> None:
    code, out, err = run("ingest", "--samples", "--db", db)
    assert code == 0, err
    assert "failed 0" in out
    stats = json.loads(run("stats", "--json", "--db", db)[1])
    assert stats["by_certainty"].get("denied", 0) >= 2
    assert stats["by_certainty"].get("hedged", 0) >= 3
    assert len(stats["by_language"]) >= 2


def test_cli_untrusted_text_cannot_drive_the_terminal(db: str) -> None:
    page = (
        "Road reopened\n\nThe council said \x1b[2J\x1b]0;pwned\x07 the road reopened on Monday "
        "after engineers checked the bridge, and traffic returned to normal by the evening.\n"
    )
    run("ingest", "-", "--db", db, stdin=page)
    code, out, _ = run("show", "1", "--db", db)
    assert code == 0 and "\x1b" not in out and "\x07" not in out


def test_cli_requires_a_path() -> None:
    code, _, err = run("ingest")
    assert code == 2 and "give at least one PATH" in err


def test_cli_reports_json_rows_in_stdin_csv(db: str) -> None:
    data = io.StringIO()
    writer = csv.writer(data)
    writer.writerow(["url", "title", "text"])
    writer.writerow(["https://example.org/a", "Depot", "Smoke was seen at dawn, witnesses said."])
    code, out, _ = run("ingest", "-", "--db", db, stdin=data.getvalue())
    assert code == 0 and "stored 1" in out
    [document] = map(json.loads, run("export", "documents", "--db", db)[1].splitlines())
    assert document["url"] == "https://example.org/a" and document["format"] == "csv"


def test_cli_export_entities_counts_mentions_across_documents(db: str) -> None:
    run("ingest", str(SEEDS), "--db", db)
    code, out, _ = run("export", "entities", "--db", db)
    assert code == 0
    entities = {(e["name"], e["type"]): e for e in map(json.loads, out.splitlines())}
    assert entities[("Damascus", "LOC")]["documents"] >= 2
    assert all(e["mentions"] >= e["documents"] >= 1 for e in entities.values())
    mentioned = [m for m in _store_mentions(db) if m[0] == "Damascus"]
    assert mentioned and all(text[start:end] == "Damascus" for _, start, end, text in mentioned)


def _store_mentions(db: str) -> list[tuple[str, int, int, str]]:
    query = (
        'SELECT m.text, m.start, m."end", d.text FROM mentions m '
        "JOIN documents d ON d.id = m.doc_id"
    )
    return sqlite3.connect(db).execute(query).fetchall()


def test_cli_claims_certainty_denied_finds_denials(db: str, tmp_path: Path) -> None:
    report = tmp_path / "denials.txt"
    report.write_text(
        "Ministry rejects report on border troops\n\n"
        "\u201cThere are no foreign troops in Ostra province,\u201d the interior ministry said.\n\n"
        "The army dismissed reports that its units had crossed the river.\n\n"
        "Villagers said they had seen armoured vehicles near the bridge on Monday.\n",
        encoding="utf-8",
    )
    run("ingest", str(report), "--db", db)
    code, out, _ = run("claims", "--certainty", "denied", "--json", "--db", db)
    assert code == 0
    denied = [json.loads(line) for line in out.splitlines()]
    texts = " ".join(c["text"] for c in denied)
    assert "no foreign troops" in texts and "dismissed reports" in texts
    assert "armoured vehicles" not in texts
    assert all(c["certainty_by"] in {"model", "rules"} for c in denied)

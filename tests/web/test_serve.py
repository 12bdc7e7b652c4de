"""`corroborate serve`: localhost and read-only by default, bad options refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from corroborate.cli import main
from corroborate.store import SQLiteStore


@pytest.fixture
def ledger(tmp_path: Path) -> str:
    db = str(tmp_path / "ledger.db")
    SQLiteStore(db).close()
    return db


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    import uvicorn

    calls: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.update(app=app, **kw))
    return calls


def test_serve_defaults_to_localhost_read_only(ledger: str, served: dict[str, Any]) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", ledger])
    assert result.exit_code == 0, result.output
    assert (served["host"], served["port"]) == ("127.0.0.1", 8000)
    config = served["app"].state.config
    assert config.db == ledger and not config.write and config.map_tiles is None


def test_serve_options(ledger: str, served: dict[str, Any]) -> None:
    tiles = "https://tiles.example/{z}/{x}/{y}.png"
    result = CliRunner().invoke(main, ["serve", "--db", ledger, "--host", "0.0.0.0", "--port",
                                       "9001", "--write", "--map-tiles", tiles])
    assert result.exit_code == 0, result.output
    assert (served["host"], served["port"]) == ("0.0.0.0", 9001)
    assert served["app"].state.config.write and served["app"].state.config.map_tiles == tiles


def test_serve_refuses_missing_ledger(tmp_path: Path, served: dict[str, Any]) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0 and "no ledger" in result.output and not served


def test_serve_refuses_tile_url_without_placeholders(ledger: str,
                                                     served: dict[str, Any]) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", ledger, "--map-tiles", "https://x/"])
    assert result.exit_code != 0 and "{z}" in result.output and not served

"""The README documents every command, every setting and every export column."""

from __future__ import annotations

import click
import pytest

from corroborate.cli import main
from corroborate.export.rows import CLAIM_COLUMNS, DOCUMENT_COLUMNS
from corroborate.settings import SETTINGS
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _command_paths(group: click.Group, prefix: str = "corroborate") -> list[str]:
    paths = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        if isinstance(command, click.Group):
            paths += _command_paths(command, path)
        else:
            paths.append(path)
    return paths


@pytest.mark.parametrize("command", _command_paths(main))
def test_docs_readme_documents_command(command: str) -> None:
    assert f"`{command}" in README, f"README does not document `{command}`"


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_docs_readme_documents_setting(setting) -> None:  # type: ignore[no-untyped-def]
    assert f"`{setting.env}`" in README


@pytest.mark.parametrize("column", sorted(set(DOCUMENT_COLUMNS) | set(CLAIM_COLUMNS)))
def test_docs_readme_documents_export_column(column: str) -> None:
    assert f"| `{column}` |" in README, f"export column {column} is not in the README schema"

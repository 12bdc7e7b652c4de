"""The README documents every command, every setting and every export column."""

from __future__ import annotations

import re

import click
import pytest

from corroborate.cli import main
from corroborate.export.rows import EXPORTED
from corroborate.settings import SETTINGS
from corroborate.store.tables import Table
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _command_paths(group: click.Group, prefix: str = "corroborate") -> list[str]:
    """Every command path, the lazily loaded `eval` and `train` commands included."""
    paths = []
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
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


def _readme_export_columns(table: str) -> list[str]:
    """The columns listed, in order, in the README table after `corroborate export TABLE`."""
    section = README.split("## Export schema", 1)[1].split("\n## ", 1)[0]
    after = section.split(f"`corroborate export {table}`", 1)[1]
    rows = re.match(r"[^|]*((?:\|.*\n)+)", after)
    assert rows, f"no table after `corroborate export {table}`"
    return re.findall(r"^\| `(\w+)` \|", rows.group(1), re.MULTILINE)


@pytest.mark.parametrize("table", EXPORTED.values(), ids=lambda t: t.name)
def test_docs_readme_documents_export_columns_in_order(table: Table) -> None:
    assert tuple(_readme_export_columns(table.name)) == table.exported, (
        f"the README's `corroborate export {table.name}` table does not list the exported "
        "columns (store/tables.py) in order"
    )

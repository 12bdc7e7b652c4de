"""The README's seeds example is what the commands print today (`scripts/readme_example.py`
generates it from a real run; rerun it after a change that alters the output)."""

from __future__ import annotations

import importlib.util
from types import ModuleType

import pytest

from tests.conftest import REPO, SEEDS


def _generator() -> ModuleType:
    path = REPO / "scripts" / "readme_example.py"
    spec = importlib.util.spec_from_file_location("readme_example", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repo")
def test_docs_example_matches_a_run_on_the_seeds() -> None:
    generator = _generator()
    written = generator.readme_example((REPO / "README.md").read_text(encoding="utf-8"))
    assert written == generator.example(), (
        "the README's seeds example differs from what the commands print: "
        "run `python scripts/readme_example.py`"
    )


def test_docs_example_replaces_only_its_block() -> None:
    generator = _generator()
    readme = "# T\n\n## Example: the seed reports\n\ntext\n\n```console\nold\n```\n\n## Next\n"
    updated = generator.with_example(readme, "new\n")
    assert updated == readme.replace("old\n", "new\n")
    assert generator.readme_example(updated) == "new\n"

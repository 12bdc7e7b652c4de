"""Generate the README's "Example: the seed reports" from a real run of the commands.

    python scripts/readme_example.py           # rewrite the example in README.md
    python scripts/readme_example.py --check   # exit 1 when the README differs from a run

The commands run in-process in a temporary folder beside `../shared` (so that the paths and
the ledger's name print as a user sees them). Long lines are cut at `WIDTH` characters and
long listings after `LISTED` lines, the same way each time, so the example is reproducible:
`tests/test_docs_example.py` runs this and compares.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from click.testing import CliRunner

from corroborate.cli import main as cli

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
README = REPO / "README.md"
HEADING = "## Example: the seed reports"
WIDTH = 116  # characters of a printed line kept in the example
LISTED = 8  # lines of a long listing kept
SHOW_DOCUMENT = "5"
COMMANDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("ingest", "../shared/seeds"), ""),
    (("stats",), ""),
    (("claims", "--certainty", "hedged"), f"# (the first {LISTED}; lines cut)"),
    (("show", SHOW_DOCUMENT), "# (lines cut)"),
)


@contextmanager
def _beside_shared() -> Iterator[None]:
    """A temporary working folder whose `../shared` is the real one."""
    before = Path.cwd()
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "shared").symlink_to(SHARED, target_is_directory=True)
        work = Path(tmp) / "work"
        work.mkdir()
        os.chdir(work)
        try:
            yield
        finally:
            os.chdir(before)


def _cut(line: str) -> str:
    return line if len(line) <= WIDTH else line[: WIDTH - 2].rstrip() + " …"


def _shown(command: tuple[str, ...], output: str) -> list[str]:
    lines = output.rstrip("\n").split("\n")
    if command[0] == "claims" and len(lines) > LISTED:
        lines = [*lines[:LISTED], "…"]
    if command[0] == "show":  # the header, the first marked paragraphs, the first claims
        text_at = lines.index("")
        claims_at = next(i for i, line in enumerate(lines) if line.startswith("[1] "))
        lines = [
            *lines[: text_at + 4],
            "…",
            "",
            *lines[claims_at : claims_at + LISTED],
            "…",
        ]
    return [_cut(line) for line in lines]


def example() -> str:
    """The console block: each command as typed and what it printed."""
    blocks = []
    runner = CliRunner()
    with _beside_shared():
        for command, note in COMMANDS:
            result = runner.invoke(cli, [*command, "--db", "corroborate.db"])
            if result.exit_code != 0:
                raise RuntimeError(f"corroborate {' '.join(command)} failed: {result.output}")
            typed = f"$ corroborate {' '.join(command)}"
            if note:
                typed = f"{typed:<49}{note}"
            blocks.append("\n".join([typed, *_shown(command, result.stdout)]))
    return "\n\n".join(blocks) + "\n"


def readme_example(readme: str) -> str:
    """The console block of the README's seeds example, as written there."""
    section = readme.split(HEADING, 1)[1]
    return section.split("```console\n", 1)[1].split("```", 1)[0]


def with_example(readme: str, block: str) -> str:
    head, section = readme.split(HEADING, 1)
    before, rest = section.split("```console\n", 1)
    after = rest.split("```", 1)[1]
    return f"{head}{HEADING}{before}```console\n{block}```{after}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    readme = README.read_text(encoding="utf-8")
    block = example()
    if args.check:
        same = readme_example(readme) == block
        print("README example is current" if same else "README example differs from a run")
        return 0 if same else 1
    README.write_text(with_example(readme, block), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

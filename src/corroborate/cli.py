"""The `corroborate` command. Each *_cli function only validates and prints; the work is
done by plain functions in the stage packages."""

from __future__ import annotations

import click

from corroborate import __version__


@click.group()
@click.version_option(__version__, prog_name="corroborate")
def main() -> None:
    """Turn scraped conflict reporting into an evidence ledger."""


@main.group(name="eval")
def eval_group() -> None:
    """Measure a model on a labelled data file."""


@main.group(name="train")
def train_group() -> None:
    """Rebuild a shipped model from open data."""


# Stage packages add their commands below, one line each.

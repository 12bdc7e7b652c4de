"""`corroborate gazetteer ruler`: the NER's GeoNames place names, built from the gazetteer."""

from __future__ import annotations

import time
from pathlib import Path

import click

from corroborate.errors import CorroborateError
from corroborate.geo.build import gazetteer_path
from corroborate.nlp import place_ruler
from corroborate.nlp.parsing import load_pipeline


@click.command(name="ruler")
@click.option(
    "--gazetteer",
    "source",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Gazetteer to read (default: the packaged one).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: the packaged data/models/place_ruler/places.txt).",
)
@click.option(
    "--min-population",
    type=click.IntRange(min=0),
    default=place_ruler.MIN_POPULATION,
    show_default=True,
    help="Towns and cities of at least this many people (countries and regions always).",
)
@click.option(
    "--common-rank",
    type=click.IntRange(min=0),
    default=place_ruler.COMMON_RANK,
    show_default=True,
    help="Leave out names made only of the N most frequent GloVe words (countries kept).",
)
@click.option(
    "--lower-rank",
    type=click.IntRange(min=0),
    default=None,
    help="Also add lower-case forms of names rarer than this GloVe rank (measured, not shipped).",
)
def gazetteer_ruler_cli(
    source: Path | None,
    output: Path | None,
    min_population: int,
    common_rank: int,
    lower_rank: int | None,
) -> None:
    """Write the place names the NER's ruler tags LOC (tokenized by our pipeline)."""
    target = output or place_ruler.names_path()
    started = time.perf_counter()
    try:
        nlp = load_pipeline()
        count = place_ruler.build(
            source or gazetteer_path(), target, nlp, min_population, common_rank, lower_rank
        )
    except CorroborateError as err:
        raise click.ClickException(str(err)) from err
    size = target.stat().st_size / 1e6
    elapsed = time.perf_counter() - started
    click.echo(f"{count} names, {size:.1f} MB, {elapsed:.0f} s: {target}")

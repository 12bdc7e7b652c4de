"""`corroborate train factuality` and `corroborate eval factuality`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from corroborate.errors import CorroborateError
from corroborate.resources import model_dir


@click.command(name="factuality")
@click.option(
    "--data", "data_dir", required=True, type=click.Path(exists=True, file_okay=False),
    help="Folder with uds_ih2_train.jsonl, uds_ih2_dev.jsonl and meantime_dev.jsonl.",
)
@click.option(
    "--out", "out_dir", type=click.Path(file_okay=False), default=None,
    help="Where to write the model (default: the shipped model's folder).",
)
def factuality_train_cli(data_dir: str, out_dir: str | None) -> None:
    """Train the commitment model on UDS-IH2 train; print its dev figures."""
    from corroborate.training.factuality import train_factuality

    target = Path(out_dir) if out_dir else model_dir("factuality")
    try:
        meta = train_factuality(Path(data_dir), target)
    except CorroborateError as err:
        raise click.ClickException(str(err)) from err
    click.echo(json.dumps(meta["dev"], indent=2))
    click.echo(f"model written to {target}")


@click.command(name="factuality")
@click.option(
    "--data", "data_file", required=True, type=click.Path(exists=True, dir_okay=False),
    help="An IH2 or MEANTIME .jsonl file (DATA.md §8 format).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def factuality_eval_cli(data_file: str, as_json: bool) -> None:
    """Pearson r, MAE and sign accuracy of the commitment model on a factuality file."""
    from corroborate.evaluate.factuality import evaluate_factuality

    try:
        result = evaluate_factuality(Path(data_file))
    except CorroborateError as err:
        raise click.ClickException(str(err)) from err
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(
        f"pearson r {result['pearson_r']:.3f}  MAE {result['mae']:.3f}  "
        f"sign accuracy {result['sign_accuracy']:.1%}  ({result['n']} predicates)"
    )

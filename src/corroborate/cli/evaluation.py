"""`corroborate eval ledger` and `corroborate eval extraction`: the whole pipeline against
hand-annotated reports, and body extraction against real pages."""

from __future__ import annotations

import json
from pathlib import Path

import click

from corroborate.errors import CorroborateError
from corroborate.render import printable


@click.command(name="ledger")
@click.option(
    "--gold", "gold_dir", required=True, type=click.Path(exists=True, file_okay=False),
    help="Folder of reports with an expected.json of gold annotations.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--failures", is_flag=True, help="List every failed check.")
def ledger_eval_cli(gold_dir: str, as_json: bool, failures: bool) -> None:
    """Score cleaning, metadata and claims against hand-annotated reports."""
    from corroborate.evaluate.ledger import evaluate_ledger

    try:
        score = evaluate_ledger(Path(gold_dir))
    except CorroborateError as err:
        raise click.ClickException(str(err)) from err
    if as_json:
        click.echo(json.dumps({"rates": score.rates(), "checks": dict(score.total)}, indent=2))
    else:
        for name, rate in score.rates().items():
            click.echo(f"{name:>14}: {rate:6.1%}  ({score.passed[name]}/{score.total[name]})")
    if failures:
        for failure in score.failures:
            click.echo(printable(failure), err=True)


@click.command(name="extraction")
@click.option(
    "--html", "html_dir", required=True, type=click.Path(exists=True, file_okay=False),
    help="Folder of <id>.html or <id>.html.gz pages.",
)
@click.option(
    "--gold", "gold_file", required=True, type=click.Path(exists=True, dir_okay=False),
    help="ground-truth.json: {id: {articleBody: ...}}.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def extraction_eval_cli(html_dir: str, gold_file: str, as_json: bool) -> None:
    """Bag-of-words precision/recall of the cleaned body against gold article bodies."""
    from corroborate.evaluate.extraction import evaluate_extraction

    try:
        scores = evaluate_extraction(Path(html_dir), Path(gold_file))
    except CorroborateError as err:
        raise click.ClickException(str(err)) from err
    if as_json:
        click.echo(json.dumps(scores, indent=2))
        return
    for name, score in scores.items():
        click.echo(
            f"{name:>12}: precision {score['precision']:.3f}  recall {score['recall']:.3f}  "
            f"F1 {score['f1']:.3f}  ({score['pages']} pages)"
        )


@click.command(name="certainty")
@click.option(
    "--gold", "gold_dir", required=True, type=click.Path(exists=True, file_okay=False),
    help="Folder of reports with a certainty.json of gold certainty per sentence.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--failures", is_flag=True, help="List every sentence labelled wrongly.")
def certainty_eval_cli(gold_dir: str, as_json: bool, failures: bool) -> None:
    """Per-class recall of claim certainty (asserted, hedged, denied) on annotated reports."""
    from corroborate.evaluate.certainty import evaluate_certainty

    try:
        score = evaluate_certainty(Path(gold_dir))
    except CorroborateError as err:
        raise click.ClickException(str(err)) from err
    if as_json:
        click.echo(json.dumps(score.as_json(), indent=2))
    else:
        counts = score.counts()
        for name, rate in score.recall().items():
            total = sum(counts[name].values())
            click.echo(f"{name:>9}: recall {rate:6.1%}  ({counts[name].get(name, 0)}/{total})")
    if failures:
        for failure in score.failures:
            click.echo(printable(failure), err=True)

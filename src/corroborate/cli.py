"""The `corroborate` command. Each *_cli function only validates and prints; the work is
done by plain functions in the stage packages."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import click
from tqdm import tqdm

from corroborate import __version__
from corroborate.attribution.cli import (
    attribution_eval_cli,
    attribution_train_cli,
    supersenses_build_cli,
)
from corroborate.errors import CorroborateError, InputError
from corroborate.export import FORMATS, TABLES, export
from corroborate.ledger import ingest
from corroborate.link.stance.cli import fnc1_eval_cli, stance_train_cli
from corroborate.model import Certainty
from corroborate.read.cli import ner_eval_cli, nlp_train_cli, parse_eval_cli
from corroborate.render import (
    describe_ledger,
    format_claim,
    printable,
    render_document,
    render_stats,
)
from corroborate.samples import sample_files
from corroborate.settings import DB
from corroborate.store import Store, open_store


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


def _db_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--db",
        "db_path",
        default=DB.default,
        envvar=DB.env,
        show_default=True,
        help=f"{DB.help} Environment: {DB.env}.",
    )(command)


def _open(db_path: str) -> Store:
    try:
        return open_store(db_path)
    except CorroborateError as err:
        raise click.ClickException(str(err)) from err


@main.command(name="ingest")
@click.argument("paths", nargs=-1)
@click.option(
    "--samples", is_flag=True, help="Also ingest the sample reports bundled with Corroborate."
)
@_db_option
def ingest_cli(paths: tuple[str, ...], samples: bool, db_path: str) -> None:
    """Read reports (files, folders, - for standard input) into the ledger.

    Formats are recognised from content: plain-text pages, HTML, JSON Lines, JSON, CSV.
    """
    if samples:
        paths = (*paths, *sample_files())
    if not paths:
        raise click.UsageError("give at least one PATH (or - for standard input, or --samples)")

    def report_error(err: InputError) -> None:
        click.echo(f"error: {printable(str(err))}", err=True)

    def progress(items: Iterator[Any]) -> Iterable[Any]:
        return tqdm(items, unit=" reports", disable=not sys.stderr.isatty(), leave=False)

    with _open(db_path) as store:
        summary = ingest(paths, store, report_error, wrap=progress)
        click.echo(summary.line())
        click.echo(describe_ledger(store.stats(), db_path))
    if summary.failed:
        sys.exit(1)


@main.command(name="claims")
@click.option("--doc", "doc_id", type=int, help="Only claims of this document id.")
@click.option("--source", help="Only claims whose source or chain contains this text.")
@click.option("--certainty", type=click.Choice([c.value for c in Certainty]))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@_db_option
def claims_cli(
    doc_id: int | None, source: str | None, certainty: str | None, as_json: bool, db_path: str
) -> None:
    """List claims with their source, cue and certainty."""
    with _open(db_path) as store:
        for claim in store.claims(doc_id=doc_id, source=source, certainty=certainty):
            click.echo(json.dumps(claim, ensure_ascii=False) if as_json else format_claim(claim))


@main.command(name="show")
@click.argument("doc_id", type=int)
@click.option("--noise", "with_noise", is_flag=True, help="Also list the removed page noise.")
@_db_option
def show_cli(doc_id: int, with_noise: bool, db_path: str) -> None:
    """Show a report's clean text with its claims marked."""
    with _open(db_path) as store:
        document = store.document(doc_id)
        if document is None:
            raise click.ClickException(f"no document with id {doc_id} in {db_path}")
        claims = list(store.claims(doc_id=doc_id))
        document["entities"] = store.mentions(doc_id)
    color = sys.stdout.isatty()
    click.echo(render_document(document, claims, with_noise=with_noise, color=color))


@main.command(name="stats")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@_db_option
def stats_cli(as_json: bool, db_path: str) -> None:
    """Counts of documents, claims, certainty, languages and top sources."""
    with _open(db_path) as store:
        stats = store.stats()
    click.echo(json.dumps(stats, ensure_ascii=False, indent=2) if as_json else render_stats(stats))


@main.command(name="search")
@click.argument("query")
@click.option("--limit", default=20, show_default=True)
@_db_option
def search_cli(query: str, limit: int, db_path: str) -> None:
    """Full-text search over titles and clean texts (SQLite FTS5 query syntax)."""
    with _open(db_path) as store:
        try:
            hits = store.search(query, limit=limit)
        except CorroborateError as err:
            raise click.ClickException(str(err)) from err
    for hit in hits:
        title = printable(hit["title"] or "(untitled)")
        click.echo(f"#{hit['id']} [{hit['language'] or '?'}] {title}")
        click.echo(f"    {printable(hit['snippet'])}")


@main.command(name="export")
@click.argument("table", type=click.Choice(TABLES))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: stdout)."
)
@_db_option
def export_cli(table: str, fmt: str, output: str | None, db_path: str) -> None:
    """Export documents, claims or entities as JSON Lines or CSV."""
    with _open(db_path) as store:
        if output is None:
            export(store, table, fmt, sys.stdout)
            return
        with open(output, "w", encoding="utf-8", newline="") as out:
            count = export(store, table, fmt, out)
    click.echo(f"wrote {count} {table} rows to {output}", err=True)


@eval_group.command(name="ledger")
@click.option(
    "--gold", "gold_dir", required=True, type=click.Path(exists=True, file_okay=False),
    help="Folder of reports with an expected.json of gold annotations.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--failures", is_flag=True, help="List every failed check.")
def ledger_eval_cli(gold_dir: str, as_json: bool, failures: bool) -> None:
    """Score cleaning, metadata and claims against hand-annotated reports."""
    from corroborate.ledger_eval import evaluate_ledger

    score = evaluate_ledger(Path(gold_dir))
    if as_json:
        click.echo(json.dumps({"rates": score.rates(), "checks": dict(score.total)}, indent=2))
    else:
        for name, rate in score.rates().items():
            click.echo(f"{name:>14}: {rate:6.1%}  ({score.passed[name]}/{score.total[name]})")
    if failures:
        for failure in score.failures:
            click.echo(printable(failure), err=True)


@eval_group.command(name="extraction")
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
    from corroborate.extraction_eval import evaluate_extraction

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


for command in (nlp_train_cli, stance_train_cli, attribution_train_cli, supersenses_build_cli):
    train_group.add_command(command)
for command in (ner_eval_cli, parse_eval_cli, fnc1_eval_cli, attribution_eval_cli):
    eval_group.add_command(command)

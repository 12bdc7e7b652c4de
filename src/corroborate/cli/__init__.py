"""The `corroborate` command. Each *_cli function only validates and prints; the work is
done by plain functions in the stage packages."""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import click

from corroborate import __version__
from corroborate.cli.stance_option import STANCE_MODEL_OPTION
from corroborate.errors import CorroborateError, InputError
from corroborate.export import FORMATS, TABLES, export
from corroborate.model import Certainty
from corroborate.render import (
    describe_ledger,
    format_claim,
    printable,
    render_check,
    render_document,
    render_proposition,
    render_proposition_line,
    render_stats,
)
from corroborate.samples import sample_files
from corroborate.settings import DB
from corroborate.store import Store, open_store
from corroborate.store.postgres import is_postgres_url, redacted
from corroborate.store.tables import to_json
from corroborate.threads import limit_threads


@click.group()
@click.version_option(__version__, prog_name="corroborate")
def main() -> None:
    """Turn scraped conflict reporting into an evidence ledger."""
    limit_threads()


class LazyGroup(click.Group):
    """A command group whose subcommands are imported only when one of them runs.

    Training and evaluation commands pull in scikit-learn, spaCy's trainer and PyTorch;
    importing them up front made every command, `--version` included, take seconds (as
    spaCy's own CLI does, commands are registered by name and imported on use).
    """

    def __init__(self, *args: Any, lazy: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy  # command name -> "module:attribute"

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.lazy:
            return super().get_command(ctx, cmd_name)
        module, _, attribute = self.lazy[cmd_name].partition(":")
        command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command)
        return command


EVAL_COMMANDS = {
    "attribution": "corroborate.cli.attribution:attribution_eval_cli",
    "certainty": "corroborate.cli.evaluation:certainty_eval_cli",
    "emergent": "corroborate.cli.embed:emergent_eval_cli",
    "extraction": "corroborate.cli.evaluation:extraction_eval_cli",
    "factuality": "corroborate.cli.factuality:factuality_eval_cli",
    "fnc1": "corroborate.cli.stance:fnc1_eval_cli",
    "geo": "corroborate.cli.geo:geo_eval_cli",
    "ledger": "corroborate.cli.evaluation:ledger_eval_cli",
    "ner": "corroborate.cli.nlp:ner_eval_cli",
    "parse": "corroborate.cli.nlp:parse_eval_cli",
}
TRAIN_COMMANDS = {
    "attribution": "corroborate.cli.attribution:attribution_train_cli",
    "attribution-onnx": "corroborate.cli.attribution:attribution_onnx_cli",
    "attribution-int8": "corroborate.cli.attribution:attribution_int8_cli",
    "embeddings": "corroborate.cli.embed:embed_build_cli",
    "factuality": "corroborate.cli.factuality:factuality_train_cli",
    "nlp": "corroborate.cli.nlp:nlp_train_cli",
    "stance": "corroborate.cli.stance:stance_train_cli",
    "stance-cross": "corroborate.cli.stance:stance_cross_train_cli",
    "stance-tune": "corroborate.cli.stance:stance_tune_cli",
    "supersenses": "corroborate.cli.attribution:supersenses_build_cli",
    "vectors": "corroborate.cli.nlp:vectors_build_cli",
}


@main.group(name="eval", cls=LazyGroup, lazy=EVAL_COMMANDS)
def eval_group() -> None:
    """Measure a model on a labelled data file."""


@main.group(name="train", cls=LazyGroup, lazy=TRAIN_COMMANDS)
def train_group() -> None:
    """Rebuild a shipped model from open data."""


GAZETTEER_COMMANDS = {
    "add": "corroborate.cli.geo:gazetteer_add_cli",
    "build": "corroborate.cli.geo:gazetteer_build_cli",
    "lookup": "corroborate.cli.geo:gazetteer_lookup_cli",
    "ruler": "corroborate.cli.place_ruler:gazetteer_ruler_cli",
}


@main.group(name="gazetteer", cls=LazyGroup, lazy=GAZETTEER_COMMANDS)
def gazetteer_group() -> None:
    """Build, extend and query the GeoNames gazetteer that places are resolved against."""


def _db_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--db",
        "db_path",
        default=DB.default,
        envvar=DB.env,
        show_default=True,
        help=f"{DB.help} Environment: {DB.env}.",
    )(command)


def _open(db_path: str, *, create: bool = False) -> Store:
    """The ledger at `db_path`. Only `ingest` creates one: a query command given a path that
    does not exist (a typo) says so instead of creating an empty ledger and printing zeros."""
    if not create and not is_postgres_url(db_path) and not Path(db_path).exists():
        raise click.ClickException(
            f"no ledger at {db_path}; create it with `corroborate ingest PATH --db {db_path}`"
        )
    try:
        return open_store(db_path)
    except CorroborateError as err:
        raise click.ClickException(str(err)) from err


@main.command(name="ingest")
@click.argument("paths", nargs=-1)
@click.option(
    "--samples", is_flag=True, help="Also ingest the sample reports bundled with Corroborate."
)
@click.option(
    "--workers", type=click.IntRange(min=1), default=None,
    help="Processes running the pipeline (default: the cores); 1 runs it in this process.",
)
@click.option(
    "--dask", "dask_address", metavar="ADDRESS",
    help="Run the pipeline on a Dask cluster: tcp://SCHEDULER:PORT, or local:N for N local "
    "worker processes (needs corroborate[dask]).",
)
@_db_option
def ingest_cli(
    paths: tuple[str, ...],
    samples: bool,
    workers: int | None,
    dask_address: str | None,
    db_path: str,
) -> None:
    """Read reports (files, folders, - for standard input) into the ledger.

    Formats are recognised from content: plain-text pages, HTML, JSON Lines, JSON, CSV.
    The pipeline runs in worker processes (or on a Dask cluster); this process is the one
    writer, storing reports in input order.
    """
    if samples:
        paths = (*paths, *sample_files())
    if not paths:
        raise click.UsageError("give at least one PATH (or - for standard input, or --samples)")
    from tqdm import tqdm  # the ingest job's imports (spaCy, models) load only when it runs

    from corroborate.ingest_job import ingest
    from corroborate.scale import open_executor

    def report_error(err: InputError) -> None:
        click.echo(f"error: {printable(str(err))}", err=True)

    def progress(items: Iterator[Any]) -> Iterable[Any]:
        return tqdm(items, unit=" reports", disable=not sys.stderr.isatty(), leave=False)

    with _open(db_path, create=True) as store:
        try:
            executor = open_executor(workers, dask_address)
        except CorroborateError as err:
            raise click.ClickException(str(err)) from err
        try:
            summary = ingest(paths, store, report_error, wrap=progress, executor=executor)
        finally:
            if executor is not None:
                executor.close()
        click.echo(summary.line())
        click.echo(describe_ledger(store.stats(), redacted(db_path)))
    if summary.failed:
        sys.exit(1)


@main.command(name="stages")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per stage.")
def stages_cli(as_json: bool) -> None:
    """The ingest pipeline's stages in order: what each requires and assigns, its version."""
    from corroborate.pipeline import default_pipeline

    for stage in default_pipeline().stages:
        described = {
            "name": stage.name,
            "version": stage.derived_version,
            "requires": list(stage.requires),
            "assigns": list(stage.assigns),
            "reads": list(stage.reads),
            "help": stage.help,
        }
        if as_json:
            click.echo(json.dumps(described))
            continue
        click.echo(f"{stage.name:<9} {stage.derived_version}")
        click.echo(f"          {stage.help}")
        click.echo(f"          requires {', '.join(stage.requires)}; "
                   f"assigns {', '.join(stage.assigns)}")


@main.command(name="claims")
@click.option("--doc", "doc_id", type=int, help="Only claims of this document id.")
@click.option("--source", help="Only claims whose source or chain contains this text.")
@click.option("--certainty", type=click.Choice([c.value for c in Certainty]))
@click.option("--place", help="Only claims naming this place (any spelling written, or its "
              "gazetteer name).")
@click.option("--actor", help="Only claims naming this actor (its canonical name or any "
              "spelling written).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@_db_option
def claims_cli(
    doc_id: int | None,
    source: str | None,
    certainty: str | None,
    place: str | None,
    actor: str | None,
    as_json: bool,
    db_path: str,
) -> None:
    """List claims with their source, cue and certainty."""
    with _open(db_path) as store:
        found = store.claims(
            doc_id=doc_id, source=source, certainty=certainty, place=place, actor=actor
        )
        for claim in found:
            if as_json:
                click.echo(json.dumps(to_json(claim), ensure_ascii=False))
            else:
                click.echo(format_claim(claim))


@main.command(name="show")
@click.argument("doc_id", type=int)
@click.option("--noise", "with_noise", is_flag=True, help="Also list the removed page noise.")
@_db_option
def show_cli(doc_id: int, with_noise: bool, db_path: str) -> None:
    """Show a report's clean text with its claims marked."""
    with _open(db_path) as store:
        document = store.document(doc_id)
        if document is None:
            raise click.ClickException(f"no document with id {doc_id} in {redacted(db_path)}")
        claims = list(store.claims(doc_id=doc_id))
        mentions = store.mentions(doc_id)
    color = sys.stdout.isatty()
    click.echo(render_document(document, claims, mentions, with_noise=with_noise, color=color))


@main.command(name="stats")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@_db_option
def stats_cli(as_json: bool, db_path: str) -> None:
    """Counts of documents, claims, certainty, languages and top sources."""
    with _open(db_path) as store:
        stats = store.stats()
    if as_json:
        click.echo(json.dumps(stats.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_stats(stats))


@main.command(name="search")
@click.argument("query")
@click.option("--limit", default=20, show_default=True)
@click.option(
    "--fts", is_flag=True,
    help='Read QUERY as SQLite FTS5 syntax (AND, OR, NOT, "a phrase", prefix*).',
)
@_db_option
def search_cli(query: str, limit: int, fts: bool, db_path: str) -> None:
    """Full-text search over titles and clean texts: reports holding every word of QUERY,
    as written ("al-Nusra", "don't"); --fts for SQLite FTS5 query syntax."""
    with _open(db_path) as store:
        try:
            hits = store.search(query, limit=limit, fts=fts)
        except CorroborateError as err:
            raise click.ClickException(str(err)) from err
    for hit in hits:
        title = printable(hit.title or "(untitled)")
        click.echo(f"#{hit.id} [{hit.language or '?'}] {title}")
        click.echo(f"    {printable(hit.snippet)}")


@main.command(name="export")
@click.argument("table", type=click.Choice(TABLES))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: stdout)."
)
@_db_option
def export_cli(table: str, fmt: str, output: str | None, db_path: str) -> None:
    """Export documents, claims, entities, places, actors or propositions as JSON Lines or
    CSV; places also as GeoJSON."""
    if fmt == "geojson" and table != "places":
        raise click.UsageError("--format geojson is for places only")
    with _open(db_path) as store:
        if output is None:
            export(store, table, fmt, sys.stdout)
            return
        with open(output, "w", encoding="utf-8", newline="") as out:
            count = export(store, table, fmt, out)
    click.echo(f"wrote {count} {table} rows to {output}", err=True)


@main.command(name="check")
@click.argument("sentence")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@STANCE_MODEL_OPTION
@_db_option
def check_cli(sentence: str, as_json: bool, db_path: str) -> None:
    """The ledger's evidence for and against SENTENCE, the independent sources each way,
    the first report and a verdict (supported, refuted, conflicting, not enough evidence)."""
    from corroborate.link.check import check
    from corroborate.link.check import to_json as check_json

    with _open(db_path) as store:
        try:
            result = check(store, sentence)
        except CorroborateError as err:
            raise click.ClickException(str(err)) from err
    if as_json:
        click.echo(json.dumps(check_json(result), ensure_ascii=False, indent=2))
    else:
        click.echo(render_check(result))


@main.command(name="link")
@click.option("--full", is_flag=True, help="Regroup every claim of the ledger into "
              "propositions (memory grows with the ledger), instead of only the new ones.")
@_db_option
def link_cli(full: bool, db_path: str) -> None:
    """Bring the cross-report links (copies, propositions, check's index) up to date, as
    ingest does after each run; --full regroups the whole ledger's propositions."""
    from corroborate.link import link_ledger  # datasketch, scikit-learn: only when linking

    with _open(db_path) as store:
        link_ledger(store, full=full)
        click.echo(f"{len(store.propositions())} propositions")


@main.command(name="propositions")
@click.option("--min-reports", default=1, show_default=True, help="Only propositions stated "
              "in at least this many reports.")
@_db_option
def propositions_cli(min_reports: int, db_path: str) -> None:
    """Propositions: first and last seen, reports, independent sources for and against."""
    from corroborate.link.timeline import summaries

    with _open(db_path) as store:
        for found in summaries(store):
            if found.reports >= min_reports:
                click.echo(render_proposition_line(found))


@main.command(name="show-proposition")
@click.argument("proposition_id", type=int)
@_db_option
def show_proposition_cli(proposition_id: int, db_path: str) -> None:
    """A proposition's evidence in date order, with who supports and who denies it."""
    from corroborate.link.timeline import reports_of, summary

    with _open(db_path) as store:
        found = summary(store, proposition_id)
        if found is None:
            raise click.ClickException(
                f"no proposition with id {proposition_id} in {redacted(db_path)}"
            )
        reports = reports_of(store, found)
    click.echo(render_proposition(found, reports))


@main.command(name="serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (the default serves this machine only).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--write", is_flag=True,
              help="Allow writes to the ledger (the server is read-only without it).")
@click.option("--map-tiles", metavar="URL",
              help="Tile server URL template for the map ({z}/{x}/{y}), loaded by the "
                   "browser; without it the map is drawn offline.")
@_db_option
def serve_cli(host: str, port: int, write: bool, map_tiles: str | None, db_path: str) -> None:
    """Serve the web UI and the JSON API (schema at /openapi.json) over the ledger."""
    if not Path(db_path).exists():
        raise click.ClickException(
            f"no ledger at {db_path}; create it with `corroborate ingest PATH --db {db_path}`"
        )
    if map_tiles and not all(part in map_tiles for part in ("{z}", "{x}", "{y}")):
        raise click.BadParameter("needs {z}, {x} and {y}", param_hint="--map-tiles")
    import uvicorn  # the web stack loads only when serving

    from corroborate.web import WebConfig, create_app

    app = create_app(WebConfig(db=db_path, write=write, map_tiles=map_tiles))
    click.echo(f"serving {db_path} at http://{host}:{port}/ (read-only: {not write})", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")

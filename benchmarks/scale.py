"""Scale: full-pipeline ingest speed (1 and 2 workers), peak memory, ledger size, and query
latency on large ledgers, each beside a baseline measured in the same run.

    nice python benchmarks/scale.py ingest --reports 1000 --workers 1 2 --out DIR
    nice python benchmarks/scale.py query --from DIR/ledger-w2.db --reports 10000 --out DIR
    nice python benchmarks/scale.py query --from DIR/ledger-w2.db --reports 10000 --multiply 10 \
        --out DIR     # 100,000 reports: the 10,000-report ledger's rows copied by SQL
    nice python benchmarks/scale.py query --from DIR/ledger-w2.db --reports 10000 --pg \
        --out DIR     # the same ledger on SQLite, then copied into a throwaway PostgreSQL

`ingest` writes a generated corpus (`corpus.jsonl`, see `write_corpus`), runs
`corroborate ingest --workers W` on it for each W as a separate process (end to end:
start-up, reading, the pipeline, storing and cross-report linking), and reports reports/s,
words/s, the peak resident memory of the whole process tree (writer and workers, sampled
every 0.2 s) and the ledger's size on disk. The baseline: a bare spaCy pass (`nlp.pipe`,
one process) with the same shipped model over the same texts.

`query` builds a ledger of N reports by copying the rows of an ingested ledger through the
store API (new keys and content hashes, the claims' stored vectors copied with them), since
running the pipeline on 10,000 reports would take hours on a small machine, and times the
queries in this process: `search`, `claims` filters and `check`, p50 and p95. Replicated
reports are not put through cross-report linking (their claims join no proposition, and the
repeated texts are not marked as copies); `check` still retrieves and scores every claim.
The baseline for each query: the bare SQL or full-text lookup it starts from.

With `--pg` (a throwaway PostgreSQL cluster in a temporary folder, as the tests start one:
`tests/pg.py`) or `--pg-url postgresql://…` (an empty database of a running server), the
same ledger's rows are then copied into PostgreSQL (`copy_to_postgres`: COPY, table by
table, the index left out), `check`'s index is built there, and the same queries, on the
same draws, are timed again beside PostgreSQL's own bare lookups.

`--check-only` times `check` alone (and its bare lookup), without the `check` before the
index and the recall, which take minutes at 100,000 reports; `--digest FILE` writes
`check --json` of every drawn sentence (in order, one JSON line each, keys sorted; with
`--pg`, PostgreSQL's beside it as FILE.pg.jsonl) and prints its sha256, to show that a
change leaves what `check` returns as it was; `scale.py compare BEFORE AFTER` compares two
such files sentence by sentence (identical, or the same but for which copies of a text). Each timed
line ends with the load average (1 minute) when it finished: on a shared machine the wall
clock includes waiting for a core, and the CPU columns are the comparable figures.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
FNC1_BODIES = REPO.parent / "shared" / "data" / "fnc1" / "train_bodies.csv"
SAMPLE_EVERY = 10  # one report in ten is a bundled sample, the others FNC-1 bodies


def write_corpus(path: Path, reports: int) -> int:
    """`reports` JSON Lines records, each with its own URL: every tenth one of the bundled
    samples (their text or HTML and stated fields), the others FNC-1 train bodies (real news
    text, no page noise) with their first line as title. Past the 1,683 bodies and the ten
    samples texts repeat, which the copy linking marks as copies. Returns the words."""
    from corroborate.ingest import read_inputs
    from corroborate.samples import sample_files

    samples = [raw for raw in read_inputs(sample_files()) if not isinstance(raw, Exception)]
    with FNC1_BODIES.open(encoding="utf-8", newline="") as handle:
        bodies = [row["articleBody"] for row in csv.DictReader(handle)]
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for number in range(reports):
            url = f"https://bench.example/{number}"
            if number % SAMPLE_EVERY == 0:
                raw = samples[(number // SAMPLE_EVERY) % len(samples)]
                record = {"url": url, "title": raw.title, "published": raw.published,
                          "outlet": raw.outlet, "text": raw.text, "html": raw.html}
                words += len((raw.text or raw.html or "").split())
            else:
                body = bodies[number % len(bodies)]
                record = {"url": url, "title": body.strip().split("\n")[0][:120], "text": body}
                words += len(body.split())
            out.write(json.dumps({k: v for k, v in record.items() if v}) + "\n")
    return words


def corpus_texts(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        return [r.get("text") or r.get("html") or "" for r in map(json.loads, handle)]


class TreeMemory:
    """Peak resident memory of a process and its descendants (sum), sampled every 0.2 s, and
    the CPU seconds each used (last sample): the writer's and the workers'."""

    def __init__(self, pid: int) -> None:
        import psutil  # a dependency of distributed (the dask extra)

        self.root, self.peak = psutil.Process(pid), 0
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        import psutil

        while not self._stop.wait(0.2):
            try:
                tree = [self.root, *self.root.children(recursive=True)]
                total = sum(p.memory_info().rss for p in tree if p.is_running())
                for process in tree:
                    times = process.cpu_times()
                    self.cpu[process.pid] = times.user + times.system
            except psutil.Error:
                continue
            self.peak = max(self.peak, total)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def ingest_run(
    corpus: Path, db: Path, workers: int, fresh: bool = True, src: Path = REPO / "src"
) -> dict[str, Any]:
    if fresh:
        db.unlink(missing_ok=True)
    command = [sys.executable, "-c", "from corroborate.cli import main; main()", "ingest",
               str(corpus), "--db", str(db), "--workers", str(workers)]
    env = {**os.environ, "PYTHONPATH": str(src)}
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    memory = TreeMemory(process.pid)
    out, _ = process.communicate()
    seconds = time.perf_counter() - started
    peak = memory.stop()
    if process.returncode not in (0, 1):
        raise SystemExit(f"ingest failed ({process.returncode}): {out}")
    size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
    writer = memory.cpu.get(process.pid, 0.0)
    return {"workers": workers, "seconds": seconds, "peak_rss_mb": peak / 1e6,
            "ledger_mb": size / 1e6, "summary": out.strip().splitlines()[0],
            "writer_cpu": writer, "workers_cpu": sum(memory.cpu.values()) - writer}


def spacy_baseline(texts: list[str]) -> float:
    """Seconds for a bare spaCy pass (load included) with the shipped model, one process."""
    from corroborate.nlp.parsing import load_pipeline

    started = time.perf_counter()
    nlp = load_pipeline()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return time.perf_counter() - started


def ingest_main(args: argparse.Namespace) -> None:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    corpus = out / "corpus.jsonl"
    words = write_corpus(corpus, args.reports)
    print(f"corpus: {args.reports} reports, {words} words ({corpus})")
    seconds = spacy_baseline(corpus_texts(corpus))
    print(f"{'baseline: bare spaCy pass':>34}: {args.reports / seconds:7.2f} reports/s "
          f"{words / seconds:8.0f} words/s  ({seconds:.0f} s)")
    results = []
    for workers in args.workers:
        run = ingest_run(corpus, out / f"ledger-w{workers}.db", workers)
        results.append(run)
        print(f"{'corroborate ingest --workers ' + str(workers):>34}: "
              f"{args.reports / run['seconds']:7.2f} reports/s "
              f"{words / run['seconds']:8.0f} words/s  ({run['seconds']:.0f} s), "
              f"peak RSS {run['peak_rss_mb']:.0f} MB, ledger {run['ledger_mb']:.1f} MB; "
              f"CPU s: writer {run['writer_cpu']:.0f}, workers {run['workers_cpu']:.0f}; "
              f"{run['summary']}")
    one = next((r for r in results if r["workers"] == 1), None)
    for run in results:
        if one and run["workers"] > 1:
            efficiency = one["seconds"] / (run["workers"] * run["seconds"])
            print(f"scaling 1 -> {run['workers']} workers: speed-up "
                  f"{one['seconds'] / run['seconds']:.2f}, efficiency {efficiency:.2f}")
            # On a machine whose cores are busy with other work the wall clock says little;
            # the CPU each process needed bounds what free cores would give: at most the
            # writer's CPU (reading, storing, linking) plus the workers' shared out evenly
            # (less where storing overlaps the workers), so this efficiency is a lower bound.
            bound = run["writer_cpu"] + run["workers_cpu"] / run["workers"]
            print(f"  from CPU time (free cores): 1 worker {one['writer_cpu']:.0f} s, "
                  f"{run['workers']} workers at most {bound:.0f} s, efficiency at least "
                  f"{one['writer_cpu'] / (run['workers'] * bound):.2f}")


def grow_main(args: argparse.Namespace) -> None:
    """One ledger grown by successive ingest runs of `--step` reports each (the corpus of
    `ingest`, cut in parts), each run's peak memory (process tree) and time: whether the
    memory an ingest needs grows with the ledger it adds to. `--src`: the source tree to run
    (an earlier version, for a before/after comparison). Each finished run's figures are
    kept in `part-START.json`; `--resume` keeps the ledger, prints the parts already done and
    runs the others (a run cut short is resumed by the ingest's own resume, and its line says
    so: its time and memory are those of the rest of the run only)."""
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    corpus = out / "corpus.jsonl"
    write_corpus(corpus, args.reports)  # the same records every time
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    db = out / "ledger.db"
    if not args.resume:
        db.unlink(missing_ok=True)
        for old in out.glob("part-*"):
            old.unlink()
    print(f"ledger grown by {args.step} reports a run, --workers {args.workers}, "
          f"source {args.src}")
    print("| reports in the ledger | claims | run s | CPU s (writer + workers) | "
          "peak RSS MB (writer + workers) | ledger MB |")
    for start in range(0, len(lines), args.step):
        done = out / f"part-{start}.json"
        if not done.exists():
            done.write_text(json.dumps(_grow_run(out, lines, start, args, db)))
        run = json.loads(done.read_text())
        cut = " (resumed)" if run.get("resumed") else ""
        print(f"| {min(start + args.step, len(lines))}{cut} | {run['claims']} | "
              f"{run['seconds']:.0f} | {run['writer_cpu'] + run['workers_cpu']:.0f} | "
              f"{run['peak_rss_mb']:.0f} | {run['ledger_mb']:.1f} |", flush=True)


def _grow_run(out: Path, lines: list[str], start: int, args: argparse.Namespace,
              db: Path) -> dict[str, Any]:
    """One `grow` run over the reports from `start`, with the ledger's claims after it."""
    part = out / f"part-{start}.jsonl"
    part.write_text("".join(lines[start : start + args.step]), encoding="utf-8")
    begun = out / f"part-{start}.started"  # there already: this run was cut short before
    resumed = begun.exists()
    begun.write_text(time.ctime())
    run = ingest_run(part, db, args.workers, fresh=False, src=Path(args.src))
    with sqlite3.connect(db) as conn:
        run["claims"] = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    return {**run, "resumed": resumed}


def replicate(source: Path, target: Path, reports: int) -> None:
    """A ledger of `reports` reports: the source's rows, stored again and again under new
    keys (and content hashes) through the store API, each claim's vector copied along."""
    from corroborate.model import Claim, Mention, NoiseLine, Report
    from corroborate.store import SQLiteStore

    with SQLiteStore(source) as src:
        documents = list(src.documents())
        vectors = src.claim_vectors()
        originals = []
        for doc in documents:
            claims = list(src.claims(doc_id=doc.id))
            report = Report(
                path=doc.path, row=doc.row, format=doc.format, content_hash=doc.content_hash,
                raw=doc.raw, text=doc.text,
                noise=tuple(NoiseLine(n.line, n.text, n.reason) for n in doc.noise),
                title=doc.title, title_source=doc.title_source, published=doc.published,
                published_source=doc.published_source, byline=doc.byline, outlet=doc.outlet,
                outlet_source=doc.outlet_source, url=doc.url, language=doc.language,
                claims_status=doc.claims_status,
                claims=tuple(_claim(Claim, c) for c in claims),
                mentions=tuple(Mention(m.start, m.end, m.text, m.type)
                               for m in src.mentions(doc.id)),
            )
            originals.append((doc.key, doc.pipeline, report, [vectors.get(c.id) for c in claims]))
    target.unlink(missing_ok=True)
    with SQLiteStore(target) as store:
        for number in range(reports):
            key, pipeline, report, claim_vectors = originals[number % len(originals)]
            copy = _with(report, content_hash=f"{report.content_hash}#{number}")
            store.put(f"{key}#bench{number}", copy, pipeline)
            if number == 0 or (number + 1) % 1000 == 0 or number + 1 == reports:
                print(f"  replicated {number + 1}/{reports}", file=sys.stderr)
            doc_id = store._conn.execute("SELECT max(id) FROM documents").fetchone()[0]
            new_ids = [c.id for c in store.claims(doc_id=doc_id)]
            store.put_claim_vectors(
                [(i, v) for i, v in zip(new_ids, claim_vectors, strict=True) if v is not None]
            )


def multiply(db: Path, factor: int) -> None:
    """Every document (with its noise, claims, mentions and claim vectors) `factor` times in
    all, by INSERT … SELECT with shifted ids and new keys and content hashes: the store API
    at 1,000 reports a minute would take hours for 100,000. The full-text indexes follow
    (their triggers fire); copies and propositions are not extended."""
    import sqlite3

    conn = sqlite3.connect(db, isolation_level=None)

    def columns(table: str) -> list[str]:
        return [f'"{row[1]}"' for row in conn.execute(f"PRAGMA table_info({table})")]

    last_doc, last_claim = (conn.execute(f"SELECT max({c}) FROM {t}").fetchone()[0]
                            for c, t in (("id", "documents"), ("id", "claims")))
    shifted = {
        "documents": ({'"id"': "id + :d", '"key"': "key || '#x' || :k",
                       '"content_hash"': "content_hash || '#x' || :k", '"copy_of"': "NULL"},
                      "id <= :ld"),
        "noise": ({'"doc_id"': "doc_id + :d"}, "doc_id <= :ld"),
        "claims": ({'"id"': "id + :c", '"doc_id"': "doc_id + :d"}, "id <= :lc"),
        "mentions": ({'"doc_id"': "doc_id + :d"}, "doc_id <= :ld"),
        "claim_vectors": ({'"claim_id"': "claim_id + :c", '"cell"': "NULL"},
                          "claim_id <= :lc"),  # not indexed: `update_index` comes after
    }
    for k in range(1, factor):
        values = {"d": k * last_doc, "c": k * last_claim, "k": k, "ld": last_doc,
                  "lc": last_claim}
        conn.execute("BEGIN")
        for table, (changes, where) in shifted.items():
            names = columns(table)
            select = ", ".join(changes.get(name, name) for name in names)
            conn.execute(f"INSERT INTO {table} ({', '.join(names)}) "
                         f"SELECT {select} FROM {table} WHERE {where}", values)
        conn.execute("COMMIT")
        print(f"  multiplied {k + 1}/{factor}", file=sys.stderr)
    conn.close()


def _claim(cls: Any, row: Any) -> Any:
    def span(start: int | None, end: int | None) -> tuple[int, int] | None:
        return None if start is None or end is None else (start, end)

    return cls(row.start, row.end, row.text, source=row.source, chain=row.chain, cue=row.cue,
               certainty=row.certainty, hedges=row.hedges,
               source_span=span(row.source_start, row.source_end),
               cue_span=span(row.cue_start, row.cue_end),
               content_span=span(row.content_start, row.content_end),
               attributed_by=row.attributed_by)


def _with(report: Any, **changes: Any) -> Any:
    from dataclasses import replace

    return replace(report, **changes)


def timed(
    function: Callable[[], Any], runs: int, server: Callable[[], float] | None = None
) -> tuple[float, float, float, float]:
    """p50 and p95 in milliseconds over `runs` calls: wall-clock time, and the CPU time of
    this process and of `server` (the PostgreSQL backend serving it, when on this machine;
    on a machine shared with other work the wall clock includes waiting for a core)."""
    wall, cpu = [], []
    server = server or (lambda: 0.0)
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time() + server()
        function()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() + server() - started_cpu) * 1000)
    return (*_p50_p95(wall), *_p50_p95(cpu))


def _backend_cpu(store: Any) -> Callable[[], float] | None:
    """The CPU seconds used so far by the PostgreSQL backend process serving `store`, when
    it runs on this machine (a throwaway cluster); None for SQLite or a remote server."""
    if not _is_postgres(store):
        return None
    import psutil

    pid, address = store._conn.execute(
        "SELECT pg_backend_pid(), host(inet_server_addr())").fetchone()
    if address not in (None, "127.0.0.1", "::1"):  # a Unix socket or this machine
        return None
    try:
        backend = psutil.Process(pid)
        backend.cpu_times()
    except psutil.Error:
        return None

    def used() -> float:
        times = backend.cpu_times()
        return times.user + times.system

    return used


def _p50_p95(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def index_main(args: argparse.Namespace) -> None:
    """Bring `check`'s index of the ledger (a file or a PostgreSQL URL) up to date, as
    `link_ledger` does after an ingest (run by `query` as a child process, so that its
    memory is measured apart)."""
    import numpy as np

    from corroborate.link.index import update_index
    from corroborate.store import open_store

    started, started_cpu = time.perf_counter(), time.process_time()
    with open_store(args.db) as store:  # type: ignore[attr-defined]
        done = update_index(store)
        index = store.vector_index()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sizes = np.frombuffer(index.sizes, dtype=np.int64) if index else np.zeros(1)
    print(f"{done} in {time.perf_counter() - started:.1f} s (this process's CPU "
          f"{time.process_time() - started_cpu:.1f} s), peak RSS {peak:.0f} MB; "
          f"vectors per cell: median {np.median(sizes):.0f}, largest {sizes.max()}")


def _size(db: Path) -> float:
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 1e6


# -- PostgreSQL ------------------------------------------------------------------------------

# check's index is built again on the server (`scale.py index URL`), so it is not copied
_INDEX_TABLES = ("vector_cells", "vector_index")


def copy_to_postgres(db: Path, url: str) -> dict[str, int]:
    """Every row of the SQLite ledger `db` into the empty PostgreSQL database `url` (its
    tables created by the store's migrations), by COPY, table by table, parents before the
    tables referring to them; the identity sequences moved past the copied ids. The FTS5
    tables have no counterpart: PostgreSQL computes its `tsvector` columns itself. `check`'s
    index is left out (every vector without a cell), to be built there. Returns the rows per
    table. The store API (`put`, a transaction per report) would take an hour at 10,000
    reports; COPY is PostgreSQL's own bulk load."""
    import psycopg

    from corroborate.store.postgres import PostgresStore

    PostgresStore(url).close()  # the tables, by the store's migrations
    source = sqlite3.connect(db)
    copied = {}
    with psycopg.connect(url, autocommit=False) as conn:
        for table in _parents_first(conn):
            if table in _INDEX_TABLES or table == "corroborate_schema":
                continue
            have = {row[1] for row in source.execute(f'PRAGMA table_info("{table}")')}
            names = [name for name in _pg_columns(conn, table) if name in have]
            select = ", ".join("NULL" if (table, n) == ("claim_vectors", "cell") else f'"{n}"'
                               for n in names)
            columns = ", ".join(f'"{n}"' for n in names)
            with conn.cursor().copy(f'COPY "{table}" ({columns}) FROM STDIN') as copy:
                rows = 0
                for row in source.execute(f'SELECT {select} FROM "{table}"'):
                    copy.write_row(row)
                    rows += 1
            copied[table] = rows
        for (table,) in conn.execute(
            "SELECT table_name FROM information_schema.columns WHERE table_schema = "
            "current_schema() AND column_name = 'id' AND is_identity = 'YES'"
        ).fetchall():
            conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                         f"coalesce((SELECT max(id) FROM \"{table}\"), 0) + 1, false)")
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")
    source.close()
    return copied


def _pg_columns(conn: Any, table: str) -> list[str]:
    """The columns of `table` that take values (not the generated `tsvector` ones)."""
    return [row[0] for row in conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = "
        "current_schema() AND table_name = %s AND is_generated = 'NEVER' "
        "ORDER BY ordinal_position", (table,))]


def _parents_first(conn: Any) -> list[str]:
    """The schema's tables, each after every table its foreign keys refer to."""
    tables = [row[0] for row in conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = "
        "current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name")]
    parents: dict[str, set[str]] = {table: set() for table in tables}
    for child, parent in conn.execute(
        "SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint "
        "WHERE contype = 'f'"
    ).fetchall():
        if child in parents and parent != child:
            parents[child].add(parent.strip('"'))
    ordered: list[str] = []
    while len(ordered) < len(tables):
        ordered += [t for t in tables if t not in ordered and parents[t] <= set(ordered)]
    return ordered


def throwaway_cluster() -> Any:
    """A PostgreSQL server in a temporary folder, as the tests start one (Debian's server
    binaries; fsync off, the rest of postgresql.conf as `initdb` writes it)."""
    sys.path.insert(0, str(REPO))
    from tests.pg import Cluster, server_bin

    bin_dir = server_bin()
    if bin_dir is None:
        raise SystemExit("--pg: no PostgreSQL server binaries (apt-get install postgresql)")
    return Cluster(bin_dir)


# -- the queries -----------------------------------------------------------------------------


class _Unindexed:
    """The store as `check` saw it before its index (the baseline): every vector read, and
    every word of the sentence searched, however common."""

    def __init__(self, store: Any) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def vector_index(self) -> None:
        return None

    def search_claims(self, words: list[str], limit: int) -> list[int]:
        if not words:
            return []
        if _is_postgres(self._store):  # PostgresStore.search_claims before `_uncommon`
            tsquery = " || ".join("phraseto_tsquery('simple', ?)" for _ in words)
            rows = self._store._conn.execute(
                f"WITH q AS (SELECT {tsquery} AS q) SELECT c.id FROM claims c, q WHERE "
                "c.search @@ q.q ORDER BY ts_rank(c.search, q.q) DESC, c.id LIMIT ?",
                (*words, limit))
            return [int(row[0]) for row in rows]
        query = " OR ".join('"' + word.replace('"', '""') + '"' for word in words)
        rows = self._store._conn.execute(
            "SELECT rowid FROM claims_fts WHERE claims_fts MATCH ? ORDER BY rank LIMIT ?",
            (query, limit))
        return [int(row[0]) for row in rows]


def _is_postgres(store: Any) -> bool:
    return type(store).__name__ == "PostgresStore"


def recall(store: Any, sentences: list[str], count: int = 100) -> tuple[float, float]:
    """The index's top `count` claims against the exact scan's, averaged over `sentences`:
    the share of the exact top found, and the share of those found that score at least the
    exact `count`-th (ties at the boundary are interchangeable: copied claims share vectors)."""
    import numpy as np

    from corroborate.embed import embed
    from corroborate.link.index import nearest

    exact_store, found, tolerant = _Unindexed(store), [], []
    ids, blob = store.claim_vector_matrix()
    matrix = np.frombuffer(blob, dtype=np.float16).reshape(len(ids), -1)
    position = {claim_id: i for i, claim_id in enumerate(ids)}
    for sentence in sentences:
        query = embed([sentence])[0]
        exact = nearest(exact_store, query, count, 1).claim_ids
        approximate = nearest(store, query, count, 1).claim_ids
        found.append(len(set(exact) & set(approximate)) / len(exact))
        score = matrix[[position[i] for i in approximate + exact]].astype(np.float32) @ query
        floor = score[len(approximate):].min()
        tolerant.append(float((score[: len(approximate)] >= floor - 1e-6).mean()))
    return statistics.mean(found), statistics.mean(tolerant)


def _gist(found: dict[str, Any]) -> tuple[str, set[tuple[Any, Any]]]:
    return found["verdict"], {(e["claim_id"], e["stance"]) for e in found["evidence"]}


# the columns every claims baseline lists (the same on both backends: not PostgreSQL's
# `tsvector`, which `SELECT *` would read too)
_CLAIM_COLUMNS = 'id, doc_id, start, "end", text, source, chain, cue, certainty, hedges'


def _bare_lookups(store: Any, rng: random.Random, words: list[str],
                  sentences: list[str]) -> dict[str, Callable[[], Any]]:
    """Each query's baseline: the bare SQL or full-text lookup it starts from, in the
    backend's own dialect (the PostgreSQL store's connection reads `?` and `LIKE`)."""
    conn, draw = store._conn, rng.choice
    if _is_postgres(store):
        def search() -> Any:
            return conn.execute("SELECT id FROM documents WHERE search @@ "
                                "phraseto_tsquery('simple', ?) LIMIT 20", (draw(words),)
                                ).fetchall()
    else:
        def search() -> Any:
            return conn.execute("SELECT rowid FROM documents_fts WHERE documents_fts "
                                "MATCH ? LIMIT 20", (f'"{draw(words)}"',)).fetchall()
    select = f"SELECT {_CLAIM_COLUMNS} FROM claims"
    return {
        "search WORD": search,
        "claims --doc ID": lambda: conn.execute(
            f"{select} WHERE doc_id = ?", (rng.randrange(1, 1000),)).fetchall(),
        "claims --certainty denied": lambda: conn.execute(
            f"{select} WHERE certainty = 'denied'").fetchall(),
        "claims --source ministry": lambda: conn.execute(
            f"{select} WHERE source LIKE '%ministry%'").fetchall(),
        "check SENTENCE": lambda: store.search_claims(draw(sentences).split(), 200),
        "check, no index, every word": lambda: None,
    }


def measure(store: Any, sentences: list[str], runs: int, only_check: bool = False) -> None:
    """Time every query on `store` (p50/p95 wall and CPU, beside its bare lookup), then
    compare `check` with and without its index (`only_check`: time `check` alone). The
    draws are seeded: both backends see the same words, documents and sentences."""
    from corroborate.link.check import check, to_json

    rng = random.Random(1)
    words = [rng.choice(s.split()) for s in sentences]

    def draw(items: list[str]) -> str:
        return rng.choice(items)

    unindexed = _Unindexed(store)
    queries: dict[str, Callable[[], Any]] = {
        "search WORD": lambda: store.search(draw(words)),
        "claims --doc ID": lambda: list(store.claims(doc_id=rng.randrange(1, 1000))),
        "claims --certainty denied": lambda: list(store.claims(certainty="denied")),
        "claims --source ministry": lambda: list(store.claims(source="ministry")),
        "check SENTENCE": lambda: check(store, draw(sentences)),
        "check, no index, every word": lambda: check(unindexed, draw(sentences)),
    }
    baselines = _bare_lookups(store, rng, words, sentences)
    check(store, sentences[0])  # warm: the encoder loads once per process
    server = _backend_cpu(store)
    print(f"  CPU: this process{' and its PostgreSQL backend' if server else ''}")
    for name, query in queries.items():
        if only_check and name != "check SENTENCE":
            continue
        p50, p95, c50, c95 = timed(query, runs, server)
        b50, b95, _, _ = timed(baselines[name], runs)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{name:>28}: p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  (CPU p50 {c50:7.1f} "
              f"p95 {c95:7.1f})   baseline, its bare lookup: p50 {b50:6.1f}  p95 {b95:6.1f}"
              f"   (peak RSS so far {peak:.0f} MB, load {os.getloadavg()[0]:.1f})", flush=True)
    if only_check:
        return
    same, claims = 0, 0
    for sentence in sentences:
        now, before = to_json(check(store, sentence)), to_json(check(unindexed, sentence))
        same += now == before
        claims += _gist(now) == _gist(before)
    found, tolerant = recall(store, sentences)
    print(f"  index against the exact scan: recall@100 {found:.3f} (ties at the 100th "
          f"score interchangeable: {tolerant:.3f}); against the check before (no index, "
          f"every word): the same output for {same} of {len(sentences)} sentences, the "
          f"same evidence (claims, stances) and verdict for {claims}", flush=True)


def digest(store: Any, sentences: list[str], path: Path) -> str:
    """`check --json` of each sentence, in order, written to `path` (a JSON line each,
    keys sorted); the sha256 of the file."""
    from corroborate.link.check import check, to_json

    lines = [json.dumps(to_json(check(store, s)), sort_keys=True, ensure_ascii=False) + "\n"
             for s in sentences]
    path.write_text("".join(lines), encoding="utf-8")
    return hashlib.sha256(path.read_bytes()).hexdigest()


_IDS = {"claim_id", "doc_id", "proposition_id", "copy_of"}


def _without_ids(found: dict[str, Any]) -> str:
    """`check --json` less the claim, report and proposition ids (and the report order,
    which follows the ids): what a reader sees, whichever copy of a text is listed."""
    evidence = [{k: v for k, v in e.items() if k not in _IDS} for e in found["evidence"]]
    reports = sorted(json.dumps({k: v for k, v in r.items() if k != "doc_id"}, sort_keys=True)
                     for r in found["reports"])
    first = found["first_report"] and {k: v for k, v in found["first_report"].items()
                                       if k not in _IDS}
    rest = {k: v for k, v in found.items() if k not in ("evidence", "reports", "first_report")}
    return json.dumps([rest, evidence, reports, first], sort_keys=True)


def compare_main(args: argparse.Namespace) -> None:
    """Two `--digest` files line by line: identical, the same but for which copies (ids) of
    identical texts are listed, or different (those sentences printed)."""
    before = Path(args.before).read_text(encoding="utf-8").splitlines()
    after = Path(args.after).read_text(encoding="utf-8").splitlines()
    if len(before) != len(after):
        sys.exit(f"{args.before}: {len(before)} sentences, {args.after}: {len(after)}")
    same = copies = 0
    for old, new in zip(before, after, strict=True):
        if old == new:
            same += 1
            continue
        old_json, new_json = json.loads(old), json.loads(new)
        if _without_ids(old_json) == _without_ids(new_json):
            copies += 1
        else:
            print(f"  differs: {old_json['sentence'][:80]!r}")
    print(f"{len(before)} sentences: identical {same}; the same but for which copies (ids) of "
          f"the same texts {copies}; otherwise different {len(before) - same - copies}")


def _index(db: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.run([sys.executable, __file__, "index", db], env=env,
                          stdout=subprocess.PIPE, text=True, check=True).stdout.strip()


def query_main(args: argparse.Namespace) -> None:
    from corroborate.store import SQLiteStore

    out = Path(args.out)
    db = out / f"ledger-{args.reports}.db"
    started = time.perf_counter()
    if args.multiply:  # an earlier run's ledger, multiplied by SQL (once: then as it is)
        db = out / f"ledger-{args.reports}x{args.multiply}.db"
        if not db.exists():
            shutil.copyfile(out / f"ledger-{args.reports}.db", db)
            multiply(db, args.multiply)
    elif not db.exists():  # a ledger built by an earlier run is measured again as it is
        replicate(Path(args.source), db, args.reports)
    size = _size(db)
    print(f"ledger of {args.reports * (args.multiply or 1)} reports (built in "
          f"{time.perf_counter() - started:.0f} s): {size:.0f} MB", flush=True)
    if not args.pg_only:  # PostgreSQL's copy leaves the index out and builds its own
        print(f"  check's index: {_index(str(db))}; ledger now {_size(db):.0f} MB", flush=True)
    if args.probe:
        import corroborate.link.index

        corroborate.link.index.PROBE = args.probe
    rng = random.Random(0)
    with SQLiteStore(db) as store:
        stats = store.stats()
        print(f"  {stats.documents} documents, {stats.claims} claims")
        titles = [d.title for d in store.documents() if d.title and len(d.title.split()) >= 3]
        sentences = [rng.choice(titles) for _ in range(args.runs)]
        if not args.pg_only:
            print(f"SQLite {sqlite3.sqlite_version}", flush=True)
            measure(store, sentences, args.runs, args.check_only)
            if args.digest:
                print(f"  check --json of the {len(sentences)} sentences: {args.digest}, "
                      f"sha256 {digest(store, sentences, Path(args.digest))}", flush=True)
            if args.recall and args.check_only:  # (measure gives it otherwise)
                found, tolerant = recall(store, sentences)
                print(f"  index against the exact scan: recall@100 {found:.3f} (ties at the "
                      f"100th score interchangeable: {tolerant:.3f})", flush=True)
    if args.pg or args.pg_url:
        postgres(db, args, sentences)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak RSS of this process (queries, baselines, recall): {peak:.0f} MB")


def postgres(db: Path, args: argparse.Namespace, sentences: list[str]) -> None:
    """The same ledger copied into PostgreSQL, indexed there, and the same queries timed."""
    from corroborate.store.postgres import PostgresStore

    cluster = throwaway_cluster() if args.pg else None
    try:
        url = cluster.new_database() if cluster else args.pg_url
        started, started_cpu = time.perf_counter(), time.process_time()
        copied = copy_to_postgres(db, url)
        print(f"PostgreSQL: copied by COPY in {time.perf_counter() - started:.0f} s (this "
              f"process's CPU {time.process_time() - started_cpu:.0f} s): "
              f"{copied.get('documents')} documents, {copied.get('claims')} claims, "
              f"{sum(copied.values())} rows in {len(copied)} tables", flush=True)
        print(f"  check's index: {_index(url)}", flush=True)
        with PostgresStore(url) as store:
            version, size = store._conn.execute(
                "SELECT current_setting('server_version'), "
                "pg_database_size(current_database())").fetchone()
            print(f"PostgreSQL {version}, database {size / 1e6:.0f} MB", flush=True)
            measure(store, sentences, args.runs, args.check_only)
            if args.digest:
                path = Path(args.digest).with_suffix(".pg.jsonl")
                print(f"  check --json of the {len(sentences)} sentences: {path}, "
                      f"sha256 {digest(store, sentences, path)}", flush=True)
    finally:
        if cluster:
            cluster.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    ingest = commands.add_parser("ingest")
    ingest.add_argument("--reports", type=int, default=1000)
    ingest.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ingest.add_argument("--out", default="bench-scale")
    query = commands.add_parser("query")
    query.add_argument("--from", dest="source", required=True, help="an ingested ledger")
    query.add_argument("--reports", type=int, default=10_000)
    query.add_argument("--runs", type=int, default=40)
    query.add_argument("--multiply", type=int, default=0, help="take OUT/ledger-REPORTS.db "
                       "(an earlier run's) and copy its rows by SQL to this many times as many")
    query.add_argument("--out", default="bench-scale")
    query.add_argument("--pg", action="store_true", help="then copy the ledger into a "
                       "throwaway PostgreSQL cluster (a temporary folder) and time it there")
    query.add_argument("--pg-url", help="... or into this empty PostgreSQL database")
    query.add_argument("--pg-only", action="store_true", help="time PostgreSQL only")
    query.add_argument("--check-only", action="store_true", help="time `check` alone")
    query.add_argument("--recall", action="store_true", help="with --check-only: the "
                       "index's recall@100 against the exact scan on the same sentences")
    query.add_argument("--probe", type=int, help="cells a query reads (index.PROBE)")
    query.add_argument("--digest", help="write `check --json` of the drawn sentences here "
                       "(PostgreSQL's: beside it, .pg.jsonl) and print its sha256")
    grow = commands.add_parser("grow")
    grow.add_argument("--reports", type=int, default=3000)
    grow.add_argument("--step", type=int, default=1000)
    grow.add_argument("--workers", type=int, default=1)
    grow.add_argument("--src", default=str(REPO / "src"))
    grow.add_argument("--out", default="bench-grow")
    grow.add_argument("--resume", action="store_true",
                      help="keep OUT's ledger and finished parts, run the rest")
    index = commands.add_parser("index")
    index.add_argument("db")
    compare = commands.add_parser("compare", help="two --digest files, sentence by sentence")
    compare.add_argument("before")
    compare.add_argument("after")
    args = parser.parse_args()
    {"ingest": ingest_main, "query": query_main, "index": index_main,
     "grow": grow_main, "compare": compare_main}[args.command](args)


if __name__ == "__main__":
    main()

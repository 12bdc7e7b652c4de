"""Scale: full-pipeline ingest speed (1 and 2 workers), peak memory, ledger size, and query
latency on large ledgers, each beside a baseline measured in the same run.

    nice python benchmarks/scale.py ingest --reports 1000 --workers 1 2 --out DIR
    nice python benchmarks/scale.py query --from DIR/ledger-w2.db --reports 10000 --out DIR
    nice python benchmarks/scale.py query --from DIR/ledger-w2.db --reports 10000 --multiply 10 \
        --out DIR     # 100,000 reports: the 10,000-report ledger's rows copied by SQL

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
"""

from __future__ import annotations

import argparse
import csv
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
    import spacy

    from corroborate.nlp.parsing import model_path

    started = time.perf_counter()
    nlp = spacy.load(model_path())
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
    (an earlier version, for a before/after comparison)."""
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    corpus = out / "corpus.jsonl"
    write_corpus(corpus, args.reports)
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    db = out / "ledger.db"
    db.unlink(missing_ok=True)
    print(f"ledger grown by {args.step} reports a run, --workers {args.workers}, "
          f"source {args.src}")
    print("| reports in the ledger | claims | run s | peak RSS MB (writer + workers) | "
          "ledger MB |")
    for start in range(0, len(lines), args.step):
        part = out / f"part-{start}.jsonl"
        part.write_text("".join(lines[start : start + args.step]), encoding="utf-8")
        run = ingest_run(part, db, args.workers, fresh=False, src=Path(args.src))
        with sqlite3.connect(db) as conn:
            claims = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
        print(f"| {min(start + args.step, len(lines))} | {claims} | {run['seconds']:.0f} | "
              f"{run['peak_rss_mb']:.0f} | {run['ledger_mb']:.1f} |", flush=True)


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


def timed(function: Callable[[], Any], runs: int) -> tuple[float, float, float, float]:
    """p50 and p95 in milliseconds over `runs` calls: wall-clock time, and this process's CPU
    time (on a machine shared with other work the wall clock includes waiting for a core)."""
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        function()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return (*_p50_p95(wall), *_p50_p95(cpu))


def _p50_p95(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def index_main(args: argparse.Namespace) -> None:
    """Bring `check`'s index of the ledger up to date, as `link_ledger` does after an ingest
    (run by `query` as a child process, so that its memory is measured apart)."""
    import numpy as np

    from corroborate.link.index import update_index
    from corroborate.store import SQLiteStore

    started = time.perf_counter()
    with SQLiteStore(args.db) as store:
        done = update_index(store)
        index = store.vector_index()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sizes = np.frombuffer(index.sizes, dtype=np.int64) if index else np.zeros(1)
    print(f"{done} in {time.perf_counter() - started:.1f} s, peak RSS {peak:.0f} MB; "
          f"vectors per cell: median {np.median(sizes):.0f}, largest {sizes.max()}")


def _size(db: Path) -> float:
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 1e6


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
        query = " OR ".join('"' + word.replace('"', '""') + '"' for word in words)
        rows = self._store._conn.execute(
            "SELECT rowid FROM claims_fts WHERE claims_fts MATCH ? ORDER BY rank LIMIT ?",
            (query, limit))
        return [int(row[0]) for row in rows]


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


def query_main(args: argparse.Namespace) -> None:
    from corroborate.link.check import check, to_json
    from corroborate.store import SQLiteStore

    out = Path(args.out)
    db = out / f"ledger-{args.reports}.db"
    started = time.perf_counter()
    if args.multiply:  # an earlier run's ledger, multiplied by SQL
        db = out / f"ledger-{args.reports}x{args.multiply}.db"
        shutil.copyfile(out / f"ledger-{args.reports}.db", db)
        multiply(db, args.multiply)
    elif not db.exists():  # a ledger built by an earlier run is measured again as it is
        replicate(Path(args.source), db, args.reports)
    size = _size(db)
    print(f"ledger of {args.reports * (args.multiply or 1)} reports (built in "
          f"{time.perf_counter() - started:.0f} s): {size:.0f} MB")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    indexed = subprocess.run([sys.executable, __file__, "index", str(db)], env=env,
                             stdout=subprocess.PIPE, text=True, check=True).stdout.strip()
    print(f"  check's index: {indexed}; ledger now {_size(db):.0f} MB")
    rng = random.Random(0)
    with SQLiteStore(db) as store:
        stats = store.stats()
        print(f"  {stats.documents} documents, {stats.claims} claims")
        titles = [d.title for d in store.documents() if d.title and len(d.title.split()) >= 3]
        sentences = [rng.choice(titles) for _ in range(args.runs)]
        words = [rng.choice(s.split()) for s in sentences]
        conn = store._conn
        unindexed = _Unindexed(store)
        queries: list[tuple[str, Callable[[], Any], Callable[[], Any]]] = [
            ("search WORD", lambda: store.search(rng.choice(words)),
             lambda: conn.execute("SELECT rowid FROM documents_fts WHERE documents_fts "
                                  "MATCH ? LIMIT 20", (f'"{rng.choice(words)}"',)).fetchall()),
            ("claims --doc ID", lambda: list(store.claims(doc_id=rng.randrange(1, 1000))),
             lambda: conn.execute("SELECT * FROM claims WHERE doc_id = ?",
                                  (rng.randrange(1, 1000),)).fetchall()),
            ("claims --certainty denied", lambda: list(store.claims(certainty="denied")),
             lambda: conn.execute("SELECT * FROM claims WHERE certainty = 'denied'").fetchall()),
            ("claims --source ministry", lambda: list(store.claims(source="ministry")),
             lambda: conn.execute("SELECT * FROM claims WHERE source LIKE '%ministry%'")
             .fetchall()),
            ("check SENTENCE", lambda: check(store, rng.choice(sentences)),
             lambda: store.search_claims(rng.choice(sentences).split(), 200)),
            ("check, no index, every word", lambda: check(unindexed, rng.choice(sentences)),
             lambda: None),
        ]
        check(store, sentences[0])  # warm: the encoder loads once per process
        for name, query, baseline in queries:
            p50, p95, c50, c95 = timed(query, args.runs)
            b50, b95, _, _ = timed(baseline, args.runs)
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{name:>28}: p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  (CPU p50 {c50:7.1f} "
                  f"p95 {c95:7.1f})   baseline, its bare lookup: p50 {b50:6.1f}  p95 {b95:6.1f}"
                  f"   (peak RSS so far {peak:.0f} MB)")
        same, claims = 0, 0
        for sentence in sentences:
            now, before = to_json(check(store, sentence)), to_json(check(unindexed, sentence))
            same += now == before
            claims += _gist(now) == _gist(before)
        found, tolerant = recall(store, sentences)
        print(f"  index against the exact scan: recall@100 {found:.3f} (ties at the 100th "
              f"score interchangeable: {tolerant:.3f}); against the check before (no index, "
              f"every word): the same output for {same} of {len(sentences)} sentences, the "
              f"same evidence (claims, stances) and verdict for {claims}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak RSS of this process (queries, baselines, recall): {peak:.0f} MB")


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
    grow = commands.add_parser("grow")
    grow.add_argument("--reports", type=int, default=3000)
    grow.add_argument("--step", type=int, default=1000)
    grow.add_argument("--workers", type=int, default=1)
    grow.add_argument("--src", default=str(REPO / "src"))
    grow.add_argument("--out", default="bench-grow")
    index = commands.add_parser("index")
    index.add_argument("db")
    args = parser.parse_args()
    {"ingest": ingest_main, "query": query_main, "index": index_main,
     "grow": grow_main}[args.command](args)


if __name__ == "__main__":
    main()

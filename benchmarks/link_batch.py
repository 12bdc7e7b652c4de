"""One batch of incremental proposition linking, timed step by step on a real ledger (issue 16).

    OPENBLAS_NUM_THREADS=1 python benchmarks/link_batch.py --db LEDGER.db --start CLAIM_ID \
        [--old OLD/src/corroborate/link/propositions.py]

Reads the ledger only (a run may be writing it). The batch: the first 2,000 groupable claims
from claim id `--start` on, taken as `_link_batch` takes new claims, except that they are
already grouped (their own propositions are among those touched). Prints:

- the nearest grouped claims of the batch found both ways: reading every stored vector
  (`_scan_grouped`) and through the ledger's index (`_probe_grouped`, when it has one): CPU
  seconds, whether every claim's ten best scores are the same, and the propositions each
  way reaches;
- `group` over the batch and the claims of the propositions it touches: CPU seconds and
  groups, and with `--old` (another version of `propositions.py`, e.g. from `git show
  COMMIT:src/corroborate/link/propositions.py`) the same for that version and whether the
  two partitions are identical;
- with `--write` (a copy of a ledger: it writes, then rolls back): storing the batch's
  propositions (`update_propositions`, inside a transaction rolled back after it), CPU
  seconds and rows written, this code's store against `--old-store` (another version of
  `store/sqlite.py`, given every key as its `_link_batch` gave them), each from the same
  stored state: the batch's claims taken out of their propositions, as new claims are.
"""

from __future__ import annotations

from corroborate.threads import limit_threads

limit_threads()  # before numpy loads, as the command does

import argparse  # noqa: E402
import importlib.util  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402

from corroborate.link import propositions as props  # noqa: E402
from corroborate.link.index import Frequencies  # noqa: E402
from corroborate.store import SQLiteStore  # noqa: E402
from corroborate.store.sqlite import _chunks, _marks  # noqa: E402


def other_version(path: Path) -> Any:
    """Another version of one of the package's modules, loaded from its file."""
    spec = importlib.util.spec_from_file_location(f"other_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _nearest(store: SQLiteStore, query: np.ndarray, mean: np.ndarray, raw: np.ndarray) -> None:
    """The scan and the index's probes side by side, with each claim's best scores."""
    found = {}
    for name, way in (("scan", lambda: props._scan_grouped(store, query, mean)),
                      ("index", lambda: props._probe_grouped(store, index, query, mean, raw))):
        if name == "index" and (index := store.vector_index()) is None:
            print("index: the ledger has none")
            continue
        kept: list[np.ndarray] = []
        ids = props._Nearest.ids
        props._Nearest.ids = lambda self, kept=kept, ids=ids: kept.append(self.scores) or ids(self)
        try:
            started = time.process_time()
            near = way()
            cpu = time.process_time() - started
        finally:
            props._Nearest.ids = ids
        touched = set(store.propositions_of(near).values())
        found[name] = (np.sort(kept[0], axis=1), touched)
        print(f"nearest, {name}: {cpu:.1f} CPU s, {len(near)} claims, {len(touched)} "
              "propositions", flush=True)
    if len(found) == 2:
        same = np.isclose(found["scan"][0], found["index"][0], atol=1e-6).all(axis=1)
        shared = len(found["scan"][1] & found["index"][1])
        print(f"claims whose ten best scores are the same both ways: {same.mean():.4f}; "
              f"propositions reached both ways: {shared} of {len(found['scan'][1])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="an ingested SQLite ledger")
    parser.add_argument("--start", type=int, required=True, help="the batch's first claim id")
    parser.add_argument("--old", help="another version of propositions.py, to compare group")
    parser.add_argument("--write", action="store_true", help="time storing the propositions "
                        "(on a copy of a ledger: it writes, then rolls back)")
    parser.add_argument("--old-store", help="another version of store/sqlite.py, for --write")
    args = parser.parse_args()
    store = SQLiteStore(args.db)
    claims = store.evidence(list(range(args.start, args.start + 2 * props.BATCH)))
    batch = [item for item in claims if props.groupable(item)][: props.BATCH]
    mean, count, sample = props._ledger_mean(store)
    mean = props.common(mean, count)
    raw = props.claim_vectors(store, batch, store.claim_vectors_of([i.claim_id for i in batch]))
    query = props._unit_less(raw, mean)
    print(f"{args.db}: {count} claim vectors; a batch of {len(batch)} claims from id "
          f"{args.start}")
    _nearest(store, query, mean, raw)
    near = props._scan_grouped(store, query, mean)
    touched = set(store.propositions_of(near).values())
    own = {item.claim_id for item in batch}
    members = [i for i in store.evidence(store.proposition_members(sorted(touched)))
               if i.claim_id not in own]
    items = sorted([*batch, *members], key=props._claim_order)
    static = props._unit_less(
        props.claim_vectors(store, items, store.claim_vectors_of([i.claim_id for i in items])),
        mean)
    background = Frequencies.of(store.claim_contents(sample), props.words)
    tfidf = props._tfidf_with(background, [item.content for item in items])
    reports = [item.doc_key for item in items]
    print(f"group: {len(items)} claims ({len(touched)} propositions touched)")
    labels = {}
    for name, module in (("this code", props),
                         *((("--old", other_version(Path(args.old))),) if args.old else ())):
        started = time.process_time()
        labels[name] = module.group(static, tfidf, reports)
        print(f"group, {name}: {time.process_time() - started:.1f} CPU s, "
              f"{len(set(labels[name].tolist()))} groups", flush=True)
    if len(labels) == 2:
        print("identical partitions:", np.array_equal(*labels.values()))
    if args.write:
        _write(args, store, items, labels["this code"], static, tfidf, touched, own)


class _RolledBack(Exception):
    pass


def _write(args: argparse.Namespace, store: SQLiteStore, items: list, labels: np.ndarray,
           static: np.ndarray, tfidf: Any, touched: set[int], own: set[int]) -> None:
    """`update_propositions` as `_link_batch` calls it, timed and rolled back, by this
    code's store and by `--old-store`'s. The batch's claims are first taken out of their
    propositions and their keys dropped (in the same rolled-back transaction), so that they
    come in as new claims do, into propositions that gain them."""
    found = props._members(labels)
    groups = props._groups(items, found, static, tfidf)
    new = [props.claim_key(item) for item in items if item.claim_id in own]
    store.close()
    versions = [("this code", SQLiteStore)]
    if args.old_store:
        versions.append(("--old-store", other_version(Path(args.old_store)).SQLiteStore))
    for name, kind in versions:
        with kind(args.db) as other:
            try:
                with other._transaction():  # the update nests in it as a savepoint
                    _as_new(other, sorted(own), new)
                    removed, stored, moved, next_id = props._update_of(
                        other, items, found, groups, touched)
                    if name == "--old-store":  # its `_link_batch` gave every key
                        moved = [(props.claim_key(items[i]), group[0])
                                 for group, rows in zip(stored, found, strict=True)
                                 for i in rows]
                    before = other._conn.total_changes
                    started = time.process_time()
                    other.update_propositions(removed, stored, moved, next_id)
                    seconds = time.process_time() - started
                    written = other._conn.total_changes - before
                    raise _RolledBack
            except _RolledBack:
                pass
        print(f"update_propositions, {name}: {seconds:.2f} CPU s, {written} rows written "
              f"({len(removed)} propositions taken apart, {len(stored)} stored)", flush=True)


def _as_new(store: SQLiteStore, claim_ids: list[int], keys: list[str]) -> None:
    """The batch's claims without a proposition or a key, as before their first linking."""
    for column, table, values in (("claim_id", "proposition_claims", claim_ids),
                                  ("claim_key", "proposition_keys", keys)):
        for chunk in _chunks(values):
            store._conn.execute(f"DELETE FROM {table} WHERE {column} IN ({_marks(chunk)})",
                                chunk)


if __name__ == "__main__":
    main()

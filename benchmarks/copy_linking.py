"""Copy linking's group recomputation, timed on a real ledger (issue 16).

    OPENBLAS_NUM_THREADS=1 python benchmarks/copy_linking.py --db LEDGER.db --first 45000 \
        --count 200 [--old OLD/src/corroborate/link/copies.py]

Reads the ledger only. Takes the reports with ids `--first` .. `--first + --count - 1` as
if an ingest run had just added them, and with their stored copy groups as `link_copies`
gathers them, computes the copy components they lie in (`_components`, the candidate
queries and comparisons included) with this code and, with `--old` (another version of
`copies.py`, e.g. from `git show COMMIT:src/corroborate/link/copies.py`), with that one:
each one's CPU and wall seconds, and whether the components are the same.
"""

from __future__ import annotations

from corroborate.threads import limit_threads

limit_threads()  # before numpy loads, as the command does

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from link_batch import other_version  # noqa: E402

from corroborate.link import copies  # noqa: E402
from corroborate.store import SQLiteStore  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="an ingested SQLite ledger")
    parser.add_argument("--first", type=int, required=True, help="the first report id")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--old", help="another version of copies.py, to compare")
    args = parser.parse_args()
    store = SQLiteStore(args.db)
    touched = set(range(args.first, args.first + args.count))
    for doc_id in sorted(touched):
        touched.update(store.copy_group(doc_id))
    print(f"{args.db}: {args.count} reports, {len(touched)} with their copy groups")
    found = {}
    for name, module in (("this code", copies),
                         *((("--old", other_version(Path(args.old))),) if args.old else ())):
        started, cpu = time.perf_counter(), time.process_time()
        found[name] = sorted(map(tuple, module._components(module._Neighbours(store), touched)))
        print(f"{name}: {time.process_time() - cpu:.1f} CPU s, "
              f"{time.perf_counter() - started:.1f} s wall, {len(found[name])} components",
              flush=True)
    if len(found) == 2:
        print("same components:", found["this code"] == found["--old"])


if __name__ == "__main__":
    main()

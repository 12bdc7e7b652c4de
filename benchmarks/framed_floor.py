"""What `check` keeps only because of its floor for bare sentences (`check.FRAMED_FLOOR`:
the strict frame matches of a sentence that says nothing beyond its frame are kept whatever
their similarity), on a real ledger, for each sentence of a file: the evidence with the floor
off and on, and the claims the floor adds (each distinct content once), to be read.

    OPENBLAS_NUM_THREADS=1 python benchmarks/framed_floor.py --db LEDGER \
        [--sentences benchmarks/bare_sentences.txt] [--all]

`--all` lifts the evidence cap (`MAX_EVIDENCE`), whose lowest-ranked places the floored
claims (at the threshold) would otherwise lose to copies on a large ledger. The sentences
in `bare_sentences.txt` were written before this was first run, for the conflicts of the
FNC-1 bodies' years (2014-2015), and are not tuned to any ledger.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from corroborate.link import check as check_module
from corroborate.link.frames import fully_framed
from corroborate.store import open_store

SENTENCES = Path(__file__).with_name("bare_sentences.txt")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a ledger (SQLite path or postgresql://)")
    parser.add_argument("--sentences", type=Path, default=SENTENCES)
    parser.add_argument("--all", action="store_true", help="no cap on the evidence listed")
    args = parser.parse_args()
    if args.all:
        check_module.MAX_EVIDENCE = 1_000_000
    store = open_store(args.db)
    added_in_all = 0
    for sentence in args.sentences.read_text(encoding="utf-8").splitlines():
        if not sentence.strip():
            continue
        before = {e.item.claim_id for e in _evidence(store, sentence, floor=False)}
        after = _evidence(store, sentence, floor=True)
        added = {e.item.content: e for e in after if e.item.claim_id not in before}
        added_in_all += len(added)
        print(f"\n{sentence} (bare: {fully_framed(sentence)}): {len(before)} -> {len(after)} "
              f"evidence, {len(added)} distinct claim(s) added")
        for content, item in added.items():
            print(f"  + [{item.stance}] {item.item.source or '(outlet)'}: {content[:200]}")
    print(f"\ndistinct claims added in all: {added_in_all}")


def _evidence(store: object, sentence: str, floor: bool) -> list[check_module.Evidence]:
    check_module.FRAMED_FLOOR = floor
    return check_module.check(store, sentence).evidence  # type: ignore[arg-type]


if __name__ == "__main__":
    main()

"""Page times of the web UI on a large synthetic ledger: p50/p95 for the report, search and
proposition pages (and the claim search with filters, the propositions list and an
entity's reports), served in-process through the whole
app (routing, store queries, templates) with FastAPI's TestClient.

The ledger is built by this script, seeded: `--reports` generated reports of about ten
attributed sentences each, claims with certainty, entity mentions, and propositions of 2 to
40 claims (plus a few of several hundred) written straight to the store, so no NLP runs.

    nice -n 10 python benchmarks/web_pages.py                   # 10,000 reports
    nice -n 10 python benchmarks/web_pages.py --reports 1000 --requests 50
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from corroborate.model import Certainty, Claim, Mention, Report
from corroborate.store import SQLiteStore
from corroborate.web import WebConfig, create_app

SPEAKERS = ("Officials", "A spokesman for the army", "Local activists", "The ministry",
            "Two residents", "Aid workers", "The governor", "A rebel commander")
CUES = (("said", Certainty.ASSERTED), ("claimed", Certainty.HEDGED),
        ("denied", Certainty.DENIED), ("reported", Certainty.ASSERTED))
ACTORS = ("government troops", "rebel fighters", "foreign advisers", "militia units")
ACTS = ("had moved into", "withdrew from", "shelled", "were seen near", "reinforced")
PLACES = ("Idlib", "Aleppo", "Homs", "Latakia", "Palmyra", "Deir ez-Zor", "Daraa", "Raqqa")
OUTLETS = tuple(f"Outlet {n}" for n in range(40))
WORDS = ("troops", "rebel", "shelled", "Aleppo", "militia", "spokesman", "residents")


def build_report(rng: random.Random, number: int) -> Report:
    parts, claims, mentions, position = [], [], [], 0
    for _ in range(10):
        speaker, (cue, certainty) = rng.choice(SPEAKERS), rng.choice(CUES)
        place = rng.choice(PLACES)
        text = (f"{speaker} {cue} that {rng.choice(ACTORS)} {rng.choice(ACTS)} {place} "
                f"in report {number}.")
        claims.append(Claim(position, position + len(text), text, source=speaker,
                            chain=(speaker,), cue=cue, certainty=certainty,
                            source_span=(position, position + len(speaker))))
        at = position + text.index(place)
        mentions.append(Mention(at, at + len(place), place, "GPE"))
        parts.append(text)
        position += len(text) + 1
    text = " ".join(parts)
    return Report(
        path=f"synthetic/{number}.txt", format="text", content_hash=f"h{number}", raw=text,
        text=text, noise=(), title=f"Report {number} on {rng.choice(PLACES)}",
        title_source="bench", published_source="bench", byline=None, outlet_source="bench",
        url=None,
        outlet=rng.choice(OUTLETS), published=f"20{rng.randint(16, 24)}-"
        f"{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", language="en",
        claims_status="extracted", claims=tuple(claims), mentions=tuple(mentions),
    )


def build_ledger(path: Path, reports: int, seed: int = 7) -> int:
    """Write the synthetic ledger; return the number of propositions."""
    rng = random.Random(seed)
    with SQLiteStore(path) as store:
        for number in range(reports):
            store.put(f"r{number}", build_report(rng, number), "bench")
        claim_ids = [c.id for c in store.claims()]
        rng.shuffle(claim_ids)
        groups, position, number = [], 0, 1
        while position < len(claim_ids) // 2:
            size = rng.choice((2, 3, 5, 10, 40)) if number % 50 else 400
            members = claim_ids[position : position + size]
            groups.append((number, f"proposition {number}", members[0],
                           [(m, rng.choice(("supports", "refutes", "discusses")))
                            for m in members]))
            position += size
            number += 1
        store.replace_propositions(groups, [], number)
    return len(groups)


def timed(client: TestClient, urls: list[str]) -> list[float]:
    times = []
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return times


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=100, help="per page kind")
    parser.add_argument("--keep", type=Path, help="build the ledger here (or reuse it if "
                        "there) instead of in a temporary folder")
    args = parser.parse_args()
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as folder:
        db = args.keep or Path(folder) / "bench.db"
        start = time.perf_counter()
        if db.exists():
            with SQLiteStore(db) as store:
                propositions = len(store.propositions())
        else:
            propositions = build_ledger(db, args.reports)
        print(f"ledger: {args.reports} reports, {args.reports * 10} claims, {propositions} "
              f"propositions, ready in {time.perf_counter() - start:.0f} s")
        client = TestClient(create_app(WebConfig(db=str(db))))
        n = args.requests
        kinds = {
            "report": [f"/reports/{rng.randint(1, args.reports)}" for _ in range(n)],
            "search (words)": [f"/search?q={rng.choice(WORDS)}+{rng.choice(WORDS)}"
                               f"&page={rng.randint(1, 20)}" for _ in range(n)],
            "search (filters)": [f"/search?certainty=hedged&outlet={rng.choice(OUTLETS)}"
                                 f"&place={rng.choice(PLACES)}&from=2018-01-01"
                                 for _ in range(n)],
            "proposition": [f"/propositions/{rng.randint(1, propositions)}" for _ in range(n)],
            "propositions list": [f"/propositions?page={rng.randint(1, 50)}" for _ in range(n)],
            "entity (a place)": [f"/entities/{rng.randint(1, len(PLACES))}" for _ in range(n)],
        }
        timed(client, [urls[0] for urls in kinds.values()])  # warm-up
        print(f"{'page':<20} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  ({n} requests each)")
        for kind, urls in kinds.items():
            times = timed(client, urls)
            print(f"{kind:<20} {statistics.median(times):>8.1f} {percentile(times, 0.95):>8.1f}"
                  f" {max(times):>8.1f}")


if __name__ == "__main__":
    main()

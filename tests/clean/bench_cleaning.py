"""Time and memory of cleaning one generated page (not a test; run by hand).

    PYTHONPATH=src /usr/bin/time -v python tests/clean/bench_cleaning.py lines 20000
    PYTHONPATH=src /usr/bin/time -v python tests/clean/bench_cleaning.py html 200000
    PYTHONPATH=src python tests/clean/bench_cleaning.py html-short 200000 --trace

Kinds: `lines` (plain text, one distinct sentence-like line per paragraph), `html` (the same
sentences as <p> paragraphs), `html-short` (four-word <p> paragraphs). `--trace` reports
tracemalloc's peak (and runs about three times slower).
"""

from __future__ import annotations

import random
import sys
import time
import tracemalloc

from corroborate.clean import clean_report
from corroborate.model import RawReport

FUNCTION = ("the", "of", "and", "to", "in", "a", "that", "said", "on", "for", "was", "with",
            "by", "at", "from", "as", "it", "were")
TOPIC = ("army", "convoy", "village", "officials", "reported", "strike", "district", "river",
         "bridge", "council", "ministry", "statement", "witnesses", "shelling", "market")
SYLLABLES = ("ka", "ro", "mi", "ten", "sul", "dar", "vek", "po", "lin", "ash", "ur", "bel",
             "tom", "zar", "ni", "qua", "des", "fo")


def _vocabulary(size: int = 5000) -> list[str]:
    rng = random.Random(1)
    made = ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))) + str(i % 7 or "")
            for i in range(size)]
    return list(TOPIC) + made


def sentences(count: int, seed: int = 7) -> list[str]:
    """`count` distinct sentence-like lines: 40% function words, the rest from 5,000 words."""
    rng, vocabulary = random.Random(seed), _vocabulary()
    lines = []
    for number in range(count):
        words = [rng.choice(FUNCTION) if rng.random() < 0.4 else rng.choice(vocabulary)
                 for _ in range(rng.randint(8, 25))]
        lines.append(f"Report {number}: {' '.join(words)}.")
    return lines


def page(kind: str, count: int) -> RawReport:
    if kind == "html-short":
        rng = random.Random(7)
        lines = [f"Paragraph {n} of {rng.choice(TOPIC)}." for n in range(count)]
    else:
        lines = sentences(count)
    if kind == "lines":
        text = "Headline of the bench page\n" + "\n".join(lines)
        return RawReport(path="bench.txt", format="text", text=text)
    body = "".join(f"<p>{line}</p>\n" for line in lines)
    html = (f"<html><head><title>Bench page</title></head><body><article><h1>Bench</h1>{body}"
            "</article></body></html>")
    return RawReport(path="bench.html", format="html", html=html)


def main() -> None:
    kind, count = sys.argv[1], int(sys.argv[2])
    raw = page(kind, count)
    trace = "--trace" in sys.argv
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    cleaned = clean_report(raw)
    seconds = time.perf_counter() - started
    peak = f", tracemalloc peak {tracemalloc.get_traced_memory()[1] / 1e6:.1f} MB" if trace else ""
    print(f"{kind} {count}: {seconds:.2f} s, kept {len(cleaned.text.splitlines())} lines, "
          f"noise {len(cleaned.noise)}{peak}")


if __name__ == "__main__":
    main()

"""Translated copies (corroborate.link.crosslang): the scores of translated copies and of
cross-language pairs that are not copies, and the false positives at the threshold.

    PYTHONPATH=src python benchmarks/crosslang_copies.py [--data DIR] [--seeds DIR]

Copies: the invented translations of tests/fixtures/translated.py against their English
originals. Not copies: (1) every other pair of those reports in two languages: reports on
another event in the same place against the original and its translations, and stories
against other stories; (2) real pages: the non-English pages of
the article-extraction benchmark in crosslang.LANGUAGES (through the clean stage; language
detected) and the invented non-English reports, each against every English FNC-1 training
body, English article-extraction page and seed report. Dates are left out (every pair is
taken as published the same day), so the figures are those of the texts alone. (3) The
bundled samples: a French report and nine English ones on one event (the same toll), none a
copy of another. Last, the CPU time link_copies takes over the FNC-1 bodies with and
without the translated-copy matching. Each line
gives the pairs that share enough numbers and names to be scored (crosslang.comparable),
their decision score, and beside it the character n-gram cosine (CL-CNG) that was measured
and left out of the decision.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from corroborate.clean import clean_report
from corroborate.ingest.formats import detect_format, split_records
from corroborate.language import detect_language
from corroborate.link import copies, crosslang
from corroborate.link.crosslang import Fingerprint
from corroborate.model import RawReport
from corroborate.samples import sample_files
from corroborate.store import SQLiteStore

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.conftest import make_report  # noqa: E402
from tests.fixtures.translated import (  # noqa: E402
    DEV_ORIGINALS,
    DEV_SAME_TOPIC,
    DEV_TRANSLATIONS,
    ORIGINALS,
    SAME_TOPIC,
    TRANSLATIONS,
    Invented,
)


@dataclass(frozen=True)
class Printed(Fingerprint):
    """A report's fingerprint and its text with accents folded, for the character n-grams."""

    text: str = ""


Pair = tuple[str, Printed, str, Printed]


def _fingerprint(text: str, language: str) -> Printed:
    found = crosslang.fingerprint(text, language)
    return Printed(found.numbers, found.names, found.anchors, crosslang.fold(text))


def ngram_similarity(a: str, b: str) -> float:
    """CL-CNG: the cosine of the two texts' character 4-gram tf-idf vectors over their words
    of six letters or more (where cognates are), fitted on the pair alone."""
    vectorizer = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(4, 4), sublinear_tf=True, preprocessor=_long_words
    )
    try:
        matrix = vectorizer.fit_transform([a, b])
    except ValueError:  # no word long enough in either text
        return 0.0
    return float((matrix[0] @ matrix[1].T).toarray()[0, 0])


def _long_words(text: str) -> str:
    return " ".join(word for word in re.findall(r"\w{6,}", text.lower()))


def _english(data: Path, seeds: Path) -> list[tuple[str, str]]:
    """(name, text) of the English real reports: FNC-1 bodies, article pages, seeds."""
    with open(data / "fnc1" / "train_bodies.csv", newline="", encoding="utf-8") as handle:
        texts = [(f"fnc1:{row['Body ID']}", row["articleBody"]) for row in csv.DictReader(handle)]
    texts += [(f"page:{name}", text) for name, text in _pages(data)]
    texts += [
        (f"seed:{path.name}", path.read_text(encoding="utf-8"))
        for path in sorted(seeds.iterdir())
        if path.is_file()
    ]
    return [(name, text) for name, text in texts if detect_language(text) == "en"]


def _pages(data: Path) -> list[tuple[str, str]]:
    """(id, clean text) of the article-extraction pages, through the clean stage."""
    pages = []
    for path in sorted((data / "article_extraction" / "html").glob("*.html.gz")):
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        cleaned = clean_report(RawReport(path=str(path), format="html", html=html))
        pages.append((path.name[:12], cleaned.text))
    return pages


def _foreign_pages(data: Path) -> list[tuple[str, str, str]]:
    """(name, language, text) of the article pages in crosslang.LANGUAGES but English."""
    found = []
    for name, text in _pages(data):
        language = detect_language(text)
        if language in crosslang.LANGUAGES and language != "en":
            found.append((f"page:{name}", language or "", text))
    return found


def _report(label: str, pairs: list[Pair]) -> None:
    """Print the scored pairs' score, order and CL-CNG, and how many are taken for copies."""
    scored = [p for p in pairs if crosslang.comparable(p[1], p[3])]
    print(f"{label}: {len(pairs)} pairs, {len(scored)} share enough numbers and names")
    if not scored:
        return
    scores = np.asarray([crosslang.score(a, b) for _, a, _, b in scored])
    orders = np.asarray([crosslang.order(a.anchors, b.anchors) for _, a, _, b in scored])
    grams = np.asarray([ngram_similarity(a.text, b.text) for _, a, _, b in scored])
    for name, values in (("score", scores), ("order", orders), ("CL-CNG", grams)):
        low, median, high = np.percentile(values, [0, 50, 100])
        print(f"  {name:7} min {low:.3f}  median {median:.3f}  max {high:.3f}")
    taken = sum(crosslang.is_translated_copy(a, b, None, None) for _, a, _, b in scored)
    print(
        f"  taken for copies (order >= {crosslang.MIN_ORDER}, score >= {crosslang.COPY_SCORE}):"
        f" {taken} of {len(pairs)} ({taken / len(pairs):.2%})"
    )
    highest = sorted(range(len(scored)), key=lambda i: -scores[i])[:5]
    for i in highest:
        name, _, other, _ = scored[i]
        print(f"    {name} ~ {other}: score {scores[i]:.3f}, order {orders[i]:.3f}")


def _samples() -> list[tuple[str, str, str]]:
    """(file#record, language, clean text) of the bundled sample reports."""
    found = []
    for path in sample_files():
        text = Path(path).read_text(encoding="utf-8")
        for record in split_records(path, detect_format(path, text), text):
            if isinstance(record, RawReport):
                cleaned = clean_report(record).text
                name = f"{Path(path).name}#{record.row or 1}"
                found.append((name, detect_language(cleaned) or "", cleaned))
    return found


def _candidates(reports: list[tuple[str, Printed]]) -> None:
    """How many reports share a number band with each report (the candidates link_copies
    looks at beside the MinHash ones)."""
    buckets: dict[tuple[int, int], set[int]] = {}
    for i, (_, found) in enumerate(reports):
        for band in crosslang.number_bands(found.numbers):
            buckets.setdefault(band, set()).add(i)
    candidates: dict[int, set[int]] = {}
    for members in buckets.values():
        for i in members:
            candidates.setdefault(i, set()).update(members - {i})
    counts = np.asarray([len(c) for c in candidates.values()] or [0])
    print(
        f"number-band candidates of the {len(candidates)} real English reports with bands: "
        f"mean {counts.mean():.1f}, p99 {np.percentile(counts, 99):.0f}, max {counts.max()}"
    )


def _link_speed(data: Path) -> None:
    """CPU time of link_copies over the FNC-1 bodies (all English) with and without the
    translated-copy matching: what it costs a ledger that has no translations."""
    with open(data / "fnc1" / "train_bodies.csv", newline="", encoding="utf-8") as handle:
        bodies = [row["articleBody"] for row in csv.DictReader(handle)]
    for label, crosslingual in (("MinHash only", False), ("with translated copies", True)):
        with tempfile.TemporaryDirectory() as folder, SQLiteStore(Path(folder) / "l.db") as store:
            for i, body in enumerate(bodies):
                report = make_report(body, content_hash=f"h{i}", published="2015-01-01")
                store.put(f"file:{i}", report, "p1")
            with _translations(crosslingual):
                start = time.process_time()
                signed = copies.link_copies(store)
                cpu = time.process_time() - start
            linked = sum(1 for d in store.documents() if d.copy_of)
        print(
            f"  {label}: {signed} reports, {cpu:.1f} s CPU ({1000 * cpu / signed:.2f} ms a "
            f"report), {linked} copies"
        )


@contextmanager
def _translations(enabled: bool) -> Iterator[None]:
    """Switch the translated-copy matching off inside the block when not `enabled`."""
    neighbours = copies._Neighbours
    bands, translated = neighbours.number_bands, neighbours._translated
    if not enabled:
        neighbours.number_bands = lambda *args: []  # type: ignore[method-assign]
        neighbours._translated = lambda *args: False  # type: ignore[method-assign]
    try:
        yield
    finally:
        neighbours.number_bands, neighbours._translated = bands, translated  # type: ignore[method-assign]


def _invented(
    label: str, originals: list[Invented], translations: list[Invented], others: list[Invented]
) -> None:
    prints = {
        r.name: _fingerprint(r.text, r.language) for r in originals + translations + others
    }
    copies = [
        (t.name, prints[t.name], t.copy_of or "", prints[t.copy_of or ""]) for t in translations
    ]
    reports = originals + translations + others
    near = [
        (r.name, prints[r.name], o.name, prints[o.name])
        for i, r in enumerate(reports)
        for o in reports[i + 1 :]
        if r.language != o.language and (r.copy_of or r.name) != (o.copy_of or o.name)
    ]
    print(f"Invented reports, {label} (tests/fixtures/translated.py)")
    _report("translated copies", copies)
    _report("not copies (same places, other events; other stories)", near)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--seeds", type=Path, default=Path("../shared/seeds"))
    args = parser.parse_args()
    _invented("design set", ORIGINALS, TRANSLATIONS, SAME_TOPIC)
    _invented("held-out set", DEV_ORIGINALS, DEV_TRANSLATIONS, DEV_SAME_TOPIC)
    samples = [(n, _fingerprint(t, lang), lang) for n, lang, t in _samples()]
    print("\nBundled samples (corroborate ingest --samples): one event, no copy among them")
    _report(
        "not copies (reports in two languages)",
        [
            (n, a, o, b)
            for i, (n, a, la) in enumerate(samples)
            for o, b, lb in samples[i + 1 :]
            if la != lb
        ],
    )

    english = [
        (name, _fingerprint(text, "en")) for name, text in _english(args.data, args.seeds)
    ]
    foreign = [
        (name, _fingerprint(text, language))
        for name, language, text in _foreign_pages(args.data)
    ]
    real_pages = [name for name, _ in foreign]
    invented = TRANSLATIONS + SAME_TOPIC + DEV_TRANSLATIONS + DEV_SAME_TOPIC
    foreign += [(r.name, _fingerprint(r.text, r.language)) for r in invented]
    print(
        f"\nReal English reports: {len(english)}; non-English: {len(real_pages)} real pages "
        f"({', '.join(real_pages)}) and {len(invented)} invented reports"
    )
    _candidates(english)
    print("link_copies over the FNC-1 bodies:")
    _link_speed(args.data)
    _report(
        "not copies (non-English against real English)",
        [(n, a, o, b) for n, a in foreign for o, b in english],
    )


if __name__ == "__main__":
    main()

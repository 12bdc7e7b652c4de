"""Words per second of the shipped NLP pipeline on one CPU thread, on raw text.

Text: the `# text =` lines of UD English EWT dev, joined per document (read from the
shared data folder, never copied into the repo). Each figure is the median of several
runs of `nlp.pipe(texts, batch_size=...)`, beside two baselines in the same process:
tokenization alone (`spacy.blank("en")`) and the pipeline without the parser.

    python benchmarks/nlp_speed.py [--conllu ../shared/data/ud_ewt/en_ewt-ud-dev.conllu]
"""

from __future__ import annotations

import os

# one thread for BLAS and friends, set before numpy is imported, so the figure is per core
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

import spacy  # noqa: E402
from spacy.language import Language  # noqa: E402

from corroborate.nlp.parsing import load_nlp  # noqa: E402

DEFAULT_CONLLU = (
    Path(__file__).resolve().parents[1]
    / ".."
    / "shared"
    / "data"
    / "ud_ewt"
    / "en_ewt-ud-dev.conllu"
)


def document_texts(conllu: Path) -> list[str]:
    """The raw text of each document (sentences joined with a space)."""
    documents: list[list[str]] = []
    for line in conllu.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc id") or not documents:
            documents.append([])
        if line.startswith("# text = "):
            documents[-1].append(line.removeprefix("# text = "))
    return [" ".join(doc) for doc in documents if doc]


def words_per_second(
    nlp: Language, texts: list[str], runs: int, batch_size: int
) -> tuple[float, float]:
    """Median words/s by wall clock and by this process's CPU time.

    On a machine shared with other jobs the wall-clock figure drops with the load; the
    CPU-time figure is what one core delivers when the process has it to itself.
    """
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))
        wall.append(words / (time.perf_counter() - started))
        cpu.append(words / (time.process_time() - started_cpu))
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conllu", type=Path, default=DEFAULT_CONLLU)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()
    texts = document_texts(args.conllu)
    nlp = load_nlp()
    list(nlp.pipe(texts[:20]))  # warm up caches outside the timed runs
    cases: dict[str, Callable[[], tuple[float, float]]] = {
        "tokenizer only (spacy.blank('en'))": lambda: words_per_second(
            spacy.blank("en"), texts, args.runs, args.batch_size
        ),
        "pipeline without parser": lambda: _without_parser(nlp, texts, args),
        "full pipeline " + "+".join(nlp.pipe_names): lambda: words_per_second(
            nlp, texts, args.runs, args.batch_size
        ),
    }
    n_words = sum(len(nlp.tokenizer(text)) for text in texts)
    print(f"{len(texts)} documents, {n_words} words; 1 thread; median of {args.runs} runs")
    print(f"{'wall words/s':>14} {'CPU words/s':>14}  what")
    for name, measure in cases.items():
        wall, cpu = measure()
        print(f"{wall:>14,.0f} {cpu:>14,.0f}  {name}")


def _without_parser(
    nlp: Language, texts: list[str], args: argparse.Namespace
) -> tuple[float, float]:
    with nlp.select_pipes(disable=["parser"]):
        return words_per_second(nlp, texts, args.runs, args.batch_size)


if __name__ == "__main__":
    main()

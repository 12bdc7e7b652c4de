"""Stage versions are derived from code version, data files and libraries: changing a shipped
model or word list re-processes stored reports; an unchanged pipeline skips them."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from corroborate import registry, resources
from corroborate.errors import CorroborateError
from corroborate.ingest_job import ingest
from corroborate.pipeline import DEFAULT_PIPELINE, build_pipeline, default_pipeline
from corroborate.store import SQLiteStore

REPORT = (
    "Bridge reopened after repairs\n\n"
    "Engineers reopened the river bridge on Tuesday, the transport ministry said. "
    "Officials said traffic could resume by the evening.\n"
)
# Files under corroborate/data that no ingest stage reads, and who reads them instead.
NOT_READ_AT_INGEST = {
    "lexicons/stance_*.txt": "the FNC-1 stance model (corroborate.link.stance)",
    "models/stance/*": "the FNC-1 stance model (corroborate.link.stance)",
    "lexicons/event_*.txt": "`check`'s who did what (corroborate.link.events)",
    "samples/*": "`ingest --samples` input, not a stage's data",
}


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the packaged data folder that the stages read instead of the real one."""
    copy = tmp_path / "data"
    shutil.copytree(resources.data_dir(), copy)
    monkeypatch.setattr(resources, "data_dir", lambda: copy)
    _forget_versions()
    yield copy
    _forget_versions()


def _forget_versions() -> None:
    registry._derived_version.cache_clear()
    default_pipeline.cache_clear()


def test_registry_derived_version_names_stage_and_code_version() -> None:
    stage = registry.get_stage("claims")
    assert stage.derived_version.startswith(f"corroborate.claims.v{stage.version}+")
    assert registry.get_stage("claims").derived_version == stage.derived_version  # stable


def test_registry_version_changes_with_code_version() -> None:
    stage = registry.get_stage("entities")
    bumped = replace(stage, version=stage.version + 1)
    assert bumped.derived_version != stage.derived_version


def test_registry_version_changes_with_a_word_list(data_copy: Path) -> None:
    before = registry.get_stage("claims").derived_version
    with (data_copy / "lexicons" / "hedges.txt").open("a", encoding="utf-8") as lexicon:
        lexicon.write("\n# a reviewer's note\n")
    _forget_versions()
    assert registry.get_stage("claims").derived_version != before
    assert registry.get_stage("clean").derived_version  # other stages still resolve


def test_registry_version_ignores_model_documentation(data_copy: Path) -> None:
    before = registry.get_stage("parse").derived_version
    (data_copy / "models" / "nlp" / "SOURCES.md").write_text("edited", encoding="utf-8")
    _forget_versions()
    assert registry.get_stage("parse").derived_version == before


def test_registry_unknown_stage_is_a_clear_error() -> None:
    with pytest.raises(CorroborateError, match="no pipeline stage named 'nope'"):
        registry.get_stage("nope")


def test_pipeline_in_the_wrong_order_fails_when_built() -> None:
    with pytest.raises(CorroborateError, match="'claims' requires .*doc"):
        build_pipeline(("clean", "language", "claims", "parse"))


def test_pipeline_default_order_builds() -> None:
    assert [s.name for s in default_pipeline().stages] == list(DEFAULT_PIPELINE)


def test_every_shipped_data_file_is_read_by_a_stage_or_declared_unused() -> None:
    read = set(resources.data_files(p for s in default_pipeline().stages for p in s.reads))
    unused = set(resources.data_files(NOT_READ_AT_INGEST))
    everything = set(resources.data_files(["**/*"]))
    assert everything - read - unused == set()
    assert read & unused == set()  # a file a stage reads is not "unused": its edits re-process


def test_ingest_reprocesses_after_a_model_file_changes(tmp_path: Path, data_copy: Path) -> None:
    report = tmp_path / "bridge.txt"
    report.write_text(REPORT, encoding="utf-8")
    errors: list[object] = []
    with SQLiteStore(tmp_path / "ledger.db") as store:
        assert ingest([str(report)], store, errors.append).stored == 1
        assert ingest([str(report)], store, errors.append).unchanged == 1
        meta = data_copy / "models" / "attribution" / "meta.json"
        meta.write_text(meta.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        _forget_versions()
        again = ingest([str(report)], store, errors.append)
        assert (again.replaced, again.unchanged) == (1, 0)
        assert ingest([str(report)], store, errors.append).unchanged == 1
    assert errors == []

"""Odd input, case by case: each gives a report or one clear error, never a crash or a hang."""

from __future__ import annotations

import codecs
import errno
import gzip
import io
import json
import os
from pathlib import Path

import pytest

from corroborate.errors import InputError
from corroborate.ingest import read as read_module
from corroborate.ingest import read_inputs
from corroborate.ingest.formats import detect_format
from corroborate.model import RawReport

PAGE = "Ferry service resumed\nThe ferry resumed its crossings on Monday, the port said.\n"


def _read(*paths: str | Path, stdin: bytes = b"") -> list[RawReport | InputError]:
    return list(read_inputs([str(p) for p in paths], stdin=io.BytesIO(stdin)))


def test_odd_fifo_is_refused_without_opening(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    [error] = _read(fifo)  # would hang forever if it were opened for a blocking read
    assert isinstance(error, InputError) and error.reason == "not a regular file (FIFO)"


def test_odd_device_is_refused() -> None:
    [error] = _read("/dev/zero")
    assert isinstance(error, InputError)
    assert error.reason == "not a regular file (character device)"


def test_odd_stdin_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORROBORATE_MAX_FILE_BYTES", "100")
    [error] = _read("-", stdin=PAGE.encode() * 10)
    assert str(error) == "-: standard input larger than the 100-byte limit"


def test_odd_unreadable_folder_is_one_error_and_the_walk_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(PAGE)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "secret.txt").write_text(PAGE)
    (tmp_path / "z.txt").write_text(PAGE)
    real_scandir = os.scandir

    def scandir(path: str):  # chmod 000 does not stop root, so simulate it
        if path.endswith("locked"):
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(read_module.os, "scandir", scandir)
    first, locked, last = _read(tmp_path)
    assert isinstance(first, RawReport) and first.path.endswith("a.txt")
    assert str(locked) == f"{tmp_path / 'locked'}: cannot read folder (Permission denied)"
    assert isinstance(last, RawReport) and last.path.endswith("z.txt")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 folder")
def test_odd_chmod_000_folder(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        [error] = _read(tmp_path)
    finally:
        locked.chmod(0o755)
    assert isinstance(error, InputError) and "cannot read folder" in error.reason


def test_odd_symlink_loops_do_not_hang(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "page.txt").write_text(PAGE)
    os.symlink("..", tmp_path / "sub" / "parent")
    os.symlink("self.txt", tmp_path / "self.txt")
    outcomes = _read(tmp_path)
    assert [type(item) for item in outcomes] == [InputError, RawReport]
    assert "Too many levels of symbolic links" in outcomes[0].reason


def test_odd_names_print_on_one_line_and_encode(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/caf\xe9\nnews.txt"
    with open(raw, "wb") as out:
        out.write(b"")
    [error] = _read(tmp_path)
    assert str(error) == f"{tmp_path}/caf\\xe9\\nnews.txt: empty file"
    with open(raw, "wb") as out:
        out.write(PAGE.encode())
    [report] = _read(tmp_path)
    assert isinstance(report, RawReport) and report.path == f"{tmp_path}/caf\\xe9\\nnews.txt"


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF16_LE + PAGE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + PAGE.encode("utf-16-be"),
        PAGE.encode("utf-16-le"),
        PAGE.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + PAGE.encode("utf-32-le"),
        PAGE.encode("utf-32-be"),
        codecs.BOM_UTF8 + PAGE.encode(),
    ],
)
def test_odd_utf16_and_utf32_are_decoded(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "wide.txt").write_bytes(data)
    [report] = _read(tmp_path / "wide.txt")
    assert isinstance(report, RawReport) and report.text == PAGE


@pytest.mark.parametrize("data", [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, "\u3000 \n".encode()])
def test_odd_byte_order_mark_or_spaces_only_is_empty(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "blank.txt").write_bytes(data)
    [error] = _read(tmp_path / "blank.txt")
    assert isinstance(error, InputError) and error.reason == "empty file"


@pytest.mark.parametrize("data", [b"a", b"ok!", b"\xe9t\xe9", b"?!..x"])
def test_odd_a_few_bytes_are_not_a_report(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "tiny.txt").write_bytes(data)
    [error] = _read(tmp_path / "tiny.txt")
    assert isinstance(error, InputError) and error.reason.startswith("not text")


def test_odd_gzip_is_unpacked_and_bombs_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = "<html><body><article><p>The ferry resumed, the port said.</p></article></body></html>"
    (tmp_path / "a.html.gz").write_bytes(gzip.compress(html.encode()))
    (tmp_path / "b.bin").write_bytes(gzip.compress(PAGE.encode()))  # the magic decides
    (tmp_path / "c.jsonl.gz").write_bytes(gzip.compress(b'{"text": "One body text."}\n{bad\n'))
    monkeypatch.setenv("CORROBORATE_MAX_FILE_BYTES", "10000")
    (tmp_path / "d.txt.gz").write_bytes(gzip.compress(b"A" * 10_001))
    page, plain, record, bad_row, bomb = _read(tmp_path)
    assert isinstance(page, RawReport) and page.format == "html" and page.html == html
    assert isinstance(plain, RawReport) and plain.text == PAGE
    assert isinstance(record, RawReport) and record.location.endswith("c.jsonl.gz, row 1")
    assert isinstance(bad_row, InputError) and bad_row.location.endswith("c.jsonl.gz, row 2")
    assert isinstance(bomb, InputError)
    assert bomb.reason == "gzip file unpacks to more than the 10,000-byte limit"


def test_odd_deeply_nested_json_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    good = json.dumps({"text": "A body of text."})
    (tmp_path / "deep.jsonl").write_text(f'{good}\n{{"text": {"[" * 100_000}\n{good}\n')
    whole, first, line, last = _read(tmp_path / "deep.json", tmp_path / "deep.jsonl")
    assert str(whole) == f"{tmp_path / 'deep.json'}: JSON nested too deeply"
    assert str(line) == f"{tmp_path / 'deep.jsonl'}, row 2: JSON nested too deeply"
    assert isinstance(first, RawReport) and isinstance(last, RawReport)


def test_odd_lone_surrogates_become_replacement_characters(tmp_path: Path) -> None:
    (tmp_path / "s.jsonl").write_text(
        '{"text": "Half \\ud83d an emoji.", "url": "http://x/\\udc80", "title": "T\\ud800"}\n'
    )
    [report] = _read(tmp_path / "s.jsonl")
    assert isinstance(report, RawReport)
    assert (report.text, report.url, report.title) == (
        "Half \ufffd an emoji.", "http://x/\ufffd", "T\ufffd"
    )


def test_odd_json_lines_with_a_bad_first_line_are_read_line_by_line(tmp_path: Path) -> None:
    rows = '{"text": "cut\n{"text": "Row two body."}\n{"text": "Row three body."}\n'
    for name in ("rows.jsonl", "rows.ndjson", "rows.txt", "rows"):
        (tmp_path / name).write_text(rows)
        bad, two, three = _read(tmp_path / name)
        assert isinstance(bad, InputError) and bad.location.endswith(f"{name}, row 1")
        assert isinstance(two, RawReport) and two.text == "Row two body."
        assert isinstance(three, RawReport) and three.row == 3


def test_odd_csv_bad_row_costs_that_row_only(tmp_path: Path) -> None:
    (tmp_path / "rows.csv").write_text(
        "title,text\n"
        'One,"First body, quoted."\n'
        'Two,"Second body never closes\n'
        "Three,Third body.\n"
        'Four,"Fourth ""body""."\n'
    )
    one, two, three, four = _read(tmp_path / "rows.csv")
    assert isinstance(one, RawReport) and one.text == "First body, quoted."
    assert isinstance(two, InputError) and two.location.endswith("rows.csv, row 2")
    assert "malformed CSV" in two.reason and "line 3" in two.reason
    assert isinstance(three, RawReport) and (three.row, three.text) == (3, "Third body.")
    assert isinstance(four, RawReport) and four.text == 'Fourth "body".'


def test_odd_csv_huge_cell_is_read(tmp_path: Path) -> None:
    body = "A long paragraph of the report.\n" * 10_000  # 320,000 characters in one cell
    (tmp_path / "big.csv").write_text(f'title,text\nBig,"{body}"\n')
    [report] = _read(tmp_path / "big.csv")
    assert isinstance(report, RawReport) and report.text == body


def test_odd_text_that_looks_like_json_is_text() -> None:
    page = "[Skip to content]\nFerry service resumed\nThe ferry resumed, the port said.\n"
    assert detect_format("page.txt", page) == "text"
    assert detect_format("page", page) == "text"
    assert detect_format("page.json", page) == "json"  # the name says JSON: an error later
    assert detect_format("rows.jsonl", "{cut\n") == "jsonl"
    assert detect_format("rows.dat", '{cut\n{"text": "a"}\n{"text": "b"}\n') == "jsonl"
    pretty = json.dumps([{"text": "a", "title": "b"}, {"text": "c"}], indent=0)
    assert detect_format("export.json", pretty) == "json"
    assert detect_format("export.txt", pretty) == "json"


def test_odd_path_with_nul_is_an_error() -> None:
    [error] = _read("bad\x00name.txt")
    assert str(error) == "bad\\x00name.txt: no such file or directory (NUL in the name)"


def test_odd_very_deep_folders_are_walked(tmp_path: Path) -> None:
    deep = tmp_path
    for _ in range(1100):  # deeper than Python's recursion limit, shorter than PATH_MAX
        deep = deep / "d"
        deep.mkdir()
    (deep / "page.txt").write_text(PAGE)
    (tmp_path / "a.txt").write_text(PAGE)
    try:
        outcomes = _read(tmp_path)
    finally:  # shutil.rmtree, which cleans tmp_path, recurses once per level
        (deep / "page.txt").unlink()
        while deep != tmp_path:
            deep.rmdir()
            deep = deep.parent
    assert [type(item) for item in outcomes] == [RawReport, RawReport]

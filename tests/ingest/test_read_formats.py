from __future__ import annotations

import io
import json
from pathlib import Path

from corroborate.errors import InputError
from corroborate.ingest import read_inputs
from corroborate.ingest.formats import detect_format
from corroborate.model import RawReport
from tests.conftest import SEEDS


def _read(*paths: str | Path, stdin: bytes = b"") -> list[RawReport | InputError]:
    return list(read_inputs([str(p) for p in paths], stdin=io.BytesIO(stdin)))


def test_read_folder_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second report text.")
    (tmp_path / "a.txt").write_text("First report text.")
    (tmp_path / ".hidden.txt").write_text("Not a report.")
    reports = _read(tmp_path)
    assert [r.text for r in reports if isinstance(r, RawReport)] == [
        "First report text.",
        "Second report text.",
    ]


def test_read_seeds_are_plain_text_reports() -> None:
    reports = _read(SEEDS)
    assert len(reports) == 5
    assert all(isinstance(r, RawReport) and r.format == "text" for r in reports)


def test_read_stdin_dash() -> None:
    [report] = _read("-", stdin=b"Troops moved north, officials said.")
    assert isinstance(report, RawReport)
    assert report.path == "-"
    assert report.text == "Troops moved north, officials said."


def test_detect_format_from_content_not_only_name() -> None:
    assert detect_format("page.txt", "<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert detect_format("export.txt", '{"text": "a"}\n{"text": "b"}\n') == "jsonl"
    assert detect_format("export.dat", '[{"text": "a"}]') == "json"
    assert detect_format("export.dat", "url,title,text\nhttp://x,T,body\n") == "csv"
    assert detect_format("notes.html", "Plain words, no tags at all.") == "text"
    assert detect_format("report.txt", "Latest News:\nA headline") == "text"


def test_read_jsonl_maps_fields_and_reports_bad_rows(tmp_path: Path) -> None:
    lines = [
        json.dumps({"content": "Body one.", "link": "http://x/1", "headline": "H1",
                    "date": "2021-05-03", "site": "Post", "authors": ["A. Writer", "B. Writer"]}),
        "{broken json",
        json.dumps({"url": "http://x/3", "title": "No body"}),
        json.dumps({"html": "<html><body><p>Body four.</p></body></html>"}),
        json.dumps(["not", "an", "object"]),
    ]
    file = tmp_path / "export.jsonl"
    file.write_text("\n".join(lines) + "\n")
    first, broken, no_body, html, not_object = _read(file)
    assert isinstance(first, RawReport)
    assert (first.text, first.url, first.title, first.published, first.outlet, first.byline) == (
        "Body one.", "http://x/1", "H1", "2021-05-03", "Post", "A. Writer, B. Writer"
    )
    assert first.row == 1 and first.location == f"{file}, row 1"
    assert isinstance(broken, InputError) and broken.location == f"{file}, row 2"
    assert "malformed JSON" in broken.reason
    assert isinstance(no_body, InputError) and "no text or html field" in no_body.reason
    assert isinstance(html, RawReport) and html.html and html.text is None
    assert isinstance(not_object, InputError) and "not a JSON object" in not_object.reason


def test_read_json_array_and_truncated_json(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps([{"text": "One."}, {"text": "Two."}]))
    bad = tmp_path / "bad.json"
    bad.write_text('[{"text": "One."}, {"te')
    one, two, truncated = _read(good, bad)
    assert isinstance(one, RawReport) and one.row == 1
    assert isinstance(two, RawReport) and two.text == "Two."
    assert isinstance(truncated, InputError) and truncated.location == str(bad)


def test_read_csv_quoted_newlines_and_bad_rows(tmp_path: Path) -> None:
    file = tmp_path / "export.csv"
    file.write_text(
        'url,title,text\n'
        'http://x/1,"Title, with comma","Line one, ""quoted"".\nLine two."\n'
        'http://x/2,Extra,cells,here\n'
    )
    good, extra = _read(file)
    assert isinstance(good, RawReport)
    assert good.text == 'Line one, "quoted".\nLine two.'
    assert good.title == "Title, with comma"
    assert isinstance(extra, InputError) and extra.location == f"{file}, row 2"


def test_read_csv_without_text_column(tmp_path: Path) -> None:
    file = tmp_path / "export.csv"
    file.write_text("url,title\nhttp://x,T\n")
    [error] = _read(file)
    assert isinstance(error, InputError) and "no text or html column" in error.reason


def test_read_bad_files_each_give_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\n ")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (tmp_path / "huge.txt").write_text("Headline\n" + "word " * 30_000)
    (tmp_path / "ok.txt").write_text("A fine report.")
    results = {Path(r.location).name: r for r in _read(tmp_path, tmp_path / "missing.txt")}
    assert isinstance(results["ok.txt"], RawReport)
    reasons = {name: r.reason for name, r in results.items() if isinstance(r, InputError)}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.txt"] == "empty file"
    assert reasons["image.png"].startswith("binary content")
    assert "longer than the 100,000-character limit" in reasons["huge.txt"]
    assert reasons["missing.txt"] == "no such file or directory"


def test_read_other_encodings_are_decoded(tmp_path: Path) -> None:
    text = "Le ministère a déclaré que les élections auront lieu à Alep en été, selon l'agence."
    (tmp_path / "latin1.txt").write_bytes(text.encode("cp1252"))
    [report] = _read(tmp_path / "latin1.txt")
    assert isinstance(report, RawReport) and report.text == text


def test_read_file_over_size_limit(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CORROBORATE_MAX_FILE_BYTES", "10")
    (tmp_path / "big.txt").write_text("More than ten bytes of text.")
    [error] = _read(tmp_path / "big.txt")
    assert isinstance(error, InputError) and "larger than the 10-byte limit" in error.reason


def test_read_damaged_utf8_is_an_error_not_mojibake(tmp_path: Path) -> None:
    data = "Al-Raqqa – the city’s council said".encode() + b"\xff\xfe" + b" more text."
    (tmp_path / "damaged.txt").write_bytes(data)
    [error] = _read(tmp_path / "damaged.txt")
    assert isinstance(error, InputError)
    assert error.reason.startswith("invalid UTF-8")
    assert "at byte 38" in error.reason  # right after the valid text

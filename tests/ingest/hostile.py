"""A seeded corpus of hostile input files mixed with good reports, and what reading it must
give: `write_hostile_corpus(folder, seed)`.

Every text in it is invented here. The expected outcome of each file (and of each record
of a container) is stated where the file is written, so a test can check that every good
report is read and every bad item is one error naming its file (and row).

Read the corpus with `HostileCorpus.env` set (a lowered max_file_bytes keeps the gzip bomb
and the oversized file small).
"""

from __future__ import annotations

import codecs
import gzip
import json
import os
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

MAX_FILE_BYTES = 1_000_000  # the limit the corpus is written for (see HostileCorpus.env)
MAX_LINE_CHARS = 100_000  # the default

_WORDS = (
    "the", "council", "convoy", "district", "bridge", "officials", "residents", "monitors",
    "said", "reported", "shelling", "market", "northern", "southern", "river", "village",
    "statement", "ministry", "on", "in", "of", "and", "that", "was", "were", "by", "from",
    "near", "after", "before", "during", "week", "night", "morning", "aid", "trucks",
    "crossing", "checkpoint", "governor", "spokesman", "witnesses", "hospital", "school",
    "road", "border",
)
_NAMES = ("Valdoria", "Kestrel", "Morrow Bay", "Ostrava Gate", "Lindqvist", "Tamsin Rae")


@dataclass
class HostileCorpus:
    """What reading `folder` must give: exactly these reports and these errors."""

    folder: Path
    # Location (as reports and errors print it) -> where each good report comes from.
    reports: set[str] = field(default_factory=set)
    # Location -> a fragment of the reason the error must give.
    errors: dict[str, str] = field(default_factory=dict)
    env: dict[str, str] = field(
        default_factory=lambda: {"CORROBORATE_MAX_FILE_BYTES": str(MAX_FILE_BYTES)}
    )

    @property
    def expected_reports(self) -> int:
        return len(self.reports)

    @property
    def expected_errors(self) -> int:
        return len(self.errors)

    @property
    def error_files(self) -> set[str]:
        """The files with at least one error (the part before ", row N")."""
        return {re.sub(r", row \d+$", "", location) for location in self.errors}


def shown(path: str | bytes) -> str:
    """How a path must be printed: undecodable bytes and control characters as escapes
    (b"caf\\xe9" -> "caf\\\\xe9"). Written independently of the code under test."""
    name = os.fsdecode(path) if isinstance(path, bytes) else path
    return "".join(_shown_char(char) for char in name)


def _shown_char(char: str) -> str:
    if 0xDC80 <= ord(char) <= 0xDCFF:  # an undecodable byte, as os.fsdecode passes it
        return f"\\x{ord(char) - 0xDC00:02x}"
    return char.encode("unicode_escape").decode() if _breaks_line(char) else char


def _breaks_line(char: str) -> bool:
    return ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F or char in "\u2028\u2029"


class _Writer:
    def __init__(self, folder: Path, seed: int) -> None:
        self.folder = folder
        self.rng = random.Random(seed)
        self.corpus = HostileCorpus(folder)
        self.count = 0

    # -- content -------------------------------------------------------------------------
    def sentence(self) -> str:
        self.count += 1
        words = [self.rng.choice(_WORDS) for _ in range(self.rng.randint(8, 18))]
        return f"{self.rng.choice(_NAMES)} report {self.count}: {' '.join(words)}."

    def page(self, paragraphs: int = 3) -> str:
        headline = f"Headline {self.count} about the {self.rng.choice(_WORDS)} crossing"
        return "\n".join([headline] + [self.sentence() for _ in range(paragraphs)]) + "\n"

    def record(self) -> dict[str, str]:
        return {"title": f"Record {self.count}", "url": f"https://example.org/{self.count}",
                "text": self.page(2)}

    # -- files ---------------------------------------------------------------------------
    def path(self, name: str | bytes) -> str | bytes:
        if isinstance(name, bytes):
            return os.fsencode(self.folder) + b"/" + name
        return str(self.folder / name)

    def write(self, name: str | bytes, data: bytes) -> str:
        path = self.path(name)
        with open(path, "wb") as out:
            out.write(data)
        return shown(path)

    def good(self, name: str | bytes, data: bytes) -> None:
        self.corpus.reports.add(self.write(name, data))

    def bad(self, name: str | bytes, data: bytes, reason: str) -> None:
        self.corpus.errors[self.write(name, data)] = reason

    def container(self, name: str, data: bytes, rows: list[str | None]) -> None:
        """A container whose row N is good (None) or an error with the given reason."""
        location = self.write(name, data)
        for number, reason in enumerate(rows, start=1):
            if reason is None:
                self.corpus.reports.add(f"{location}, row {number}")
            else:
                self.corpus.errors[f"{location}, row {number}"] = reason


def write_hostile_corpus(folder: Path, seed: int) -> HostileCorpus:
    """Write several hundred hostile and good files into `folder` (which must exist)."""
    writer = _Writer(folder, seed)
    for write_cases in _CASES:
        write_cases(writer)
    return writer.corpus


# -- the cases, one function per class of input ---------------------------------------------


def _good_plain_text(w: _Writer) -> None:
    for number in range(60):
        w.good(f"report_{number:03}.txt", w.page().encode())


def _odd_names(w: _Writer) -> None:
    names: list[str | bytes] = [
        "with spaces in name.txt", "ünïcødé-نص-報告.txt", "new\nline.txt", "tab\there.txt",
        "escape\x1b[31mred.txt", "line\u2028sep.txt", "  leading space.txt", "no_extension",
        b"latin1-caf\xe9.txt", b"latin1-caf\xe8.txt", b"bad-\xff\xfe-bytes.txt",
        b"\xc3(half-utf8).txt",
    ]
    for name in names:
        w.good(name, w.page().encode())
    w.bad(b"empty-\xff.txt", b"", "empty file")
    w.bad("empty\nnewline.txt", b"", "empty file")


def _empty_and_whitespace(w: _Writer) -> None:
    for number, data in enumerate([b"", b" ", b"\n\n\n", b"\t \r\n", b" " * 5000]):
        w.bad(f"empty_{number}.txt", data, "empty file")
    for number, text in enumerate(["\u00a0\u3000\u2003", "\u200a\n\u00a0"]):
        w.bad(f"unicode_space_{number}.txt", text.encode(), "empty file")
    marks = [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE,
             codecs.BOM_UTF8 + b"  \n", codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")]
    for number, data in enumerate(marks):
        w.bad(f"bom_only_{number}.txt", data, "empty file")
    for number, text in enumerate(["...", "!?!?", "12 34", "-- | --", "[x]", "{ab}", "x"]):
        w.bad(f"no_letters_{number}.txt", text.encode(), "not text")
    for name in ("empty_array.json", "empty_array.txt"):
        w.bad(name, b"[]\n", "no records")
    w.container("empty_list.jsonl", b"[]\n", ["not a JSON object"])
    w.container("empty_object.json", b"{}", ["no text or html field"])
    w.bad("header_only.csv", b"url,title,text\n", "no rows")


def _random_bytes(w: _Writer) -> None:
    for length in range(1, 7):  # too short to be a report, whatever they decode to
        for copy in range(8):
            data = bytes(w.rng.randrange(256) for _ in range(length))
            # Binary, invalid UTF-8, too short, or empty: any clear reason will do.
            reason = "" if data.strip() else "empty file"
            w.bad(f"random_{length}_{copy}.bin", data, reason)
    for length in (7, 8, 13, 64, 100, 511, 4096, 9000, 70_000):
        for copy in range(3):
            data = bytearray(w.rng.randrange(256) for _ in range(length))
            data[w.rng.randrange(min(length, 8192))] = 0  # a NUL in the sniffed head: binary
            w.bad(f"random_nul_{length}_{copy}.dat", bytes(data), "binary content")


def _binary_files(w: _Writer) -> None:
    heads = [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n\x00",
             b"PK\x03\x04\x14\x00\x00\x00", b"\x7fELF\x02\x01\x01\x00", bytes(64)]
    for number, head in enumerate(heads):
        body = bytes(w.rng.randrange(256) for _ in range(w.rng.randint(10, 3000)))
        w.bad(f"binary_{number}.txt", head + body, "binary content")


def _broken_utf8(w: _Writer) -> None:
    for number in range(8):
        text = w.page().replace("report", "repört", 1).encode()
        at = w.rng.randrange(len(text) // 2, len(text))
        data = text[:at] + bytes([w.rng.choice([0xFF, 0xFE, 0xC0, 0x80])]) + text[at:]
        w.bad(f"broken_utf8_{number}.txt", data, "invalid UTF-8")


def _legacy_encodings(w: _Writer) -> None:
    texts = {
        "cp1252": "Le ministère a déclaré que les élections auront lieu à Valdoria en été, "
                  "selon l'agence. Les habitants du quartier nord ont reçu une aide médicale.",
        "latin-1": "Según el gobernador, el convoy llegó al puente del río después de la "
                   "medianoche. Los vecinos del distrito norte recibieron ayuda médica.",
        "cp1250": "Według gubernatora konwój dotarł do mostu na rzece po północy. Mieszkańcy "
                  "północnej dzielnicy otrzymali pomoc medyczną od wolontariuszy.",
    }
    for encoding, text in texts.items():
        for number in range(3):
            page = f"Headline {number} in {encoding}\n{text}\n{w.sentence()}\n"
            w.good(f"legacy_{encoding}_{number}.txt", page.encode(encoding))


def _utf16_and_32(w: _Writer) -> None:
    encodings = {
        "utf16le_bom": (codecs.BOM_UTF16_LE, "utf-16-le"),
        "utf16be_bom": (codecs.BOM_UTF16_BE, "utf-16-be"),
        "utf32le_bom": (codecs.BOM_UTF32_LE, "utf-32-le"),
        "utf32be_bom": (codecs.BOM_UTF32_BE, "utf-32-be"),
        "utf16le": (b"", "utf-16-le"),
        "utf16be": (b"", "utf-16-be"),
        "utf32le": (b"", "utf-32-le"),
        "utf32be": (b"", "utf-32-be"),
    }
    for name, (mark, encoding) in encodings.items():
        for number in range(3):
            page = w.page().replace("report", "rapport é", 1)
            w.good(f"{name}_{number}.txt", mark + page.encode(encoding))
    w.bad("utf16_truncated.txt", codecs.BOM_UTF16_LE + w.page().encode("utf-16-le")[:-1],
          "invalid UTF-16")


def _text_that_looks_like_json(w: _Writer) -> None:
    openers = ["[Skip to content]", "[Menu] [Search]", "{Live} updates", "[ad]", "{"]
    for number, opener in enumerate(openers):
        w.good(f"bracket_page_{number}.txt", f"{opener}\n{w.page()}".encode())
        w.good(f"bracket_page_{number}", f"{opener}\n{w.page()}".encode())
    w.bad("bracket_page.json", f"[Skip to content]\n{w.page()}".encode(), "malformed JSON")


def _deep_json(w: _Writer) -> None:
    for depth in (10_000, 100_000):
        w.bad(f"deep_array_{depth}.json", b"[" * depth + b"]" * depth, "nested too deeply")
        w.bad(f"deep_object_{depth}.json", b'{"a":' * depth + b"1" + b"}" * depth,
              "nested too deeply")
    w.bad("deep_unnamed.dat", b"[" * 100_000, "nested too deeply")
    lines = [json.dumps(w.record()), '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}",
             json.dumps(w.record())]
    w.container("deep_line.jsonl", "\n".join(lines).encode(), [None, "nested too deeply", None])
    w.bad("huge_number.json", b'{"text": ' + b"7" * 5000 + b"}", "malformed JSON")


def _lone_surrogates(w: _Writer) -> None:
    for number, piece in enumerate(["\\ud800", "\\udfff", "\\ud83d", "x\\udc80y"]):
        record = json.dumps(w.record())
        record = record.replace('"text": "', f'"text": "{piece} ', 1)
        record = record.replace('"title": "', f'"title": "{piece}', 1)
        w.container(f"surrogate_{number}.jsonl", (record + "\n").encode(), [None])
    record = json.dumps(w.record()).replace('"url": "', '"url": "\\udcff', 1)
    w.container("surrogate_url.json", f"[{record}]".encode(), [None])


def _json_lines_with_bad_rows(w: _Writer) -> None:
    for name in ("bad_first.jsonl", "bad_first.ndjson", "bad_first_unnamed"):
        lines = ['{"text": "cut off', json.dumps(w.record()), json.dumps(w.record()),
                 json.dumps(w.record())]
        w.container(name, "\n".join(lines).encode(), ["malformed JSON", None, None, None])
    lines = [json.dumps(w.record()), "", json.dumps(w.record()), "{broken"]
    location = w.write("blank_line.jsonl", "\n".join(lines).encode())
    w.corpus.reports |= {f"{location}, row 1", f"{location}, row 3"}  # row = line number
    w.corpus.errors[f"{location}, row 4"] = "malformed JSON"
    lines = [json.dumps(w.record()), "not json at all", json.dumps(["a", "list"]),
             json.dumps({"title": "no body"}), json.dumps(w.record())]
    w.container("mixed_rows.jsonl", "\n".join(lines).encode(),
                [None, "malformed JSON", "not a JSON object", "no text or html field", None])
    record = w.record()
    record["text"] = record["text"].replace("\n", " \u2028 ", 1)  # a raw U+2028 in a string
    w.container("line_separator.jsonl",
                (json.dumps(record, ensure_ascii=False) + "\n").encode(), [None])


def _csv_with_bad_rows(w: _Writer) -> None:
    def row(record: dict[str, str]) -> str:
        text = record["text"].replace('"', '""')
        return f'{record["url"]},{record["title"]},"{text}"\n'

    header = "url,title,text\n"
    good = [row(w.record()) for _ in range(2)]
    unterminated = 'https://example.org/x,Broken,"This cell never closes\n'
    after = [row(w.record()) for _ in range(3)]
    w.container("unterminated_mid.csv", (header + "".join(good) + unterminated
                                         + "".join(after)).encode(),
                [None, None, "malformed CSV", None, None, None])
    huge = w.record()
    huge["text"] = (w.sentence() + "\n") * 2000  # one cell far above csv's 131,072 default
    w.container("huge_field.csv", (header + row(huge) + row(w.record())).encode(),
                [None, None])
    padding = [row(w.record()) for _ in range(40)]  # push the NUL past the binary sniff
    nul = 'https://example.org/nul,Has NUL,"A cell with a \x00 inside it, said officials."\n'
    w.container("nul_row.csv", (header + "".join(padding) + nul + row(w.record())).encode(),
                [None] * 40 + ["NUL", None])
    w.container("extra_cells.csv", (header + row(w.record()) + "a,b,c,d\n"
                                    + row(w.record())).encode(),
                [None, "more cells", None])


def _overlong_and_oversized(w: _Writer) -> None:
    w.bad("overlong_line.txt", ("Headline\n" + "word " * 20_001 + "\n").encode(),
          "longer than the 100,000-character limit")
    w.bad("oversized.txt", (w.page() * 6000)[: MAX_FILE_BYTES + 10].encode(),
          f"larger than the {MAX_FILE_BYTES:,}-byte limit")


def _gzip_files(w: _Writer) -> None:
    for number, name in enumerate(["page.txt.gz", "page.html.gz", "rows.jsonl.gz", "nogz.bin"]):
        if "html" in name:
            inner = f"<html><body><article><p>{w.sentence()}</p></article></body></html>"
            w.good(name, gzip.compress(inner.encode(), mtime=0))
        elif "jsonl" in name:
            rows = "\n".join(json.dumps(w.record()) for _ in range(3))
            w.container(name, gzip.compress(rows.encode(), mtime=0), [None] * 3)
        else:
            w.good(name, gzip.compress(w.page().encode(), mtime=number))
    bomb = gzip.compress(b"A" * (MAX_FILE_BYTES * 4), mtime=0)  # a few KiB on disk
    w.bad("bomb.txt.gz", bomb, "unpacks to more than")
    w.bad("truncated.txt.gz", gzip.compress(w.page().encode() * 20, mtime=0)[:60],
          "damaged gzip file")
    w.bad("garbage.gz", b"\x1f\x8b" + bytes(w.rng.randrange(256) for _ in range(50)),
          "damaged gzip file")


def _special_files(w: _Writer) -> None:
    if hasattr(os, "mkfifo"):
        fifo = w.path("waiting.fifo")
        os.mkfifo(fifo)
        w.corpus.errors[shown(fifo)] = "not a regular file (FIFO)"
    loop = w.path("loop.txt")
    os.symlink("loop.txt", loop)
    w.corpus.errors[shown(loop)] = "symbolic links"
    dangling = w.path("dangling.txt")
    os.symlink("nowhere/at/all.txt", dangling)
    w.corpus.errors[shown(dangling)] = "broken symbolic link"
    sub = w.folder / "sub"
    sub.mkdir()
    os.symlink("..", sub / "up")  # a folder link loop: not followed, so not read twice
    (sub / "inside.txt").write_bytes(w.page().encode())
    w.corpus.reports.add(shown(str(sub / "inside.txt")))
    os.symlink("report_000.txt", w.path("link_to_report.txt"))  # a link to a file is read
    w.corpus.reports.add(shown(w.path("link_to_report.txt")))


_CASES = (
    _good_plain_text, _odd_names, _empty_and_whitespace, _random_bytes, _binary_files,
    _broken_utf8,
    _legacy_encodings, _utf16_and_32, _text_that_looks_like_json, _deep_json,
    _lone_surrogates, _json_lines_with_bad_rows, _csv_with_bad_rows,
    _overlong_and_oversized, _gzip_files, _special_files,
)

"""Every setting declared once: name, default, environment variable and help.

The CLI reads its option defaults and help from this table, and a test checks that the
README documents each one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    default: int | str
    env: str
    help: str

    def value(self) -> int | str:
        """The environment's value if set, else the default (typed like the default)."""
        raw = os.environ.get(self.env)
        if raw is None or raw == "":
            return self.default
        return int(raw) if isinstance(self.default, int) else raw


DB = Setting(
    "db",
    "corroborate.db",
    "CORROBORATE_DB",
    "SQLite database file (created if missing), or a PostgreSQL database as a "
    "postgresql://USER@HOST/DB URL (the postgres extra).",
)
MAX_FILE_BYTES = Setting(
    "max_file_bytes",
    50_000_000,
    "CORROBORATE_MAX_FILE_BYTES",
    "Largest input file read; a news page is far smaller, so a bigger file is refused.",
)
MAX_LINE_CHARS = Setting(
    "max_line_chars",
    100_000,
    "CORROBORATE_MAX_LINE_CHARS",
    "Longest line accepted in a plain-text report. The longest paragraph we have seen in "
    "scraped news is under 10,000 characters; a longer line is a dump, not a page.",
)

GAZETTEER = Setting(
    "gazetteer",
    "~/.local/share/corroborate/gazetteer.sqlite",
    "CORROBORATE_GAZETTEER",
    "Your own gazetteer file: GeoNames dumps added with `corroborate gazetteer add`, "
    "consulted after the packaged one.",
)

ACTOR_ALIASES = Setting(
    "actor_aliases",
    "",
    "CORROBORATE_ACTOR_ALIASES",
    "Your own actor alias file (canonical name, PER or ORG, alias; tab-separated), read "
    "after the packaged one.",
)

SETTINGS: tuple[Setting, ...] = (DB, MAX_FILE_BYTES, MAX_LINE_CHARS, GAZETTEER, ACTOR_ALIASES)

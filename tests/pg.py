"""A throwaway PostgreSQL server for the tests: a cluster in a temporary folder, reached
over a Unix socket there, with a fresh database for each test.

The server binaries come from Debian's `postgresql` package (/usr/lib/postgresql/*/bin).
PostgreSQL refuses to run as root, so under root (CI) the cluster belongs to the `postgres`
user (else `nobody`) and its commands run through `runuser`. Where no server binary exists
the PostgreSQL tests are skipped, except under CI=true, where that is a failure: CI must
run them.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


def server_bin() -> Path | None:
    """The folder of the newest installed PostgreSQL server's binaries."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                   key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if pg_ctl and shutil.which("initdb") else None


def _owner() -> str | None:
    """The user the server runs as: None for the current one unless that is root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise RuntimeError("running as root and no 'postgres' or 'nobody' user to run the server")


class Cluster:
    def __init__(self, bin_dir: Path) -> None:
        self.bin, self.owner = bin_dir, _owner()
        self.dir = Path(tempfile.mkdtemp(prefix="corroborate-pg-"))
        if self.owner:
            entry = pwd.getpwnam(self.owner)
            os.chown(self.dir, entry.pw_uid, entry.pw_gid)
        self.data, self.port = self.dir / "data", 5432
        self._names = itertools.count(1)
        self._run("initdb", "-D", str(self.data), "-U", "corroborate", "--auth=trust",
                  "--no-locale", "-E", "UTF8", "--no-sync")
        options = f"-k {self.dir} -p {self.port} -c listen_addresses='' -F"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l",
                  str(self.dir / "server.log"), "-w", "start")

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bin / program), *args]
        if self.owner:
            command = ["runuser", "-u", self.owner, "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd=self.dir)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://corroborate@/{database}?host={self.dir}&port={self.port}"

    def new_database(self) -> str:
        import psycopg

        name = f"ledger_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def start_cluster() -> Iterator[Cluster]:
    """The body of a session fixture: a running cluster, stopped and removed afterwards."""
    bin_dir = server_bin()
    if bin_dir is None:
        message = "no PostgreSQL server binaries (apt-get install postgresql)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{message}: CI must run the PostgreSQL tests")
        pytest.skip(message)
    pytest.importorskip("psycopg")
    cluster = Cluster(bin_dir)
    try:
        yield cluster
    finally:
        cluster.stop()

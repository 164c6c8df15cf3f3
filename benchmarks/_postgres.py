"""A PostgreSQL server for benchmarks: the one POSTGRES_URL names, or a throw-away one started with initdb."""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found or (candidates[-1] if candidates else None)


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """The URL of POSTGRES_URL's server, or of one started on a free port of 127.0.0.1 and removed after."""
    if url := os.environ.get("POSTGRES_URL"):
        yield url
        return
    initdb, postgres = _pg_bin("initdb"), _pg_bin("postgres")
    if initdb is None or postgres is None:
        raise RuntimeError("PostgreSQL is needed (apt-get install postgresql), or set POSTGRES_URL")
    workdir = Path(tempfile.mkdtemp(prefix="perf-postgres-"))
    user = "postgres" if os.geteuid() == 0 else None  # postgres refuses to run as root
    if user:
        account = pwd.getpwnam(user)
        os.chown(workdir, account.pw_uid, account.pw_gid)
    subprocess.run(
        [initdb, "-D", str(workdir / "data"), "-U", "postgres", "--auth=trust", "--no-sync"],
        check=True, capture_output=True, user=user, cwd=workdir,
    )  # fmt: skip
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [postgres, "-D", str(workdir / "data"), "-p", str(port), "-h", "127.0.0.1", "-k", str(workdir),
         "-c", "fsync=off"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, user=user, cwd=workdir,
    )  # fmt: skip
    url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                psycopg.connect(url, connect_timeout=2).close()
                break
            except psycopg.OperationalError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)

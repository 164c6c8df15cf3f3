"""Real Redis and PostgreSQL servers for the patterns that are about them.

Each is started on a free port on 127.0.0.1 in a temporary directory the first time a test asks
for it (once per pytest-xdist worker) and stopped at the end of the session. A missing server
binary skips the test with what to install; under CI (CI set) it fails the run instead.
"""

from __future__ import annotations

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

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def missing(binary: str, package: str) -> None:
    message = f"{binary} not found on PATH: install it (Debian: apt-get install {package})"
    if os.environ.get("CI"):
        pytest.fail(f"{message}; CI must install it in .ci/run", pytrace=False)
    pytest.skip(message)


def wait_for_port(port: int, proc: subprocess.Popen[bytes], name: str, log: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited with {proc.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError(f"{name} did not listen on 127.0.0.1:{port} within {timeout} s")


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        missing("redis-server", "redis-server")
    assert binary is not None
    port = free_port()
    workdir = Path(tempfile.mkdtemp(prefix="pap-redis-"))
    log = workdir / "redis.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(workdir), "--logfile", ""],
            stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        wait_for_port(port, proc, "redis-server", log)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop(proc)
        shutil.rmtree(workdir, ignore_errors=True)


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    # Debian keeps the server binaries out of PATH, under /usr/lib/postgresql/<version>/bin.
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    initdb, postgres = _pg_bin("initdb"), _pg_bin("postgres")
    if initdb is None or postgres is None:
        missing("initdb/postgres", "postgresql")
    assert initdb is not None and postgres is not None
    workdir = Path(tempfile.mkdtemp(prefix="pap-postgres-"))
    data, log = workdir / "data", workdir / "postgres.log"
    user = None
    if os.geteuid() == 0:
        # PostgreSQL refuses to run as root: run it as the 'postgres' user the package creates.
        try:
            account = pwd.getpwnam("postgres")
        except KeyError:
            missing("the 'postgres' user", "postgresql")
        user = "postgres"
        os.chown(workdir, account.pw_uid, account.pw_gid)
    subprocess.run(
        [initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"],
        check=True, capture_output=True, user=user, cwd=workdir,
    )  # fmt: skip
    port = free_port()
    with log.open("wb") as out:
        if user:
            os.chown(log, pwd.getpwnam(user).pw_uid, pwd.getpwnam(user).pw_gid)
        proc = subprocess.Popen(
            [postgres, "-D", str(data), "-p", str(port), "-h", "127.0.0.1", "-k", str(workdir),
             "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
            stdout=out, stderr=subprocess.STDOUT, user=user, cwd=workdir,
        )  # fmt: skip
    try:
        wait_for_port(port, proc, "postgres", log)
        url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
        _wait_accepting(url, proc, log)
        yield url
    finally:
        stop(proc)
        shutil.rmtree(workdir, ignore_errors=True)


def _wait_accepting(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 30) -> None:
    import psycopg

    deadline = time.monotonic() + timeout
    while True:
        try:
            psycopg.connect(url, connect_timeout=2).close()
            return
        except psycopg.OperationalError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"postgres is not accepting connections:\n{log.read_text()}") from None
            time.sleep(0.1)

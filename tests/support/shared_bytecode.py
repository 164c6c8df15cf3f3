"""Bytecode shared between the suite's clean install-line virtualenvs (tests/test_install_lines.py).

uv installs without compiling, so the first import of each library module in a fresh environment
compiles it (about 48 CPU-seconds over the 34 install lines, 5 of them for one with dask). A reader's
`pip install` compiles at install time instead, so the compile is not part of what a run checks. Each
new environment gets the bytecode that an earlier one compiled for the same file under site-packages,
stored as a hash-checked .pyc (PEP 552): on import, Python compares the hash of the environment's own
source with the one in the file and compiles afresh on any difference, so a stored file can never stand
in for a source it was not compiled from.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

_HEADER = 16  # magic, flags, then the source's mtime and size, or its hash
_CHECKED_HASH = (0b11).to_bytes(4, "little")  # hash-based, checked against the source on every import
# Run by the environment's own Python: the source hash is keyed by its magic number.
_FACTS = """\
import importlib.util, sys, sysconfig
print(sysconfig.get_paths()["purelib"], sys.implementation.cache_tag, importlib.util.MAGIC_NUMBER.hex())
"""
_HASHES = """\
import importlib.util, sys
for path in sys.stdin.read().splitlines():
    with open(path, "rb") as source:
        print(importlib.util.source_hash(source.read()).hex())
"""


_facts: dict[Path, Environment] = {}


@dataclass(frozen=True)
class Environment:
    """A virtualenv's Python, its site-packages, and its bytecode tag (cpython-312) and magic number."""

    python: Path
    site: Path
    tag: str
    magic: bytes

    @classmethod
    def of(cls, python: Path) -> Environment:
        # Asked three times per install-line page: once is enough for each environment in a process.
        if python not in _facts:
            _facts[python] = cls._ask(python)
        return _facts[python]

    @classmethod
    def _ask(cls, python: Path) -> Environment:
        out = subprocess.run([str(python), "-c", _FACTS], capture_output=True, text=True, check=True).stdout
        site, tag, magic = out.split()
        return cls(python, Path(site), tag, bytes.fromhex(magic))

    def source_hashes(self, sources: list[Path]) -> list[bytes]:
        out = subprocess.run(
            [str(self.python), "-c", _HASHES],
            input="\n".join(map(str, sources)),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return [bytes.fromhex(line) for line in out.splitlines()]


def seed(env: Environment, store: Path) -> int:
    """Put the stored bytecode of every module the environment holds in its __pycache__; how many."""
    placed = 0
    suffix = f".{env.tag}.pyc"
    for stored in store.rglob(f"*{suffix}"):
        relative = stored.relative_to(store)
        source = env.site / relative.parent / f"{relative.name.removesuffix(suffix)}.py"
        if source.is_file():
            target = source.parent / "__pycache__" / relative.name
            if not target.exists():
                target.parent.mkdir(exist_ok=True)
                os.link(stored, target)
                placed += 1
    return placed


def harvest(env: Environment, store: Path) -> int:
    """Store, hash-checked, the bytecode the environment's runs compiled that the store lacks."""
    suffix = f".{env.tag}.pyc"
    found: list[tuple[Path, Path, bytes]] = []  # (source, where it goes in the store, its code)
    for compiled in env.site.rglob(f"__pycache__/*{suffix}"):
        source = compiled.parent.parent / f"{compiled.name.removesuffix(suffix)}.py"
        stored = store / source.parent.relative_to(env.site) / compiled.name
        if stored.exists() or not source.is_file():
            continue
        data = compiled.read_bytes()
        if data[:4] != env.magic or data[4:8] != bytes(4):
            continue  # hash-based already (it came from the store), or not this Python's
        # Compiled from the source as it is now only if the header's mtime and size are the source's, the
        # check Python itself makes of a timestamp .pyc.
        stat = source.stat()
        if data[8:16] != _u32(int(stat.st_mtime)) + _u32(stat.st_size):
            continue
        found.append((source, stored, data[_HEADER:]))
    hashes = env.source_hashes([source for source, _, _ in found]) if found else []
    for (_, stored, code), digest in zip(found, hashes, strict=True):
        stored.parent.mkdir(parents=True, exist_ok=True)
        partial = stored.with_name(f"{stored.name}.{os.getpid()}.tmp")
        partial.write_bytes(env.magic + _CHECKED_HASH + digest + code)
        os.replace(partial, stored)  # whole or absent for a worker seeding meanwhile
    return len(found)


def _u32(value: int) -> bytes:
    return (value & 0xFFFFFFFF).to_bytes(4, "little")

"""Where the snippets are and which kind each is."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from sitegen import ROOT, SNIPPETS

# Lint rules every snippet must pass, on top of pyflakes and pycodestyle (pytest-examples' defaults).
RUFF_SELECT = ["E", "F", "W", "I", "UP", "B", "SIM", "C4", "PIE", "ASYNC"]
LINE_LENGTH = 88

# Environment variables through which a snippet gets the address of a real server.
SERVER_VARIABLES = {"REDIS_URL": "redis_url", "POSTGRES_URL": "postgres_url"}


def snippet_files() -> list[Path]:
    return sorted(p for p in SNIPPETS.rglob("*.py") if "__pycache__" not in p.parts)


def is_test_module(path: Path) -> bool:
    """Snippets that are pytest test modules (the Testing section): run with pytest, not as a script."""
    return path.name.startswith("test_")


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def servers_needed(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    return [fixture for var, fixture in SERVER_VARIABLES.items() if var in source]


# What makes a snippet's output depend on timing: sleeps and clocks, threads, processes, tasks,
# timeouts, servers. Such a snippet must prove, 20 runs in a row with every core busy, that what it
# prints does not (tests/load_check.py).
TIMING = re.compile(
    r"\b(sleep|perf_counter|monotonic|time\.time|process_time|cProfile|Thread|ThreadPoolExecutor|ProcessPoolExecutor|uvicorn"
    r"|timeout|wait_for|to_thread|create_task|gather|TaskGroup|as_completed|Queue|Event|Barrier)\b"
)


def timing_dependent(path: Path) -> bool:
    """Its own source or that of a module of its folder it imports (a test module's code under test)."""
    return any(TIMING.search(p.read_text(encoding="utf-8")) for p in [path, *local_imports(path)])


def local_imports(module: Path) -> list[Path]:
    """The snippet modules next to `module` that it imports, directly or through each other."""
    found: list[Path] = []
    todo = [module]
    while todo:
        tree = ast.parse(todo.pop().read_text(encoding="utf-8"))
        names = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {
            n.module.split(".")[0]
            for n in ast.walk(tree)
            if isinstance(n, ast.ImportFrom) and n.module and n.level == 0
        }
        for name in sorted(names):
            candidate = module.with_name(f"{name}.py")
            if candidate.is_file() and candidate != module and candidate not in found:
                found.append(candidate)
                todo.append(candidate)
    return found

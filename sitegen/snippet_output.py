"""What a snippet prints, read from the output comments that pytest-examples checks against a run.

pytest-examples records a print's output under it either as `#> ` comment lines or, for output
of several lines, as a bare triple-quoted string right after the print statement.
"""

from __future__ import annotations

import ast
import textwrap


def _is_print(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Name)
        and node.value.func.id == "print"
    )


def _string_blocks(tree: ast.AST) -> dict[int, list[str]]:
    """Bare strings that directly follow a print(): their first line -> output lines."""
    blocks: dict[int, list[str]] = {}
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody", "handlers"):
            body = getattr(node, field, None)
            if not isinstance(body, list):
                continue
            for before, stmt in zip(body, body[1:], strict=False):
                if (
                    isinstance(stmt, ast.stmt)
                    and _is_print(before)
                    and isinstance(stmt, ast.Expr)
                    and isinstance(stmt.value, ast.Constant)
                    and isinstance(stmt.value.value, str)
                ):
                    text = textwrap.dedent(stmt.value.value).strip("\n")
                    blocks[stmt.lineno] = text.splitlines()
    return blocks


def printed_output(source: str) -> list[str]:
    """The expected output lines of a snippet, in source order."""
    blocks = _string_blocks(ast.parse(source))
    lines: list[str] = []
    for number, line in enumerate(source.splitlines(), start=1):
        stripped = line.strip()
        if stripped == "#>":
            lines.append("")
        elif stripped.startswith("#> "):
            lines.append(stripped[3:])
        elif number in blocks:
            lines.extend(blocks[number])
    return lines

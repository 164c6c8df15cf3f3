"""What a right-way snippet changes from the pitfall it fixes, computed from the two files.

The page shows the right-way snippet with the lines that differ from its pitfall highlighted
(Pygments' `hl_lines`), and a button per pitfall that switches the block to a compact diff.
The diff is not shipped as text: both programs are already on the page, so the build writes only
the hunks, as line ranges of the two files (a few hundred bytes), and change-view.js renders the
diff from the two highlighted blocks. The hunks are difflib's, with three lines of context, as in
`diff -u`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

CONTEXT = 3  # lines of unchanged code around each change, as `diff -u` shows


@dataclass(frozen=True)
class Change:
    """One pitfall → right-way pair: the hunks of their diff and the right-way lines that differ."""

    pitfall: str
    hunks: list[list[tuple[str, int, int, int, int]]]  # difflib opcodes: tag, then 0-based ranges i1:i2 of
    # the pitfall and j1:j2 of the right way; the tag is "equal", "replace", "delete" or "insert"
    changed: list[int]  # 1-based lines of the right-way file that are new or replaced
    source: str | None = None  # the pitfall's text, when the page shows it only in excerpts

    @property
    def hl_lines(self) -> str:
        """The changed lines as pymdownx.highlight's `hl_lines` wants them: "3 7-9"."""
        runs: list[list[int]] = []
        for n in self.changed:
            if runs and runs[-1][1] == n - 1:
                runs[-1][1] = n
            else:
                runs.append([n, n])
        return " ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)

    @property
    def encoded(self) -> str:
        """The hunks for a data attribute: hunks split by "/", opcodes by ",", fields by spaces."""
        return "/".join(
            ",".join(f"{tag[0]} {i1} {i2} {j1} {j2}" for tag, i1, i2, j1, j2 in hunk) for hunk in self.hunks
        )


def lines_of(text: str) -> list[str]:
    return text.splitlines()


def change(pitfall: str, old: str, new: str, source: str | None = None) -> Change:
    matcher = difflib.SequenceMatcher(None, lines_of(old), lines_of(new), autojunk=False)
    changed = [
        j + 1 for tag, _, _, j1, j2 in matcher.get_opcodes() if tag in ("replace", "insert") for j in range(j1, j2)
    ]
    hunks = [list(hunk) for hunk in matcher.get_grouped_opcodes(CONTEXT)]
    return Change(pitfall, hunks, changed, source)


def shown_with(proof_file: str, run: str | None, pitfall: str) -> str:
    """The right-way file a pitfall is compared with: the proof itself, or for a pitfall that is a test
    module (test_*.py), the proof's test module, so that tests are compared with tests."""
    return run if run and pitfall.startswith("test_") else proof_file

"""Find the line of a key in a TOML file, for error messages.

tomllib gives values but no positions, so this scans the text once: table headers
(``[a.b]``, ``[[a]]`` with their running index) and ``key = value`` lines, skipping the
inside of multi-line strings and arrays. Good enough for hand-written config files.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

Path_ = tuple[str | int, ...]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(
    r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*="""
)


def _split_key(text: str) -> list[str]:
    parts = re.findall(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""", text)
    return [p[1:-1] if p[:1] in "\"'" else p for p in parts]


def _resolve(names: list[str], counts: dict[Path_, int]) -> Path_:
    """Turn header names into a path, inserting the current index of each array of tables."""
    path: list[str | int] = []
    for name in names:
        path.append(name)
        idx = counts.get(tuple(path))
        if idx is not None:
            path.append(idx)
    return tuple(path)


class LineMap:
    def __init__(self, text: str) -> None:
        self._lines: dict[Path_, int] = {}
        counts: dict[Path_, int] = {}  # array-of-tables path -> current index
        table: Path_ = ()
        depth = 0  # open brackets of a multi-line array value
        in_string: str | None = None
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw
            if in_string:
                if in_string in line:
                    in_string = None
                continue
            if depth > 0:
                depth += _bracket_delta(line)
                continue
            if m := _HEADER.match(line):
                names = _split_key(m.group(2))
                if m.group(1) == "[[":
                    parent = _resolve(names[:-1], counts)
                    array = (*parent, names[-1])
                    counts[array] = counts.get(array, -1) + 1
                    # a new element resets the indices of arrays nested below it
                    for key in [k for k in counts if k[: len(array)] == array and k != array]:
                        del counts[key]
                    table = (*array, counts[array])
                else:
                    table = _resolve(names, counts)
                self._lines.setdefault(table, number)
                continue
            if m := _KEY.match(line):
                path = (*table, *_split_key(m.group(1)))
                self._lines.setdefault(path, number)
                value = line[m.end() :]
                for quote in ('"""', "'''"):
                    if value.count(quote) == 1:
                        in_string = quote
                depth = max(0, _bracket_delta(value))

    def line_of(self, path: Sequence[str | int]) -> int | None:
        """The line of the longest known prefix of ``path`` (the key, or its table)."""
        key = tuple(path)
        while key:
            if key in self._lines:
                return self._lines[key]
            key = key[:-1]
        return None


def _bracket_delta(text: str) -> int:
    text = re.sub(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'', "", text)
    text = text.split("#", 1)[0]
    return text.count("[") - text.count("]")


def dotted(path: Sequence[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out

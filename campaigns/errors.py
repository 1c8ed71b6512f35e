"""Errors the user sees, each carrying one clear Vietnamese line.

LoaError                 -- anything expected; never shown as a traceback
├── UserError  (exit 2)  -- bad input or configuration; nothing was written
│   └── ConfigError      -- a calendar or campaign file is wrong (file, line, key)
└── RuntimeFailure (1)   -- the input was fine but the work failed (database, network)
"""

from __future__ import annotations

from pathlib import Path


class LoaError(Exception):
    """An expected failure with a message for the officer (Vietnamese, NFC)."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UserError(LoaError):
    exit_code = 2


class ConfigError(UserError):
    """One or more problems in a file, each located by line and dotted key."""

    def __init__(self, path: Path | str, problems: list[Problem]) -> None:
        self.path = Path(path)
        self.problems = problems
        super().__init__("\n".join(p.render(self.path) for p in problems))


class Problem:
    """A single located problem: ``file:line: khóa 'key': what was expected``."""

    __slots__ = ("key", "line", "message")

    def __init__(self, message: str, *, line: int | None = None, key: str | None = None) -> None:
        self.message = message
        self.line = line
        self.key = key

    def render(self, path: Path) -> str:
        where = f"{path}:{self.line}" if self.line else str(path)
        return f"{where}: " + (f"khóa '{self.key}': " if self.key else "") + self.message


class RuntimeFailure(LoaError):
    exit_code = 1

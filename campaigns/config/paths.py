"""Files and folders named in calendar.toml: resolved against the calendar's folder (never
the working directory) and kept inside it or a folder of ``[paths] allow``, after following
symbolic links, so ``logo = "/etc/passwd"`` or a link to outside is refused."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class PathRefused(ValueError):
    """Why a path named in the calendar cannot be used (Vietnamese, says what to do)."""


def real(base: Path, value: str) -> Path:
    """``value`` (``~`` expanded, relative to ``base``) with every symbolic link followed."""
    path = base / Path(value).expanduser()
    try:
        return path.resolve()
    except (RuntimeError, OSError):  # Python 3.11 raises RuntimeError for a link loop
        raise PathRefused(
            f"'{value}' là một vòng lặp liên kết (symlink trỏ vòng về chính nó): "
            "sửa hoặc xóa liên kết đó"
        ) from None


class Roots:
    """The calendar's folder and the folders it allows, resolved once."""

    def __init__(self, base: Path, allow: Sequence[str] = ()) -> None:
        self.base = base.resolve()
        self.folders = [self.base]
        for value in allow:
            self.folders.append(real(self.base, value))

    def resolve(self, value: str) -> Path:
        """The real path of ``value``; ``PathRefused`` when it leads outside the roots."""
        path = real(self.base, value)
        if not self.contains(path):
            followed = "" if path == self.base / Path(value).expanduser() else f" (tức '{path}')"
            raise PathRefused(
                f"'{value}'{followed} nằm ngoài thư mục của lịch ({self.base}): để tệp trong "
                "thư mục chứa calendar.toml, hoặc thêm thư mục của nó vào [paths] allow"
            )
        return path

    def contains(self, path: Path) -> bool:
        return any(path.is_relative_to(folder) for folder in self.folders)

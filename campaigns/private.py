"""Files and folders only their owner may read: the database, logs, crash reports, secrets.

New files are 0600 and new folders 0700 whatever the umask; what exists is left as it is
(an operator may have shared it on purpose).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def private_dir(path: Path) -> Path:
    """``path`` as a folder, it and every missing parent made 0700."""
    missing: list[Path] = []
    folder = path
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):  # made meanwhile by another process
            folder.mkdir(mode=DIR_MODE)
    return path


def private_opener(path: str, flags: int) -> int:
    """For ``open(…, opener=private_opener)``: a file it creates is 0600."""
    return os.open(path, flags, FILE_MODE)


def private_file(path: Path) -> Path:
    """``path`` as a file: created empty and 0600 when missing, else untouched."""
    os.close(private_opener(str(path), os.O_WRONLY | os.O_CREAT | os.O_APPEND))
    return path

"""A post's card at full size in the system's image viewer (xdg-open, open, startfile).

The image is written to Loa's cache folder first, so the officer can also find it there
when no viewer is installed (a server, a bare desktop).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from campaigns.private import private_dir


def save(post_id: int, data: bytes) -> Path:
    """The card's bytes in ``<cache>/xem-anh/bai-<id>.png|jpg``."""
    from campaigns.render.cache import loa_cache_dir  # the renderer's package is heavy

    ext = "png" if data.startswith(b"\x89PNG") else "jpg"
    path = private_dir(loa_cache_dir() / "xem-anh") / f"bai-{post_id}.{ext}"
    path.write_bytes(data)
    return path


def open_file(path: Path) -> bool:
    """Hand ``path`` to the system's viewer without waiting; False when there is none."""
    if sys.platform == "win32":  # pragma: no cover - not on the test machines
        os.startfile(path)  # type: ignore[attr-defined]
        return True
    opener = shutil.which("open" if sys.platform == "darwin" else "xdg-open")
    if opener is None:
        return False
    subprocess.Popen(
        [opener, str(path)],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    return True

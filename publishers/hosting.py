"""Give an image a public URL by copying it into a folder a web server publishes."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from publishers.base import Image, PublishRequest
from publishers.http import require_secure


class FolderHost:
    """``host_image`` writes ``<folder>/<slug>.<ext>`` and returns ``<base_url>/<slug>.<ext>``."""

    def __init__(self, folder: str | Path, base_url: str) -> None:
        self.folder = Path(folder)
        self.base_url = require_secure(base_url)

    def host_image(self, image: Image, key: str) -> str:
        ext = Path(image.filename).suffix.lower() or (".png" if "png" in image.mime else ".jpg")
        slug = PublishRequest(key=key, title="", caption="").slug
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / f"{slug}{ext}"
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(image.data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
        return f"{self.base_url}/{target.name}"

"""Outbox: each post becomes a folder (images, caption, JSON manifest) in ``folder``.

For portals the officer updates by hand, notice boards, and the demo. The folder is
written under a temporary name and renamed into place, so a folder that exists is
complete: ``find_existing`` just looks for it.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from publishers.base import Capabilities, Identity, Publisher, PublishRequest, Receipt
from publishers.errors import ConfigurationError, DuplicateError
from publishers.media import image_problems, length_problem
from publishers.settings import Setting

MANIFEST = "manifest.json"


class OutboxPublisher(Publisher):
    type_name = "outbox"
    label = "Thư mục chờ đăng thủ công"
    capabilities = Capabilities(html_body=True, several_images=True)
    settings: ClassVar[tuple[Setting, ...]] = (
        Setting("folder", "path", "Thư mục lưu bài", required=True),
        Setting("max_image_mb", "float", "Dung lượng ảnh tối đa (MB)", default=10.0),
        Setting("caption_limit", "int", "Số ký tự tối đa của nội dung", default=20_000),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.folder = Path(self.config["folder"]).expanduser()

    def validate(self, request: PublishRequest) -> list[str]:
        problems = []
        if p := length_problem("Nội dung bài", request.caption, self.config["caption_limit"]):
            problems.append(p)
        for image in request.images:
            problems += image_problems(
                image,
                allowed=("image/jpeg", "image/png"),
                max_bytes=int(self.config["max_image_mb"] * 1024 * 1024),
            )
        return problems

    def _target(self, request: PublishRequest) -> Path:
        return self.folder / request.slug

    def publish(self, request: PublishRequest) -> Receipt:
        self.ensure_valid(request)
        target = self._target(request)
        if (target / MANIFEST).is_file():
            found = self.find_existing(request)
            raise DuplicateError(
                external_id=found.external_id if found else target.name,
                url=found.url if found else target.as_uri(),
                channel=self.name,
            )
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(dir=self.folder, prefix=".tmp-"))
        except OSError as exc:
            raise ConfigurationError(
                f"Không ghi được vào thư mục '{self.folder}': {exc.strerror}. Kiểm tra 'folder' "
                "của kênh.",
                channel=self.name,
            ) from None
        at = self._clock()
        manifest: dict[str, Any] = {
            "key": request.key,
            "marker": request.marker,
            "title": request.title,
            "caption": request.caption,
            "excerpt": request.excerpt,
            "link": request.link,
            "tags": list(request.tags),
            "scheduled_at": request.scheduled_at.isoformat() if request.scheduled_at else None,
            "written_at": at.isoformat(),
            "image": None,
        }
        try:
            (tmp / "caption.txt").write_text(request.caption + "\n", encoding="utf-8")
            if request.html:
                (tmp / "body.html").write_text(request.html, encoding="utf-8")
            files = []
            for n, image in enumerate(request.images, 1):
                name = ("image" if n == 1 else f"image-{n}") + Path(image.filename).suffix.lower()
                (tmp / name).write_bytes(image.data)
                files.append({"file": name, "mime": image.mime})
            manifest["image"] = files[0] if files else None
            manifest["images"] = files
            (tmp / MANIFEST).write_text(
                json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"
            )
            os.chmod(tmp, 0o755)
            os.replace(tmp, target)
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return Receipt(external_id=target.name, url=target.resolve().as_uri(), at=at)

    def find_existing(self, request: PublishRequest) -> Receipt | None:
        target = self._target(request)
        try:
            manifest = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if manifest.get("key") != request.key:
            return None
        return Receipt(
            external_id=target.name,
            url=target.resolve().as_uri(),
            at=datetime.fromisoformat(manifest["written_at"]),
        )

    def check(self) -> Identity:
        writable = os.access(self.folder if self.folder.exists() else self.folder.parent, os.W_OK)
        if not writable:
            raise ConfigurationError(
                f"Không ghi được vào thư mục '{self.folder}'.", channel=self.name
            )
        return Identity(id=str(self.folder), name=self.label, expires_at=None, token_hint="")

"""The render cache: files named by the hash of everything that shapes the image.

Writes are atomic (a uniquely named temporary file + rename), so several threads and
processes may share the folder, even when they write the same image at once.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from pathlib import Path
from typing import Any

import platformdirs

from campaigns.failures import unwritable

VERSION = "render-1"  # bump when drawing changes, so old images are not reused


def loa_cache_dir() -> Path:
    """Loa's cache folder (``LOA_CACHE_DIR`` when set)."""
    env = os.environ.get("LOA_CACHE_DIR")
    return Path(env) if env else Path(platformdirs.user_cache_dir("loa"))


def cache_dir() -> Path:
    return loa_cache_dir() / "render"


def key_of(*parts: Any) -> str:
    text = json.dumps([VERSION, *parts], ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def path_of(key: str, ext: str) -> Path:
    return cache_dir() / key[:2] / f"{key}.{ext}"


def read_meta(key: str) -> dict[str, Any] | None:
    meta = path_of(key, "json")
    try:
        data: dict[str, Any] = json.loads(meta.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data


def store(key: str, ext: str, data: bytes, meta: dict[str, Any]) -> Path:
    target = path_of(key, ext)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _atomic(target, data)
        _atomic(path_of(key, "json"), json.dumps(meta, ensure_ascii=False).encode())
    except OSError as exc:
        raise unwritable(
            exc,
            f"vào thư mục bộ đệm ảnh '{cache_dir()}'",
            "(đặt biến môi trường LOA_CACHE_DIR để dùng thư mục khác).",
        ) from None
    return target


def store_file(key: str, ext: str, data: bytes) -> Path:
    """Another file of the image ``key`` (its thumbnail), written atomically, no metadata."""
    target = path_of(key, ext)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _atomic(target, data)
    except OSError as exc:
        raise unwritable(exc, f"vào thư mục bộ đệm ảnh '{cache_dir()}'") from None
    return target


def thumb_of(image: Path) -> Path:
    """Where the thumbnail of a cached image is ("<key>.thumb.jpg" beside "<key>.jpg")."""
    return image.with_name(f"{image.name.split('.')[0]}.{THUMB}")


THUMB = "thumb.jpg"


# Like tempfile.mkstemp (a random name, created exclusively), but with the umask's usual
# mode rather than 0600: cached images are hard-linked into preview folders as they are.
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def _atomic(target: Path, data: bytes) -> None:
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(8)}.tmp")
    fd = os.open(tmp, _CREATE, 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise

"""A card theme resolved from calendar.toml: colours, background image and logo files."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from campaigns.config.images import image_problem
from campaigns.config.load import WardCalendar
from campaigns.errors import UserError


@dataclass(frozen=True)
class Theme:
    background: str
    background_end: str
    text: str
    accent: str
    footer_background: str
    footer_text: str
    background_image: Path | None
    logo: Path | None
    motif: bool = False  # a discreet pattern over the gradient (the "hoa-van" background)
    photo: Path | None = None  # the photo layout's picture, cropped around ``focus``
    focus: tuple[float, float] = (0.5, 0.5)  # the point of the photo to keep, 0-1 each way
    photos: Path | None = None  # the officer's photo folder ([theme] photos)
    photo_focus: tuple[tuple[str, float, float], ...] = ()  # per photo file name

    def digest(self) -> str:
        h = hashlib.sha256(repr(self).encode())
        for path in (self.background_image, self.logo, self.photo):
            if path is not None:
                h.update(_file_digest(path, *stamp(path)))
        return h.hexdigest()


def theme_of(cal: WardCalendar) -> Theme:
    t = cal.config.theme
    logo = t.logo or cal.config.ward.logo
    return Theme(
        t.background, t.background_end, t.text, t.accent, t.footer_background,
        t.footer_text,
        cal.resolve(t.background_image) if t.background_image else None,
        cal.resolve(logo) if logo else None,
        photos=cal.resolve(t.photos) if t.photos else None,
        photo_focus=tuple(sorted((name, x, y) for name, (x, y) in t.photo_focus.items())),
    )  # fmt: skip


def stamp(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        raise UserError(
            f"Không tìm thấy tệp ảnh '{path}' (khai báo trong calendar.toml)."
        ) from None
    return st.st_mtime_ns, st.st_size


@lru_cache(maxsize=32)
def _file_digest(path: Path, mtime: int, size: int) -> bytes:
    return hashlib.sha256(path.read_bytes()).digest()


@lru_cache(maxsize=16)
def _load(path: Path, mtime: int, size: int) -> Image.Image:
    try:
        with Image.open(path) as im:
            im.load()
            return im.convert("RGBA")
    except Image.DecompressionBombError:  # replaced after the calendar was checked
        problem = image_problem(path) or "ảnh quá lớn"
        raise UserError(f"Không dùng được ảnh '{path}': {problem}.") from None
    except (UnidentifiedImageError, OSError) as exc:
        raise UserError(f"Không đọc được ảnh '{path}': {exc}") from None


def load_image(path: Path) -> Image.Image:
    """A logo or background as RGBA, with a clear error when it is missing or broken."""
    return _load(path, *stamp(path))


def mix(a: str, b: str, t: float) -> tuple[int, int, int]:
    """The colour ``t`` of the way from ``a`` to ``b`` (hex colours)."""
    ca, cb = _rgb(a), _rgb(b)
    return (
        round(ca[0] + (cb[0] - ca[0]) * t),
        round(ca[1] + (cb[1] - ca[1]) * t),
        round(ca[2] + (cb[2] - ca[2]) * t),
    )


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)

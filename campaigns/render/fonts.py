"""The vendored Be Vietnam Pro fonts, the text layout engine, and the FreeType lock.

Pillow's raqm layout (HarfBuzz + FriBiDi) positions Vietnamese marks properly; it needs the
system's libraqm/libfribidi. Without it Loa falls back to the basic layout, warns once, and
relies on NFC text (precomposed letters) which the basic layout draws correctly.

FreeType faces are not thread-safe and the faces here are cached and shared between
threads (the TUI's preview worker, the daemon's publishing lanes): every call that opens,
measures or draws with a face runs under ``FREETYPE`` (see ``serialised``). With the GIL,
each of Pillow's FreeType calls is already atomic; the lock keeps it so without one.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import ParamSpec, TypeVar

from PIL import ImageFont, features

from campaigns.assets import asset
from campaigns.errors import RuntimeFailure

log = logging.getLogger("loa.render")

WEIGHTS = {
    "regular": "BeVietnamPro-Regular.ttf",
    "medium": "BeVietnamPro-Medium.ttf",
    "semibold": "BeVietnamPro-SemiBold.ttf",
    "bold": "BeVietnamPro-Bold.ttf",
    "extrabold": "BeVietnamPro-ExtraBold.ttf",
}

Font = ImageFont.FreeTypeFont
FREETYPE = threading.RLock()  # re-entrant: a fit may open a face for a size not yet cached

P = ParamSpec("P")
R = TypeVar("R")


def serialised(fn: Callable[P, R]) -> Callable[P, R]:
    """Run ``fn`` under the FreeType lock (for anything that touches a face)."""

    @functools.wraps(fn)
    def locked(*args: P.args, **kwargs: P.kwargs) -> R:
        with FREETYPE:
            return fn(*args, **kwargs)

    return locked


@lru_cache(maxsize=1)
def layout_engine() -> ImageFont.Layout:
    """RAQM when available, else BASIC with a warning (checked once, at first use)."""
    if features.check("raqm"):
        return ImageFont.Layout.RAQM
    log.warning(
        "Không có thư viện raqm (libraqm/libfribidi): dùng cách dàn chữ cơ bản; "
        "chữ tiếng Việt vẫn đúng nhờ chuẩn hóa NFC. Cài gói libfribidi0 để dàn chữ tốt hơn."
    )
    return ImageFont.Layout.BASIC


def layout_name() -> str:
    return "raqm" if layout_engine() == ImageFont.Layout.RAQM else "basic"


def font_path(weight: str) -> Path:
    path = asset("fonts", WEIGHTS[weight])
    if not path.is_file():
        raise RuntimeFailure(
            f"Thiếu tệp phông chữ '{path}'. Cài lại Loa hoặc chép thư mục assets/fonts "
            "(Be Vietnam Pro, giấy phép OFL) vào đúng chỗ."
        )
    return path


@lru_cache(maxsize=512)  # a hit takes no lock; a miss opens the face under it
def font(weight: str, size: int) -> Font:
    return _open(weight, size)


@serialised
def _open(weight: str, size: int) -> Font:
    path = font_path(weight)
    try:
        return ImageFont.truetype(str(path), size, layout_engine=layout_engine())
    except OSError as exc:
        raise RuntimeFailure(f"Không mở được phông chữ '{path}': {exc}") from None


@lru_cache(maxsize=1)
def fonts_digest() -> str:
    """A hash of every font file and the layout engine: part of each image's cache key."""
    h = hashlib.sha256(layout_name().encode())
    for weight in sorted(WEIGHTS):
        h.update(font_path(weight).read_bytes())
    return h.hexdigest()

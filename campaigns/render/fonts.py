"""The vendored Be Vietnam Pro fonts and the text layout engine.

Pillow's raqm layout (HarfBuzz + FriBiDi) positions Vietnamese marks properly; it needs the
system's libraqm/libfribidi. Without it Loa falls back to the basic layout, warns once, and
relies on NFC text (precomposed letters) which the basic layout draws correctly.
"""

from __future__ import annotations

import hashlib
import logging
from functools import lru_cache
from pathlib import Path

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


@lru_cache(maxsize=512)
def font(weight: str, size: int) -> Font:
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

"""Encode a card within its platform's file-size limit, deterministically (no metadata)."""

from __future__ import annotations

import io

from PIL import Image

from campaigns.errors import RuntimeFailure
from campaigns.render.formats import Format

QUALITIES = (90, 85, 80, 72, 64, 56)


def encode(im: Image.Image, fmt: Format) -> tuple[bytes, int | None]:
    """The bytes and the JPEG quality used (None for PNG)."""
    if fmt.encoding == "png":
        data = _save(im, "PNG", compress_level=6)
        if len(data) > fmt.max_bytes:
            raise RuntimeFailure(
                f"Ảnh PNG khổ {fmt.name} nặng {len(data) // 1024} KB, vượt giới hạn "
                f'({fmt.limit}); hãy dùng encoding = "jpeg" cho khổ này.'
            )
        return data, None
    for quality in QUALITIES:
        # 4:4:4 keeps the edges of coloured text crisp
        data = _save(im, "JPEG", quality=quality, subsampling=0)
        if len(data) <= fmt.max_bytes:
            return data, quality
    raise RuntimeFailure(
        f"Không nén được ảnh khổ {fmt.name} dưới giới hạn {fmt.limit} "
        f"(còn {len(data) // 1024} KB ở chất lượng {QUALITIES[-1]})."
    )


def _save(im: Image.Image, kind: str, **options: object) -> bytes:
    buf = io.BytesIO()
    im.save(buf, kind, **options)
    return buf.getvalue()

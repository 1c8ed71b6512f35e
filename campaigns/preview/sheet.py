"""Contact sheets: one image per month, a grid of thumbnails with their dates and channels.

Cached like the cards: a sheet is named by the hash of its thumbnails' keys and labels.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw

from campaigns.render import SHEET_THUMB, cache
from campaigns.render.fit import fit
from campaigns.render.fonts import font, fonts_digest, serialised

COLUMNS = 6
THUMB = SHEET_THUMB
LABEL_PT = 18
GAP = 18
LABEL_H = 44
TITLE_H = 90


@dataclass(frozen=True)
class Tile:
    image: Path
    key: str  # the card's cache key
    label: str  # "07/04 07:30 · facebook"


def contact_sheet(title: str, tiles: Sequence[Tile]) -> Path:
    """The sheet's file in the cache (drawn only when its content changed)."""
    key = cache.key_of("sheet", title, [(t.key, t.label) for t in tiles], fonts_digest())
    path = cache.path_of(key, "jpg")
    if path.is_file():
        return path
    rows = max(1, -(-len(tiles) // COLUMNS))
    width = GAP + COLUMNS * (THUMB[0] + GAP)
    height = TITLE_H + rows * (THUMB[1] + LABEL_H + GAP) + GAP
    sheet = Image.new("RGB", (width, height), "#F4F6F8")
    d = ImageDraw.Draw(sheet)
    head = fit(title, (GAP, 20, width - GAP, TITLE_H - 16), "extrabold", max_size=44,
               readable=20, max_lines=1, align="left")  # fmt: skip
    head.draw(d, "#073B5C")
    size = _label_size([t.label for t in tiles])
    for n, tile in enumerate(tiles):
        col, row = n % COLUMNS, n // COLUMNS
        x = GAP + col * (THUMB[0] + GAP)
        y = TITLE_H + row * (THUMB[1] + LABEL_H + GAP)
        d.rectangle((x, y, x + THUMB[0], y + THUMB[1]), fill="#DDE3E8")
        thumb = _thumbnail(tile.image)
        sheet.paste(thumb, (x + (THUMB[0] - thumb.width) // 2, y + (THUMB[1] - thumb.height) // 2))
        _label(d, tile.label, x, y + THUMB[1] + 6, size)
    buf = io.BytesIO()
    sheet.save(buf, "JPEG", quality=85)
    data = buf.getvalue()
    return cache.store(key, "jpg", data, {"size": len(data), "kind": "sheet"})


@serialised
def _label_size(labels: Sequence[str]) -> int:
    """One size for every label of a sheet ('07/04 07:30 · facebook · ap-phich' on one
    line under its thumbnail), smaller only when the longest needs it."""
    size = LABEL_PT
    while (
        size > 12
        and max((font("semibold", size).getlength(t) for t in labels), default=0) > THUMB[0]
    ):
        size -= 1
    return size


@serialised
def _label(d: ImageDraw.ImageDraw, text: str, x: int, y: int, size: int) -> None:
    d.text((x, y), text, font=font("semibold", size), fill="#1F2933", anchor="la")


@lru_cache(maxsize=1024)
def _thumbnail(path: Path) -> Image.Image:
    """A thumbnail of a cached card (the path names its content, so memoising is safe):
    from the quarter-size copy the renderer kept when there is one, else from the card."""
    small = cache.thumb_of(path)
    if path.is_relative_to(cache.cache_dir()) and small.is_file():
        path = small
    with Image.open(path) as im:
        im.draft("RGB", (THUMB[0], THUMB[1]))  # JPEG: decode at a reduced scale, fast
        thumb = im.convert("RGB")
    thumb.thumbnail(THUMB, Image.Resampling.LANCZOS)  # a no-op for a renderer's thumbnail
    return thumb

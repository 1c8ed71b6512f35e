"""Infographic cards for every channel, cached by content hash.

render_post(cal, post, format_name=None) -> Rendered   (the post's image, or another format)
formats_for(cal, channel_name) -> [Format]             (primary image first)
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from campaigns.config.load import WardCalendar
from campaigns.render import cache
from campaigns.render.cards import Card
from campaigns.render.content import PostLike, card_for
from campaigns.render.encode import encode
from campaigns.render.fonts import fonts_digest, layout_name
from campaigns.render.formats import Format, find_format, formats_for
from campaigns.render.layouts import draw, styled
from campaigns.render.theme import Theme, theme_of

__all__ = [
    "Format", "PostLike", "Rendered", "formats_for", "layout_name", "render_card",
    "render_post", "stats",
]  # fmt: skip


@dataclass(frozen=True)
class Rendered:
    path: Path  # the file in the render cache
    mime: str
    width: int
    height: int
    format: str
    limit: str  # the platform limit that was checked, in words
    max_bytes: int
    size: int
    quality: int | None  # JPEG quality used
    shrunk: bool  # the message had to go below the readable minimum
    text_size: int  # the smallest font size of the message, px
    key: str
    cached: bool  # True when nothing was drawn

    @property
    def data(self) -> bytes:
        return self.path.read_bytes()

    @property
    def ext(self) -> str:
        return self.path.suffix.lstrip(".")


class _Stats:
    rendered = 0
    hits = 0


stats = _Stats()


def render_post(
    cal: WardCalendar, post: PostLike, format_name: str | None = None, *, thumb: bool = False
) -> Rendered:
    fmt = find_format(cal, format_name) if format_name else formats_for(cal, post.channel)[0]
    return render_card(card_for(cal, post), fmt, theme_of(cal), thumb=thumb)


def render_card(card: Card, fmt: Format, theme: Theme, *, thumb: bool = False) -> Rendered:
    """The card's image, from the cache or drawn and cached. ``thumb``: also keep a
    contact sheet's thumbnail when drawing (the preview wants it; publishing does not)."""
    card, theme = styled(card, theme)
    key = cache.key_of(card, fmt, theme.digest(), fonts_digest())
    meta = cache.read_meta(key)
    path = cache.path_of(key, fmt.ext)
    if meta is not None and path.is_file():
        stats.hits += 1
        return _rendered(path, fmt, key, meta, cached=True)
    drawn = draw(card, fmt.width, fmt.height, theme)
    data, quality = encode(drawn.image, fmt)
    text_size = min(b.size for b in drawn.main)
    meta = {
        "size": len(data),
        "quality": quality,
        "shrunk": any(b.shrunk for b in drawn.main),
        "text_size": text_size,
    }
    path = cache.store(key, fmt.ext, data, meta)
    if thumb:
        cache.store_file(key, cache.THUMB, thumbnail(drawn.image))
    stats.rendered += 1
    return _rendered(path, fmt, key, meta, cached=False)


SHEET_THUMB = (220, 275)  # a contact sheet's cell: the thumbnail is made to fit it


def thumbnail(image: Image.Image) -> bytes:
    """A JPEG of a card at a contact sheet's cell size (made while the card is drawn, in
    the preview's worker processes; the sheet only pastes it)."""
    rgb = image if image.mode == "RGB" else image.convert("RGB")  # convert() would copy
    small = rgb.reduce(4)  # a box filter: fast
    small.thumbnail(SHEET_THUMB, Image.Resampling.BILINEAR)
    buf = io.BytesIO()
    small.save(buf, "JPEG", quality=85)
    return buf.getvalue()


def _rendered(
    path: Path, fmt: Format, key: str, meta: dict[str, object], *, cached: bool
) -> Rendered:
    return Rendered(
        path=path, mime=fmt.mime, width=fmt.width, height=fmt.height, format=fmt.name,
        limit=fmt.limit, max_bytes=fmt.max_bytes, size=int(str(meta["size"])),
        quality=meta["quality"] if isinstance(meta["quality"], int) else None,
        shrunk=bool(meta["shrunk"]), text_size=int(str(meta["text_size"])), key=key,
        cached=cached,
    )  # fmt: skip

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from campaigns.config.load import WardCalendar
from campaigns.content.model import ContentItem
from campaigns.planning import DesiredPost

AT = datetime(2026, 4, 7, 0, 30, tzinfo=UTC)


def post_for(
    cal: WardCalendar,
    item: ContentItem,
    channel: str = "facebook",
    kind: str | None = None,
    peak: str | None = None,
) -> DesiredPost:
    found = cal.item(item.id)
    assert found is not None
    return DesiredPost(
        f"{channel}|test", AT, channel, found[0], item.id, kind or item.kind, item.text, peak, None
    )


def with_text(post: DesiredPost, text: str) -> DesiredPost:
    return replace(post, text=text)


def all_items(cal: WardCalendar) -> list[ContentItem]:
    return [item for pool in cal.pools.values() for item in pool.items]


def make_photo(path, size=(1600, 1200), seed: int = 0):
    """A photo-like test image: a sky, a field, and a bright mark where the focus should be
    kept (at 30% from the left, 40% from the top)."""
    from PIL import Image, ImageDraw

    w, h = size
    im = Image.linear_gradient("L").resize(size).convert("RGB")
    d = ImageDraw.Draw(im)
    d.rectangle((0, int(0.6 * h), w, h), fill=(40 + seed * 30 % 120, 120, 60))
    x, y, r = int(0.3 * w), int(0.4 * h), int(0.06 * w)
    d.ellipse((x - r, y - r, x + r, y + r), fill=(250, 60, 40))
    path.parent.mkdir(parents=True, exist_ok=True)
    im.save(path, "JPEG", quality=85)
    return path

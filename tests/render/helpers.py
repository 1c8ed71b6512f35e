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

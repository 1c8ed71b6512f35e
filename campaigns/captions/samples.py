"""Sample posts (one per kind and channel) to try the templates without a plan."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from campaigns.captions.templates import FIELDS, variants
from campaigns.config.load import WardCalendar
from campaigns.planning import DesiredPost


def sample_posts(cal: WardCalendar) -> list[DesiredPost]:
    items = [(cid, item) for cid, pool in cal.pools.items() for item in pool.items]
    slogan = next(((c, i) for c, i in items if i.kind == "slogan"), None)
    fact = next(((c, i) for c, i in items if i.kind == "fact"), None)
    peak = cal.config.peaks[0].name if cal.config.peaks else None
    event = cal.config.events[0].name if cal.config.events else None
    at = datetime.combine(cal.start, datetime.min.time(), tzinfo=cal.tz).astimezone(UTC)
    out = []
    for ch in cal.channels:
        for kind, chosen, pk, ev in (
            ("slogan", slogan, None, None),
            ("fact", fact, None, None),
            ("peak", slogan, peak, None),
            ("event", fact or slogan, peak, event),
        ):
            if chosen is None or (kind == "peak" and peak is None):
                continue
            if kind == "event" and event is None:
                continue
            cid, item = chosen
            out.append(
                DesiredPost(
                    f"sample|{ch.name}|{kind}", at, ch.name, cid, item.id, kind, item.text, pk, ev
                )
            )
    return out + _variants(cal, out)


def _variants(cal: WardCalendar, posts: list[DesiredPost]) -> list[DesiredPost]:
    """The samples again with each further caption variant a channel's templates have."""
    folder = cal.config.captions.folder
    where = str(cal.resolve(folder)) if folder else None
    extra = []
    for post in posts:
        channel = cal.channel(post.channel)
        kind = channel.type if channel is not None and channel.type in FIELDS else "outbox"
        count = max(len(variants(where, kind, f)) for f in FIELDS[kind])
        extra += [replace(post, variant=n) for n in range(1, count)]
    return extra

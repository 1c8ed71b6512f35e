"""Deterministic content rotation, per channel.

Items cycle in a fixed interleaved order (two slogans, one fact card, ...). An item whose
validity has passed (``until``: a target's deadline) is never picked after it, and an item
is picked only within its campaign's period (``spans``).

A promised slot (an event, a peak's day card) posts the first of its preferred items valid on
the day, even if the window used it: a ``prefer`` list is a promise. The window applies among
the others: other slots keep a promised item ``window_days`` away from the promise, before as
after it (a peak's own posts may show its day card's item).

Any other slot takes the first of its preferred items not used on that channel within
``window_days``, else the next item in the cycle that satisfies the window; when nothing does
(a window longer than the pool), the least recently used item. Posts already fixed in the
database (approved, edited, published) are fed in with ``use`` so new drafts rotate around them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from itertools import zip_longest

from campaigns.content.model import ContentItem, Pool, in_force


def cycle_order(pools: Sequence[Pool]) -> list[ContentItem]:
    slogans = [s for p in pools for s in p.slogans]
    facts = [f for p in pools for f in p.facts]
    mixed: list[ContentItem] = []
    # two slogans per fact keeps the official messages in front
    fact_iter = iter(facts)
    for a, b in zip_longest(slogans[::2], slogans[1::2]):
        mixed.extend(x for x in (a, b) if x is not None)
        fact = next(fact_iter, None)
        if fact is not None:
            mixed.append(fact)
    mixed.extend(fact_iter)
    return mixed


class Rotation:
    def __init__(
        self,
        items: Sequence[ContentItem],
        window_days: int,
        spans: Mapping[str, tuple[date, date]] | None = None,
    ) -> None:
        self._items = list(items)
        self._spans = dict(spans or {})  # item id -> its campaign's first and last day
        self._index = {item.id: i for i, item in enumerate(self._items)}
        self._window = window_days
        # channel -> item id -> last day used, as a day number (date.toordinal)
        self._last: dict[str, dict[str, int]] = {}
        self._cursor: dict[str, int] = {}
        # channel -> item id -> (day number, peak) of the promised slots that will post it
        self._promises: dict[str, dict[str, list[tuple[int, str | None]]]] = {}

    def use(self, channel: str, item_id: str, day: date) -> None:
        self._last.setdefault(channel, {})[item_id] = day.toordinal()
        if item_id in self._index:
            self._cursor[channel] = self._index[item_id] + 1

    def promised(self, day: date, prefer: Sequence[str], kind: str | None = None) -> str | None:
        """The item a promised slot on ``day`` posts: its first preferred item of ``kind``
        valid on the day (None: no preference can be kept, the slot rotates)."""
        for item_id in prefer:
            i = self._index.get(item_id)
            if i is not None and self._fits(i, day, kind):
                return item_id
        return None

    def promise(
        self,
        channel: str,
        day: date,
        prefer: Sequence[str],
        kind: str | None = None,
        peak: str | None = None,
    ) -> None:
        """Announce a promised slot before picking, so earlier slots keep its item away;
        ``peak``: a peak's day card, whose own peak's posts may use the item too."""
        item_id = self.promised(day, prefer, kind)
        if item_id is not None:
            days = self._promises.setdefault(channel, {}).setdefault(item_id, [])
            days.append((day.toordinal(), peak))

    def pick(
        self,
        channel: str,
        day: date,
        prefer: Sequence[str] = (),
        kind: str | None = None,
        *,
        promised: bool = False,
        peak: str | None = None,
    ) -> ContentItem | None:
        """The item for a slot (None when nothing is valid on ``day``); ``kind`` limits the
        choice (a peak-day card needs a slogan); ``promised`` keeps the first preference;
        ``peak``: the peak whose window the slot is in."""
        today = day.toordinal()
        last = self._last.setdefault(channel, {})
        promises = self._promises.get(channel, {})
        stale_before = today - self._window  # used on or before this day number: fresh again
        items, index = self._items, self._index

        def fresh(i: int) -> bool:
            item_id = items[i].id
            if last.get(item_id, stale_before) > stale_before:
                return False
            return not any(
                0 <= p - today < self._window and (owner is None or owner != peak)
                for p, owner in promises.get(item_id, ())
            )  # a peak's own posts may use the item its day card promises

        if promised and (kept := self.promised(day, prefer, kind)) is not None:
            return self._take(last, channel, index[kept], today, advance=False)
        for item_id in prefer:
            i = index.get(item_id)
            if i is not None and self._fits(i, day, kind) and fresh(i):
                return self._take(last, channel, i, today, advance=False)
        start, n = self._cursor.get(channel, 0), len(items)
        for step in range(n):
            i = (start + step) % n
            if self._fits(i, day, kind) and fresh(i):
                return self._take(last, channel, i, today, advance=True)
        candidates = [i for i in range(n) if self._fits(i, day, kind)]
        candidates = candidates or [i for i in range(n) if self._fits(i, day, None)]
        if not candidates:
            return None
        oldest = min(candidates, key=lambda i: (last.get(items[i].id, -1), i))
        return self._take(last, channel, oldest, today, advance=True)

    def _fits(self, i: int, day: date, kind: str | None) -> bool:
        item = self._items[i]
        span = self._spans.get(item.id)
        if span is not None and not span[0] <= day <= span[1]:
            return False
        return (kind is None or item.kind == kind) and in_force(item, day)

    def _take(
        self, last: dict[str, int], channel: str, i: int, today: int, *, advance: bool
    ) -> ContentItem:
        item = self._items[i]
        last[item.id] = today
        if advance:
            self._cursor[channel] = i + 1
        return item

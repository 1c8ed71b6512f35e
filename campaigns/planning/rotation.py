"""Deterministic content rotation, per channel.

Items cycle in a fixed interleaved order (two slogans, one fact card, ...). A slot takes the
first of its preferred items not used on that channel within ``window_days``, else the next
item in the cycle that satisfies the window; when nothing does (a window longer than the
pool), the least recently used item. The peak-day card takes its first preferred slogan even
if it was used within the window: the day itself matters more than variety. Posts already
fixed in the database (approved, edited, published) are fed in with ``use`` so new drafts
rotate around them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import zip_longest

from campaigns.content.model import ContentItem, Pool


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
    def __init__(self, items: Sequence[ContentItem], window_days: int) -> None:
        self._items = list(items)
        self._index = {item.id: i for i, item in enumerate(self._items)}
        self._window = window_days
        # channel -> item id -> last day used, as a day number (date.toordinal)
        self._last: dict[str, dict[str, int]] = {}
        self._cursor: dict[str, int] = {}

    def use(self, channel: str, item_id: str, day: date) -> None:
        self._last.setdefault(channel, {})[item_id] = day.toordinal()
        if item_id in self._index:
            self._cursor[channel] = self._index[item_id] + 1

    def pick(
        self, channel: str, day: date, prefer: Sequence[str] = (), kind: str | None = None
    ) -> ContentItem:
        """The item for a slot; ``kind`` limits the choice (a peak-day card needs a slogan)."""
        today = day.toordinal()
        last = self._last.setdefault(channel, {})
        stale_before = today - self._window  # used on or before this day number: fresh again
        items, index = self._items, self._index

        def fits(i: int) -> bool:
            return kind is None or items[i].kind == kind

        for item_id in prefer:
            i = index.get(item_id)
            if i is not None and fits(i) and last.get(item_id, stale_before) <= stale_before:
                return self._take(last, channel, i, today, advance=False)
        if kind is not None:
            # a card of a fixed kind (the peak-day card) repeats its first choice rather
            # than show something unrelated to the day
            for item_id in prefer:
                i = index.get(item_id)
                if i is not None and fits(i):
                    return self._take(last, channel, i, today, advance=False)
        start, n = self._cursor.get(channel, 0), len(items)
        for step in range(n):
            i = (start + step) % n
            if fits(i) and last.get(items[i].id, stale_before) <= stale_before:
                return self._take(last, channel, i, today, advance=True)
        candidates = [i for i in range(n) if fits(i)] or list(range(n))
        oldest = min(candidates, key=lambda i: (last.get(items[i].id, -1), i))
        return self._take(last, channel, oldest, today, advance=True)

    def _take(
        self, last: dict[str, int], channel: str, i: int, today: int, *, advance: bool
    ) -> ContentItem:
        item = self._items[i]
        last[item.id] = today
        if advance:
            self._cursor[channel] = i + 1
        return item

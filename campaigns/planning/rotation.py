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
        self._last: dict[str, dict[str, date]] = {}  # channel -> item id -> last day used
        self._cursor: dict[str, int] = {}

    def _fresh(self, channel: str, item_id: str, day: date) -> bool:
        last = self._last.get(channel, {}).get(item_id)
        return last is None or (day - last).days >= self._window

    def use(self, channel: str, item_id: str, day: date) -> None:
        self._last.setdefault(channel, {})[item_id] = day
        if item_id in self._index:
            self._cursor[channel] = self._index[item_id] + 1

    def pick(
        self, channel: str, day: date, prefer: Sequence[str] = (), kind: str | None = None
    ) -> ContentItem:
        """The item for a slot; ``kind`` limits the choice (a peak-day card needs a slogan)."""

        def fits(item_id: str) -> bool:
            return kind is None or self._items[self._index[item_id]].kind == kind

        for item_id in prefer:
            if item_id in self._index and fits(item_id) and self._fresh(channel, item_id, day):
                return self._take(channel, item_id, day, advance=False)
        if kind is not None:
            # a card of a fixed kind (the peak-day card) repeats its first choice rather
            # than show something unrelated to the day
            for item_id in prefer:
                if item_id in self._index and fits(item_id):
                    return self._take(channel, item_id, day, advance=False)
        start = self._cursor.get(channel, 0)
        n = len(self._items)
        for step in range(n):
            item = self._items[(start + step) % n]
            if fits(item.id) and self._fresh(channel, item.id, day):
                return self._take(channel, item.id, day, advance=True)
        used = self._last.get(channel, {})
        candidates = [i for i in self._items if fits(i.id)] or self._items
        oldest = min(candidates, key=lambda i: (used.get(i.id, date.min), self._index[i.id]))
        return self._take(channel, oldest.id, day, advance=True)

    def _take(self, channel: str, item_id: str, day: date, *, advance: bool) -> ContentItem:
        self._last.setdefault(channel, {})[item_id] = day
        if advance:
            self._cursor[channel] = self._index[item_id] + 1
        return self._items[self._index[item_id]]

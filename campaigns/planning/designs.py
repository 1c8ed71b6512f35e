"""Which design (layout and background) each planned post's card takes.

Per channel, in posting order, from the calendar's first day (so any sub-range gets the
same answer): each card kind steps through its designs (``designs_for``: the layout
changes at every step), skipping a design equal to the channel's previous post's and one
this content item already had on the channel within a year, so the same slogan does not
come back as the same image; when every design was used within the year (a pool smaller
than the year's repeats), the one this item had longest ago.

Each post also gets its caption variant: its number among the channel's posts, so the
channel's caption templates (``text.txt``, ``text.2.txt`` …) take turns.
"""

from __future__ import annotations

from datetime import date

from campaigns.render.designs import Design, card_kind, designs_for

YEAR = 365


class DesignChooser:
    def __init__(self, photos: tuple[str, ...] = ()) -> None:
        self._photos = photos
        self._choices: dict[str, list[Design]] = {}
        self._previous: dict[str, Design] = {}  # channel -> its last post's design
        self._cursor: dict[tuple[str, str], int] = {}  # (channel, card kind) -> next index
        # (channel, content id) -> design -> last day number it was used
        self._used: dict[tuple[str, str], dict[Design, int]] = {}
        self._count: dict[str, int] = {}  # channel -> posts planned so far

    def choose(
        self, channel: str, content_id: str, kind: str, peak: str | None, day: date
    ) -> tuple[str, int]:
        """The post's design and caption variant."""
        kind = card_kind(kind, peak)
        choices = self._choices.get(kind)
        if choices is None:
            choices = self._choices[kind] = designs_for(kind, self._photos)
        today, previous = day.toordinal(), self._previous.get(channel)
        used = self._used.setdefault((channel, content_id), {})
        start, n = self._cursor.get((channel, kind), 0), len(choices)
        order = [(start + step) % n for step in range(n)]
        allowed = [i for i in order if choices[i] != previous] or order
        fresh = [i for i in allowed if today - used.get(choices[i], -YEAR) >= YEAR]
        # ``min`` keeps the first of equals: the cycle's order
        pick = fresh[0] if fresh else min(allowed, key=lambda i: used.get(choices[i], -YEAR))
        design = choices[pick]
        self._cursor[channel, kind] = pick + 1
        self._previous[channel] = design
        used[design] = today
        variant = self._count.get(channel, 0)
        self._count[channel] = variant + 1
        return str(design), variant

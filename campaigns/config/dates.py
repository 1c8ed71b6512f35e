"""Events and blackouts as solar dates over a span: one-off solar ones as written, lunar ones
(``lunar``, ``lunar_from``/``lunar_to``) for every lunar year that touches the span. Planning,
``check``, the report and the TUI read them from here, so a lunar date obeys every rule a
solar one does."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from campaigns.config.model import Blackout, Calendar, Event
from campaigns.lunar import to_solar


@dataclass(frozen=True)
class DatedEvent:
    index: int  # position in [[events]] (of calendar.toml, or of the campaign's file)
    event: Event
    day: date
    name: str = ""  # the name that year ("Kỷ niệm N năm …"); empty: the event's
    campaign: str | None = None  # None: calendar.toml's own

    @property
    def title(self) -> str:
        return self.name or self.event.name


@dataclass(frozen=True)
class DatedBlackout:
    index: int  # position in [[blackouts]]
    blackout: Blackout
    start: date
    end: date


def _lunar_years(start: date, end: date) -> range:
    # a lunar year starts in January or February and ends in the next solar year
    return range(start.year - 1, end.year + 1)


def dated_events(cal: Calendar, start: date, end: date) -> list[DatedEvent]:
    """Every event day of calendar.toml from ``start`` to ``end`` inclusive, in date order."""
    return expand_events(cal.events, start, end)


def expand_events(events: Sequence[Event], start: date, end: date) -> list[DatedEvent]:
    """Every day of ``events`` from ``start`` to ``end`` inclusive, in date order."""
    out = []
    for i, ev in enumerate(events):
        if ev.lunar is None:
            days = [ev.date]
        else:
            days = [to_solar(*ev.lunar, year) for year in _lunar_years(start, end)]
        out += [DatedEvent(i, ev, d) for d in days if d is not None and start <= d <= end]
    return sorted(out, key=lambda e: (e.day, e.index))


def dated_blackouts(cal: Calendar, start: date, end: date) -> list[DatedBlackout]:
    """Every blackout span overlapping ``start``–``end`` (not cut to it), in date order;
    a reversed solar span is left out (the calendar's check refuses it)."""
    out = []
    for i, b in enumerate(cal.blackouts):
        spans: list[tuple[date | None, date | None]] = [(b.start, b.end)]
        if b.lunar_from is not None and b.lunar_to is not None:
            (fd, fm), (td, tm) = b.lunar_from, b.lunar_to
            wraps = (tm, td) < (fm, fd)  # e.g. 30/12 -> 6/1: Tết, across the lunar new year
            spans = [
                (to_solar(fd, fm, year - 1 if wraps else year), to_solar(td, tm, year))
                for year in _lunar_years(start, end)
            ]
        for first, last in spans:
            if first is None or last is None or last < first:
                continue
            if first <= end and last >= start:
                out.append(DatedBlackout(i, b, first, last))
    return sorted(out, key=lambda s: (s.start, s.index))

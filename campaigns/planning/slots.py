"""Expand the calendar into dated slots: regular posting times, peak windows, events.

Rules, in order, for each day of the period:
- a blackout day has no slot at all (blackouts win over peaks and events);
- inside a peak window every enabled channel gets ``posts_per_day`` posts at the peak's times
  (default: the earliest slot times); the first post on the peak date itself is the
  peak-day card; where windows overlap, the peak date belongs to its own peak (a month-long
  window never swallows another peak's card), other days to the earliest window;
- outside a window the regular slots apply, by weekday and optional channel list;
- an event adds its post at its time (default: the earliest slot time), replacing whatever
  that channel had at the same minute.
Lunar events and blackouts are their solar days for each year (campaigns.config.dates).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from campaigns.config.dates import dated_blackouts, dated_events
from campaigns.config.load import WardCalendar
from campaigns.config.model import Peak
from campaigns.timeutil import day_range, yearly


@dataclass(frozen=True, slots=True)
class Slot:
    channel: str
    at: datetime  # aware, in the ward's zone
    kind: str  # regular | peak | peak-day | event
    key: str  # stable identity: "<channel>|<local minute>", e.g. "zalo|2026-04-07T07:30"
    peak: str | None = None
    event: str | None = None
    prefer: tuple[str, ...] = ()


class _Keys:
    """Slot keys ("zalo|2026-04-07T07:30") for one day at a time, the date and the times
    formatted once rather than per channel."""

    def __init__(self) -> None:
        self._times: dict[time, str] = {}
        self._day = ""

    def day(self, day: date) -> None:
        self._day = day.isoformat()

    def __call__(self, channel: str, t: time) -> str:
        hhmm = self._times.get(t)
        if hhmm is None:
            hhmm = self._times[t] = f"{t.hour:02d}:{t.minute:02d}"
        return f"{channel}|{self._day}T{hhmm}"


@dataclass(frozen=True)
class _Window:
    peak: Peak
    day: date
    first: date
    last: date


def peak_windows(cal: WardCalendar, start: date, end: date) -> list[_Window]:
    out = []
    for year in range(start.year - 1, end.year + 2):
        for peak in cal.config.peaks:
            day = yearly(peak.date[0], peak.date[1], year)
            first = day - timedelta(days=peak.days_before)
            last = day + timedelta(days=peak.days_after)
            if last >= start and first <= end:
                out.append(_Window(peak, day, first, last))
    return sorted(out, key=lambda w: (w.first, w.day))


def expand_slots(cal: WardCalendar, start: date, end: date) -> list[Slot]:
    """Every slot from ``start`` to ``end`` inclusive, in time order, then channel order."""
    cfg = cal.config
    channels = [c.name for c in cal.channels]
    order = {name: i for i, name in enumerate(channels)}
    blackout = {
        d
        for b in dated_blackouts(cfg, start, end)
        for d in day_range(max(b.start, start), min(b.end, end))
    }
    windows_of: dict[date, list[_Window]] = {}
    for w in peak_windows(cal, start, end):
        for d in day_range(max(w.first, start), min(w.last, end)):
            windows_of.setdefault(d, []).append(w)
    slot_times = sorted({s.time for s in cfg.slots})
    events: dict[date, list[int]] = {}
    for dated in dated_events(cfg, start, end):
        events.setdefault(dated.day, []).append(dated.index)

    out: list[Slot] = []
    key = _Keys()
    for day in day_range(start, end):
        if day in blackout:
            continue
        key.day(day)
        by_key: dict[tuple[str, time], Slot] = {}
        windows = windows_of.get(day, [])
        # overlapping windows: the peak whose day this is governs it, and each peak of the
        # day keeps its card (one per posting time); otherwise the earliest window does
        cards = [w for w in windows if w.day == day]
        window = (cards or windows)[0] if windows else None
        if window is not None:
            times = sorted(window.peak.times or slot_times)[: window.peak.posts_per_day]
            for n, t in enumerate(times):
                card = cards[n] if n < len(cards) else None
                owner = (card or window).peak
                at = _at(cal, day, t)
                for ch in channels:
                    by_key[(ch, t)] = Slot(
                        ch, at, "peak-day" if card else "peak", key(ch, t), peak=owner.name,
                        prefer=tuple(owner.prefer),
                    )  # fmt: skip
        else:
            weekday = day.weekday()
            for s in cfg.slots:
                if weekday in s.weekdays:
                    at = _at(cal, day, s.time)
                    for ch in s.channels or channels:
                        if ch in order:
                            by_key[(ch, s.time)] = Slot(ch, at, "regular", key(ch, s.time))
        for i in events.get(day, []):
            ev = cfg.events[i]
            t = ev.time or slot_times[0]
            peak = window.peak.name if window else None
            for ch in ev.channels or channels:
                if ch in order:
                    by_key[(ch, t)] = Slot(
                        ch, _at(cal, day, t), "event", key(ch, t), peak=peak,
                        event=ev.name, prefer=tuple(ev.prefer),
                    )  # fmt: skip
        if len(by_key) > 1:
            out.extend(sorted(by_key.values(), key=lambda s: (s.at, order[s.channel])))
        else:
            out.extend(by_key.values())
    return out


def _at(cal: WardCalendar, day: date, t: time) -> datetime:
    return datetime.combine(day, t, tzinfo=cal.tz)

"""Expand the calendar into dated slots: regular posting times, peak windows, events.

Rules, in order, for each day of the period:
- a blackout day has no slot at all (blackouts win over peaks and events);
- a peak is calendar.toml's (over the calendar's period) or a campaign's (over its campaign's
  period only); inside a peak window every enabled channel gets ``posts_per_day`` posts at the
  peak's times (default: the earliest slot times); the first post on the peak date itself is
  the peak-day card; where windows overlap, the peak date belongs to its own peak (a
  month-long window never swallows another peak's card), other days to the earliest window;
  two peaks on one day (two campaigns') each get their card, at the next free posting time;
- outside a window the regular slots apply, by weekday and optional channel list;
- an event (calendar.toml's, or a campaign's within its period) adds its post at its time
  (default: the earliest slot time), replacing whatever that channel had at the same minute;
- a channel's daily cap (``max_posts_per_day``) keeps peak-day cards first, then events, then
  peak posts, then regular posts, earliest first.
Lunar events and blackouts are their solar days for each year (campaigns.config.dates).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from campaigns.config.dates import DatedEvent, dated_blackouts
from campaigns.config.load import PlannedPeak, WardCalendar
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
    peak: Peak  # named for its year ("Kỷ niệm N năm …" when it has an origin year)
    day: date
    first: date
    last: date
    campaign: str | None = None  # None: calendar.toml's own


def peak_windows(cal: WardCalendar, start: date, end: date) -> list[_Window]:
    """Peak windows overlapping ``start``–``end``; a campaign's are cut to its period, and
    kept only when their peak day is in it. The same peak (name for its year, day) brought
    by two campaigns is planned once, as the later-listed campaign has it (the anniversaries
    and this quarter's plan both list 3/2)."""
    found: dict[tuple[str, date], _Window] = {}
    for year in range(start.year - 1, end.year + 2):
        for planned in cal.peaks:
            window = _window(planned, year)
            if window is not None and window.last >= start and window.first <= end:
                found[window.peak.name, window.day] = window
    return sorted(found.values(), key=lambda w: (w.first, w.day))


def _window(planned: PlannedPeak, year: int) -> _Window | None:
    peak = planned.peak
    day = yearly(peak.date[0], peak.date[1], year)
    first = day - timedelta(days=peak.days_before)
    last = day + timedelta(days=peak.days_after)
    if planned.campaign is None:
        return _Window(peak, day, first, last)
    if not planned.start <= day <= planned.end:
        return None
    name = planned.name(day)
    if name != peak.name:
        peak = peak.model_copy(update={"name": name})
    first, last = max(first, planned.start), min(last, planned.end)
    return _Window(peak, day, first, last, planned.campaign)


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
    events: dict[date, list[DatedEvent]] = {}
    for dated in cal.dated_events(start, end):
        events.setdefault(dated.day, []).append(dated)

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
            times = _peak_times(window, cards, slot_times)
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
        for dated in events.get(day, []):
            ev = dated.event
            t = ev.time or slot_times[0]
            peak = window.peak.name if window else None
            for ch in ev.channels or channels:
                if ch in order:
                    by_key[(ch, t)] = Slot(
                        ch, _at(cal, day, t), "event", key(ch, t), peak=peak,
                        event=dated.title, prefer=tuple(ev.prefer),
                    )  # fmt: skip
        slots = _capped(cal, list(by_key.values()), channels)
        if len(slots) > 1:
            out.extend(sorted(slots, key=lambda s: (s.at, order[s.channel])))
        else:
            out.extend(slots)
    return out


def _peak_times(window: _Window, cards: list[_Window], slot_times: list[time]) -> list[time]:
    """The governing peak's times; when the day holds more peaks than those times, each
    further card takes the next free time of its own peak or of the regular slots."""
    times = sorted(window.peak.times or slot_times)[: window.peak.posts_per_day]
    spare = sorted({t for c in cards for t in c.peak.times or ()} | set(slot_times))
    spare = [t for t in spare if t not in times]
    while len(times) < len(cards) and spare:
        times.append(spare.pop(0))
    return sorted(times)


_RANK = {"peak-day": 0, "event": 1, "peak": 2, "regular": 3}


def _capped(cal: WardCalendar, slots: list[Slot], channels: list[str]) -> list[Slot]:
    """One day's slots within each channel's daily cap, the most important kept."""
    caps = {ch: cal.cap(ch) for ch in channels}
    if not any(caps.values()):
        return slots
    kept: list[Slot] = []
    for ch in channels:
        mine = [s for s in slots if s.channel == ch]
        cap = caps[ch]
        if cap is not None and len(mine) > cap:
            mine = sorted(mine, key=lambda s: (_RANK[s.kind], s.at))[:cap]
        kept += mine
    return kept


def _at(cal: WardCalendar, day: date, t: time) -> datetime:
    return datetime.combine(day, t, tzinfo=cal.tz)

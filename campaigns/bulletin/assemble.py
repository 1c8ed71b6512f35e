"""A loudspeaker bulletin ('bản tin') for one day and time, from the calendar's plan.

What it says, in order: the opening; the day's peak or anniversary (or one coming within
``around_days``, or a peak window the day is in); the events of the day and the next days;
the officer's own notices of the day; the slogans and facts planned that day on any channel
(then the nearest days' until ``items`` are found), grouped by campaign; the closing. Every
paragraph is spelled out for reading aloud (``campaigns.bulletin.speech``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta

from campaigns.bulletin.speech import (
    Speech,
    read_duration,
    read_int,
    read_time,
    reading_seconds,
)
from campaigns.config.dates import dated_blackouts
from campaigns.config.load import WardCalendar
from campaigns.content.model import Fact
from campaigns.planning import desired_posts
from campaigns.planning.slots import peak_windows
from campaigns.timeutil import day_range, fmt_date

WEEKDAY_NAMES = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


@dataclass(frozen=True)
class Bulletin:
    day: date
    at: time
    title: str  # spelled out, not read aloud: 'Bản tin sáu giờ sáng, thứ Ba, ngày …'
    paragraphs: tuple[str, ...]  # spelled out, read aloud
    pace: int  # words a minute
    seconds: float  # reading time at ``pace``

    @property
    def name(self) -> str:
        """The files' name: 'ban-tin-2026-04-07-0600'."""
        return f"ban-tin-{self.day.isoformat()}-{self.at:%H%M}"

    @property
    def spoken(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def duration_line(self) -> str:
        return (
            f"Thời lượng đọc: khoảng {read_duration(self.seconds)} "
            f"(đọc {read_int(self.pace)} tiếng mỗi phút)."
        )


@dataclass(frozen=True)
class Plan:
    """The bulletins of a range, the slots skipped and why, the unknown abbreviations."""

    bulletins: list[Bulletin]
    skipped: list[str]
    unknown: list[str]


def session(at: time) -> str:
    if at.hour < 11:
        return "sáng"
    if at.hour < 13:
        return "trưa"
    return "chiều" if at.hour < 18 else "tối"


def spoken_hour(at: time) -> str:
    """'sáu giờ sáng', 'năm giờ chiều' (17:00): how the radio says its time."""
    hour = at.hour - 12 if at.hour > 12 else at.hour
    return f"{read_time(hour, at.minute)} {session(at)}"


def spoken_date(day: date) -> str:
    return f"{WEEKDAY_NAMES[day.weekday()]}, ngày {day.day}/{day.month}/{day.year}"


def ward_name(cal: WardCalendar) -> str:
    """'phường Kiến An' inside a sentence ('Phường Kiến An' in the calendar)."""
    name = cal.config.ward.name
    first, _, rest = name.partition(" ")
    if first in ("Phường", "Xã", "Thị", "Đặc"):
        return f"{first.lower()} {rest}"
    return name


def speech_of(cal: WardCalendar) -> Speech:
    cfg = cal.config.bulletin
    return Speech(dict(cfg.abbreviations), cfg.document_numbers)


def unknown_abbreviations(cal: WardCalendar) -> list[str]:
    """All-caps words of the calendar's content, opening and closing, and peak and event
    names, that no abbreviation list reads: a bulletin would spell them letter by letter."""
    speech = speech_of(cal)
    cfg = cal.config
    texts = [cfg.bulletin.opening, cfg.bulletin.closing]
    texts += [c.short_title for c in cal.campaigns.values()]
    texts += [item.text for pool in cal.pools.values() for item in pool.items]
    texts += [p.peak.name for p in cal.peaks] + [e.name for e in cfg.events]
    for text in texts:
        speech(text)
    return sorted(speech.unknown)


def build(
    cal: WardCalendar,
    start: date,
    end: date,
    notices: Mapping[date, Sequence[str]] | None = None,
) -> Plan:
    """Every bulletin slot from ``start`` to ``end`` (``[bulletin]`` times and weekdays);
    a slot on a blackout day is skipped with a line saying so."""
    cfg = cal.config.bulletin
    notices = notices or {}
    speech = speech_of(cal)
    around = timedelta(days=cfg.around_days)
    blackout = {
        d: b.blackout.name
        for b in dated_blackouts(cal.config, start, end)
        for d in day_range(max(b.start, start), min(b.end, end))
    }
    planned = _planned_by_day(cal, start - around, end + around)
    bulletins, skipped = [], []
    for day in day_range(start, end):
        if day.weekday() not in cfg.weekdays:
            continue
        for at in sorted(cfg.times):
            if day in blackout:
                skipped.append(
                    f"Bỏ qua bản tin {at:%H:%M} ngày {fmt_date(day)}: ngày nghỉ "
                    f"'{blackout[day]}' (không đăng, không phát)."
                )
                continue
            bulletins.append(_bulletin(cal, speech, day, at, planned, notices.get(day, ())))
    return Plan(bulletins, skipped, sorted(speech.unknown))


def _planned_by_day(cal: WardCalendar, start: date, end: date) -> dict[date, list[str]]:
    """Content ids planned each day on any channel, in slot order, each once."""
    out: dict[date, list[str]] = {}
    for post in desired_posts(cal, start, end):
        ids = out.setdefault(post.slot_at.astimezone(cal.tz).date(), [])
        if post.content_id not in ids:
            ids.append(post.content_id)
    return out


def _bulletin(
    cal: WardCalendar,
    speech: Speech,
    day: date,
    at: time,
    planned: Mapping[date, list[str]],
    notices: Sequence[str],
) -> Bulletin:
    cfg = cal.config.bulletin
    fill = {"ward": ward_name(cal), "session": session(at), "date": spoken_date(day)}
    written = [cfg.opening.format(**fill)]
    written += _days(cal, day)
    written += [f"Thông báo: {_clean(n)}" for n in notices if _clean(n)]
    written += _content(cal, day, planned)
    written.append(cfg.closing.format(**fill))
    paragraphs = tuple(speech(p) for p in written)
    title = speech(f"Bản tin {spoken_hour(at)}, {spoken_date(day)}")
    seconds = reading_seconds(" ".join(paragraphs), cfg.pace)
    return Bulletin(day, at, title, paragraphs, cfg.pace, seconds)


def _days(cal: WardCalendar, day: date) -> list[str]:
    """The peaks and events of the day and the days just after it."""
    around = cal.config.bulletin.around_days
    out = []
    for w in peak_windows(cal, day, day + timedelta(days=around)):
        when = f"ngày {w.day.day}/{w.day.month}"
        if w.day == day:
            out.append(f"Hôm nay, {when}, là {w.peak.name}.")
        elif day < w.day:
            left = (w.day - day).days
            out.append(f"Còn {left} ngày nữa là đến {w.peak.name} ({when}).")
        elif w.first <= day <= w.last:
            out.append(f"Tiếp tục hưởng ứng {w.peak.name} ({when}).")
    for ev in cal.dated_events(day, day + timedelta(days=around)):
        when = {0: "Hôm nay", 1: "Ngày mai"}.get(
            (ev.day - day).days, f"Ngày {ev.day.day}/{ev.day.month}"
        )
        at = f", lúc {ev.event.time:%H:%M}" if ev.event.time else ""
        out.append(f"{when}{at}: {ev.title}.")
    return out


def _content(cal: WardCalendar, day: date, planned: Mapping[date, list[str]]) -> list[str]:
    """The slogans and facts of the day, then of the nearest days, grouped by campaign."""
    cfg = cal.config.bulletin
    ids: list[str] = []
    for offset in [0, *(s * n for n in range(1, cfg.around_days + 1) for s in (1, -1))]:
        for cid in planned.get(day + timedelta(days=offset), []):
            if cid not in ids and len(ids) < cfg.items:
                ids.append(cid)
    by_campaign: dict[str, list[str]] = {}
    for cid in ids:
        found = cal.item(cid)
        if found is None:
            continue
        campaign, item = found
        line = item.statement if isinstance(item, Fact) else f"Khẩu hiệu: “{item.text}”"
        by_campaign.setdefault(campaign, []).append(line)
    out = []
    for campaign, lines in by_campaign.items():
        out.append(f"Tiếp tục tuyên truyền {cal.campaigns[campaign].short_title}.")
        out += lines
    return out


_URL = re.compile(r"https?://\S+|www\.\S+|#\w+")


def _clean(text: str) -> str:
    """An own post's text as spoken: no links, hashtags, emoji or line breaks."""
    text = _URL.sub("", text)
    text = "".join(c for c in text if unicodedata.category(c) not in ("So", "Cs", "Co"))
    return " ".join(text.split())

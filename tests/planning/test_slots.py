"""Slot expansion: regular slots, peak windows, events and blackouts."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from campaigns.config import load_calendar
from campaigns.planning import desired_posts, expand_slots
from campaigns.planning.slots import peak_windows


def test_regular_slots_follow_weekdays_and_channel_lists(cal) -> None:
    # week of 2026-03-09 (Monday) has no peak, no event, no blackout
    slots = expand_slots(cal, date(2026, 3, 9), date(2026, 3, 15))
    by_day = Counter((s.at.strftime("%a %H:%M"), s.channel) for s in slots)
    assert by_day[("Mon 07:30", "facebook")] == 1
    assert by_day[("Wed 07:30", "website")] == 1
    assert by_day[("Sat 19:30", "zalo")] == 1
    assert ("Sat 19:30", "website") not in by_day  # the Saturday slot lists facebook, zalo
    assert ("Tue 07:30", "facebook") not in by_day
    assert all(s.kind == "regular" and s.at.utcoffset().total_seconds() == 7 * 3600 for s in slots)


def test_peak_window_has_posts_every_day_and_a_peak_day_card(cal) -> None:
    slots = expand_slots(cal, date(2026, 4, 3), date(2026, 4, 9))
    days = sorted({s.at.date() for s in slots if s.peak == "Ngày Sức khỏe toàn dân"})
    assert days == [date(2026, 4, d) for d in (4, 5, 6, 7, 8)]  # 3 before, 1 after
    on_the_day = [s for s in slots if s.at.date() == date(2026, 4, 7) and s.channel == "facebook"]
    assert [(s.at.strftime("%H:%M"), s.kind) for s in on_the_day] == [
        ("07:30", "peak-day"),
        ("19:30", "peak"),
    ]
    # a peak reaches every enabled channel, including those the regular slot skips
    assert {s.channel for s in slots if s.peak} == {"facebook", "zalo", "website"}


def test_blackout_wins_over_everything(cal) -> None:
    slots = expand_slots(cal, date(2026, 2, 14), date(2026, 2, 22))
    assert not [s for s in slots if date(2026, 2, 15) <= s.at.date() <= date(2026, 2, 21)]


def test_event_replaces_the_slot_at_its_time(cal) -> None:
    slots = expand_slots(cal, date(2026, 3, 20), date(2026, 3, 20))  # a Friday with an event
    kinds = {(s.channel, s.at.strftime("%H:%M")): s.kind for s in slots}
    assert kinds[("facebook", "08:00")] == "event"
    assert kinds[("facebook", "07:30")] == "regular"


def test_peak_window_crossing_new_year(calendar_file: Path) -> None:
    text = calendar_file.read_text(encoding="utf-8").replace(
        'date = "26/12"\ndays_before = 2', 'date = "26/12"\ndays_before = 2\ndays_after = 9'
    )
    calendar_file.write_text(text, encoding="utf-8")
    cal = load_calendar(calendar_file)
    windows = peak_windows(cal, date(2027, 1, 1), date(2027, 1, 10))
    assert [(w.first, w.last) for w in windows] == [(date(2026, 12, 24), date(2027, 1, 4))]


def test_leap_day_peak_falls_on_28_february(calendar_file: Path) -> None:
    text = calendar_file.read_text(encoding="utf-8").replace('"27/2"', '"29/2"')
    calendar_file.write_text(text, encoding="utf-8")
    cal = load_calendar(calendar_file)
    windows = {w.day for w in peak_windows(cal, date(2027, 1, 1), date(2028, 12, 31))}
    assert date(2027, 2, 28) in windows and date(2028, 2, 29) in windows


def test_period_clamps_the_plan(cal) -> None:
    assert desired_posts(cal, date(2031, 1, 1), date(2031, 12, 31)) == []
    first = desired_posts(cal, date(2025, 6, 1), date(2026, 1, 10))
    assert min(p.slot_at.date() for p in first) >= date(2026, 1, 1)

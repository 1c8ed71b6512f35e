"""Facts that expire and preferences that are promises: what the plan publishes over time."""

from __future__ import annotations

from datetime import date

from campaigns.config.load import WardCalendar
from campaigns.planning import DesiredPost, desired_posts


def _day(cal: WardCalendar, post: DesiredPost) -> date:
    return post.slot_at.astimezone(cal.tz).date()


def test_no_target_is_posted_after_its_deadline_over_five_years(cal: WardCalendar) -> None:
    items = {i.id: i for pool in cal.pools.values() for i in pool.items}
    assert items["bhyt-2026"].until == date(2026, 12, 31)  # "Đến năm 2026, ..."
    assert items["bac-si-2027"].until == date(2027, 12, 31)
    assert items["kham-suc-khoe"].until is None  # "Từ năm 2026": a start, not a deadline
    posts = desired_posts(cal, date(2026, 1, 1), date(2030, 12, 31))
    late = [
        (p.content_id, _day(cal, p))
        for p in posts
        if (until := items[p.content_id].until) is not None and _day(cal, p) > until
    ]
    assert late == []
    years = {(p.content_id, _day(cal, p).year) for p in posts}
    assert {("bhyt-2026", 2026), ("bac-si-2027", 2027), ("tuoi-tho-2030", 2030)} <= years


def test_every_event_posts_its_first_preference_even_if_the_window_used_it(make_cal) -> None:
    # a second event three days after the bundled one (20/3, prefer s02) wants s02 again
    cal = make_cal(
        '[[events]]\nname = "Ngày hội sức khỏe"\ndate = 2026-03-23\ntime = "08:00"\n'
        'prefer = ["s02", "s05"]\n'
    )
    posts = desired_posts(cal, date(2026, 1, 1), date(2026, 12, 31))
    for ev in cal.config.events:
        got = {p.channel: p.content_id for p in posts if p.event == ev.name}
        assert got == {c: ev.prefer[0] for c in ev.channels or [c.name for c in cal.channels]}
    # the window applies among the others: no other post shows s02 within 30 days of them
    window = cal.config.rotation.window_days
    near = [
        (p.channel, _day(cal, p))
        for p in posts
        if p.content_id == "s02" and p.event is None
        and any(abs((_day(cal, p) - ev.date).days) < window for ev in cal.config.events)
    ]  # fmt: skip
    assert near == []


def test_overlapping_peaks_each_keep_their_peak_day_card(make_cal) -> None:
    # a month-long window (26/3 – 25/4) around the 7/4 peak's own window
    cal = make_cal(
        '[[peaks]]\nname = "Tháng hành động vì sức khỏe"\ndate = "15/4"\ndays_before = 20\n'
        'days_after = 10\nposts_per_day = 1\nprefer = ["s05"]\n'
    )
    posts = desired_posts(cal, date(2026, 3, 20), date(2026, 4, 30))
    cards = [
        (_day(cal, p), p.peak, p.content_id)
        for p in posts
        if p.kind == "peak" and p.channel == "facebook"
    ]
    assert cards == [
        (date(2026, 4, 7), "Ngày Sức khỏe toàn dân", "s03"),
        (date(2026, 4, 15), "Tháng hành động vì sức khỏe", "s05"),
    ]

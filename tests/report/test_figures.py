"""The seeded quarter's report has exactly the figures the seed wrote."""

from __future__ import annotations

from datetime import date

from campaigns.config import load_calendar
from campaigns.report import build_report, parse_quarter, year
from campaigns.report.model import Tally
from campaigns.store.lifecycle import APPROVE, CLAIM, LIVE
from tests.report.seed import AS_OF, CALENDAR, PEAK, Seeded, add, local, seed_quarter


def test_totals(seeded: Seeded) -> None:
    r = build_report(seeded.store, seeded.cal, parse_quarter("2026-Q2"), AS_OF)
    assert r.totals == Tally(
        planned=7, published=3, failed=1, missed=1, cancelled=1, pending=1,
        reactions=150, comments=17, shares=30,
    )  # fmt: skip
    assert not r.empty


def test_per_channel(seeded: Seeded) -> None:
    r = build_report(seeded.store, seeded.cal, parse_quarter("2026-Q2"), AS_OF)
    got = {c.channel: (c.label, c.tally.planned, c.tally.published) for c in r.channels}
    assert got == {
        "facebook": ("Trang Facebook", 4, 2),
        "zalo": ("Zalo OA", 2, 1),
        "website": ("Trang thông tin điện tử", 1, 0),
    }
    assert [c.channel for c in r.channels] == ["facebook", "zalo", "website"]  # calendar order


def test_per_peak_and_content(seeded: Seeded) -> None:
    r = build_report(seeded.store, seeded.cal, parse_quarter("2026-Q2"), AS_OF)
    (peak,) = r.peaks
    assert (peak.name, peak.day) == (PEAK, date(2026, 4, 7))
    assert (peak.tally.planned, peak.tally.published, peak.tally.failed) == (3, 2, 1)
    assert [(c.content_id, c.published, c.channels) for c in r.contents] == [
        ("s03", 2, ("facebook", "zalo")),
        ("s09", 1, ("facebook",)),
    ]


def test_shortfalls_have_reasons(seeded: Seeded) -> None:
    r = build_report(seeded.store, seeded.cal, parse_quarter("2026-Q2"), AS_OF)
    got = [(s.post_id, s.status, s.reason) for s in r.shortfalls]
    ids = seeded.ids
    assert got == [
        (ids["web_peak"], "failed", "Trang web từ chối: ảnh quá lớn"),
        (ids["fb_missed"], "missed", "máy tắt, quá giờ đăng"),
        (ids["zalo_cancel"], "cancelled", "trùng lịch họp"),
        (ids["fb_waiting"], "approved", "đã duyệt nhưng chưa được đăng"),
    ]


def test_links_and_engagement_as_of(seeded: Seeded) -> None:
    r = build_report(seeded.store, seeded.cal, parse_quarter("2026-Q2"), AS_OF)
    assert [p.url for p in r.published] == [
        "https://www.facebook.com/100_1", "https://zalo.me/z1", "https://www.facebook.com/100_2",
    ]  # fmt: skip
    assert r.engagement_at == local(2026, 6, 30, 20)
    assert r.engagement_posts == 2
    # an earlier "as of" sees the earlier snapshot only
    early = build_report(seeded.store, seeded.cal, parse_quarter("2026-Q2"), local(2026, 6, 2))
    assert early.totals.reactions == 100 and early.engagement_posts == 1


def test_superseded_and_other_quarters_are_left_out(seeded: Seeded) -> None:
    r = build_report(seeded.store, seeded.cal, parse_quarter("2026-Q2"), AS_OF)
    ids = {row.id for row in r.rows}
    assert seeded.ids["fb_superseded"] not in ids
    assert seeded.ids["fb_next"] not in ids and seeded.ids["fb_before"] not in ids


def test_outlook_counts_next_quarter(seeded: Seeded) -> None:
    r = build_report(seeded.store, seeded.cal, parse_quarter("2026-Q2"), AS_OF)
    assert r.outlook.period == parse_quarter("2026-Q3")
    assert r.outlook.planned == 1 and r.outlook.by_channel == (("facebook", 1),)
    q1 = build_report(seeded.store, seeded.cal, parse_quarter("2026-Q1"), AS_OF)
    assert (PEAK, date(2026, 4, 7)) in q1.outlook.peaks


def test_whole_year(seeded: Seeded) -> None:
    r = build_report(seeded.store, seeded.cal, year(2026), AS_OF)
    assert r.totals.planned == 9 and r.totals.published == 4
    assert r.outlook.period == year(2027)


def test_empty_quarter(seeded: Seeded) -> None:
    r = build_report(seeded.store, seeded.cal, parse_quarter("2026-Q4"), AS_OF)
    assert r.empty and r.totals == Tally() and r.shortfalls == ()


def test_same_figures_on_every_database(any_store, clock) -> None:
    """SQLite and, where the server runs, PostgreSQL (migration 0002 included)."""
    cal = load_calendar(CALENDAR)
    seed_quarter(any_store, cal, clock)
    r = build_report(any_store, cal, parse_quarter("2026-Q2"), AS_OF)
    assert (r.totals.planned, r.totals.published, r.totals.reactions) == (7, 3, 150)
    assert r.engagement_at == local(2026, 6, 30, 20)
    assert len(r.shortfalls) == 4


def test_an_own_post_counts_for_its_channel_but_is_no_campaign_content(seeded: Seeded) -> None:
    store, u = seeded.store, seeded.cal.unit
    at = local(2026, 5, 20)
    pid = add(store, u, "facebook", at, "own", "own", "Mời bà con dự ngày hội", campaign="own")
    seeded.clock.now = at
    store.move(u, [pid], APPROVE, actor="cli:lan")
    store.move(u, [pid], CLAIM, actor="daemon:may-chu")
    store.move(u, [pid], LIVE, actor="daemon:may-chu", values={"external_id": "100_9"})
    r = build_report(store, seeded.cal, parse_quarter("2026-Q2"), AS_OF)
    assert (r.totals.planned, r.totals.published) == (8, 4)
    assert [c.content_id for c in r.contents] == ["s03", "s09"]

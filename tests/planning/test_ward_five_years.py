"""A ward's real five years: NQ72, the national anniversaries and an imported quarterly plan
("các ngày lễ lớn" for quý I/2027), planned together. The checks are written from the
calendar's data, not from the planner: no target after its year, every preference kept on
its day, every peak day's card on every channel, each campaign within its period."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest

from campaigns.config import load_calendar
from campaigns.config.dates import dated_blackouts
from campaigns.config.load import WardCalendar
from campaigns.content.model import Slogan
from campaigns.planning import DesiredPost, desired_posts
from tests.conftest import ROOT

PLAN = ROOT / "tests" / "data" / "quarterly" / "quy-1-2027.txt"


@pytest.fixture(scope="module")
def ward(tmp_path_factory: pytest.TempPathFactory) -> tuple[WardCalendar, list[DesiredPost]]:
    from campaigns.cli import main

    folder = tmp_path_factory.mktemp("ward")
    (folder / "campaigns").mkdir()
    text = (ROOT / "calendar.toml").read_text(encoding="utf-8")
    calendar = folder / "calendar.toml"
    calendar.write_text(
        text.replace(
            'campaigns = ["nq72"]',
            'campaigns = ["nq72", "ngay-le-lon", "quy-1-2027"]\ncampaign_dirs = ["campaigns"]',
        ),
        encoding="utf-8",
    )
    draft = folder / "campaigns" / "quy-1-2027.toml"
    assert (
        main(["--calendar", str(calendar), "campaign", "import", str(PLAN), "--out", str(draft)])
        == 0
    )
    assert main(["--calendar", str(calendar), "check"]) == 0
    cal = load_calendar(calendar)
    return cal, desired_posts(cal, date(2026, 1, 1), date(2030, 12, 31))


def _day(cal: WardCalendar, post: DesiredPost) -> date:
    return post.slot_at.astimezone(cal.tz).date()


def _blacked_out(cal: WardCalendar, day: date) -> bool:
    return bool(dated_blackouts(cal.config, day, day))


def test_the_imported_plan_brings_its_slogans_and_dates(ward) -> None:
    cal, posts = ward
    pool = cal.pools["quy-1-2027"]
    assert len([i for i in pool.items if isinstance(i, Slogan)]) == 6
    used = {p.content_id for p in posts if p.campaign == "quy-1-2027"}
    assert used and all(i.startswith("quy-1-2027-") for i in used)
    days = sorted(_day(cal, p) for p in posts if p.campaign == "quy-1-2027")
    assert date(2027, 1, 1) <= days[0] and days[-1] <= date(2027, 3, 31)


def test_no_target_is_posted_after_its_year(ward) -> None:
    cal, posts = ward
    until = {i.id: i.until for pool in cal.pools.values() for i in pool.items}
    late = [(p.content_id, _day(cal, p)) for p in posts
            if (u := until[p.content_id]) is not None and _day(cal, p) > u]  # fmt: skip
    assert late == []


def test_every_peak_day_has_its_card_on_every_channel(ward) -> None:
    """Each peak of calendar.toml and of each campaign, every year its campaign runs, unless
    Tết's blackout takes the day (check warns about that): a card per channel, once."""
    cal, posts = ward
    cards: dict[tuple[date, str], list[str]] = defaultdict(list)
    for p in posts:
        if p.kind == "peak" and p.peak is not None:
            cards[_day(cal, p), p.peak].append(p.channel)
    channels = sorted(c.name for c in cal.channels)
    expected = 0
    for planned in cal.peaks:
        for year in range(2026, 2031):
            day = date(year, planned.peak.date[1], planned.peak.date[0])
            if not planned.start <= day <= planned.end or _blacked_out(cal, day):
                continue
            expected += 1
            name = planned.name(day)
            assert sorted(cards.get((day, name), [])) == channels, (day, name)
    assert expected >= 5 * 3 + 5 * 9  # NQ72's three peaks and the anniversaries, each year
    # 3/2/2027 is in both the anniversaries and the quarterly plan: one card, not two
    party = "Kỷ niệm 97 năm Ngày thành lập Đảng Cộng sản Việt Nam (3/2/1930 – 3/2/2027)"
    assert sorted(cards[date(2027, 2, 3), party]) == channels
    # and it carries the plan's slogan that names the day (the draft promises it)
    (card,) = {p.content_id for p in posts if p.peak == party and p.kind == "peak"}
    assert cal.item(card)[1].text.startswith("Nhiệt liệt chào mừng 97 năm Ngày thành lập Đảng")


def test_every_preference_is_kept_on_its_day(ward) -> None:
    """A peak's day card and an event post show the first preferred item that is valid
    that day (its campaign running, its target not past, a slogan for a peak card)."""
    cal, posts = ward
    items = {i.id: (cid, i) for cid, pool in cal.pools.items() for i in pool.items}

    def first_valid(prefer: list[str], day: date, slogan_only: bool) -> str | None:
        for ref in prefer:
            cid, item = items[ref]
            campaign = cal.campaigns[cid]
            if not campaign.start <= day <= campaign.end:
                continue
            if item.until is not None and day > item.until:
                continue
            if slogan_only and not isinstance(item, Slogan):
                continue
            return ref
        return None

    checked = 0
    for p in posts:
        day = _day(cal, p)
        if p.kind == "peak":
            planned = next(pk for pk in cal.peaks if pk.name(day) == p.peak)
            want = first_valid(planned.peak.prefer, day, slogan_only=True)
        elif p.kind == "event":
            ev = next(e for e in cal.dated_events(day, day) if e.title == p.event)
            want = first_valid(ev.event.prefer, day, slogan_only=False)
        else:
            continue
        if want is not None:
            checked += 1
            assert p.content_id == want, (day, p.peak or p.event, p.channel)
    assert checked >= 5 * 3 * 3  # the three NQ72 peaks × five years × three channels, at least

"""Several campaigns planned together: each within its period, both peaks of a shared day
within the channel's daily cap, and the national anniversaries counted from their origin."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from campaigns.config import load_calendar
from campaigns.planning import desired_posts

CALENDAR = """\
campaigns = ["ca", "cb"]
campaign_dirs = ["campaigns"]

[ward]
id = "xa-mau"
name = "Xã Mẫu"
province = "Tỉnh Mẫu"
issuing_unit = "Đảng ủy xã Mẫu"

[period]
start = 2026-01-01
end = 2026-12-31

[rotation]
window_days = 7
max_posts_per_day = 2

[[slots]]
time = "07:30"
weekdays = ["T2", "T3", "T4", "T5", "T6"]

[[slots]]
time = "19:30"
weekdays = ["T6"]

[[events]]
name = "Hội nghị của phường"
date = 2026-05-15
time = "09:00"

[[channels]]
name = "bang-tin"
type = "outbox"
[channels.settings]
folder = "outbox"
"""


def _campaign(cid: str, start: str, end: str, peak: str) -> str:
    slogans = "".join(
        f'[[slogans]]\nid = "{cid}-s{n}"\ntext = "Khẩu hiệu {n} của {cid}"\nseeds = ["001"]\n'
        for n in range(1, 4)
    )
    return (
        f'id = "{cid}"\nname = "Chiến dịch {cid}"\ntitle = "Chiến dịch {cid}"\n'
        f'short_title = "{cid}"\nstart = {start}\nend = {end}\n[seeds]\n"001" = "Kế hoạch"\n'
        f'[[peaks]]\nname = "{peak}"\ndate = "15/5"\nprefer = ["{cid}-s2"]\nseeds = ["001"]\n'
        + slogans
    )


def _write(tmp_path: Path) -> Path:
    folder = tmp_path / "campaigns"
    folder.mkdir()
    (folder / "ca.toml").write_text(
        _campaign("ca", "2026-01-01", "2026-12-31", "Ngày của chiến dịch A"), encoding="utf-8"
    )
    (folder / "cb.toml").write_text(
        _campaign("cb", "2026-05-01", "2026-06-30", "Ngày của chiến dịch B"), encoding="utf-8"
    )
    path = tmp_path / "calendar.toml"
    path.write_text(CALENDAR, encoding="utf-8")
    return path


def test_a_shared_peak_day_gets_both_cards_within_the_cap(tmp_path: Path) -> None:
    cal = load_calendar(_write(tmp_path))
    day = [p for p in desired_posts(cal, date(2026, 5, 15), date(2026, 5, 15))]
    cards = {(p.peak, p.content_id) for p in day if p.kind == "peak"}
    assert cards == {("Ngày của chiến dịch A", "ca-s2"), ("Ngày của chiến dịch B", "cb-s2")}
    assert len(day) == 2  # the cap of 2 keeps both cards over the event and the 19:30 slot


def test_the_cap_holds_every_day(tmp_path: Path) -> None:
    cal = load_calendar(_write(tmp_path))
    per_day = Counter(p.slot_at.date() for p in desired_posts(cal, cal.start, cal.end))
    assert max(per_day.values()) == 2


def test_a_campaigns_items_stay_in_its_period(tmp_path: Path) -> None:
    cal = load_calendar(_write(tmp_path))
    posts = desired_posts(cal, cal.start, cal.end)
    days = sorted(p.slot_at.date() for p in posts if p.campaign == "cb")
    assert days and days[0] >= date(2026, 5, 1) and days[-1] <= date(2026, 6, 30)
    assert {p.campaign for p in posts if p.slot_at.month in (5, 6)} == {"ca", "cb"}


def test_anniversaries_count_their_years_over_five_years(calendar_file: Path) -> None:
    text = calendar_file.read_text(encoding="utf-8")
    calendar_file.write_text(
        text.replace('campaigns = ["nq72"]', 'campaigns = ["nq72", "ngay-le-lon"]'),
        encoding="utf-8",
    )
    cal = load_calendar(calendar_file)
    posts = desired_posts(cal, cal.start, cal.end)
    peaks = {(p.slot_at.date(), p.peak) for p in posts if p.kind == "peak"}
    for year in range(2026, 2031):
        n = year - 1890
        name = f"Kỷ niệm {n} năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 – 19/5/{year})"
        assert (date(year, 5, 19), name) in peaks
        n = year - 1945
        assert (
            date(year, 9, 2),
            f"Kỷ niệm {n} năm Ngày Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam "
            f"(2/9/1945 – 2/9/{year})",
        ) in peaks
    # no slogans of its own: its cards carry the ward's other campaign's slogans
    assert {p.campaign for p in posts if p.peak and "Kỷ niệm" in p.peak} == {"nq72"}
    # Giỗ Tổ Hùng Vương by lunar date (10/3 âm lịch): 26/4/2026, 16/4/2027
    events = {(p.slot_at.date(), p.event) for p in posts if p.kind == "event"}
    assert (date(2026, 4, 26), "Giỗ Tổ Hùng Vương") in events
    assert (date(2027, 4, 16), "Giỗ Tổ Hùng Vương") in events

"""The draft campaign file: what the importer found, in a file the campaign loader loads."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import campaigns.config  # noqa: F401  (the content loader is imported through it)
from campaigns.content.load import load_campaign
from campaigns.content.model import Campaign
from campaigns.importer import extract
from campaigns.importer.draft import draft_toml

PLAN = """KẾ HOẠCH
Tuyên truyền các ngày lễ lớn năm 2026
Khẩu hiệu tuyên truyền:
- Mừng Đảng, mừng Xuân!
IV. CÁC NGÀY KỶ NIỆM
- Ngày Thầy thuốc Việt Nam (27/2).
- Giỗ Tổ Hùng Vương (10/3 âm lịch).
- 23/5/2026: Hội thao phường Kiến An
"""


def loaded(text: str, tmp_path: Path, campaign_id: str = "kh-2026") -> tuple[str, Campaign]:
    draft = draft_toml(extract(text.splitlines()), campaign_id, "kh.txt")
    path = tmp_path / f"{campaign_id}.toml"
    path.write_text(draft, "utf-8")
    return draft, load_campaign(path)


def test_yearly_dated_and_lunar_dates_are_peaks_and_events(tmp_path: Path) -> None:
    draft, campaign = loaded(PLAN, tmp_path)
    assert [(p.name, p.day, p.month) for p in campaign.peaks] == [
        ("Ngày Thầy thuốc Việt Nam", 27, 2)
    ]
    events = {e.event.name: (e.event.date, e.event.lunar) for e in campaign.events}
    assert events == {
        "Giỗ Tổ Hùng Vương": (None, (10, 3)),
        "Hội thao phường Kiến An": (date(2026, 5, 23), None),
    }
    assert "CHƯA CHẮC" not in draft
    assert "# dòng 8" in draft  # the dated event cites its line


def test_a_dated_event_outside_the_period_stays_commented(tmp_path: Path) -> None:
    plan = PLAN.replace("23/5/2026", "23/5/2027").replace(
        "năm 2026", "năm 2026\nThời gian: từ 01/01/2026 đến 30/6/2026"
    )
    draft, campaign = loaded(plan, tmp_path)
    assert "# CHƯA CHẮC: ngày 23/05/2027 nằm ngoài thời gian của chiến dịch" in draft
    assert "# date = 2027-05-23" in draft
    assert [e.event.name for e in campaign.events] == ["Giỗ Tổ Hùng Vương"]


def test_a_plan_without_slogans_says_so_and_still_loads(tmp_path: Path) -> None:
    plan = "KẾ HOẠCH\nTuyên truyền năm 2026\n- Ngày Sức khỏe toàn dân (7/4).\n"
    draft, campaign = loaded(plan, tmp_path)
    assert "# Kế hoạch không có khẩu hiệu" in draft
    assert campaign.slogans == () and [p.name for p in campaign.peaks] == ["Ngày Sức khỏe toàn dân"]


def test_an_anniversary_is_written_with_its_origin_year_so_every_year_is_named_right(
    tmp_path: Path,
) -> None:
    plan = PLAN.replace(
        "- Ngày Thầy thuốc Việt Nam (27/2).",
        "- Kỷ niệm 96 năm Ngày thành lập Đảng Cộng sản Việt Nam (3/2/1930 – 3/2/2026).",
    ).replace(
        "- Mừng Đảng, mừng Xuân!",
        "- Mừng Đảng, mừng Xuân!\n- Mừng 96 năm Ngày thành lập Đảng Cộng sản Việt Nam!",
    )
    draft, campaign = loaded(plan, tmp_path)
    assert [(p.name, p.day, p.month, p.origin_year) for p in campaign.peaks] == [
        ("Ngày thành lập Đảng Cộng sản Việt Nam", 3, 2, 1930)
    ]
    # the day's card is promised to the slogan that names the day
    assert campaign.peaks[0].peak is not None and campaign.peaks[0].peak.prefer == ["kh-2026-s02"]
    assert "Kỷ niệm 96 năm" not in draft.split("[[peaks]]", 1)[1].split("\n[[", 1)[0]

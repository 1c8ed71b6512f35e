"""The bundled campaign reproduces the seed plans' wording exactly."""

from __future__ import annotations

import re
import unicodedata

import pytest

from campaigns.content.load import builtin_dir, load_campaign
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def nq72():
    return load_campaign(builtin_dir() / "nq72.toml")


def _numbered_messages(seed: str, heading: str) -> list[str]:
    files = list(SEEDS.glob(f"{seed}_*.txt"))
    if not files:
        pytest.skip(f"seed {seed} không có ở {SEEDS}")
    text = unicodedata.normalize("NFC", files[0].read_text(encoding="utf-8"))
    section = text[text.index(heading) :]
    # lines like "1. Một nước ...!" possibly wrapped over several lines (seed 002)
    items = re.findall(r"^(\d{1,2})\. (.+?!)", section, flags=re.M | re.S)
    return [" ".join(body.split()) for _, body in items][:14]


def test_twelve_national_slogans_match_seed_004_verbatim(nq72) -> None:
    national = [s.text for s in nq72.slogans if s.local_set is None]
    assert national == _numbered_messages("004", "IV. ĐỊNH HƯỚNG MỘT SỐ THÔNG ĐIỆP")[:12]


def test_seed_002_lists_the_same_twelve_plus_hai_phong(nq72) -> None:
    seed = _numbered_messages("002", "V. MỘT SỐ KHẨU HIỆU")
    ours = [s.text for s in nq72.slogans]

    def same(a: str, b: str) -> bool:  # 002 places some accents on the other vowel (khoẻ)
        return a.replace("oẻ", "ỏe") == b.replace("oẻ", "ỏe")

    assert len(seed) == 14
    assert all(same(a, b) for a, b in zip(seed, ours, strict=True))
    assert [s.local_set for s in nq72.slogans[12:]] == ["hai-phong", "hai-phong"]


def test_every_string_is_nfc_and_every_item_cites_a_known_seed(nq72) -> None:
    items = [*nq72.slogans, *nq72.facts, *nq72.documents]
    for item in items:
        for value in vars(item).values():
            if isinstance(value, str):
                assert unicodedata.is_normalized("NFC", value)
        assert set(item.seeds) <= set(nq72.seeds)
    assert {p.name for p in nq72.peaks} == {
        "Ngày Thầy thuốc Việt Nam",
        "Ngày Sức khỏe toàn dân",
        "Ngày Dân số Việt Nam",
    }


def test_fact_cards_and_cao_bang_overrides(nq72) -> None:
    facts = {f.id: f for f in nq72.facts}
    assert facts["bhyt-2026"].headline == "95%"
    assert facts["tuoi-tho-2030"].headline == "75,5 tuổi"
    cb = {f.id: f for f in nq72.pool("cao-bang").facts}
    assert (cb["bhyt-2026"].value, cb["bac-si-2027"].value) == ("97", "4")
    assert (cb["tuoi-tho-2030"].value, cb["nam-song-khoe-2030"].value) == ("75", "65")
    assert cb["bhyt-2026"].seeds == ("003",)


def test_a_second_campaign_is_a_data_file(tmp_path, calendar_file) -> None:
    from campaigns.config import load_calendar

    folder = tmp_path / "chien-dich"
    folder.mkdir()
    (folder / "tiem-chung.toml").write_text(
        """id = "tiem-chung"
name = "Tiêm chủng mở rộng"
title = "Chương trình tiêm chủng mở rộng"
short_title = "Tiêm chủng"
start = 2026-01-01
end = 2026-12-31
hashtags = ["#TiemChung"]
[seeds]
"004" = "Kế hoạch mẫu"
[[slogans]]
id = "tc01"
text = "Tiêm chủng đầy đủ - Bảo vệ trẻ em!"
seeds = ["004"]
""",
        encoding="utf-8",
    )
    text = calendar_file.read_text(encoding="utf-8").replace(
        'campaigns = ["nq72"]', 'campaigns = ["nq72", "tiem-chung"]\ncampaign_dirs = ["chien-dich"]'
    )
    moved = tmp_path / "calendar.toml"
    moved.write_text(text, encoding="utf-8")
    cal = load_calendar(moved)
    assert cal.item("tc01") is not None and cal.item("tc01")[0] == "tiem-chung"

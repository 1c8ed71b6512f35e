"""``loa campaign import``: drafts that ``loa check`` validates, JSON, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.importer.test_reading import PLAN, write_docx, write_pdf

PLANS = Path(__file__).resolve().parents[1] / "data" / "plans"
WITH_SLOGANS = ["002_7d4bd162351cd4da", "003_ef71ef29ce23bba5", "004_c0416dc937c530a2"]


@pytest.mark.parametrize("name", WITH_SLOGANS)
def test_the_draft_passes_loa_check(run_cli, calendar_file: Path, name: str) -> None:
    out = calendar_file.parent / "chien-dich" / "kh-nhap.toml"
    out.parent.mkdir()
    result = run_cli("campaign", "import", str(PLANS / f"{name}.txt"), "--out", str(out))
    assert result.code == 0, result.err
    assert "Đã viết" in result.out
    text = out.read_text("utf-8")
    assert "# dòng " in text
    calendar = calendar_file.read_text("utf-8").replace(
        'campaigns = ["nq72"]', 'campaigns = ["nq72", "kh-nhap"]\ncampaign_dirs = ["chien-dich"]'
    )
    calendar_file.write_text(calendar, "utf-8")
    checked = run_cli("check")
    assert checked.code == 0, checked.err


def test_json_prints_one_object(run_cli, tmp_path: Path) -> None:
    result = run_cli("campaign", "import", str(PLANS / "004_c0416dc937c530a2.txt"), "--json")
    assert result.code == 0, result.err
    got = json.loads(result.out)
    assert set(got) == {"issuer", "title", "period", "slogans", "dates"}
    assert got["period"] == {"from": None, "to": "2030-12-31"}
    assert len(got["slogans"]) == 12
    assert {"day": 27, "month": 2, "year": None, "name": "Ngày Thầy thuốc Việt Nam",
            "lunar": False} in got["dates"]  # fmt: skip
    assert [p.name for p in tmp_path.glob("*.toml")] == ["calendar.toml"]  # nothing written


def test_docx_and_pdf_plans_import_as_their_text_does(run_cli, tmp_path: Path) -> None:
    text = tmp_path / "kh.txt"
    text.write_text("\n".join(PLAN), "utf-8")
    results = [
        json.loads(run_cli("campaign", "import", str(path), "--json").out)
        for path in (
            text,
            write_docx(tmp_path / "kh.docx", PLAN),
            write_pdf(tmp_path / "kh.pdf", PLAN),
        )
    ]
    assert results[0] == results[1] == results[2]
    assert results[0]["slogans"] == [PLAN[3][2:], PLAN[4][2:]]
    assert results[0]["period"] == {"from": "2026-04-01", "to": "2026-06-30"}
    assert results[0]["title"] == "Kế hoạch tuyên truyền các ngày lễ lớn quý II năm 2026"


def test_unsure_items_are_commented_and_lunar_ones_are_events(run_cli, tmp_path: Path) -> None:
    plan = tmp_path / "kh.txt"
    long = " ".join(["tuyên truyền sâu rộng"] * 12)
    plan.write_text(
        "KẾ HOẠCH\ntuyên truyền các ngày lễ lớn năm 2026\n"
        "Khẩu hiệu tuyên truyền:\n- Mừng Đảng, mừng Xuân!\n"
        f"- {long}\nIV. CÁC NGÀY KỶ NIỆM\n- Giỗ Tổ Hùng Vương (10/3 âm lịch).\n",
        "utf-8",
    )
    out = tmp_path / "kh-2026.toml"
    assert run_cli("campaign", "import", str(plan), "--out", str(out)).code == 0
    text = out.read_text("utf-8")
    assert 'text = "Mừng Đảng, mừng Xuân!"' in text
    assert "# CHƯA CHẮC: dài 48 từ" in text
    assert "[[events]]  # dòng 7, âm lịch" in text
    assert 'name = "Giỗ Tổ Hùng Vương"\nlunar = "10/3"' in text
    assert "start = 2026-01-01  # dòng 2" in text


def test_out_is_never_overwritten_without_force(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "kh.toml"
    out.write_text("giữ nguyên", "utf-8")
    args = ("campaign", "import", str(PLANS / "002_7d4bd162351cd4da.txt"), "--out", str(out))
    refused = run_cli(*args)
    assert refused.code == 2
    assert "đã có; dùng --force" in refused.err
    assert out.read_text("utf-8") == "giữ nguyên"
    assert run_cli(*args, "--force").code == 0
    assert "[[slogans]]" in out.read_text("utf-8")


def _big(tmp_path: Path) -> Path:
    path = tmp_path / "lon.txt"
    with open(path, "wb") as f:
        f.truncate(50 * 1024 * 1024 + 1)
    return path


def _english(tmp_path: Path) -> Path:
    path = tmp_path / "plan.txt"
    path.write_text("PLAN\nSlogans:\n- Health is wealth!\n", "utf-8")
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: PLANS / "001_2e80b7daa3acf201.txt", "dùng --dates-only"),
        (lambda tmp: write_pdf(tmp / "kh.pdf", PLAN, password="x"), "có mật khẩu"),
        (lambda tmp: _scanned(tmp), "chỉ có hình ảnh (bản quét)"),
        (_big, "quá lớn"),
        (_english, "không phải văn bản tiếng Việt"),
    ],
    ids=["no-slogans", "encrypted", "scanned", "50mb", "not-vietnamese"],
)
def test_bad_plans_exit_2_with_one_line_and_write_nothing(run_cli, tmp_path, make, message):
    out = tmp_path / "kh-moi.toml"
    result = run_cli("campaign", "import", str(make(tmp_path)), "--out", str(out))
    assert result.code == 2
    assert message in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert "Traceback" not in result.err
    assert not out.exists()
    assert list(tmp_path.glob(".*.tmp")) == []


def _scanned(tmp: Path) -> Path:
    from PIL import Image

    path = tmp / "scan.pdf"
    Image.new("RGB", (200, 280), "white").save(path, "PDF")
    return path


def test_out_must_name_a_campaign_id(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "Kế hoạch.toml"
    result = run_cli(
        "campaign", "import", str(PLANS / "002_7d4bd162351cd4da.txt"), "--out", str(out)
    )
    assert result.code == 2
    assert "không dùng được làm mã chiến dịch" in result.err
    assert not out.exists()


def _with_campaign(calendar_file: Path, campaign_id: str) -> None:
    calendar = calendar_file.read_text("utf-8").replace(
        'campaigns = ["nq72"]',
        f'campaigns = ["nq72", "{campaign_id}"]\ncampaign_dirs = ["chien-dich"]',
    )
    calendar_file.write_text(calendar, "utf-8")


def test_dates_only_imports_a_plan_without_slogans(run_cli, calendar_file: Path) -> None:
    out = calendar_file.parent / "chien-dich" / "kh-ngay.toml"
    out.parent.mkdir()
    plan = str(PLANS / "001_2e80b7daa3acf201.txt")
    refused = run_cli("campaign", "import", plan, "--out", str(out))
    assert refused.code == 2 and "--dates-only" in refused.err
    assert not out.exists()
    result = run_cli("campaign", "import", plan, "--out", str(out), "--dates-only")
    assert result.code == 0, result.err
    text = out.read_text("utf-8")
    assert "# Kế hoạch không có khẩu hiệu" in text and "\n[[slogans]]" not in text
    assert 'name = "Ngày Sức khỏe toàn dân"\ndate = "7/4"' in text
    _with_campaign(calendar_file, "kh-ngay")
    checked = run_cli("check")
    assert checked.code == 0, checked.err
    assert "31/12/2026): 0 khẩu hiệu, 0 thẻ số liệu" in checked.out  # the campaign of dates is in


def _only_a_later_event(tmp: Path) -> Path:
    path = tmp / "kh.txt"
    path.write_text(
        "KẾ HOẠCH\nTuyên truyền năm 2026\nThời gian: từ 01/01/2026 đến 30/6/2026\n"
        "- 23/5/2027: Hội thao phường Kiến An\n",
        "utf-8",
    )
    return path


@pytest.mark.parametrize(
    "make",
    [lambda tmp: PLANS / "000_2a220468cd6d9774.txt", _only_a_later_event],
    ids=["nothing", "event-after-the-period"],
)
def test_dates_only_refuses_a_plan_with_nothing_to_post(run_cli, tmp_path: Path, make) -> None:
    out = tmp_path / "kh-rong.toml"
    plan = str(make(tmp_path))
    result = run_cli("campaign", "import", plan, "--out", str(out), "--dates-only")
    assert result.code == 2
    assert "không có gì để đăng; không viết gì" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert not out.exists()

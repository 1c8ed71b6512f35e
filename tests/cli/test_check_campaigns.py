"""``loa check`` shows each campaign with its period and warns when a day's peaks exceed
a channel's daily cap."""

from __future__ import annotations

from pathlib import Path

from tests.planning.test_campaigns_together import _write


def test_check_shows_campaign_periods_and_days_over_the_cap(tmp_path: Path, run_cli) -> None:
    path = _write(tmp_path)
    path.write_text(
        path.read_text(encoding="utf-8").replace("max_posts_per_day = 2", "max_posts_per_day = 1"),
        encoding="utf-8",
    )
    result = run_cli("check", calendar=path)
    assert result.code == 0, result.err
    out = " ".join(result.out.split())  # the console wraps long lines
    assert "Chiến dịch Chiến dịch ca (01/01/2026 – 31/12/2026): 3 khẩu hiệu" in out
    assert "Chiến dịch Chiến dịch cb (01/05/2026 – 30/06/2026): 3 khẩu hiệu" in out
    assert (
        "Ngày 15/05/2026 có 2 đợt cao điểm nhưng kênh 'bang-tin' chỉ đăng tối đa 1 bài một ngày"
    ) in out


def test_check_says_nothing_within_the_cap(tmp_path: Path, run_cli) -> None:
    out = " ".join(run_cli("check", calendar=_write(tmp_path)).out.split())
    assert "đợt cao điểm nhưng kênh" not in out


def test_a_campaign_event_in_a_blackout_is_warned_about(tmp_path: Path, run_cli) -> None:
    """calendar.toml's own event in a blackout is refused at load; a campaign's (Tết in an
    imported plan) is planned around, and check says it will not be posted."""
    path = _write(tmp_path)
    path.write_text(
        path.read_text(encoding="utf-8")
        + '\n[[blackouts]]\nname = "Tết Nguyên đán"\nlunar_from = "30/12"\nlunar_to = "6/1"\n',
        encoding="utf-8",
    )
    campaign = tmp_path / "campaigns" / "cb.toml"
    campaign.write_text(
        campaign.read_text(encoding="utf-8")
        .replace(
            "[[peaks]]",
            '[[events]]\nname = "Tết Bính Ngọ"\nlunar = "1/1"\nseeds = ["001"]\n\n[[peaks]]',
            1,
        )
        .replace("start = 2026-05-01", "start = 2026-01-01"),
        encoding="utf-8",
    )
    result = run_cli("check", calendar=path)
    assert result.code == 0, result.err
    out = " ".join(result.out.split())
    assert (
        "Thời gian nghỉ 'Tết Nguyên đán' (16/02/2026 – 22/02/2026) phủ sự kiện 'Tết Bính Ngọ' "
        "(của chiến dịch 'cb') ngày 17/02/2026: bài của sự kiện không được đăng."
    ) in out

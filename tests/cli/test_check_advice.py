"""What ``loa check`` says about content over time: expiries, overlapping peaks, promises."""

from __future__ import annotations


def test_check_says_when_targets_drop_out(run_cli) -> None:
    out = " ".join(run_cli("check").out.split())  # the console wraps long lines
    assert "Thẻ 'bhyt-2026' thôi đăng sau 31/12/2026." in out
    assert "Thẻ 'bac-si-2027' thôi đăng sau 31/12/2027." in out
    assert "'tuoi-tho-2030'" not in out  # valid to the period's end: nothing to say
    # the 27/2 peak prefers a 2027 target: from 2028 it cannot be used
    assert (
        "Cao điểm 'Ngày Thầy thuốc Việt Nam' ưu tiên 'bac-si-2027' nhưng nội dung này thôi "
        "đăng sau 31/12/2027: từ 27/02/2028 không dùng được."
    ) in out
    assert "trùng" not in out  # the bundled peaks do not overlap


def test_check_warns_about_overlaps_and_preferences_it_cannot_keep(make_cal, run_cli) -> None:
    cal = make_cal(
        '[[peaks]]\nname = "Tháng hành động vì sức khỏe"\ndate = "15/4"\ndays_before = 20\n'
        'days_after = 10\nposts_per_day = 1\nprefer = ["s05"]\n\n'
        '[[peaks]]\nname = "Ngày số liệu"\ndate = "1/6"\nprefer = ["tuoi-tho-2030"]\n\n'
        '[[events]]\nname = "Tổng kết bảo hiểm y tế"\ndate = 2028-05-05\nprefer = ["bhyt-2026"]\n'
    )
    result = run_cli("check", calendar=cal.path)
    assert result.code == 0
    out = " ".join(result.out.split())  # the console wraps long lines
    assert (
        "Đợt cao điểm 'Tháng hành động vì sức khỏe' (26/03/2026 – 25/04/2026) và "
        "'Ngày Sức khỏe toàn dân' (04/04/2026 – 08/04/2026) trùng 5 ngày: những ngày chung "
        "đăng theo đợt bắt đầu trước, ngày chính của mỗi đợt vẫn có thẻ riêng."
    ) in out
    assert out.count("trùng") == 1  # once per pair, not once a year
    assert (
        "Sự kiện 'Tổng kết bảo hiểm y tế' ưu tiên 'bhyt-2026' nhưng nội dung này thôi đăng "
        "sau 31/12/2026: từ 05/05/2028 không dùng được."
    ) in out
    assert (
        "Sự kiện 'Tổng kết bảo hiểm y tế' ngày 05/05/2028: không có nội dung ưu tiên nào "
        "dùng được, bài lấy nội dung theo vòng."
    ) in out
    # a peak-day card needs a slogan: a fact-only prefer list cannot be kept
    assert (
        "Cao điểm 'Ngày số liệu' ngày 01/06/2026: không có khẩu hiệu ưu tiên nào dùng được, "
        "bài lấy nội dung theo vòng."
    ) in out

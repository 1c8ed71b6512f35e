"""The dates a plan asks to publicise, and the many that it does not."""

from __future__ import annotations

from campaigns.importer import extract


def dates(text: str) -> list[tuple[int, int, int | None, str]]:
    return [(d.day, d.month, d.year, d.name) for d in extract(text.splitlines()).sure_dates()]


def test_anniversary_range_falls_on_the_second_date() -> None:
    plan = extract(
        ["- Kỷ niệm 97 năm Ngày thành lập Đảng Cộng sản Việt Nam (3/2/1930 – 3/2/2027);"]
    )
    (found,) = plan.dates
    assert (found.day, found.month, found.year, found.origin_year) == (3, 2, 2027, 1930)
    assert found.name == "Kỷ niệm 97 năm Ngày thành lập Đảng Cộng sản Việt Nam"


def test_a_historic_date_recurs_every_year() -> None:
    text = "Hà Nội, ngày 05 tháng 01 năm 2026\nTuyên truyền Ngày sinh Bác Hồ (19/5/1890)."
    (found,) = extract(text.splitlines()).dates
    assert (found.day, found.month, found.year, found.origin_year) == (19, 5, None, 1890)


def test_kỷ_niệm_n_năm_is_computed_from_the_origin_year() -> None:
    text = "Ngày 05/01/2026\n- Kỷ niệm 136 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890)."
    assert dates(text) == [(19, 5, 2026, "Kỷ niệm 136 năm Ngày sinh Chủ tịch Hồ Chí Minh")]


def test_hyphen_and_list_forms_at_the_start_of_a_line() -> None:
    text = "- Ngày 23-5: Ngày Sách và Văn hóa đọc Việt Nam\n- 03,04/4: Hội thao phường"
    assert dates(text) == [
        (23, 5, None, "Ngày Sách và Văn hóa đọc Việt Nam"),
        (3, 4, None, "Hội thao phường"),
        (4, 4, None, "Hội thao phường"),
    ]


def test_lunar_dates_are_flagged_not_converted() -> None:
    (found,) = extract(["- Giỗ Tổ Hùng Vương (10/3 âm lịch)."]).dates
    assert (found.day, found.month, found.lunar, found.name) == (10, 3, True, "Giỗ Tổ Hùng Vương")


def test_named_days_in_parentheses_and_quoted_before_vào_ngày() -> None:
    text = (
        "các ngày lễ như: Ngày Thầy thuốc Việt Nam (27/2), Ngày Dân số Việt Nam (26/12).\n"
        "Phát động “Ngày Sức khỏe toàn dân” vào ngày 7/4 hằng năm."
    )
    assert dates(text) == [
        (27, 2, None, "Ngày Thầy thuốc Việt Nam"),
        (26, 12, None, "Ngày Dân số Việt Nam"),
        (7, 4, None, "Ngày Sức khỏe toàn dân"),
    ]


def test_own_date_cited_documents_meetings_deadlines_and_numbers_are_not_events() -> None:
    text = """Hà Nội, ngày 15/01/2026
Thực hiện Nghị quyết số 72-NQ/TW ngày 09/9/2025 của Bộ Chính trị (Nghị quyết 72, 09/9/2025);
Kế hoạch số 40-KH/TU (15/12/2025) của Tỉnh ủy.
Hội nghị toàn quốc quán triệt 4 nghị quyết của Bộ Chính trị ngày 16/9/2025.
- 30/6: Các đơn vị báo cáo kết quả về Ban Tuyên giáo.
Mỗi trạm y tế có từ 4-5 bác sĩ; trẻ em từ 1-18 tuổi; giai đoạn 2021 - 2030."""
    assert dates(text) == []


def test_dates_carry_their_source_line() -> None:
    text = "Mở đầu\n\nTập trung tuyên truyền vào các dịp\n\nnhư Ngày Thầy thuốc Việt Nam (27/2)."
    (found,) = extract(text.splitlines()).dates
    assert found.line == 5


def test_a_name_followed_directly_by_its_date() -> None:
    text = "- Kỷ niệm 96 năm Ngày thành lập Đoàn TNCS Hồ Chí Minh 26/3/1931 - 26/3/2027;"
    assert dates(text) == [(26, 3, 2027, "Kỷ niệm 96 năm Ngày thành lập Đoàn TNCS Hồ Chí Minh")]


def test_a_window_of_days_is_kept_aside_with_the_reason() -> None:
    (found,) = extract(["- Tháng hành động phòng chống ma túy (01/6 - 30/6)."]).dates
    assert (found.day, found.month, found.name) == (1, 6, "Tháng hành động phòng chống ma túy")
    assert found.doubt == "cả khoảng 01/6–30/6: tệp chiến dịch chỉ ghi một ngày"

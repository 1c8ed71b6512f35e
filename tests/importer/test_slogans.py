"""Slogan sections in every form real plans use."""

from __future__ import annotations

import unicodedata

import pytest

from campaigns.importer import extract


def slogans(text: str) -> list[str]:
    return [s.text for s in extract(text.splitlines()).sure_slogans()]


@pytest.mark.parametrize("bullet", ["-", "+", "•"])
def test_bulleted_list_under_a_header(bullet: str) -> None:
    text = f"""Khẩu hiệu tuyên truyền:
{bullet} Sức khỏe là vốn quý nhất!
{bullet} “Sống xanh - sống lành - sống khỏe!”
IV. TỔ CHỨC THỰC HIỆN
{bullet} Chỉ đạo các cơ quan triển khai."""
    assert slogans(text) == ["Sức khỏe là vốn quý nhất!", "Sống xanh - sống lành - sống khỏe!"]


def test_numbered_list_one_to_ten_wrapped_over_lines() -> None:
    items = "\n\n".join(f"{n}. Khẩu hiệu số {n} vì sức khỏe\n\nNhân dân!" for n in range(1, 11))
    text = f"V. MỘT SỐ KHẨU HIỆU TUYÊN TRUYỀN\n\n{items}\n\nNơi nhận:\n- Như trên,"
    assert slogans(text) == [f"Khẩu hiệu số {n} vì sức khỏe Nhân dân!" for n in range(1, 11)]


def test_inline_numbered_slogans() -> None:
    text = (
        "Một số khẩu hiệu tuyên truyền: (1) Phòng bệnh hơn chữa bệnh!; (2) Vì sức khỏe cộng đồng!"
    )
    assert slogans(text) == ["Phòng bệnh hơn chữa bệnh!", "Vì sức khỏe cộng đồng!"]


def test_prose_separated_by_semicolons() -> None:
    text = "Nội dung khẩu hiệu:\nToàn dân tham gia bảo hiểm y tế; Sức khỏe là vàng;\nHết."
    assert slogans(text) == ["Toàn dân tham gia bảo hiểm y tế", "Sức khỏe là vàng"]


def test_text_is_nfc_and_quotes_inside_are_kept() -> None:
    decomposed = unicodedata.normalize("NFD", "Hải Phòng xây dựng “Thành phố khỏe”!")
    found = slogans(f"Khẩu hiệu tuyên truyền:\n- {decomposed}")
    assert found == ["Hải Phòng xây dựng “Thành phố khỏe”!"]
    assert unicodedata.is_normalized("NFC", found[0])


def test_a_list_ends_at_an_item_out_of_sequence_or_of_another_kind() -> None:
    text = """3. Khẩu hiệu tuyên truyền
- Vì một Việt Nam khỏe mạnh!
4. Tổ chức thực hiện các nội dung trên."""
    assert slogans(text) == ["Vì một Việt Nam khỏe mạnh!"]


def test_slogans_carry_the_line_they_start_on() -> None:
    text = "Đầu\n\nKhẩu hiệu tuyên truyền:\n\n1. Một\n\nhai!\n\n2. Ba bốn năm!"
    found = extract(text.splitlines()).slogans
    assert [(s.text, s.line) for s in found] == [("Một hai!", 5), ("Ba bốn năm!", 9)]


def test_a_very_long_item_is_kept_aside_with_the_reason() -> None:
    long = " ".join(["tuyên truyền"] * 20) + "."
    plan = extract(["Khẩu hiệu tuyên truyền:", f"- {long}", "- Ngắn gọn thôi!"])
    assert [s.text for s in plan.sure_slogans()] == ["Ngắn gọn thôi!"]
    assert plan.slogans[0].doubt is not None and "40 từ" in plan.slogans[0].doubt


def test_quoted_movement_names_outside_a_slogan_section_are_not_slogans() -> None:
    text = "Gắn với phong trào “Mỗi người dân khỏe mạnh - Cả nước vững mạnh”."
    assert slogans(text) == []


def test_a_section_heading_then_a_slogan_header_reads_the_list_under_both() -> None:
    text = """III. KHẨU HIỆU TUYÊN TRUYỀN
Khẩu hiệu tuyên truyền:
1. Đảng Cộng sản Việt Nam quang vinh muôn năm!
2. Thầy thuốc như mẹ hiền!
IV. TỔ CHỨC THỰC HIỆN"""
    assert slogans(text) == [
        "Đảng Cộng sản Việt Nam quang vinh muôn năm!",
        "Thầy thuốc như mẹ hiền!",
    ]

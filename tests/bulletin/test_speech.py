"""Spelling out for reading aloud: the issue's examples and the Vietnamese number rules."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from campaigns.bulletin.speech import (
    Speech,
    read_duration,
    read_int,
    reading_seconds,
    roman,
    words,
)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("95%", "chín mươi lăm phần trăm"),
        ("4-5 bác sĩ", "bốn đến năm bác sĩ"),
        ("4–5 bác sĩ", "bốn đến năm bác sĩ"),
        ("7/4", "ngày bảy tháng tư"),
        ("ngày 7/4", "ngày bảy tháng tư"),
        ("BHYT", "bảo hiểm y tế"),
        ("72-NQ/TW", "bảy mươi hai, en quy trên tê vê kép"),
        ("27/2/2027", "ngày hai mươi bảy tháng hai năm hai nghìn không trăm hai mươi bảy"),
        (
            "3/2/1930 – 3/2/2027",
            "ngày ba tháng hai năm một nghìn chín trăm ba mươi đến "
            "ngày ba tháng hai năm hai nghìn không trăm hai mươi bảy",
        ),
        ("3,5", "ba phẩy năm"),
        ("75,5 tuổi", "bảy mươi lăm phẩy năm tuổi"),
        ("1,05", "một phẩy không năm"),
        ("1.250.000 đồng", "một triệu hai trăm năm mươi nghìn đồng"),
        ("07:30", "bảy giờ ba mươi phút"),
        ("08:00", "tám giờ"),
        ("8h30 và 19h", "tám giờ ba mươi phút và mười chín giờ"),
        ("0225.3876.543", "không hai hai năm, ba tám bảy sáu, năm bốn ba"),
        ("gọi 0912 345 678.", "gọi không chín một hai, ba bốn năm, sáu bảy tám."),
        ("tháng 12/2025", "tháng mười hai năm hai nghìn không trăm hai mươi lăm"),
        ("1,5cm", "một phẩy năm xăng-ti-mét"),
        ("từ 1-18 tuổi", "từ một đến mười tám tuổi"),
        ("4%-5%", "bốn phần trăm đến năm phần trăm"),
        ("2026 - 2030", "hai nghìn không trăm hai mươi sáu đến hai nghìn không trăm ba mươi"),
        ("1 lần/năm", "một lần mỗi năm"),
        ("Quý IV, thứ 2, thứ 4", "Quý tư, thứ hai, thứ tư"),
        ("UBND, HĐND và MTTQ", "Ủy ban nhân dân, Hội đồng nhân dân và Mặt trận Tổ quốc"),
        ("TP. Hải Phòng, v.v.", "thành phố Hải Phòng, vân vân"),
        ("THÔNG BÁO KHẨN", "thông báo khẩn"),
        ("Sống xanh - sống lành", "Sống xanh, sống lành"),
    ],
)
def test_spelled_out(written: str, spoken: str) -> None:
    speech = Speech()
    assert speech(written) == spoken
    assert not speech.unknown


@pytest.mark.parametrize(
    ("n", "spoken"),
    [
        (0, "không"),
        (10, "mười"),
        (11, "mười một"),
        (15, "mười lăm"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (101, "một trăm linh một"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (1005, "một nghìn không trăm linh năm"),
        (2027, "hai nghìn không trăm hai mươi bảy"),
        (1_000_050, "một triệu không trăm năm mươi"),
        (2_000_000_000, "hai tỷ"),
        (1_000_000_000_000, "một nghìn tỷ"),
    ],
)
def test_integers(n: int, spoken: str) -> None:
    assert read_int(n) == spoken


def test_document_number_styles() -> None:
    text = "Nghị quyết số 72-NQ/TW và 07-CTr/TU"
    assert Speech(document_numbers="number")(text) == "Nghị quyết số bảy mươi hai và bảy"
    assert Speech(document_numbers="expand")(text) == (
        "Nghị quyết số bảy mươi hai, Nghị quyết trên Trung ương và bảy, Chương trình trên Tỉnh ủy"
    )
    assert Speech(document_numbers="keep")(text) == (
        "Nghị quyết số bảy mươi hai, NQ trên TW và bảy, CTr trên TU"
    )
    assert Speech()("145/2013/NĐ-CP") == (
        "một trăm bốn mươi lăm trên hai nghìn không trăm mười ba, en đê xê pê"
    )


def test_unknown_abbreviation_is_spelled_and_named() -> None:
    speech = Speech()
    assert speech("Họp HTX lúc 8 giờ") == "Họp hát tê ích lúc tám giờ"
    assert speech.unknown == {"HTX"}


def test_the_ward_reads_its_own_abbreviations() -> None:
    speech = Speech({"HTX": "hợp tác xã", "BHYT": "thẻ bảo hiểm"})
    assert speech("HTX và BHYT") == "hợp tác xã và thẻ bảo hiểm"
    assert not speech.unknown


def test_roman_numerals() -> None:
    assert [roman(r) for r in ("I", "IV", "IX", "XIII", "MMXXVI")] == [1, 4, 9, 13, 2026]
    assert roman("IIII") is None and roman("ABC") is None


def test_reading_time() -> None:
    assert words("một hai, ba.") == 3
    assert reading_seconds("một hai, ba.", 60) == 3 + 2 * 0.5
    assert read_duration(135) == "hai phút mười lăm giây"
    assert read_duration(120) == "hai phút"
    assert read_duration(9) == "chín giây"


_PIECES = st.sampled_from(
    ["7/4", "27/2/2027", "12/2025", "95%", "4-5", "3,5", "1.250.000", "07:30", "72-NQ/TW",
     "BHYT", "HTX", "TP.", "v.v.", "Quý IV", "thứ 4", "cm", "-", "–", "/", "%", ",", ".", ":",
     " ", "ngày", "tháng", "năm", "KHẨU HIỆU", "0", "00", "31/02", "99:99", "１２"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.integers(0, 10**15).map(str), st.text(max_size=4))))
def test_no_digit_or_percent_survives(pieces: list[str]) -> None:
    spoken = Speech()("".join(pieces))
    assert not re.search(r"\d|%", spoken), spoken

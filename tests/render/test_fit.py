from __future__ import annotations

import pytest

from campaigns.render.fit import fit
from campaigns.render.words import units

BOX = (80, 200, 1000, 1000)


def test_a_lone_dash_stays_with_the_word_before_it() -> None:
    assert units("Sống xanh - sống lành - sống khỏe!") == (
        "Sống",
        "xanh -",
        "sống",
        "lành -",
        "sống",
        "khỏe!",
    )


def test_breaks_prefer_the_slogan_separators() -> None:
    block = fit("Sống xanh - sống lành - sống khỏe!", BOX, "extrabold", max_size=120, readable=30)
    assert block.lines == ("Sống xanh -", "sống lành -", "sống khỏe!")


def test_the_wording_is_kept_exactly() -> None:
    text = "Y tế dự phòng là then chốt - Y tế cơ sở là nền tảng - Nhân dân là trung tâm!"
    block = fit(text, BOX, "extrabold", max_size=120, readable=30)
    assert " ".join(block.lines) == text


@pytest.mark.parametrize("width", [420, 500, 600, 750, 900])
def test_no_single_orphan_word_on_the_last_line(width: int) -> None:
    text = "Đầu tư cho y tế là đầu tư cho phát triển bền vững!"
    block = fit(text, (0, 0, width, 2000), "bold", max_size=90, readable=10)
    assert len(block.lines[-1].split()) > 1


@pytest.mark.parametrize("box", [(0, 0, 200, 60), (10, 10, 700, 120), (0, 0, 1000, 900)])
def test_the_ink_never_leaves_the_box(box: tuple[int, int, int, int]) -> None:
    text = "Ăn sạch, sống xanh - Cho tương lai Việt Nam khỏe mạnh!"
    block = fit(text, box, "extrabold", max_size=200, readable=10)
    assert box[0] <= block.ink[0] and box[1] <= block.ink[1]
    assert block.ink[2] <= box[2] and block.ink[3] <= box[3]


def test_text_that_cannot_be_readable_is_flagged() -> None:
    text = "Sức khỏe là tài sản quý giá nhất - Hãy chủ động bảo vệ sức khỏe ngay từ hôm nay!"
    block = fit(text, (0, 0, 300, 60), "bold", max_size=80, readable=30)
    assert block.shrunk

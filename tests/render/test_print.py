from __future__ import annotations

import pytest

from campaigns.cli import main
from campaigns.render.content import card_for
from campaigns.render.printing import POSTERS, banner_format, draw_banner, render_print
from campaigns.render.theme import theme_of
from tests.conftest import CALENDAR
from tests.render.helpers import all_items, post_for


def _card(cal, item_id="s02"):
    item = next(i for i in all_items(cal) if i.id == item_id)
    return card_for(cal, post_for(cal, item))


def test_posters_are_a4_and_a3_at_300_dpi() -> None:
    assert [f.pixels for f in POSTERS] == [(2480, 3508), (3508, 4961)]


def test_banner_states_its_size() -> None:
    f = banner_format(5, 0.8)
    assert f.name == "bang-ron-500x80cm" and f.label == "băng rôn 5 × 0,8 m, 60 dpi"
    assert f.pixels == (11811, 1890)


def test_pdf_is_deterministic_and_has_the_physical_page_size(cal) -> None:
    a4 = POSTERS[0]
    first, shrunk = render_print(_card(cal), a4, theme_of(cal))
    second, _ = render_print(_card(cal), a4, theme_of(cal))
    assert first == second and first.startswith(b"%PDF") and not shrunk
    # 210 mm = 595.3 pt
    assert b"/MediaBox [ 0 0 595.2" in first


@pytest.mark.parametrize("item_id", ["s02", "s06", "s07", "hp14"])
def test_banner_slogan_fits_and_stays_readable(cal, item_id) -> None:
    width, height = banner_format(5, 0.8).pixels
    image, shrunk = draw_banner(_card(cal, item_id), width // 4, height // 4, theme_of(cal))
    assert not shrunk and image.size == (width // 4, height // 4)


def test_loa_print_writes_one_pdf_per_size(tmp_path, capsys) -> None:
    code = main(
        [
            "--calendar",
            str(CALENDAR),
            "print",
            "--out",
            str(tmp_path),
            "--content",
            "s07",
            "--banner",
            "3x0.6",
        ]
    )
    assert code == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["s07-a3.pdf", "s07-a4.pdf", "s07-bang-ron-300x60cm.pdf"]
    assert "băng rôn 3 × 0,6 m" in capsys.readouterr().out


def test_loa_print_refuses_an_unknown_slogan(tmp_path, capsys) -> None:
    assert (
        main(["--calendar", str(CALENDAR), "print", "--out", str(tmp_path), "--content", "x9"]) == 2
    )
    assert "x9" in capsys.readouterr().err

"""Theme presets and the WCAG contrast that ``loa check`` reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from campaigns.config import load_calendar
from campaigns.config.themes import PRESETS, contrast, luminance, rgb_of
from campaigns.render.contrast import pairs
from campaigns.render.theme import theme_of


def _with_theme(calendar_file: Path, theme: str) -> Path:
    calendar_file.write_text(
        calendar_file.read_text(encoding="utf-8") + f"\n[theme]\n{theme}\n", encoding="utf-8"
    )
    return calendar_file


def test_wcag_ratios_of_known_pairs() -> None:
    white, black = luminance((255, 255, 255)), luminance((0, 0, 0))
    assert contrast(white, black) == pytest.approx(21.0)
    assert contrast(white, luminance(rgb_of("#777777"))) == pytest.approx(4.48, abs=0.01)
    assert contrast(white, luminance(rgb_of("#767676"))) == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_every_preset_passes_aa(calendar_file: Path, preset: str) -> None:
    cal = load_calendar(_with_theme(calendar_file, f'preset = "{preset}"'))
    assert cal.config.theme.background == PRESETS[preset]["background"]
    assert [p.ratio >= p.needed for p in pairs(theme_of(cal))] == [True, True, True]


def test_a_colour_written_wins_over_the_preset(calendar_file: Path) -> None:
    cal = load_calendar(_with_theme(calendar_file, 'preset = "dang"\naccent = "#ffffff"'))
    theme = cal.config.theme
    assert (theme.background, theme.accent) == (PRESETS["dang"]["background"], "#FFFFFF")


def test_an_unknown_preset_names_the_choices(calendar_file: Path, run_cli) -> None:
    result = run_cli("check", calendar=_with_theme(calendar_file, 'preset = "do"'))
    assert result.code == 2
    assert (
        "khóa 'theme.preset': cần một trong: 'suc-khoe', 'dang' hoặc 'moi-truong'; nhận được \"do\""
    ) in result.err


def test_check_warns_about_pale_text_on_a_pale_ground(calendar_file: Path, run_cli) -> None:
    result = run_cli("check", calendar=_with_theme(calendar_file, 'background = "#7FB3C8"'))
    assert result.code == 0, result.err
    out = " ".join(result.out.split())
    assert "Độ tương phản chữ/nền (WCAG): chữ 2,3:1" in out
    assert (
        "Cảnh báo: Màu chữ #FFFFFF trên #7FB3C8–#073B5C chỉ có độ tương phản 2,3:1, dưới mức "
        "AA 4,5:1" in out
    )
    assert "trong [theme]." in out


def test_a_light_photo_is_measured_as_drawn(calendar_file: Path, run_cli) -> None:
    Image.new("RGB", (400, 500), (250, 250, 240)).save(calendar_file.parent / "nen.jpg")
    result = run_cli("check", calendar=_with_theme(calendar_file, 'background_image = "nen.jpg"'))
    assert result.code == 0, result.err
    out = " ".join(result.out.split())
    assert "Màu chữ #FFFFFF trên ảnh nền chỉ có độ tương phản" in out
    dark = calendar_file.parent / "nen.jpg"
    Image.new("RGB", (400, 500), (10, 10, 20)).save(dark)
    result = run_cli("check", calendar=calendar_file)
    assert "đạt mức AA" in " ".join(result.out.split())


def test_the_default_check_says_aa_is_met(run_cli) -> None:
    out = " ".join(run_cli("check").out.split())
    assert "Độ tương phản chữ/nền (WCAG): chữ 7,5:1" in out and "— đạt mức AA." in out

"""How legible the cards' text is on its background, as WCAG 2.x measures it, for
``loa check``: body text and the footer need 4.5:1 (AA), the big accent figures 3:1 (AA for
large text). A background photo is measured as drawn (darkened towards the theme): against
its lightest (or darkest) twentieth of pixels, where the text is hardest to read."""

from __future__ import annotations

from dataclasses import dataclass

from campaigns.config.load import WardCalendar
from campaigns.config.themes import AA_BODY, AA_LARGE, contrast, luminance, rgb_of
from campaigns.render.cards import background
from campaigns.render.theme import Theme, theme_of

_SAMPLE = (54, 68)  # a 4:5 card, small: the gradient and the photo's light areas survive


@dataclass(frozen=True)
class Pair:
    what: str
    color: str
    ground: str  # for messages: the colour(s) or "ảnh nền"
    ratio: float
    needed: float


def pairs(theme: Theme) -> list[Pair]:
    ends = [luminance(rgb_of(theme.background)), luminance(rgb_of(theme.background_end))]
    ground = f"{theme.background}–{theme.background_end}"
    if theme.background_image is not None:
        drawn = background(*_SAMPLE, theme).convert("RGB")
        ends = sorted(luminance(px) for px in drawn.get_flattened_data())  # type: ignore[arg-type]
        ground = "ảnh nền"
    foot = luminance(rgb_of(theme.footer_background))

    def worst(color: str) -> float:
        lum = luminance(rgb_of(color))
        light = lum > ends[len(ends) // 2]  # light text: the lightest pixels are the worst
        edge = ends[int(len(ends) * 0.95)] if light else ends[int(len(ends) * 0.05)]
        return contrast(lum, edge if len(ends) > 2 else (max(ends) if light else min(ends)))

    return [
        Pair("chữ", theme.text, ground, worst(theme.text), AA_BODY),
        Pair("chữ nhấn (số lớn, ngày)", theme.accent, ground, worst(theme.accent), AA_LARGE),
        Pair("chữ chân thẻ", theme.footer_text, theme.footer_background,
             contrast(luminance(rgb_of(theme.footer_text)), foot), AA_BODY),
    ]  # fmt: skip


def _ratio(value: float) -> str:
    return f"{value:.1f}".replace(".", ",") + ":1"


def contrast_lines(cal: WardCalendar) -> tuple[str, list[str]]:
    """The summary line for ``check`` and a warning per pair below its AA level."""
    found = pairs(theme_of(cal))
    summary = "Độ tương phản chữ/nền (WCAG): " + ", ".join(
        f"{p.what} {_ratio(p.ratio)}" for p in found
    )
    low = [p for p in found if p.ratio < p.needed]
    summary += " — đạt mức AA." if not low else " — có màu chưa đạt mức AA."
    warnings = [
        f"Màu {p.what} {p.color} trên {p.ground} chỉ có độ tương phản {_ratio(p.ratio)}, "
        f"dưới mức AA {_ratio(p.needed)}: người xem khó đọc; chọn màu chữ sáng hơn hoặc "
        "nền tối hơn (hoặc ngược lại) trong [theme]."
        for p in low
    ]
    return summary, warnings

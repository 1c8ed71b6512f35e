"""Named colour presets for the cards ([theme] preset = "…"), and the contrast of text on
its background as WCAG 2.x measures it (AA: 4.5:1 for body text, 3:1 for large text).

A preset gives every colour; any colour written in [theme] wins over the preset's.
"""

from __future__ import annotations

from typing import Final

PRESETS: dict[str, dict[str, str]] = {
    # the public-health poster of the first release
    "suc-khoe": {
        "background": "#0B5C78", "background_end": "#073B5C", "text": "#FFFFFF",
        "accent": "#FFC845", "footer_background": "#FFFFFF", "footer_text": "#073B5C",
    },
    # the Party and State campaign style: red ground, gold and white letters
    "dang": {
        "background": "#C8102E", "background_end": "#8E0A1F", "text": "#FFFFFF",
        "accent": "#FFD54A", "footer_background": "#FFD54A", "footer_text": "#8E0A1F",
    },
    # environment and green-living campaigns
    "moi-truong": {
        "background": "#1E7B3C", "background_end": "#0F4D25", "text": "#FFFFFF",
        "accent": "#F4E04D", "footer_background": "#FFFFFF", "footer_text": "#0F4D25",
    },
}  # fmt: skip
PRESET_LABELS = {"suc-khoe": "y tế (xanh ngọc)", "dang": "Đảng (đỏ – vàng)",
                 "moi-truong": "môi trường (xanh lá)"}  # fmt: skip
DEFAULT_PRESET: Final = "suc-khoe"
AA_BODY, AA_LARGE = 4.5, 3.0


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG relative luminance of an sRGB colour."""
    r, g, b = (_channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def rgb_of(color: str) -> tuple[int, int, int]:
    """'#0B5C78' -> (11, 92, 120)."""
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def contrast(a: float, b: float) -> float:
    """The WCAG contrast ratio of two relative luminances (1 to 21)."""
    hi, lo = max(a, b), min(a, b)
    return (hi + 0.05) / (lo + 0.05)

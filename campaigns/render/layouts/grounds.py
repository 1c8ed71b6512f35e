"""The drawn backgrounds: each is the theme with its colours rearranged, so every layout
draws on any of them with the same code and the preset's checked colour pairs."""

from __future__ import annotations

from dataclasses import replace

from campaigns.config.themes import PRESETS
from campaigns.render.theme import Theme, mix


def hexmix(a: str, b: str, t: float) -> str:
    return "#{:02X}{:02X}{:02X}".format(*mix(a, b, t))


def ground(theme: Theme, background: str) -> Theme:
    """``theme`` for the named background (the gradient: unchanged)."""
    if background == "nen-sang":  # the footer's light ground, the theme's dark as letters
        return replace(
            theme,
            background=theme.footer_background,
            background_end=hexmix(theme.footer_background, theme.background, 0.10),
            text=theme.footer_text,
            accent=theme.background,
            footer_background=theme.background_end,
            footer_text=theme.footer_background,
        )
    if background == "nen-nhan":  # the accent colour as the ground
        return replace(
            theme,
            background=theme.accent,
            background_end=hexmix(theme.accent, "#FFFFFF", 0.3),
            text=theme.background_end,
            accent=theme.background,
        )
    if background == "hoa-van":  # the gradient upside down, with diagonal bands
        return replace(
            theme, background=theme.background_end, background_end=theme.background, motif=True
        )
    return theme


def red_and_gold(theme: Theme) -> Theme:
    """The banner's traditional colours (the Party and State campaign style), whatever the
    calendar's preset."""
    colours = PRESETS["dang"]
    return replace(
        theme,
        background=colours["background"],
        background_end=colours["background_end"],
        text=colours["text"],
        accent=colours["accent"],
        footer_background=colours["footer_background"],
        footer_text=colours["footer_text"],
        background_image=None,
    )

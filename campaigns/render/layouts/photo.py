"""The photo card: one of the officer's photos filling the card, cropped to the format around
its focus point (the centre unless calendar.toml names one), darkened from just above the
message down so white letters stay legible, and the ward's footer."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps

from campaigns.render.cards import Card, Drawn, cross, footer_band
from campaigns.render.cards import footer_top as start_of_footer
from campaigns.render.fit import Block, fit
from campaigns.render.theme import Theme, load_image, stamp

SCRIM = 0.84  # the opacity of the overlay under the message


def draw(card: Card, width: int, height: int, theme: Theme) -> Drawn:
    assert theme.photo is not None  # the registry gives this layout a photo, or the poster
    s = min(width, height)
    m = round(0.075 * s)
    inset = round(0.04 * s)
    footer_top = start_of_footer(width, height)
    readable = round(0.028 * width)
    # the message first (fitting needs no pixels), bottom-aligned above the footer
    top = round(height * (0.3 if width > 1.3 * height else 0.42))
    bottom = footer_top - round(0.05 * s)
    day_h = round(0.2 * s) if card.kind == "peak" and card.day else 0
    rule, gap = max(4, round(0.008 * s)), round(0.03 * s)
    text = fit(card.text, (m, top + day_h + rule + 2 * gap, width - m, bottom), "extrabold",
               max_size=round(0.085 * s), readable=readable, align="left",
               valign="bottom")  # fmt: skip
    rule_y = text.ink[1] - gap - rule
    main: list[Block] = []
    upper = rule_y
    if day_h:
        day = fit(card.day, (m, rule_y - gap - day_h, width - m, rule_y - gap), "extrabold",
                  max_size=day_h, readable=readable, max_lines=1, spacing=1.0, align="left",
                  valign="bottom")  # fmt: skip
        main.append(day)
        upper = day.ink[1]
    main.append(text)
    # the photo, darkened only from just above the message down (full under the letters)
    full = max(0, upper - round(0.03 * s))
    ground = _ground(width, height, theme.photo, *stamp(theme.photo), theme.focus)
    shade = Image.new("RGB", (width, height), theme.background_end)
    im = Image.composite(shade, ground, _scrim(width, height, full, round(0.22 * height)))
    digest = theme.digest()
    band, foot = footer_band(width, height, theme, digest, card.ward, card.line)
    im.paste(band, (0, footer_top))
    tab, head = _tab(width, height, theme, digest, card.header)
    im.paste(tab, (0, m - round(0.025 * s)))
    d = ImageDraw.Draw(im)
    blocks: list[Block] = [*foot, head]
    d.rectangle((m, rule_y, m + round(0.12 * s), rule_y + rule), fill=theme.accent)
    if day_h:
        main[0].draw(d, theme.accent)
    text.draw(d, "#FFFFFF")
    return Drawn(im, (*blocks, *main), tuple(main), (inset, inset, width - inset, height - inset))


@lru_cache(maxsize=16)
def _tab(
    width: int, height: int, theme: Theme, digest: str, text: str
) -> tuple[Image.Image, Block]:
    """The header on a dark tab (legible on any photo), drawn once per format and header."""
    s = min(width, height)
    m, head_h = round(0.075 * s), round(0.05 * s)
    tab = (0, m - round(0.025 * s), round(0.72 * width), m + head_h + round(0.025 * s))
    im = Image.new("RGB", (width, tab[3]), theme.background_end)
    d = ImageDraw.Draw(im)
    cross(d, m, m, head_h, theme.accent)
    box = (m + head_h + round(0.02 * s), m, tab[2] - round(0.03 * s), m + head_h)
    head = fit(text.upper(), box, "bold", max_size=round(0.036 * s),
               readable=round(0.018 * s), max_lines=1, align="left")  # fmt: skip
    head.draw(d, theme.accent)
    return im.crop(tab), head


@lru_cache(maxsize=32)
def _scrim(width: int, height: int, full: int, fade: int) -> Image.Image:
    """The overlay's opacity: clear down to ``full - fade``, rising to ``SCRIM`` at ``full``
    and staying there to the bottom."""
    column = [
        0 if y < full - fade else round(255 * SCRIM * min(1.0, (y - full + fade) / max(fade, 1)))
        for y in range(height)
    ]
    mask = Image.new("L", (1, height))
    mask.putdata(column)
    return mask.resize((width, height), Image.Resampling.NEAREST)


def centering(
    size: tuple[int, int], box: tuple[int, int], focus: tuple[float, float]
) -> tuple[float, float]:
    """``ImageOps.fit``'s centering (where the crop sits within the spare width and height)
    that brings the focus point to the middle of the crop, as near as the photo allows."""
    scale = max(box[0] / size[0], box[1] / size[1])
    out = []
    for axis in (0, 1):
        full, kept = size[axis] * scale, box[axis]
        spare = full - kept
        c = (focus[axis] * full - kept / 2) / spare if spare > 0 else 0.5
        out.append(min(1.0, max(0.0, c)))
    return out[0], out[1]


@lru_cache(maxsize=8)
def _ground(
    width: int, height: int, path: Path, mtime: int, size: int, focus: tuple[float, float]
) -> Image.Image:
    """The photo cropped to the format around its focus point."""
    source = load_image(path).convert("RGB")
    return ImageOps.fit(source, (width, height), Image.Resampling.LANCZOS,
                        centering=centering(source.size, (width, height), focus))  # fmt: skip

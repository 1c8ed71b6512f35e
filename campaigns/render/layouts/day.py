"""The day card of a peak or an anniversary: the date as a calendar leaf ('7/4': the month on
the leaf's band, the day large), the day's name in capitals (an anniversary's count of years
large: 'Kỷ niệm 97 năm …'), and the slogan."""

from __future__ import annotations

import re

from PIL import ImageDraw

from campaigns.config.themes import contrast, luminance, rgb_of
from campaigns.render.cards import Card, Drawn, framed
from campaigns.render.fit import Block, fit
from campaigns.render.theme import Theme

ANNIVERSARY = re.compile(r"^Kỷ niệm (\d+) năm (.+?)(?: \(([^()]*)\))?$")


def draw(card: Card, width: int, height: int, theme: Theme) -> Drawn:
    s = min(width, height)
    m = round(0.075 * s)
    im, frame, footer_top = framed(card, width, height, theme)
    d = ImageDraw.Draw(im)
    inset = round(0.04 * s)
    blocks: list[Block] = list(frame)
    wide = width > 1.3 * height
    top, bottom = m + round(0.1 * s), footer_top - round(0.05 * s)
    leaf_w = round((0.34 if wide else 0.36) * s)
    leaf_h = min(round(1.1 * leaf_w), bottom - top) if wide else round(0.95 * leaf_w)
    x0 = m if wide else (width - leaf_w) // 2
    main = _leaf(d, card, theme, (x0, top, x0 + leaf_w, top + leaf_h), width)
    if wide:
        box = (x0 + leaf_w + round(0.06 * s), top, width - m, bottom)
    else:
        box = (m, top + leaf_h + round(0.04 * s), width - m, bottom)
    main += _words(d, card, theme, box, s, width, wide)
    return Drawn(im, (*blocks, *main), tuple(main), (inset, inset, width - inset, height - inset))


def _leaf(
    d: ImageDraw.ImageDraw, card: Card, theme: Theme, box: tuple[int, int, int, int], width: int
) -> list[Block]:
    x0, y0, x1, y1 = box
    w = x1 - x0
    day, _, month = card.day.partition("/")
    radius = round(0.08 * w)
    d.rounded_rectangle(box, radius, fill=theme.footer_background)
    band = round(0.26 * (y1 - y0))
    d.rounded_rectangle(
        (x0, y0, x1, y0 + band), radius, fill=theme.accent, corners=(True, True, False, False)
    )
    pad = round(0.08 * w)
    label = f"THÁNG {month}" if month else card.day
    top = fit(
        label,
        (x0 + pad, y0 + pad // 2, x1 - pad, y0 + band - pad // 2),
        "extrabold",
        max_size=round(0.16 * w),
        readable=round(0.016 * width),
        max_lines=1,
    )
    top.draw(d, legible_on(theme.accent, theme.footer_text, theme.footer_background, theme.text))
    big = fit(
        day or card.day,
        (x0 + pad, y0 + band + pad // 2, x1 - pad, y1 - pad),
        "extrabold",
        max_size=round(0.8 * w),
        readable=round(0.028 * width),
        max_lines=1,
        spacing=1.0,
    )
    big.draw(d, theme.footer_text)
    return [top, big]


def legible_on(ground: str, *colours: str) -> str:
    """The colour of ``colours`` with the most contrast on ``ground`` (WCAG)."""
    lum = luminance(rgb_of(ground))
    return max(colours, key=lambda c: contrast(luminance(rgb_of(c)), lum))


def _words(
    d: ImageDraw.ImageDraw,
    card: Card,
    theme: Theme,
    box: tuple[int, int, int, int],
    s: int,
    width: int,
    wide: bool,
) -> list[Block]:
    left, top, right, bottom = box
    h = bottom - top
    align = "left" if wide else "center"
    readable = round(0.028 * width)
    out: list[Block] = []
    found = ANNIVERSARY.match(card.title)
    if found:
        years = fit(
            f"Kỷ niệm {found.group(1)} năm".upper(),
            (left, top, right, top + round(0.2 * h)),
            "extrabold",
            max_size=round(0.1 * s),
            readable=readable,
            max_lines=1,
            align=align,
        )
        years.draw(d, theme.accent)
        out.append(years)
        name, top = found.group(2), years.ink[3] + round(0.025 * s)
    else:
        name = card.title
    title = fit(
        name.upper(),
        (left, top, right, top + round(0.42 * (bottom - top))),
        "extrabold",
        max_size=round(0.07 * s),
        readable=readable,
        align=align,
        spacing=1.15,
    )
    title.draw(d, theme.text if found else theme.accent)
    rule = max(4, round(0.008 * s))
    y = title.ink[3] + round(0.035 * s)
    x = left if wide else (left + right) // 2 - round(0.06 * s)
    d.rectangle((x, y, x + round(0.12 * s), y + rule), fill=theme.accent)
    slogan = fit(
        card.text,
        (left, y + rule + round(0.03 * s), right, bottom),
        "semibold",
        max_size=round(0.06 * s),
        readable=readable,
        align=align,
        valign="top",
    )
    slogan.draw(d, theme.text)
    return [*out, title, slogan]

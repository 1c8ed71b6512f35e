"""The quote card: a large opening quotation mark, the wording in a lighter weight, and the
line naming where it comes from."""

from __future__ import annotations

from PIL import ImageDraw

from campaigns.render.cards import Card, Drawn, framed
from campaigns.render.fit import Block, fit
from campaigns.render.fonts import font, serialised
from campaigns.render.theme import Theme


def draw(card: Card, width: int, height: int, theme: Theme) -> Drawn:
    s = min(width, height)
    m = round(0.075 * s)
    im, frame, footer_top = framed(card, width, height, theme)
    d = ImageDraw.Draw(im)
    inset = round(0.04 * s)
    blocks: list[Block] = list(frame)
    wide = width > 1.3 * height
    mark = round((0.3 if wide else 0.26) * s)
    top = m + round(0.08 * s)
    _mark(d, m, top, mark, theme.accent)
    left = m + (round(0.8 * mark) if wide else 0)
    text_top = top + (0 if wide else round(0.55 * mark))
    bottom = footer_top - round(0.05 * s)
    src_h = round(0.11 * s) if card.source else 0
    readable = round(0.028 * width)
    body = fit(
        card.text,
        (left, text_top, width - m, bottom - src_h),
        "semibold",
        max_size=round(0.085 * s),
        readable=readable,
        align="left",
        spacing=1.25,
    )
    body.draw(d, theme.text)
    main = [body]
    if card.source:
        y = body.ink[3] + round(0.035 * s)
        rule = max(3, round(0.006 * s))
        d.rectangle((left, y, left + round(0.08 * s), y + rule), fill=theme.accent)
        src = fit(
            card.source,
            (left, y + rule + round(0.015 * s), width - m, bottom),
            "medium",
            max_size=round(0.034 * s),
            readable=round(0.016 * width),
            max_lines=2,
            align="left",
            valign="top",
            spacing=1.15,
        )
        src.draw(d, theme.text)
        blocks.append(src)
    return Drawn(im, (*blocks, *main), tuple(main), (inset, inset, width - inset, height - inset))


@serialised
def _mark(d: ImageDraw.ImageDraw, x: int, y: int, size: int, color: str) -> None:
    """The opening quotation mark “, its top at ``y``."""
    f = font("extrabold", size)
    d.text((x, y), "“", font=f, fill=color, anchor="lt")

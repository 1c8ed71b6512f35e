"""The big-number card: a target's figure as large as the card allows, left-aligned beside
an accent bar, its wording underneath (beside it on a wide card)."""

from __future__ import annotations

from PIL import ImageDraw

from campaigns.render.cards import Card, Drawn, framed
from campaigns.render.fit import Block, fit
from campaigns.render.theme import Theme


def draw(card: Card, width: int, height: int, theme: Theme) -> Drawn:
    s = min(width, height)
    m = round(0.075 * s)
    im, frame, footer_top = framed(card, width, height, theme)
    d = ImageDraw.Draw(im)
    inset = round(0.04 * s)
    blocks: list[Block] = list(frame)
    top, bottom = m + round(0.11 * s), footer_top - round(0.06 * s)
    bar = max(6, round(0.018 * s))
    d.rectangle((m, top, m + bar, bottom), fill=theme.accent)
    left = m + bar + round(0.04 * s)
    readable = round(0.028 * width)
    wide = width > 1.3 * height
    split = (left + width - m) // 2 + round(0.05 * s) if wide else width - m
    h = bottom - top
    main: list[Block] = []
    q_h = round(0.08 * s) if card.qualifier else 0
    if card.qualifier:
        q = fit(
            card.qualifier.upper(),
            (left, top, split, top + q_h),
            "bold",
            max_size=round(0.05 * s),
            readable=round(0.02 * width),
            max_lines=1,
            align="left",
        )
        q.draw(d, theme.accent)
        main.append(q)
    num_bottom = bottom if wide else top + q_h + round(0.5 * h)
    num = fit(
        card.headline,
        (left, top + q_h, split, num_bottom),
        "extrabold",
        max_size=round(0.42 * s),
        readable=readable,
        max_lines=2,
        spacing=1.0,
        align="left",
        valign="top" if not wide else "middle",
    )
    num.draw(d, theme.accent)
    label_box = (
        (split + round(0.04 * s), top, width - m, bottom)
        if wide
        else (left, num.ink[3] + round(0.05 * h), width - m, bottom)
    )
    label = fit(
        card.text,
        label_box,
        "bold",
        max_size=round(0.07 * s),
        readable=readable,
        align="left",
        valign="middle" if wide else "top",
    )
    label.draw(d, theme.text)
    main += [num, label]
    return Drawn(im, (*blocks, *main), tuple(main), (inset, inset, width - inset, height - inset))

"""The băng rôn: red ground, gold double rules and a gold star, the message in gold
letters and the ward's name beneath: the banner of Party and State campaigns."""

from __future__ import annotations

import math
from functools import lru_cache

from PIL import Image, ImageDraw

from campaigns.render.cards import Card, Drawn, background
from campaigns.render.fit import Block, fit
from campaigns.render.theme import Theme


def draw(card: Card, width: int, height: int, theme: Theme) -> Drawn:
    s = min(width, height)
    m = round(0.07 * s)
    frame, head, ward = _frame(width, height, theme, theme.digest(), card.header, card.ward)
    im = frame.copy()
    d = ImageDraw.Draw(im)
    body = (m, head.ink[3] + round(0.04 * s), width - m, ward.ink[1] - round(0.04 * s))
    main = _message(d, card, theme, body, s, width)
    return Drawn(im, (head, *main, ward), tuple(main), (0, 0, width, height))


@lru_cache(maxsize=16)
def _frame(
    width: int, height: int, theme: Theme, digest: str, header: str, ward_name: str
) -> tuple[Image.Image, Block, Block]:
    """Everything but the message (the same on every banner of a campaign and format)."""
    s = min(width, height)
    im = background(width, height, theme)
    d = ImageDraw.Draw(im)
    band, gap = max(4, round(0.022 * s)), max(3, round(0.012 * s))
    for y in (0, height - band):  # a thick rule at the edge, a thin one inside
        d.rectangle((0, y, width, y + band), fill=theme.accent)
    thin = max(2, band // 3)
    d.rectangle((0, band + gap, width, band + gap + thin), fill=theme.accent)
    d.rectangle((0, height - band - gap - thin, width, height - band - gap), fill=theme.accent)
    m = round(0.07 * s)
    top, bottom = band + gap + thin + round(0.035 * s), height - band - gap - thin - round(0.03 * s)
    r = round(0.055 * s)
    star(d, width // 2, top + r, r, theme.accent)
    head = fit(
        header.upper(),
        (m, top + 2 * r + round(0.02 * s), width - m, top + 2 * r + round(0.07 * s)),
        "bold",
        max_size=round(0.038 * s),
        readable=round(0.018 * s),
        max_lines=1,
    )
    head.draw(d, theme.text)
    ward_h = round(0.05 * s)
    ward = fit(
        ward_name.upper(),
        (m, bottom - ward_h, width - m, bottom),
        "extrabold",
        max_size=round(0.04 * s),
        readable=round(0.018 * s),
        max_lines=1,
    )
    ward.draw(d, theme.text)
    return im, head, ward


def _message(
    d: ImageDraw.ImageDraw,
    card: Card,
    theme: Theme,
    box: tuple[int, int, int, int],
    s: int,
    width: int,
) -> list[Block]:
    left, top, right, bottom = box
    h = bottom - top
    readable = round(0.028 * width)
    if card.kind in ("fact", "peak"):
        big = card.headline if card.kind == "fact" else card.day
        under = card.text if card.kind == "fact" else card.title
        num = fit(
            big,
            (left, top, right, top + round(0.45 * h)),
            "extrabold",
            max_size=round(0.3 * s),
            readable=readable,
            max_lines=1,
            spacing=1.0,
        )
        num.draw(d, theme.accent)
        label = fit(
            under,
            (left, num.ink[3] + round(0.06 * h), right, bottom),
            "bold",
            max_size=round(0.07 * s),
            readable=readable,
        )
        label.draw(d, theme.text)
        return [num, label]
    slogan = fit(
        card.text, box, "extrabold", max_size=round(0.105 * s), readable=readable, spacing=1.15
    )
    slogan.draw(d, theme.accent)
    return [slogan]


def star(d: ImageDraw.ImageDraw, cx: int, cy: int, r: int, color: str) -> None:
    """A five-pointed star (the flag's), point up."""
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.382
        a = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(a), cy + radius * math.sin(a)))
    d.polygon(points, fill=color)

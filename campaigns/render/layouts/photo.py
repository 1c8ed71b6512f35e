"""The photo card: one of the officer's photos filling the card, cropped to the format around
its focus point (the centre unless calendar.toml names one), darkened towards the bottom
under the message so white letters stay legible, and the ward's footer."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps

from campaigns.render.cards import Card, Drawn, cross, footer
from campaigns.render.fit import Block, fit
from campaigns.render.theme import Theme, load_image, stamp

SCRIM = 0.86  # the darkest the overlay gets behind the text


def draw(card: Card, width: int, height: int, theme: Theme) -> Drawn:
    assert theme.photo is not None  # the registry gives this layout a photo, or the poster
    s = min(width, height)
    m = round(0.075 * s)
    im = _ground(
        width, height, theme.photo, *stamp(theme.photo), theme.focus, theme.background_end
    ).copy()
    d = ImageDraw.Draw(im)
    inset = round(0.04 * s)
    footer_top = height - round((0.18 if width > 1.3 * height else 0.15) * s)
    blocks: list[Block] = list(footer(im, d, card, theme, footer_top, width, height - inset, m))
    # the header on a dark tab, legible on any photo
    head_h = round(0.05 * s)
    tab = (0, m - round(0.025 * s), round(0.72 * width), m + head_h + round(0.025 * s))
    d.rectangle(tab, fill=theme.background_end)
    cross(d, m, m, head_h, theme.accent)
    head = fit(
        card.header.upper(),
        (m + head_h + round(0.02 * s), m, tab[2] - round(0.03 * s), m + head_h),
        "bold",
        max_size=round(0.036 * s),
        readable=round(0.018 * s),
        max_lines=1,
        align="left",
    )
    head.draw(d, theme.accent)
    blocks.append(head)
    readable = round(0.028 * width)
    top = round(height * (0.3 if width > 1.3 * height else 0.46))
    bottom = footer_top - round(0.05 * s)
    main: list[Block] = []
    if card.kind == "peak" and card.day:
        day = fit(
            card.day,
            (m, top, width - m, top + round(0.2 * s)),
            "extrabold",
            max_size=round(0.2 * s),
            readable=readable,
            max_lines=1,
            spacing=1.0,
            align="left",
        )
        day.draw(d, theme.accent)
        main.append(day)
        top = day.ink[3] + round(0.03 * s)
    rule = max(4, round(0.008 * s))
    d.rectangle((m, top, m + round(0.12 * s), top + rule), fill=theme.accent)
    text = fit(
        card.text,
        (m, top + rule + round(0.03 * s), width - m, bottom),
        "extrabold",
        max_size=round(0.085 * s),
        readable=readable,
        align="left",
        valign="bottom",
    )
    text.draw(d, "#FFFFFF")
    main.append(text)
    return Drawn(im, (*blocks, *main), tuple(main), (inset, inset, width - inset, height - inset))


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
    width: int,
    height: int,
    path: Path,
    mtime: int,
    size: int,
    focus: tuple[float, float],
    shade: str,
) -> Image.Image:
    """The photo cropped to the format, with a scrim from clear (top) to ``SCRIM`` of the
    theme's dark colour (clear over the top fifth, full from the middle down)."""
    source = load_image(path).convert("RGB")
    photo = ImageOps.fit(
        source,
        (width, height),
        Image.Resampling.LANCZOS,
        centering=centering(source.size, (width, height), focus),
    )
    ramp = Image.linear_gradient("L").resize((1, height), Image.Resampling.BILINEAR)
    clear, full = round(255 * 0.2), round(255 * 0.5)  # of the height, top down
    lut = [
        0 if v < clear else min(255, round((v - clear) / (full - clear) * 255 * SCRIM))
        for v in range(256)
    ]
    mask = ramp.point(lut)
    mask = mask.resize((width, height), Image.Resampling.NEAREST)
    dark = Image.new("RGB", (width, height), shade)
    return Image.composite(dark, photo, mask)

"""Draw a card: background, header, the message, and the ward's footer.

Geometry scales with the image's shorter side ``s`` so every format keeps the same look.
All text goes through ``fit`` so nothing overflows or is clipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw, ImageOps

from campaigns.render.fit import Block, Box, fit
from campaigns.render.theme import Theme, load_image, mix


@dataclass(frozen=True)
class Card:
    """What a card says and how it looks; all strings NFC. ``kind`` is slogan, fact or peak;
    ``layout`` and ``background`` name its design (``campaigns.render.designs``)."""

    kind: str
    header: str
    text: str  # the slogan, or the fact's wording
    headline: str = ""  # fact: "95%"
    qualifier: str = ""  # fact: "trên"
    day: str = ""  # peak: "7/4"
    title: str = ""  # peak: the day's name
    ward: str = ""
    line: str = ""  # campaign line in the footer
    source: str = ""  # the quote layout's source line: the plan the wording comes from
    layout: str = "ap-phich"
    background: str = "chuyen-mau"


@dataclass(frozen=True)
class Drawn:
    image: Image.Image
    blocks: tuple[Block, ...]  # every text block drawn
    main: tuple[Block, ...]  # the message itself (readability is judged on these)
    safe: Box


def draw_card(card: Card, width: int, height: int, theme: Theme) -> Drawn:
    s = min(width, height)
    m = round(0.075 * s)
    im, frame, footer_top = framed(card, width, height, theme, discs=True)
    d = ImageDraw.Draw(im)
    head_h = round(0.05 * s)
    inset = round(0.04 * s)  # the safe area: platforms may crop or overlay the edges
    body: Box = (m, m + head_h + round(0.05 * s), width - m, footer_top - round(0.06 * s))
    main = _body(d, card, theme, body, s, width)
    blocks = (*frame, *main)
    return Drawn(im, blocks, tuple(main), (inset, inset, width - inset, height - inset))


def footer_top(width: int, height: int) -> int:
    s = min(width, height)
    return height - round((0.18 if width > 1.3 * height else 0.15) * s)


def framed(
    card: Card, width: int, height: int, theme: Theme, *, discs: bool = False
) -> tuple[Image.Image, tuple[Block, ...], int]:
    """A card's ground with its header and footer: the background, then its top (the
    poster's discs, the cross and header) and its footer band pasted from their caches, as
    they are the same on every card of a campaign, format and background. Returns the
    image, the header's and footer's blocks, and where the footer starts."""
    digest = theme.digest()
    im = _background(width, height, theme, digest).copy()
    top, head = _top(width, height, theme, digest, card.header, discs)
    im.paste(top, (0, 0))
    start = footer_top(width, height)
    band, foot = footer_band(width, height, theme, digest, card.ward, card.line)
    im.paste(band, (0, start))
    return im, (head, *foot), start


@lru_cache(maxsize=48)
def _top(
    width: int, height: int, theme: Theme, digest: str, text: str, discs: bool
) -> tuple[Image.Image, Block]:
    im = _background(width, height, theme, digest).copy()
    d = ImageDraw.Draw(im)
    s = min(width, height)
    r = round(0.42 * s)
    if discs:  # a discreet decoration: two soft discs at the top right, like a poster's motif
        d.ellipse((width - r, -r, width + r, r), fill=mix(theme.background, "#FFFFFF", 0.07))
        r2 = round(0.26 * s)
        d.ellipse((width - r2, -r2, width + r2, r2), fill=mix(theme.background, "#FFFFFF", 0.12))
    head = header(d, text, theme, width, height)
    bottom = max(r + 1 if discs else 0, head.ink[3] + 1, round(0.13 * s))
    return im.crop((0, 0, width, bottom)), head


@lru_cache(maxsize=48)
def footer_band(
    width: int, height: int, theme: Theme, digest: str, ward: str, line: str
) -> tuple[Image.Image, tuple[Block, ...]]:
    """The footer band (opaque: it may be pasted on any ground) and its text blocks."""
    s = min(width, height)
    start = footer_top(width, height)
    im = _background(width, height, theme, digest).copy()
    d = ImageDraw.Draw(im)
    inset, m = round(0.04 * s), round(0.075 * s)
    card = Card("", "", "", ward=ward, line=line)
    blocks = footer(im, d, card, theme, start, width, height - inset, m)
    return im.crop((0, start, width, height)), tuple(blocks)


def background(width: int, height: int, theme: Theme) -> Image.Image:
    """The gradient (and photo) behind a card; drawn once per size and theme."""
    return _background(width, height, theme, theme.digest()).copy()


@lru_cache(maxsize=40)  # 4 formats x (4 backgrounds + the banner's 4) fit
def _background(width: int, height: int, theme: Theme, digest: str) -> Image.Image:
    # one column of the vertical gradient, then widened: no full-size blend
    mask = Image.linear_gradient("L").resize((1, height), Image.Resampling.BILINEAR)
    top = Image.new("RGB", (1, height), theme.background)
    bottom = Image.new("RGB", (1, height), theme.background_end)
    im = Image.composite(bottom, top, mask).resize((width, height), Image.Resampling.NEAREST)
    if theme.motif:  # diagonal bands, barely lighter than the ground
        d = ImageDraw.Draw(im)
        step, band = (
            max(24, round(0.09 * min(width, height))),
            max(8, round(0.03 * min(width, height))),
        )
        tint = mix(theme.background, "#FFFFFF", 0.06)
        for x in range(-height, width, step):
            d.polygon([(x, height), (x + band, height), (x + band + height, 0), (x + height, 0)],
                      fill=tint)  # fmt: skip
    if theme.background_image is not None:
        photo = ImageOps.fit(load_image(theme.background_image).convert("RGB"), (width, height))
        im = Image.blend(photo, im, 0.72)  # darkened towards the theme so text stays legible
    return im


def header(d: ImageDraw.ImageDraw, text: str, theme: Theme, width: int, height: int) -> Block:
    """The cross and the campaign (or day's) name across the top left of a card."""
    s = min(width, height)
    m, head_h = round(0.075 * s), round(0.05 * s)
    cross(d, m, m, head_h, theme.accent)
    head_box = (m + head_h + round(0.02 * s), m, width - m - round(0.1 * s), m + head_h)
    head = fit(text.upper(), head_box, "bold", max_size=round(0.036 * s),
               readable=round(0.018 * s), max_lines=1, align="left")  # fmt: skip
    head.draw(d, theme.accent)
    return head


def cross(d: ImageDraw.ImageDraw, x: int, y: int, size: int, color: str) -> None:
    bar = size // 3
    d.rectangle((x + bar, y, x + 2 * bar, y + size), fill=color)
    d.rectangle((x, y + bar, x + size, y + 2 * bar), fill=color)


def _body(
    d: ImageDraw.ImageDraw, card: Card, theme: Theme, box: Box, s: int, width: int
) -> list[Block]:
    left, top, right, bottom = box
    h = bottom - top
    readable = round(0.028 * width)
    rule_w, rule_h = round(0.12 * s), max(4, round(0.008 * s))
    if card.kind == "fact":
        blocks = []
        q_h = round(0.12 * h) if card.qualifier else 0
        num_box = (left, top + q_h, right, top + q_h + round(0.4 * h))
        if card.qualifier:
            q_box = (left, top, right, top + q_h)
            q = fit(card.qualifier.upper(), q_box, "bold", max_size=round(0.05 * s),
                    readable=round(0.02 * width), max_lines=1)  # fmt: skip
            q.draw(d, theme.accent)
            blocks.append(q)
        num = fit(card.headline, num_box, "extrabold", max_size=round(0.4 * s),
                  readable=readable, max_lines=1, spacing=1.0)  # fmt: skip
        num.draw(d, theme.accent)
        rule_y = num_box[3] + round(0.04 * h)
        cx = (left + right) // 2
        d.rectangle((cx - rule_w // 2, rule_y, cx + rule_w // 2, rule_y + rule_h), fill=theme.text)
        label = fit(card.text, (left, rule_y + rule_h + round(0.05 * h), right, bottom), "bold",
                    max_size=round(0.075 * s), readable=readable)  # fmt: skip
        label.draw(d, theme.text)
        return [*blocks, num, label]
    if card.kind == "peak":
        day_box = (left, top, right, top + round(0.3 * h))
        day = fit(card.day, day_box, "extrabold", max_size=round(0.3 * s), readable=readable,
                  max_lines=1, spacing=1.0)  # fmt: skip
        day.draw(d, theme.accent)
        title_box = (left, day_box[3] + round(0.03 * h), right, top + round(0.52 * h))
        title = fit(card.title.upper(), title_box, "extrabold", max_size=round(0.075 * s),
                    readable=readable)  # fmt: skip
        title.draw(d, theme.text)
        rule_y = title_box[3] + round(0.04 * h)
        cx = (left + right) // 2
        d.rectangle(
            (cx - rule_w // 2, rule_y, cx + rule_w // 2, rule_y + rule_h), fill=theme.accent
        )
        slogan = fit(card.text, (left, rule_y + rule_h + round(0.05 * h), right, bottom),
                     "semibold", max_size=round(0.06 * s), readable=readable)  # fmt: skip
        slogan.draw(d, theme.text)
        return [day, title, slogan]
    text_box = (left, top + rule_h + round(0.05 * h), right, bottom)
    slogan = fit(card.text, text_box, "extrabold", max_size=round(0.11 * s), readable=readable)
    slogan.draw(d, theme.text)
    cx = (left + right) // 2
    rule_y = slogan.ink[1] - rule_h - round(0.05 * h)
    d.rectangle((cx - rule_w // 2, rule_y, cx + rule_w // 2, rule_y + rule_h), fill=theme.accent)
    return [slogan]


def footer(
    im: Image.Image, d: ImageDraw.ImageDraw, card: Card, theme: Theme,
    top: int, width: int, bottom: int, m: int,
) -> list[Block]:  # fmt: skip
    """The footer band from ``top`` to the image's bottom; its text ends above ``bottom``."""
    height = im.height
    s = min(width, height)
    d.rectangle((0, top, width, height), fill=theme.footer_background)
    d.rectangle((0, top, width, top + max(3, round(0.01 * s))), fill=theme.accent)
    pad = round(0.028 * s)
    left = m
    if theme.logo is not None:
        logo = load_image(theme.logo).copy()
        side = bottom - top - 2 * pad
        logo.thumbnail((side, side), Image.Resampling.LANCZOS)
        y = top + pad + (side - logo.height) // 2
        im.paste(logo, (m, y), logo)
        left = m + side + pad
    mid = top + pad + round(0.45 * (bottom - top - 2 * pad))
    ward = fit(card.ward.upper(), (left, top + pad, width - m, mid), "extrabold",
               max_size=round(0.04 * s), readable=round(0.016 * width), max_lines=1,
               align="left", valign="bottom")  # fmt: skip
    line = fit(card.line, (left, mid + round(0.01 * s), width - m, bottom - pad), "medium",
               max_size=round(0.026 * s), readable=round(0.014 * width), max_lines=2,
               align="left", valign="top", spacing=1.15)  # fmt: skip
    ward.draw(d, theme.footer_text)
    line.draw(d, theme.footer_text)
    return [ward, line]

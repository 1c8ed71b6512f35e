"""Print-ready PDFs: posters (A4, A3 at 300 dpi) and a long banner (băng rôn) of each
slogan, drawn with the same cards and text fitting as the social images.

The PDF page has the physical size (pixels / dpi), so a print shop sees the real size;
the dates inside the PDF are fixed so the same input gives the same bytes.
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass

from PIL import Image, ImageDraw

from campaigns.render.cards import Card, background, cross, draw_card
from campaigns.render.fit import fit
from campaigns.render.theme import Theme
from campaigns.text import untie

MM_PER_INCH = 25.4
FIXED_DATE = time.gmtime(1767225600)  # 2026-01-01T00:00:00Z: PDFs carry no build time


@dataclass(frozen=True)
class PrintFormat:
    name: str
    label: str  # for the officer: "A4 (210 × 297 mm), 300 dpi"
    width_mm: float
    height_mm: float
    dpi: int
    banner: bool = False

    @property
    def pixels(self) -> tuple[int, int]:
        return (
            round(self.width_mm / MM_PER_INCH * self.dpi),
            round(self.height_mm / MM_PER_INCH * self.dpi),
        )


POSTERS = (
    PrintFormat("a4", "áp phích A4 (210 × 297 mm), 300 dpi", 210, 297, 300),
    PrintFormat("a3", "áp phích A3 (297 × 420 mm), 300 dpi", 297, 420, 300),
)


def banner_format(width_m: float, height_m: float, dpi: int = 60) -> PrintFormat:
    """A banner is seen from metres away: 60 dpi keeps a 5 m banner printable and small."""
    w = f"{width_m:g}".replace(".", ",")
    h = f"{height_m:g}".replace(".", ",")
    return PrintFormat(
        f"bang-ron-{round(width_m * 100)}x{round(height_m * 100)}cm",
        f"băng rôn {w} × {h} m, {dpi} dpi",
        width_m * 1000, height_m * 1000, dpi, banner=True,
    )  # fmt: skip


def render_print(card: Card, fmt: PrintFormat, theme: Theme) -> tuple[bytes, bool]:
    """The PDF bytes, and whether the text went below its readable minimum."""
    width, height = fmt.pixels
    if fmt.banner:
        image, shrunk = draw_banner(card, width, height, theme)
    else:
        drawn = draw_card(card, width, height, theme)
        image, shrunk = drawn.image, any(b.shrunk for b in drawn.main)
    buf = io.BytesIO()
    image.save(
        buf, "PDF", resolution=fmt.dpi, quality=92, title=untie(card.text), author=card.ward,
        producer="Loa", creator="Loa", creationDate=FIXED_DATE, modDate=FIXED_DATE,
    )  # fmt: skip
    return buf.getvalue(), shrunk


def draw_banner(card: Card, width: int, height: int, theme: Theme) -> tuple[Image.Image, bool]:
    """A long banner: the slogan as large as it fits, the ward's name small beneath it."""
    im = background(width, height, theme)
    d = ImageDraw.Draw(im)
    m = round(0.1 * height)
    band = max(4, round(0.035 * height))
    d.rectangle((0, 0, width, band), fill=theme.accent)
    d.rectangle((0, height - band, width, height), fill=theme.accent)
    mark = round(0.3 * height)
    cross(d, m, (height - mark) // 2, mark, theme.accent)
    left, right = m + mark + m, width - m
    ward_h = round(0.12 * height)
    slogan = fit(card.text, (left, band + m, right, height - band - ward_h - m), "extrabold",
                 max_size=round(0.42 * height), readable=round(0.12 * height), max_lines=2,
                 spacing=1.1)  # fmt: skip
    slogan.draw(d, theme.text)
    ward_box = (left, height - band - ward_h - m // 3, right, height - band - m // 3)
    ward = fit(card.ward.upper(), ward_box, "bold", max_size=ward_h,
               readable=round(0.05 * height), max_lines=1)  # fmt: skip
    ward.draw(d, theme.accent)
    return im, slogan.shrunk

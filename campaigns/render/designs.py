"""The card designs: a layout (how the card is laid out) and a background (its ground).

A design is written ``"<layout>/<background>"``, e.g. ``"bang-ron/nen-sang"``; the photo
layout's background is the name of one of the officer's photos (``"anh-nen/le-mit-tinh.jpg"``).
This module only names them (the planner chooses among them without loading Pillow); the
drawing is in ``campaigns.render.layouts``.
"""

from __future__ import annotations

from dataclasses import dataclass

from campaigns.config.images import list_photos
from campaigns.config.load import WardCalendar

POSTER = "ap-phich"
BANNER = "bang-ron"
PHOTO = "anh-nen"
NUMBER = "so-lieu"
QUOTE = "trich-dan"
DAY = "ngay-le"
GRADIENT = "chuyen-mau"


@dataclass(frozen=True)
class LayoutInfo:
    name: str
    label: str  # for the officer
    kinds: frozenset[str]  # the card kinds it can show: slogan, fact, peak


LAYOUTS: dict[str, LayoutInfo] = {
    i.name: i
    for i in (
        LayoutInfo(POSTER, "áp phích (mẫu gốc)", frozenset({"slogan", "fact", "peak"})),
        LayoutInfo(BANNER, "băng rôn đỏ – vàng", frozenset({"slogan", "fact", "peak"})),
        LayoutInfo(PHOTO, "ảnh nền của phường, chữ trên dải tối", frozenset({"slogan", "peak"})),
        LayoutInfo(NUMBER, "số liệu lớn", frozenset({"fact"})),
        LayoutInfo(QUOTE, "trích dẫn có nguồn", frozenset({"slogan"})),
        LayoutInfo(DAY, "ngày lễ, kỷ niệm (ngày in lớn)", frozenset({"peak"})),
    )
}
# drawn backgrounds (the photo layout uses the officer's photos instead)
BACKGROUNDS: dict[str, str] = {
    GRADIENT: "nền chuyển màu",
    "nen-sang": "nền sáng",
    "nen-nhan": "nền màu nhấn",
    "hoa-van": "nền hoa văn",
}
DEFAULT = f"{POSTER}/{GRADIENT}"


@dataclass(frozen=True)
class Design:
    layout: str
    background: str

    def __str__(self) -> str:
        return f"{self.layout}/{self.background}"


def parse(text: str | None) -> Design:
    """A stored design; anything unknown (or none: posts planned before designs) is the
    original poster."""
    layout, _, background = (text or DEFAULT).partition("/")
    if layout not in LAYOUTS or not background:
        return Design(POSTER, GRADIENT)
    if layout != PHOTO and background not in BACKGROUNDS:
        background = GRADIENT
    return Design(layout, background)


def card_kind(post_kind: str, peak: str | None) -> str:
    """The kind of card a post shows (an event's card is its slogan's)."""
    if post_kind == "peak" and peak:
        return "peak"
    return "fact" if post_kind == "fact" else "slogan"


def designs_for(kind: str, photos: tuple[str, ...] = ()) -> list[Design]:
    """Every design a card of ``kind`` can take, layouts interleaved so that stepping
    through the list changes the layout at every step."""
    out: list[Design] = []
    layouts = [n for n, i in LAYOUTS.items() if kind in i.kinds and (n != PHOTO or photos)]
    for b in range(max(len(BACKGROUNDS), len(photos))):
        for name in layouts:
            grounds = photos if name == PHOTO else tuple(BACKGROUNDS)
            if b < len(grounds):
                out.append(Design(name, grounds[b]))
    return out


def photo_names(cal: WardCalendar) -> tuple[str, ...]:
    """The officer's photos for the photo layout (file names, sorted; none without
    ``[theme] photos``)."""
    folder = cal.config.theme.photos
    return list_photos(cal.resolve(folder)) if folder else ()

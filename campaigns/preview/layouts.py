"""``loa preview --layouts``: one content item in every layout and every format, so the
officer can see the choice; images and a contact sheet in the folder, nothing published."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, time
from pathlib import Path

from campaigns.config.load import WardCalendar
from campaigns.content.model import ContentItem
from campaigns.errors import UserError
from campaigns.planning import DesiredPost
from campaigns.preview.build import _place, _prepare, _prune
from campaigns.preview.sheet import Tile, contact_sheet
from campaigns.render import render_card
from campaigns.render.cards import Card
from campaigns.render.content import card_for
from campaigns.render.designs import GRADIENT, LAYOUTS, PHOTO, photo_names
from campaigns.render.formats import all_formats
from campaigns.render.theme import theme_of


@dataclass(frozen=True)
class LayoutSheet:
    item: str
    images: int
    sheet: Path
    skipped: list[str]  # layouts that cannot show this item, in words


def build_layouts(cal: WardCalendar, content_id: str | None, out: Path) -> LayoutSheet:
    item = _item(cal, content_id)
    cards = _cards(cal, item)
    photos = photo_names(cal)
    theme = theme_of(cal)
    _prepare(out)
    written: set[Path] = set()
    tiles: list[Tile] = []
    skipped = []
    for name, info in LAYOUTS.items():
        card = cards.get("peak" if "peak" in info.kinds and item.kind not in info.kinds else "")
        if card is None or card.kind not in info.kinds:
            skipped.append(f"{name} ({info.label}): không dùng cho loại nội dung này")
            continue
        if name == PHOTO and not photos:
            skipped.append(f"{name} ({info.label}): chưa khai báo [theme] photos")
            continue
        card = replace(card, layout=name, background=photos[0] if name == PHOTO else GRADIENT)
        for fmt in all_formats(cal).values():
            r = render_card(card, fmt, theme, thumb=True)
            file = f"layouts/{item.id}.{name}.{fmt.name}.{r.ext}"
            _place(r.path, out / file, written)
            tiles.append(Tile(r.path, r.key, f"{name} · {fmt.name}"))
    title = f"Các mẫu ảnh cho {item.id} — {cal.config.ward.name}"
    sheet = out / f"layouts/{item.id}.jpg"
    _place(contact_sheet(title, tiles), sheet, written)
    _prune(out, written, ("layouts",))
    return LayoutSheet(item.id, len(tiles), sheet, skipped)


def _item(cal: WardCalendar, content_id: str | None) -> ContentItem:
    items = [i for pool in cal.pools.values() for i in pool.items]
    if not items:
        raise UserError("Lịch chưa có khẩu hiệu hay số liệu nào để xem mẫu.")
    if content_id is None:
        return items[0]
    found = cal.item(content_id)
    if found is None:
        raise UserError(
            f"Không có nội dung mã '{content_id}' (ví dụ: {', '.join(i.id for i in items[:5])})."
        )
    return found[1]


def _cards(cal: WardCalendar, item: ContentItem) -> dict[str, Card]:
    """The item's own card (key ""), and as a peak's day card (key "peak") for a slogan."""
    owner = cal.item(item.id)
    assert owner is not None
    at = datetime.combine(cal.start, time(8), tzinfo=cal.tz)
    post = DesiredPost("mau", at, "mau", owner[0], item.id, item.kind, item.text, None, None)
    out = {"": card_for(cal, post)}
    peak = cal.peaks[0] if cal.peaks else None
    if item.kind == "slogan" and peak is not None:
        name = peak.name(cal.start)
        out["peak"] = card_for(cal, replace(post, kind="peak", peak=name))
    return out

"""What a post's card says: built from the post and the calendar, never from the database.

The renderer and the captioner accept anything with these attributes: a planned
``DesiredPost`` or a stored ``Post`` row.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from campaigns.config.load import WardCalendar
from campaigns.content.model import Fact
from campaigns.render.cards import Card
from campaigns.render.designs import parse
from campaigns.text import nfc


class PostLike(Protocol):
    @property
    def channel(self) -> str: ...
    @property
    def campaign(self) -> str: ...
    @property
    def content_id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def peak(self) -> str | None: ...
    @property
    def event(self) -> str | None: ...
    @property
    def slot_at(self) -> datetime: ...


def when(post: PostLike) -> datetime:
    """When the post goes out: a stored row's ``due_at`` (rescheduled), else its slot."""
    due = getattr(post, "due_at", None)
    return due if isinstance(due, datetime) else post.slot_at


def overrides(post: PostLike) -> dict[str, str]:
    """The officer's caption edits on a stored row (field -> text), NFC."""
    raw: Any = getattr(post, "caption", None)
    if not isinstance(raw, dict):
        return {}
    return {str(k): nfc(str(v)) for k, v in raw.items() if v is not None}


def peak_day(cal: WardCalendar, name: str | None) -> str:
    peak = next((p for p in cal.config.peaks if p.name == name), None)
    return f"{peak.date[0]}/{peak.date[1]}" if peak else ""


def card_for(cal: WardCalendar, post: PostLike) -> Card:
    campaign = cal.campaigns.get(post.campaign)
    ward = cal.config.ward
    header = post.event or post.peak or (campaign.name if campaign else "")
    line = campaign.short_title if campaign else ward.issuing_unit
    design = parse(getattr(post, "design", None))
    source = f"Khẩu hiệu tuyên truyền {campaign.name}" if campaign else ward.issuing_unit
    base = {
        "header": nfc(header), "ward": nfc(ward.name), "line": nfc(line),
        "layout": design.layout, "background": design.background,
    }  # fmt: skip
    text = nfc(post.text)
    found = cal.item(post.content_id)
    item = found[1] if found else None
    if post.kind == "peak" and post.peak:
        base["header"] = nfc(campaign.name if campaign else ward.issuing_unit)
        return Card("peak", text=text, day=peak_day(cal, post.peak), title=nfc(post.peak), **base)
    if isinstance(item, Fact) and text == nfc(item.statement):
        label = item.label
        if item.year and str(item.year) not in label:
            label = f"{label} năm {item.year}"
        return Card("fact", text=nfc(label), headline=nfc(item.headline),
                    qualifier=nfc(item.qualifier), **base)  # fmt: skip
    # a slogan, or a fact whose wording the officer edited: the text itself is the card
    return Card("slogan", text=text, source=nfc(source), **base)

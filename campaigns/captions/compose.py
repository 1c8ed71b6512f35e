"""Compose a post's caption for its channel from the templates and the campaign data."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from jinja2 import TemplateError

from campaigns.captions.templates import (
    FIELDS,
    SINGLE_LINE,
    describe,
    environment,
    pick,
)
from campaigns.config.load import WardCalendar
from campaigns.content.model import Fact
from campaigns.errors import UserError
from campaigns.render.content import PostLike, overrides, peak_day, when
from campaigns.text import nfc, untie
from campaigns.timeutil import fmt_date


@dataclass(frozen=True)
class Caption:
    """Caption fields of one post for one channel type (strings, NFC)."""

    channel: str
    type: str  # facebook | zalo | website | outbox
    fields: dict[str, str]
    hashtags: tuple[str, ...] = ()
    edited: tuple[str, ...] = field(default=())  # fields the officer overrode

    def get(self, name: str) -> str:
        return self.fields.get(name, "")

    @property
    def text(self) -> str:
        return self.get("text")

    @property
    def title(self) -> str:
        return self.get("title")

    @property
    def author(self) -> str:
        return self.get("author")

    @property
    def description(self) -> str:
        return self.get("description")

    @property
    def body(self) -> str:
        return self.get("body")

    @property
    def html(self) -> str:
        return self.get("html")

    @property
    def excerpt(self) -> str:
        return self.get("excerpt")


def channel_type(cal: WardCalendar, channel: str) -> str:
    found = cal.channel(channel)
    if found is None:
        raise UserError(f"Không có kênh tên '{channel}' trong calendar.toml.")
    return found.type


def folder_of(cal: WardCalendar) -> str | None:
    folder = cal.config.captions.folder
    return str(cal.resolve(folder)) if folder else None


def compose(cal: WardCalendar, post: PostLike, channel: str | None = None) -> Caption:
    """The caption of ``post`` on ``channel`` (default: the post's own channel).

    Template errors raise ``UserError`` naming the template and its line.
    """
    name = channel or post.channel
    kind = channel_type(cal, name)
    folder = folder_of(cal)
    env = environment(folder)
    ctx = context(cal, post)
    fields: dict[str, str] = {}
    variant = getattr(post, "variant", None)
    for f in FIELDS.get(kind, FIELDS["outbox"]):
        tname = pick(folder, kind if kind in FIELDS else "outbox", f, variant)
        try:
            raw = env.get_template(tname).render(ctx)
        except TemplateError as exc:
            raise UserError(describe(exc, folder, tname)) from None
        fields[f] = tidy(raw, single_line=f in SINGLE_LINE)
    edits = overrides(post)
    edited = tuple(k for k in fields if k in edits)
    for k in edited:
        fields[k] = edits[k].strip()
    tags = ctx["hashtag_list"]
    return Caption(name, kind, fields, tuple(tags), edited)


def context(cal: WardCalendar, post: PostLike) -> dict[str, Any]:
    ward = cal.config.ward
    campaign = cal.campaigns.get(post.campaign)
    found = cal.item(post.content_id)
    text = untie(nfc(post.text))  # a tie ("Hồ~Chí~Minh") only steers the card's line breaks
    item: dict[str, Any] = {"kind": "slogan", "id": post.content_id, "text": text}
    if found and isinstance(found[1], Fact):
        fact = found[1]
        item = {
            "kind": "fact", "id": fact.id, "text": untie(fact.statement),
            "headline": fact.headline, "value": fact.value, "unit": fact.unit,
            "qualifier": fact.qualifier, "label": untie(fact.label),
            "statement": untie(fact.statement), "year": fact.year,
        }  # fmt: skip
    tags = list(campaign.hashtags) if campaign else []
    at = when(post).astimezone(cal.tz)
    return {
        "ward": {
            "id": ward.id,
            "name": ward.name,
            "province": ward.province,
            "issuing_unit": ward.issuing_unit,
        },
        "campaign": {
            "id": post.campaign,
            "name": campaign.name if campaign else "",
            "title": campaign.title if campaign else "",
            "short_title": campaign.short_title if campaign else "",
        },
        "post": {
            "kind": post.kind,
            "content_id": post.content_id,
            "text": text,
            "peak": post.peak,
            "event": post.event,
            "channel": post.channel,
            "date": fmt_date(at.date()),
            "time": at.strftime("%H:%M"),
        },
        "item": item,
        "peak_day": peak_day(cal, post.peak),
        "hashtags": " ".join(tags),
        "hashtag_list": tags,
        "author": cal.config.captions.zalo_author or ward.name,
    }


_BLANKS = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \t]+")


def tidy(text: str, *, single_line: bool) -> str:
    text = nfc(text).strip()
    if single_line:
        return _SPACES.sub(" ", text.replace("\n", " ")).strip()
    lines = [line.rstrip() for line in text.splitlines()]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()

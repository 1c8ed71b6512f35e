"""The officer's edits on one post: caption overrides and the card's content.

Both are compare-and-set on the post's status (like every move), mark the post ``edited``
so the planner leaves it alone, and leave a line in the audit trail.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlmodel import col

from campaigns.errors import UserError
from campaigns.store.lifecycle import CHANGE_CONTENT, EDIT, Move, Status
from campaigns.store.models import OWN, Post, Transition
from campaigns.store.posts import Store, record, refusal
from campaigns.text import nfc


@dataclass(frozen=True)
class Stamp:
    """Cheap fingerprint of a unit's posts: when it changes, screens reload."""

    count: int
    updated: datetime | None
    last_move: int | None  # every move and edit leaves a transition


@dataclass(frozen=True)
class ChannelOutcome:
    last_published: datetime | None
    last_failed: datetime | None
    last_error: str | None


def _allowed(post: Post, move: Move) -> None:
    if not move.allows(post.status):
        raise UserError(refusal(post.id, post.status, move))


def edit_caption(
    store: Store, unit: str, post_id: int, fields: Mapping[str, str | None], *, actor: str
) -> Post:
    """Set (or, with None or blank, drop) the officer's override of caption fields."""
    post = store.get(unit, post_id)
    _allowed(post, EDIT)
    caption = dict(post.caption or {})
    for name, value in fields.items():
        if value is None or not value.strip():
            caption.pop(name, None)
        else:
            caption[name] = nfc(value)
    now = store.clock()
    with store.session() as s, s.begin():
        stmt = (
            update(Post)
            .where(col(Post.id) == post_id, col(Post.status) == post.status)
            .values(caption=caption or None, edited=True, updated_at=now)
            .returning(col(Post.id))
        )
        if s.scalar(stmt) is None:
            raise UserError(refusal(post_id, "?", EDIT))
        reason = "sửa chú thích: " + ", ".join(sorted(fields))
        record(s, [post_id], post.status, post.status, actor, reason, now)
    return store.get(unit, post_id)


def change_content(
    store: Store, unit: str, post_id: int, content_id: str, kind: str, text: str, *, actor: str
) -> Post:
    """Put another slogan or fact card on the post. The caption overrides written for the
    old content are dropped, and an approved post goes back to draft to be approved again."""
    post = store.get(unit, post_id)
    _allowed(post, CHANGE_CONTENT)
    if post.kind == OWN:
        raise UserError(
            f"Bài số {post_id} là bài riêng, không lấy nội dung từ chiến dịch: hãy sửa chú "
            "thích, hoặc hủy bài rồi thêm bài mới."
        )
    if post.kind in {"peak", "event"}:
        kind = post.kind  # the peak-day or event card keeps its frame
    new_status = CHANGE_CONTENT.target(post.status)
    now = store.clock()
    with store.session() as s, s.begin():
        clash = s.scalar(
            select(func.count())
            .select_from(Post)
            .where(
                col(Post.unit) == unit,
                col(Post.slot_key) == post.slot_key,
                col(Post.content_id) == content_id,
                col(Post.id) != post_id,
            )
        )
        if clash:
            raise UserError("Khung giờ này đã có một bài khác với nội dung đó.")
        stmt = (
            update(Post)
            .where(col(Post.id) == post_id, col(Post.status) == post.status)
            .values(
                content_id=content_id, kind=kind, text=nfc(text), caption=None, edited=True,
                status=new_status, updated_at=now,
            )
            .returning(col(Post.id))
        )  # fmt: skip
        if s.scalar(stmt) is None:
            raise UserError(refusal(post_id, "?", CHANGE_CONTENT))
        reason = f"đổi nội dung từ {post.content_id} sang {content_id}"
        record(s, [post_id], post.status, new_status, actor, reason, now)
    return store.get(unit, post_id)


def stamp(store: Store, unit: str) -> Stamp:
    query = select(func.count(), func.max(col(Post.updated_at))).where(col(Post.unit) == unit)
    moves = (
        select(func.max(col(Transition.id)))
        .join(Post, col(Post.id) == col(Transition.post_id))
        .where(col(Post.unit) == unit)
    )
    with store.session() as s:
        count, updated = s.execute(query).one()
        last_move = s.scalar(moves)
    return Stamp(int(count), updated, last_move)


def channel_outcomes(store: Store, unit: str) -> dict[str, ChannelOutcome]:
    """Per channel: the last publication and the last failure (with its error)."""
    query = (
        select(col(Post.channel), col(Post.status), func.max(col(Post.updated_at)))
        .where(col(Post.unit) == unit, col(Post.status).in_([Status.PUBLISHED, Status.FAILED]))
        .group_by(col(Post.channel), col(Post.status))
    )
    last: dict[str, dict[str, datetime]] = {}
    with store.session() as s:
        for channel, status, at in s.execute(query):
            last.setdefault(channel, {})[status] = at
        out: dict[str, ChannelOutcome] = {}
        for channel, seen in last.items():
            error = None
            if Status.FAILED in seen:
                error = s.scalar(
                    select(col(Post.error))
                    .where(
                        col(Post.unit) == unit, col(Post.channel) == channel,
                        col(Post.status) == Status.FAILED,
                    )
                    .order_by(col(Post.updated_at).desc())
                    .limit(1)
                )  # fmt: skip
            out[channel] = ChannelOutcome(
                seen.get(Status.PUBLISHED), seen.get(Status.FAILED), error
            )
    return out


def approved_due(store: Store, unit: str, start: datetime, end: datetime) -> int:
    """How many approved posts fall due in [start, end)."""
    query = (
        select(func.count())
        .select_from(Post)
        .where(
            col(Post.unit) == unit, col(Post.status) == Status.APPROVED,
            col(Post.due_at) >= start, col(Post.due_at) < end,
        )
    )  # fmt: skip
    with store.session() as s:
        return int(s.scalar(query) or 0)

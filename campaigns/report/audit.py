"""The audit trail of a period: every move of every post (who or what, when, from which
state to which, why), with enough of the post to read it without the database. Reasons
are scrubbed of secrets (an older Loa stored platforms' answers as they came)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import col
from sqlmodel import select as select_rows

from campaigns.secrets import scrub
from campaigns.store.lifecycle import LABELS
from campaigns.store.models import Post, Transition
from campaigns.store.posts import Store

COLUMNS = (
    "post_id", "at", "actor", "from_status", "from_label", "to_status", "to_label", "reason",
    "channel", "due_at", "text",
)  # fmt: skip


@dataclass(frozen=True)
class Move:
    transition: Transition
    channel: str
    due_at: datetime
    text: str


def moves(store: Store, unit: str, start: datetime | None, end: datetime | None) -> list[Move]:
    """Moves made in [start, end) (by the time of the move), oldest first."""
    query = (
        select_rows(Transition, Post)
        .join(Post, col(Post.id) == col(Transition.post_id))
        .where(col(Post.unit) == unit)
    )
    if start is not None:
        query = query.where(col(Transition.at) >= start)
    if end is not None:
        query = query.where(col(Transition.at) < end)
    query = query.order_by(col(Transition.at), col(Transition.id))
    with store.session() as s:
        return [Move(t, p.channel, p.due_at, p.text) for t, p in s.exec(query)]


def row(move: Move, tz: ZoneInfo) -> dict[str, Any]:
    t = move.transition
    return {
        "post_id": t.post_id,
        "at": t.at.astimezone(tz).isoformat(),
        "actor": t.actor,
        "from_status": t.from_status or "",
        "from_label": LABELS.get(t.from_status or "", t.from_status or ""),
        "to_status": t.to_status,
        "to_label": LABELS.get(t.to_status, t.to_status),
        "reason": scrub(t.reason),
        "channel": move.channel,
        "due_at": move.due_at.astimezone(tz).isoformat(),
        "text": move.text,
    }

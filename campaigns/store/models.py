"""Tables. The ``post`` table is the queue and the single source of truth.

Times are aware UTC (SQLModel maps ``datetime`` to its UTC type; don't override it).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, Table, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from campaigns.store.lifecycle import Status

OWN = "own"  # the officer's own post: written by hand, never planned
KIND_LABELS = {
    "slogan": "khẩu hiệu",
    "fact": "số liệu",
    "peak": "ngày cao điểm",
    "event": "sự kiện",
    OWN: "bài riêng",
}


class Post(SQLModel, table=True):
    __tablename__ = "post"
    __table_args__ = (
        UniqueConstraint("unit", "slot_key", "content_id", name="uq_post_plan_key"),
        Index("ix_post_queue", "status", "due_at"),
        Index("ix_post_unit_slot", "unit", "slot_at"),
        Index("ix_post_unit_due", "unit", "due_at"),
        Index("ix_post_claim", "unit", "status", "due_at"),
        # posts waiting for a retry only: the queue's "when next" reads just those
        Index(
            "ix_post_retry",
            "unit",
            "status",
            "next_attempt_at",
            postgresql_where=text("next_attempt_at IS NOT NULL"),
            sqlite_where=text("next_attempt_at IS NOT NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    unit: str = Field(max_length=64)
    campaign: str = Field(max_length=64)
    channel: str = Field(max_length=64)
    slot_key: str = Field(max_length=128)  # "<channel>|<local minute>" of the planned slot
    slot_at: datetime  # the planned slot, UTC; due_at moves on reschedule, this never does
    content_id: str = Field(max_length=64)
    kind: str = Field(max_length=16)
    text: str
    peak: str | None = None
    event: str | None = None
    # the card's "<layout>/<background>", chosen by the planner (None: the original poster)
    design: str | None = Field(default=None, max_length=255)
    variant: int | None = None  # its caption templates' variant (None: the first)
    due_at: datetime
    status: str = Field(default=Status.DRAFT, max_length=16)
    edited: bool = False  # touched by hand: the planner never changes it
    caption: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    images: list[str] | None = Field(default=None, sa_column=Column(JSON))  # own posts' photos
    link: str | None = None  # an own post's link
    external_id: str | None = Field(default=None, max_length=255)
    url: str | None = None
    error: str | None = None
    error_kind: str | None = Field(default=None, max_length=32)
    attempts: int = 0  # since the officer last set the post going (the backoff counts these)
    # An attempt's outcome is unknown (lost answer, killed daemon, expired lease): the post
    # may be live. Nothing publishes it again before the platform is asked; only a definite
    # answer (or the officer) clears it.
    maybe_live: bool = False
    # a publisher's note for the next attempt (a Zalo article's creation token)
    resume: str | None = None
    next_attempt_at: datetime | None = None
    claimed_by: str | None = Field(default=None, max_length=128)
    lease_until: datetime | None = None
    created_at: datetime
    created_by: str = Field(max_length=128)
    updated_at: datetime


class Transition(SQLModel, table=True):
    """The audit trail: who or what moved a post, when, from which state to which, why."""

    __tablename__ = "transition"
    __table_args__ = (Index("ix_transition_post", "post_id", "at"), Index("ix_transition_at", "at"))

    id: int | None = Field(default=None, primary_key=True)
    post_id: int = Field(foreign_key="post.id", ondelete="CASCADE")
    at: datetime
    actor: str = Field(max_length=128)
    from_status: str | None = Field(default=None, max_length=16)
    to_status: str = Field(max_length=16)
    reason: str = ""


# The Core tables, for bulk statements that bypass the ORM.
POST_TABLE: Table = Post.__table__  # type: ignore[attr-defined]
TRANSITION_TABLE: Table = Transition.__table__  # type: ignore[attr-defined]


class Engagement(SQLModel, table=True):
    """What a platform said about a live post at one moment (a snapshot; newest wins).

    Kept as snapshots rather than one row per post so a report can state its figures
    "as of" the time they were fetched, and an older report can be reproduced.
    """

    __tablename__ = "engagement"
    __table_args__ = (Index("ix_engagement_post", "post_id", "fetched_at"),)

    id: int | None = Field(default=None, primary_key=True)
    post_id: int = Field(foreign_key="post.id", ondelete="CASCADE")
    fetched_at: datetime
    reactions: int | None = None  # None: the platform does not give this figure
    comments: int | None = None
    shares: int | None = None


class DaemonBeat(SQLModel, table=True):
    """One running (or last seen) daemon: its heartbeat, for ``loa status`` and the TUI.

    A daemon is alive when ``last_tick`` is recent and ``stopped_at`` is empty.
    """

    __tablename__ = "daemon"

    id: str = Field(primary_key=True, max_length=128)  # "<host>:<pid>:<random>"
    unit: str = Field(max_length=64)
    host: str = Field(max_length=255)
    pid: int
    version: str = Field(max_length=32)
    started_at: datetime
    last_tick: datetime
    next_due: datetime | None = None
    in_flight: int = 0
    stopped_at: datetime | None = None


class ChannelState(SQLModel, table=True):
    """What the daemons know about a channel: paused (auth/config), rate-limited, warnings."""

    __tablename__ = "channel_state"

    unit: str = Field(primary_key=True, max_length=64)
    channel: str = Field(primary_key=True, max_length=64)
    paused: bool = False  # auth or configuration error: no claims until it works again
    blocked_until: datetime | None = None  # the platform's stated wait (rate limit)
    reason: str | None = None  # Vietnamese, for the officer
    token_expires_at: datetime | None = None
    warning: str | None = None  # e.g. a token expiring in a few days
    updated_at: datetime

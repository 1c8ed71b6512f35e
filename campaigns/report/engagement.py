"""Engagement of live posts: stored as snapshots, refreshed before a report.

A *reader* turns a published post into its current counts (or None when its channel gives
none). Readers come from the channel's publisher (``readers.py``); this module only stores
and refreshes, so it is tested with plain functions. A failed fetch never stops a report:
the older snapshot stays, and the failure is listed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import insert
from sqlmodel import col
from sqlmodel import select as select_rows

from campaigns.store.lifecycle import Status
from campaigns.store.models import Engagement, Post
from campaigns.store.posts import Store, chunks


@dataclass(frozen=True)
class Counts:
    reactions: int | None = None  # None: the platform does not give this figure
    comments: int | None = None
    shares: int | None = None


@dataclass(frozen=True)
class Snapshot:
    post_id: int
    fetched_at: datetime
    counts: Counts


Reader = Callable[[Post], Counts | None]


class ReadFailed(Exception):
    """A reader could not get the counts; the message is one Vietnamese line."""


@dataclass
class RefreshResult:
    updated: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)  # channel gives no engagement
    failed: dict[int, str] = field(default_factory=dict)  # post id -> why


def record(store: Store, snapshots: Sequence[Snapshot]) -> None:
    if not snapshots:
        return
    rows = [
        {
            "post_id": s.post_id,
            "fetched_at": s.fetched_at,
            "reactions": s.counts.reactions,
            "comments": s.counts.comments,
            "shares": s.counts.shares,
        }
        for s in snapshots
    ]
    with store.session() as session, session.begin():
        session.execute(insert(Engagement), rows)


def latest(
    store: Store, post_ids: Iterable[int], as_of: datetime | None = None
) -> dict[int, Snapshot]:
    """The newest snapshot of each post (taken no later than ``as_of`` when given)."""
    out: dict[int, Snapshot] = {}
    ids = sorted(set(post_ids))
    with store.session() as session:
        for part in chunks(ids):
            query = select_rows(Engagement).where(col(Engagement.post_id).in_(part))
            if as_of is not None:
                query = query.where(col(Engagement.fetched_at) <= as_of)
            query = query.order_by(col(Engagement.fetched_at), col(Engagement.id))
            for row in session.exec(query):
                counts = Counts(row.reactions, row.comments, row.shares)
                out[row.post_id] = Snapshot(row.post_id, row.fetched_at, counts)
    return out


def refresh(
    store: Store,
    posts: Iterable[Post],
    readers: Mapping[str, Reader],
    *,
    at: datetime | None = None,
) -> RefreshResult:
    """Fetch and store the counts of every published post whose channel has a reader."""
    result = RefreshResult()
    taken: list[Snapshot] = []
    when = at or store.clock()
    for post in posts:
        if post.id is None or post.status != Status.PUBLISHED or not post.external_id:
            continue
        reader = readers.get(post.channel)
        if reader is None:
            result.skipped.append(post.id)
            continue
        try:
            counts = reader(post)
        except ReadFailed as exc:
            result.failed[post.id] = str(exc)
            continue
        if counts is None:
            result.skipped.append(post.id)
            continue
        taken.append(Snapshot(post.id, when, counts))
        result.updated.append(post.id)
    record(store, taken)
    return result

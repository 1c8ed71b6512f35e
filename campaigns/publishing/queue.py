"""The posts table as a queue: claim with a lease, renew, release, expire, finish.

A claim is one statement, so two daemons can never take the same post:

    WITH picked AS MATERIALIZED (
        SELECT id FROM post WHERE unit=:u AND channel=:c AND status='approved'
        AND ready_at <= :now ORDER BY due_at, id LIMIT :n FOR UPDATE SKIP LOCKED)
    UPDATE post SET status='publishing', claimed_by=:me, lease_until=:now+lease,
                    attempts=attempts+1
    FROM picked WHERE post.id = picked.id AND post.status='approved'
    RETURNING post.*

(DESIGN.md wrote ``WHERE id IN (SELECT … SKIP LOCKED)``; on PostgreSQL that form claimed
far more than LIMIT rows under contention, see ``claim``.)

(``ready_at`` is the later of ``due_at`` and ``next_attempt_at``, written as ``due_at <= :now
AND (next_attempt_at IS NULL OR next_attempt_at <= :now)`` so the ``(unit, status, due_at)``
index finds the due posts without visiting the whole future plan.) SQLAlchemy leaves
``FOR UPDATE`` out on SQLite, where writes are serialised anyway. Every status change
is a move of ``campaigns.store.lifecycle`` applied as a compare-and-set, and recorded in
the audit trail. Only the holder of a claim (``claimed_by``) may end it, except the
platform's receipt, which is recorded whoever holds the row (see ``finish_published``).

Every text an attempt stores (``post.error``, the transition's reason) passes
``campaigns.secrets.scrub`` in ``_move_own``: a platform's answer may quote a credential.

A claim that ends without a definite answer (an expired lease: the daemon hung or died;
a lost answer) leaves ``maybe_live`` set: the next attempt asks the platform first.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlmodel import col

from campaigns.secrets import scrub
from campaigns.store import Post, Store
from campaigns.store.lifecycle import (
    CLAIM,
    EXPIRE,
    FAIL,
    GIVE_UP,
    LIVE,
    MISS,
    PUBLISH_NOW,
    RELEASE,
    Move,
    Status,
)
from campaigns.store.models import POST_TABLE, TRANSITION_TABLE
from campaigns.store.posts import record
from publishers.base import Receipt
from publishers.errors import TransientError

DAEMON_ACTOR = "daemon:"  # every daemon's claims start with this; the TUI's and CLI's do not


def ready(now: datetime) -> ColumnElement[bool]:
    """An approved post may be claimed at ``now``: its due time and its retry time (if
    any) have come. Sargable on ``due_at``: the index stops at ``now``."""
    retry = col(Post.next_attempt_at)
    return and_(col(Post.due_at) <= now, or_(retry.is_(None), retry <= now))


def _post(row: Any) -> Post:
    return Post(**dict(row._mapping))


def claim(
    store: Store,
    unit: str,
    channel: str,
    limit: int,
    *,
    actor: str,
    lease: float,
    due_after: datetime | None = None,
) -> list[Post]:
    """Take up to ``limit`` ready posts of one channel, oldest due first (``due_after``:
    only posts due after that time)."""
    if limit <= 0:
        return []
    now = store.clock()
    conditions = [
        col(Post.unit) == unit,
        col(Post.channel) == channel,
        col(Post.status).in_(CLAIM.allowed),
        ready(now),
    ]
    if due_after is not None:
        conditions.append(col(Post.due_at) > due_after)
    pick = (
        select(col(Post.id))
        .where(*conditions)
        .order_by(col(Post.due_at), col(Post.id))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    # A materialised CTE, not "id IN (subquery)": PostgreSQL may run an IN-subquery more
    # than once per statement, and with SKIP LOCKED each run picks other rows, so one
    # claim took hundreds of posts instead of ``limit`` (seen with four daemons).
    picked = pick.cte("picked").prefix_with("MATERIALIZED", dialect="postgresql")
    stmt = (
        update(POST_TABLE)
        .where(POST_TABLE.c.id == picked.c.id, POST_TABLE.c.status.in_(CLAIM.allowed))
        .values(**_claimed(actor, now, lease))
        .returning(*POST_TABLE.c)
    )
    with store.session() as s, s.begin():
        posts = [_post(r) for r in s.execute(stmt)]
        record(s, [p.id for p in posts if p.id], Status.APPROVED, Status.PUBLISHING, actor,
               CLAIM.label, now)  # fmt: skip
    return sorted(posts, key=lambda p: (p.due_at, p.id or 0))


def _claimed(actor: str, now: datetime, lease: float) -> dict[str, Any]:
    """The columns every claim sets: held by ``actor`` for ``lease`` seconds, one more try."""
    return {
        "status": Status.PUBLISHING,
        "claimed_by": actor,
        "lease_until": now + timedelta(seconds=lease),
        "attempts": POST_TABLE.c.attempts + 1,
        "updated_at": now,
    }


def claim_one(store: Store, unit: str, post_id: int, *, actor: str, lease: float) -> Post | None:
    """Take one post by id for an immediate publish (the officer's "publish now")."""
    now = store.clock()
    with store.session() as s, s.begin():
        old = s.execute(
            select(col(Post.status)).where(col(Post.unit) == unit, col(Post.id) == post_id)
        ).scalar()
        if old is None or not PUBLISH_NOW.allows(old):
            return None
        stmt = (
            update(POST_TABLE)
            .where(POST_TABLE.c.id == post_id, POST_TABLE.c.status == old)
            .values(**_claimed(actor, now, lease), next_attempt_at=None)
            .returning(*POST_TABLE.c)
        )
        row = s.execute(stmt).first()
        if row is None:
            return None
        record(s, [post_id], old, PUBLISH_NOW.target(old), actor, PUBLISH_NOW.label, now)
    return _post(row)


def _move_own(
    store: Store, post: Post, move: Move, *, actor: str, reason: str, values: dict[str, Any]
) -> bool:
    """End this actor's claim on ``post`` with ``move`` (refused if the claim was lost)."""
    reason = scrub(reason)
    if values.get("error"):
        values = {**values, "error": scrub(values["error"])}
    now = store.clock()
    stmt = (
        update(POST_TABLE)
        .where(
            POST_TABLE.c.id == post.id,
            POST_TABLE.c.status.in_(move.allowed),
            POST_TABLE.c.claimed_by == actor,
        )
        .values(
            status=move.target(Status.PUBLISHING),
            claimed_by=None,
            lease_until=None,
            updated_at=now,
            **values,
        )
        .returning(POST_TABLE.c.id)
    )
    return _moved(store, stmt, post, Status.PUBLISHING, move, actor, reason, now)


def release(
    store: Store,
    post: Post,
    *,
    actor: str,
    reason: str,
    maybe_live: bool,
    kind: str | None = None,
    next_attempt_at: datetime | None = None,
) -> bool:
    """Give a claimed post back to the queue (retry later, paused channel, shutdown).
    ``maybe_live``: whether the post may be live after what this claim did."""
    values: dict[str, Any] = {"next_attempt_at": next_attempt_at, "maybe_live": maybe_live}
    if kind is not None:
        values.update(error=reason, error_kind=kind)
    return _move_own(store, post, RELEASE, actor=actor, reason=reason, values=values)


def finish_failed(
    store: Store, post: Post, *, actor: str, reason: str, kind: str, maybe_live: bool
) -> bool:
    values = {"error": reason, "error_kind": kind, "next_attempt_at": None,
              "maybe_live": maybe_live}  # fmt: skip
    return _move_own(store, post, FAIL, actor=actor, reason=reason, values=values)


def finish_missed(store: Store, post: Post, *, actor: str, reason: str) -> bool:
    """Too late to publish: nothing was sent by this claim, so ``maybe_live`` stays."""
    values = {"error": reason, "error_kind": "missed", "next_attempt_at": None}
    return _move_own(store, post, GIVE_UP, actor=actor, reason=reason, values=values)


def finish_published(
    store: Store, post: Post, receipt: Receipt, *, actor: str, found: bool = False
) -> bool:
    """Save the platform id the instant it is known, whoever holds the row now: the post
    is live, and forgetting it would publish it again.

    False when the row was already published (a second receipt: logged by the caller and
    noted in the audit trail when it names another platform post). ``found``: the post
    was found on the platform (reconciliation), not just sent.
    """
    now = store.clock()
    assert post.id is not None
    with store.session() as s, s.begin():
        row = s.execute(
            select(col(Post.status), col(Post.external_id)).where(col(Post.id) == post.id)
        ).first()
        if row is None:
            return False
        old, known = row
        if not LIVE.allows(old):
            if old == Status.PUBLISHED and known and known != receipt.external_id:
                why = (f"CẢNH BÁO: nền tảng báo thêm một bản của bài này ({receipt.url}); "
                       "hãy xóa bản trùng trên kênh")  # fmt: skip
                record(s, [post.id], old, old, actor, why, now)
            return False
        stmt = (
            update(POST_TABLE)
            .where(POST_TABLE.c.id == post.id, POST_TABLE.c.status == old)
            .values(
                status=LIVE.target(old), external_id=receipt.external_id, url=receipt.url,
                error=None, error_kind=None, next_attempt_at=None, claimed_by=None,
                lease_until=None, maybe_live=False, resume=None, updated_at=now,
            )
            .returning(POST_TABLE.c.id)
        )  # fmt: skip
        if s.execute(stmt).scalar() is None:
            return False
        why = "đã lên kênh" + (" (hẹn giờ trên nền tảng)" if receipt.scheduled else "")
        if found:
            why = "đã có trên kênh từ lần thử trước, không đăng lại"
        record(s, [post.id], old, LIVE.target(old), actor, f"{why}: {receipt.url}", now)
    return True


def note(store: Store, post: Post, value: str, *, actor: str) -> None:
    """Keep ``value`` (what the platform handed back mid-publish) for the next attempt,
    if this actor still holds the post; else the attempt must stop here."""
    if not _held(store, POST_TABLE.c.id == post.id, actor, resume=value):
        raise TransientError(
            "Đã hết lượt giữ bài này (tiến trình khác đã nhận); không đăng tiếp từ đây.",
            detail="claim lost mid-publish", maybe_live=True,
        )  # fmt: skip


def renew(store: Store, unit: str, *, actor: str, lease: float) -> int:
    """Extend the leases this daemon holds (it is alive and still working on them)."""
    return _extend(store, POST_TABLE.c.unit == unit, actor=actor, lease=lease)


def still_held(store: Store, post: Post, *, actor: str, lease: float) -> bool:
    """Extend this one claim right before the platform is written to, if it is still
    ours: a claim whose lease ran out while the attempt was slow (a long reconciliation,
    a starved process) may have been given to another daemon, which publishes it."""
    return _extend(store, POST_TABLE.c.id == post.id, actor=actor, lease=lease) == 1


def _extend(store: Store, which: ColumnElement[bool], *, actor: str, lease: float) -> int:
    """Push back the lease of the posts ``which`` that ``actor`` still holds; how many."""
    return _held(store, which, actor, lease_until=store.clock() + timedelta(seconds=lease))


def _held(store: Store, which: ColumnElement[bool], actor: str, **values: Any) -> int:
    """Set ``values`` on the posts ``which`` that ``actor`` still holds; how many."""
    stmt = (
        update(POST_TABLE)
        .where(which, POST_TABLE.c.status == Status.PUBLISHING, POST_TABLE.c.claimed_by == actor)
        .values(**values)
    )
    with store.session() as s, s.begin():
        return int(getattr(s.execute(stmt), "rowcount", 0))


def expire(store: Store, unit: str, *, actor: str) -> list[int]:
    """Return posts whose lease ran out to the queue; they reconcile before publishing."""
    return _requeue(
        store, unit, POST_TABLE.c.lease_until < store.clock(), actor=actor,
        reason="hết hạn giữ chỗ (tiến trình đăng trước đã dừng); sẽ kiểm tra trên kênh "
        "trước khi đăng lại",
    )  # fmt: skip


def recover(store: Store, unit: str, *, actor: str) -> list[int]:
    """Return every post a daemon held to the queue, leases or not: only for a daemon
    that knows all others are dead (it holds the SQLite lock). Claims of the TUI or the
    CLI ("publish now") are theirs until their lease runs out."""
    return _requeue(
        store, unit, POST_TABLE.c.claimed_by.startswith(DAEMON_ACTOR, autoescape=True),
        actor=actor,
        reason="daemon trước đã dừng đột ngột; sẽ kiểm tra trên kênh trước khi đăng lại",
    )  # fmt: skip


def _requeue(
    store: Store, unit: str, held: ColumnElement[bool], *, actor: str, reason: str
) -> list[int]:
    """The holder is gone mid-claim: it may have sent the post, so ``maybe_live``."""
    now = store.clock()
    stmt = (
        update(POST_TABLE)
        .where(POST_TABLE.c.unit == unit, POST_TABLE.c.status.in_(EXPIRE.allowed), held)
        .values(
            status=EXPIRE.target(Status.PUBLISHING),
            claimed_by=None,
            lease_until=None,
            maybe_live=True,
            updated_at=now,
        )
        .returning(POST_TABLE.c.id)
    )
    with store.session() as s, s.begin():
        ids = [i for i in s.execute(stmt).scalars() if i is not None]
        record(s, ids, Status.PUBLISHING, EXPIRE.target(Status.PUBLISHING), actor, reason, now)
    return ids


def ready_channels(
    store: Store, unit: str
) -> tuple[dict[str, tuple[int, datetime]], datetime | None]:
    """For each channel with ready posts: how many, and the oldest one's due time; and
    when to look again for the next approved post (its due or retry time, whichever comes
    first: a post due later but held back longer only wakes the daemon early).

    Three index range reads, none over the future plan: the due posts grouped by
    channel, the first due time after ``now``, the first retry time after ``now``.
    """
    now = store.clock()
    approved = (col(Post.unit) == unit, col(Post.status).in_(CLAIM.allowed))
    due = (
        select(col(Post.channel), func.count(), func.min(col(Post.due_at)))
        .where(*approved, ready(now))
        .group_by(col(Post.channel))
    )
    next_due = select(func.min(col(Post.due_at))).where(*approved, col(Post.due_at) > now)
    next_retry = select(func.min(col(Post.next_attempt_at))).where(
        *approved, col(Post.next_attempt_at) > now
    )
    counts: dict[str, tuple[int, datetime]] = {}
    with store.session() as s:
        for channel, n, oldest in s.execute(due):
            counts[channel] = (int(n), _aware(oldest))
        later = [s.execute(q).scalar() for q in (next_due, next_retry)]
    found = [_aware(t) for t in later if t is not None]
    return counts, min(found) if found else None


def late(store: Store, unit: str, before: datetime, limit: int = 500) -> list[Post]:
    """Approved posts due before ``before`` (candidates for the missed rule)."""
    query = (
        select(POST_TABLE)
        .where(
            POST_TABLE.c.unit == unit,
            POST_TABLE.c.status.in_(MISS.allowed),
            POST_TABLE.c.due_at < before,
        )
        .order_by(POST_TABLE.c.due_at)
        .limit(limit)
    )
    with store.session() as s:
        return [_post(r) for r in s.execute(query)]


def mark_missed(store: Store, post: Post, *, actor: str, reason: str) -> bool:
    """approved -> missed (compare-and-set on status and due time: a reschedule wins)."""
    now = store.clock()
    stmt = (
        update(POST_TABLE)
        .where(
            POST_TABLE.c.id == post.id,
            POST_TABLE.c.status.in_(MISS.allowed),
            POST_TABLE.c.due_at == post.due_at,
        )
        .values(
            status=MISS.target(Status.APPROVED),
            error=reason,
            error_kind="missed",
            updated_at=now,
            next_attempt_at=None,
        )
        .returning(POST_TABLE.c.id)
    )
    return _moved(store, stmt, post, Status.APPROVED, MISS, actor, reason, now)


def _moved(
    store: Store,
    stmt: Any,
    post: Post,
    old: Status,
    move: Move,
    actor: str,
    reason: str,
    now: datetime,
) -> bool:
    """Run a one-row compare-and-set ``stmt`` (``RETURNING id``); record it if it moved."""
    with store.session() as s, s.begin():
        moved = s.execute(stmt).scalar() is not None
        if moved and post.id is not None:
            record(s, [post.id], old, move.target(old), actor, reason, now)
    return moved


def first_claimed(store: Store, post_id: int) -> datetime | None:
    """When this post was first taken for publishing: no earlier attempt can have made it
    live before then (reconciliation looks back to here)."""
    query = select(func.min(TRANSITION_TABLE.c.at)).where(
        TRANSITION_TABLE.c.post_id == post_id,
        TRANSITION_TABLE.c.to_status == Status.PUBLISHING,
    )
    with store.session() as s:
        at = s.execute(query).scalar()
    return _aware(at) if at is not None else None


def _aware(value: datetime | str) -> datetime:
    if isinstance(value, str):  # an aggregate over a CASE may come back untyped on SQLite
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)

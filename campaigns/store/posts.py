"""Read posts and move them between states, recording every move.

Moves are compare-and-set (``UPDATE … WHERE status = :old``), so the TUI, the CLI and the
daemon can race without losing an edit: whoever comes second sees the new state and is
refused with a clear reason.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Engine, func, insert, select, update
from sqlmodel import Session, col
from sqlmodel import select as select_rows

from campaigns.errors import UserError
from campaigns.store import migrate
from campaigns.store.db import database_url, open_engine
from campaigns.store.lifecycle import (
    CONFIRM_NOT_LIVE,
    MARK_LIVE,
    RESCHEDULE,
    Move,
    label,
)
from campaigns.store.lifecycle import (
    MAYBE_LIVE_LABEL as MAYBE_LIVE,
)
from campaigns.store.models import Post, Transition
from campaigns.timeutil import fmt_local, utcnow

CHUNK = 500  # ids per statement, well under every driver's parameter limit


@dataclass
class MoveResult:
    changed: list[int] = field(default_factory=list)
    refused: dict[int, str] = field(default_factory=dict)  # id -> its current status
    missing: list[int] = field(default_factory=list)

    def problems(self, move: Move) -> list[str]:
        out = [f"Không có bài số {i}." for i in self.missing]
        out += [refusal(i, s, move) for i, s in sorted(self.refused.items())]
        return out


def refusal(post_id: int | None, status: str, move: Move) -> str:
    """Why ``move`` cannot apply to a post in ``status`` (Vietnamese)."""
    if status == "?":
        return f"Bài số {post_id} vừa bị thay đổi ở nơi khác; hãy xem lại rồi thử lại."
    return f"Bài số {post_id} đang ở trạng thái '{label(status)}', không thể {move.label}."


def record(
    session: Session,
    ids: Sequence[int],
    old: str | None,
    new: str,
    actor: str,
    reason: str,
    now: datetime,
) -> None:
    """Write one audit-trail row per moved post (the caller's transaction commits them)."""
    if ids:
        rows = [
            {"post_id": i, "at": now, "actor": actor, "from_status": old,
             "to_status": new, "reason": reason}
            for i in ids
        ]  # fmt: skip
        session.execute(insert(Transition), rows)


def _filters(
    unit: str,
    start: datetime | None,
    end: datetime | None,
    channel: str | None,
    statuses: Iterable[str] | None,
) -> list[ColumnElement[bool]]:
    """A unit's posts due in [start, end), optionally of one channel and some statuses."""
    where = [col(Post.unit) == unit]
    if start is not None:
        where.append(col(Post.due_at) >= start)
    if end is not None:
        where.append(col(Post.due_at) < end)
    if channel is not None:
        where.append(col(Post.channel) == channel)
    if statuses is not None:
        where.append(col(Post.status).in_(list(statuses)))
    return where


def refuse_past(when: datetime, now: datetime, tz: ZoneInfo, what: str) -> None:
    """A post's time already past is refused (``UserError``): the daemon would publish at
    once or mark the post missed. Times are typed to the minute, so the current minute is
    still accepted ("now")."""
    if when < now.replace(second=0, microsecond=0):
        raise UserError(
            f"{what} {fmt_local(when, tz)} đã qua; chọn một giờ sau bây giờ "
            f"({fmt_local(now, tz, with_zone=True)})."
        )


def chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


class Store:
    def __init__(self, engine: Engine, clock: Callable[[], datetime] = utcnow) -> None:
        self.engine = engine
        self.clock = clock

    @classmethod
    def open(
        cls, url: str | None = None, clock: Callable[[], datetime] = utcnow, *, create: bool = True
    ) -> Store:
        """``create``: a missing SQLite file may be made (see ``open_engine``)."""
        engine = open_engine(database_url(url), create=create)
        migrate.upgrade(engine)
        return cls(engine, clock)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    # -- reading -------------------------------------------------------------------------

    def posts(
        self,
        unit: str,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        channel: str | None = None,
        statuses: Iterable[str] | None = None,
        limit: int | None = None,
    ) -> list[Post]:
        """Posts of a unit by due time; ``end`` is exclusive."""
        query = select_rows(Post).where(*_filters(unit, start, end, channel, statuses))
        query = query.order_by(col(Post.due_at), col(Post.channel), col(Post.id)).limit(limit)
        with self.session() as s:
            return list(s.exec(query))

    def get(self, unit: str, post_id: int) -> Post:
        with self.session() as s:
            return self._read(s, unit, post_id)

    def history(self, unit: str, post_id: int) -> list[Transition]:
        self.get(unit, post_id)
        query = (
            select_rows(Transition)
            .where(col(Transition.post_id) == post_id)
            .order_by(col(Transition.at), col(Transition.id))
        )
        with self.session() as s:
            return list(s.exec(query))

    def counts(self, unit: str) -> dict[str, int]:
        query = (
            select(col(Post.status), func.count())
            .where(col(Post.unit) == unit)
            .group_by(col(Post.status))
        )
        with self.session() as s:
            return {status: n for status, n in s.execute(query)}

    # -- moving --------------------------------------------------------------------------

    def move(
        self,
        unit: str,
        ids: Sequence[int],
        move: Move,
        *,
        actor: str,
        reason: str = "",
        values: dict[str, Any] | None = None,
        session: Session | None = None,
    ) -> MoveResult:
        """Apply ``move`` to the posts whose state allows it; report the others."""
        if session is None:
            with self.session() as s, s.begin():
                return self.move(
                    unit, ids, move, actor=actor, reason=reason, values=values, session=s
                )
        result = MoveResult()
        now = self.clock()
        wanted = list(dict.fromkeys(ids))
        current: dict[int, str] = {}
        for part in chunks(wanted):
            query = select(col(Post.id), col(Post.status)).where(
                col(Post.unit) == unit, col(Post.id).in_(part)
            )
            current.update({pid: status for pid, status in session.execute(query)})
        result.missing = [i for i in wanted if i not in current]
        groups: dict[str, list[int]] = defaultdict(list)
        for pid in wanted:
            status = current.get(pid)
            if status is None:
                continue
            if move.allows(status):
                groups[status].append(pid)
            else:
                result.refused[pid] = status
        for old, group in groups.items():
            for part in chunks(group):
                stmt = (
                    update(Post)
                    .where(col(Post.id).in_(part), col(Post.status) == old)
                    .values(status=move.target(old), updated_at=now, **(values or {}))
                    .returning(col(Post.id))
                )
                moved = [pid for pid in session.scalars(stmt) if pid is not None]
                lost = set(part) - set(moved)  # changed by someone else since we looked
                result.refused.update({pid: "?" for pid in lost})
                result.changed += moved
                record(session, moved, old, move.target(old), actor, reason, now)
        return result

    def reschedule(
        self,
        unit: str,
        post_id: int,
        when: datetime,
        *,
        actor: str,
        tz: ZoneInfo,
        now: datetime | None = None,
    ) -> Post:
        """Move a post to a new time; approved, failed or missed posts go back to the queue.

        A time already past is refused (see ``refuse_past``). ``now``: the present
        (default: the store's clock).

        The attempts count restarts (the backoff is about this new try), but ``maybe_live``
        stays: a post that may already be live is looked up before it is published again.
        """
        now = now or self.clock()
        refuse_past(when, now, tz, "Giờ mới")
        with self.session() as s, s.begin():
            post = self._read(s, unit, post_id)
            if not RESCHEDULE.allows(post.status):
                raise UserError(refusal(post_id, post.status, RESCHEDULE))
            old_status, old_due = post.status, post.due_at
            if old_due == when:  # nothing to move: no history row saying "from 08:00 to 08:00"
                raise UserError(
                    f"Bài số {post_id} đã hẹn đăng lúc {fmt_local(when, tz, with_zone=True)}; "
                    "giờ mới trùng giờ cũ nên không dời."
                )
            new_status = RESCHEDULE.target(old_status)
            stmt = (
                update(Post)
                .where(
                    col(Post.id) == post_id,
                    col(Post.status) == old_status,
                    col(Post.due_at) == old_due,
                )
                .values(
                    due_at=when, status=new_status, edited=True, updated_at=now,
                    error=None, error_kind=None, attempts=0, next_attempt_at=None,
                )
                .returning(col(Post.id))
            )  # fmt: skip
            if s.scalar(stmt) is None:
                raise UserError(refusal(post_id, "?", RESCHEDULE))
            reason = (
                f"dời lịch từ {fmt_local(old_due, tz)} sang {fmt_local(when, tz, with_zone=True)}"
            )
            record(s, [post_id], old_status, new_status, actor, reason, now)
        return self.get(unit, post_id)

    # -- the officer's word on a post that may be live ---------------------------------------

    def mark_live(self, unit: str, post_id: int, url: str, *, actor: str) -> Post:
        """The officer found the post on the channel (or posted it by hand): it is published,
        at ``url``. Nothing will publish it again."""
        values = {"url": url, "maybe_live": False, "error": None, "error_kind": None,
                  "next_attempt_at": None}  # fmt: skip
        return self._decide(unit, post_id, MARK_LIVE, values, actor,
                            f"cán bộ xác nhận bài đã lên kênh: {url}")  # fmt: skip

    def confirm_not_live(self, unit: str, post_id: int, *, actor: str, reason: str = "") -> Post:
        """The officer checked the channel: the post is not there. Publishing may go ahead
        without asking the platform first."""
        post = self.get(unit, post_id)
        if not post.maybe_live:
            raise UserError(
                f"Bài số {post_id} không ở tình trạng '{MAYBE_LIVE}'; không cần xác nhận."
            )
        why = "cán bộ xác nhận bài chưa lên kênh" + (f": {reason}" if reason else "")
        values = {"maybe_live": False}
        return self._decide(unit, post_id, CONFIRM_NOT_LIVE, values, actor, why)

    def _decide(
        self, unit: str, post_id: int, move: Move, values: dict[str, Any], actor: str, why: str
    ) -> Post:
        now = self.clock()
        with self.session() as s, s.begin():
            post = self._read(s, unit, post_id)
            old, flag = post.status, post.maybe_live
            if not move.allows(old):
                raise UserError(refusal(post_id, old, move))
            stmt = (
                update(Post)
                .where(col(Post.id) == post_id, col(Post.status) == old,
                       col(Post.maybe_live) == flag)
                .values(status=move.target(old), updated_at=now, **values)
                .returning(col(Post.id))
            )  # fmt: skip
            if s.scalar(stmt) is None:
                raise UserError(refusal(post_id, "?", move))
            record(s, [post_id], old, move.target(old), actor, why, now)
        return self.get(unit, post_id)

    @staticmethod
    def _read(s: Session, unit: str, post_id: int) -> Post:
        post = s.exec(
            select_rows(Post).where(col(Post.unit) == unit, col(Post.id) == post_id)
        ).first()
        if post is None:
            raise UserError(f"Không có bài số {post_id} của đơn vị '{unit}'.")
        return post

    def ids_in_range(
        self,
        unit: str,
        start: datetime,
        end: datetime,
        statuses: Iterable[str],
        channel: str | None = None,
    ) -> list[int]:
        query = select(col(Post.id)).where(*_filters(unit, start, end, channel, statuses))
        with self.session() as s:
            return [pid for pid in s.scalars(query.order_by(col(Post.due_at))) if pid is not None]

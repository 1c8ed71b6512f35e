"""What ``loa status`` (and the TUI) shows: daemons alive, queue counts, the next posts,
recent failures, and channels paused, rate-limited or with a token about to expire."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import col, select

from campaigns.store import Post, Store
from campaigns.store.lifecycle import Status
from campaigns.store.models import ChannelState, DaemonBeat

ALIVE_MIN = timedelta(seconds=30)


@dataclass(frozen=True)
class Overview:
    now: datetime
    daemons: list[DaemonBeat]  # not stopped, most recent first
    alive: list[DaemonBeat]
    counts: dict[str, int]
    upcoming: list[Post]
    failures: list[Post]
    channels: list[ChannelState]

    def is_alive(self, beat: DaemonBeat) -> bool:
        return beat in self.alive


def gather(store: Store, unit: str, *, sweep_seconds: float = 5.0, limit: int = 5) -> Overview:
    now = store.clock()
    silent = max(ALIVE_MIN, timedelta(seconds=3 * sweep_seconds))
    with store.session() as s:
        daemons = list(
            s.exec(
                select(DaemonBeat)
                .where(col(DaemonBeat.unit) == unit, col(DaemonBeat.stopped_at).is_(None))
                .order_by(col(DaemonBeat.last_tick).desc())
            )
        )
        upcoming = list(
            s.exec(
                select(Post)
                .where(col(Post.unit) == unit, col(Post.status) == Status.APPROVED)
                .order_by(col(Post.due_at), col(Post.id))
                .limit(limit)
            )
        )
        failures = list(
            s.exec(
                select(Post)
                .where(col(Post.unit) == unit, col(Post.status).in_([Status.FAILED, Status.MISSED]))
                .order_by(col(Post.updated_at).desc(), col(Post.id).desc())
                .limit(limit)
            )
        )
        channels = list(
            s.exec(
                select(ChannelState)
                .where(col(ChannelState.unit) == unit)
                .order_by(col(ChannelState.channel))
            )
        )
    alive = [d for d in daemons if now - d.last_tick <= silent]
    return Overview(now, daemons, alive, store.counts(unit), upcoming, failures, channels)


def as_json(status: Overview, tz: ZoneInfo) -> dict[str, Any]:
    def t(value: datetime | None) -> str | None:
        return value.astimezone(tz).isoformat() if value is not None else None

    return {
        "now": t(status.now),
        "running": bool(status.alive),
        "daemons": [
            {
                "id": d.id,
                "host": d.host,
                "pid": d.pid,
                "version": d.version,
                "started_at": t(d.started_at),
                "last_tick": t(d.last_tick),
                "next_due": t(d.next_due),
                "in_flight": d.in_flight,
                "alive": status.is_alive(d),
            }
            for d in status.daemons
        ],
        "counts": status.counts,
        "upcoming": [
            {
                "id": p.id,
                "due_at": t(p.due_at),
                "channel": p.channel,
                "text": p.text,
                "retry_at": t(p.next_attempt_at),
                "error": p.error,
            }
            for p in status.upcoming
        ],
        "failures": [
            {
                "id": p.id,
                "due_at": t(p.due_at),
                "channel": p.channel,
                "status": p.status,
                "error": p.error,
                "error_kind": p.error_kind,
                "at": t(p.updated_at),
            }
            for p in status.failures
        ],
        "channels": [
            {
                "channel": c.channel,
                "paused": c.paused,
                "blocked_until": t(c.blocked_until),
                "reason": c.reason,
                "token_expires_at": t(c.token_expires_at),
                "warning": c.warning,
            }
            for c in status.channels
        ],
    }

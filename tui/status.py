"""What the TUI knows about the daemon: plain values, no Textual."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class DaemonStatus:
    available: bool  # does this installation have a daemon heartbeat at all
    running: bool  # a daemon beat recently
    last_beat: datetime | None = None
    last_tick: datetime | None = None
    host: str | None = None
    note: str = ""  # Vietnamese, shown as is


@dataclass(frozen=True)
class ChannelNote:
    """What the daemons know about a channel (paused, rate-limited, token warnings)."""

    paused: bool = False
    blocked_until: datetime | None = None
    reason: str | None = None
    token_expires: datetime | None = None
    warning: str | None = None

    @property
    def mark(self) -> str:
        if self.paused:
            return "⏸ "
        if self.blocked_until is not None:
            return "⏳ "
        return "⚠ " if self.warning else ""


@dataclass(frozen=True)
class Snapshot:
    """The result of one poll of the database (made in a worker thread)."""

    stamp: object
    daemon: DaemonStatus
    approved_due: int  # approved posts due in the next 24 hours

    @property
    def warn(self) -> bool:
        return not self.daemon.running and self.approved_due > 0

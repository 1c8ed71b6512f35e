"""The heartbeat row (host, pid, version, last tick, next due) and the SQLite single-daemon lock.

On SQLite only one daemon may run per database file: an OS file lock next to the database
(released by the kernel when the process dies, even by SIGKILL) refuses a second one with
a clear message. PostgreSQL needs no lock: claims use ``FOR UPDATE SKIP LOCKED``.
"""

from __future__ import annotations

import os
import secrets
import socket
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO

from sqlalchemy import Engine, delete, insert, update
from sqlalchemy.engine import make_url

from campaigns import __version__
from campaigns.errors import UserError
from campaigns.store import Store
from campaigns.store.models import DaemonBeat

TABLE = DaemonBeat.__table__  # type: ignore[attr-defined]


def daemon_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


class Heartbeat:
    def __init__(self, store: Store, unit: str, ident: str) -> None:
        self.store = store
        self.unit = unit
        self.id = ident
        self._last: datetime | None = None
        self._in_flight = 0  # as last written

    def start(self) -> None:
        now = self.store.clock()
        with self.store.session() as s, s.begin():
            # forget daemons that stopped, or went silent a day ago: keep the table small
            gone = (TABLE.c.stopped_at < now) | (TABLE.c.last_tick < now - timedelta(days=1))
            s.execute(delete(TABLE).where(TABLE.c.unit == self.unit, gone))
            s.execute(
                insert(TABLE).values(
                    id=self.id,
                    unit=self.unit,
                    host=socket.gethostname(),
                    pid=os.getpid(),
                    version=__version__,
                    started_at=now,
                    last_tick=now,
                    in_flight=0,
                )
            )
        self._last = now

    def beat(self, next_due: datetime | None, in_flight: int, *, force: bool = False) -> None:
        now = self.store.clock()
        # Beats are thinned to one a second, but a change in what is in flight is written at
        # once: a post that failed must not stay "being published" on the officer's screen.
        recent = self._last is not None and (now - self._last).total_seconds() < 1
        if not force and recent and in_flight == self._in_flight:
            return
        self._write(last_tick=now, next_due=next_due, in_flight=in_flight)
        self._last, self._in_flight = now, in_flight

    def stop(self) -> None:
        now = self.store.clock()
        self._write(last_tick=now, stopped_at=now, in_flight=0)

    def _write(self, **values: object) -> None:
        with self.store.session() as s, s.begin():
            s.execute(update(TABLE).where(TABLE.c.id == self.id).values(**values))


class SqliteLock:
    """An exclusive, non-blocking lock on ``<database>.daemon.lock``; no-op elsewhere."""

    def __init__(self, engine: Engine) -> None:
        url = make_url(str(engine.url))
        self.path: Path | None = None
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            db = Path(str(url.database)).expanduser()
            self.path = db.with_name(db.name + ".daemon.lock")
        self._fh: IO[bytes] | None = None

    def acquire(self) -> None:
        if self.path is None:
            return
        fh = open(self.path, "a+b")  # noqa: SIM115 - held for the life of the daemon
        try:
            _lock(fh)
        except OSError:
            fh.close()
            raise UserError(
                "Đã có một tiến trình 'loa daemon' khác đang chạy với cơ sở dữ liệu SQLite này "
                f"(khóa {self.path}). SQLite chỉ cho phép một daemon; muốn chạy nhiều daemon "
                "cùng lúc, hãy dùng PostgreSQL (--db postgresql://…)."
            ) from None
        self._fh = fh

    def release(self) -> None:
        if self._fh is not None:
            self._fh.close()  # closing drops the lock
            self._fh = None


def _lock(fh: IO[bytes]) -> None:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

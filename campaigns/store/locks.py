"""An exclusive lock for work two processes must not do at once (migrating, planning a unit).

Held for one transaction on the connection that does the work. SQLite serialises writers
already: ``BEGIN IMMEDIATE`` takes the write lock up front, waiting up to ``wait`` seconds
(the busy timeout). PostgreSQL takes a transaction-scoped advisory lock on the key,
waiting up to ``lock_timeout``; both are released by the commit or rollback.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import OperationalError

from campaigns.failures import SQLITE_BUSY, sqlite_code
from campaigns.store.db import BUSY_TIMEOUT_MS

PG_LOCK_NOT_AVAILABLE = "55P03"


def advisory_key(key: str) -> int:
    """A stable signed 64-bit key for ``pg_advisory_xact_lock``."""
    digest = hashlib.blake2b(f"loa:{key}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def exclusive(conn: Connection, key: str, wait: float) -> bool:
    """Take the lock for ``key`` as the first statement of ``conn``'s transaction.

    False when another holder kept it for ``wait`` seconds (the transaction must then be
    rolled back; the caller says why).
    """
    if conn.dialect.name == "sqlite":
        return _sqlite(conn, wait)
    ms = max(1, int(wait * 1000))
    try:
        conn.execute(text(f"SET LOCAL lock_timeout = {ms}"))
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": advisory_key(key)})
    except OperationalError as exc:
        if _sqlstate(exc.orig) == PG_LOCK_NOT_AVAILABLE:
            return False
        raise
    conn.execute(text("SET LOCAL lock_timeout = 0"))
    return True


def _sqlite(conn: Connection, wait: float) -> bool:
    conn.exec_driver_sql(f"PRAGMA busy_timeout = {max(0, int(wait * 1000))}")
    try:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    except OperationalError as exc:
        if sqlite_code(exc.orig) == SQLITE_BUSY:
            return False
        raise
    finally:
        conn.exec_driver_sql(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return True


def _sqlstate(orig: Any) -> str | None:
    return getattr(orig, "sqlstate", None)

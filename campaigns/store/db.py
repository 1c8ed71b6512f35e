"""Open the database: SQLite by default (WAL, busy timeout), PostgreSQL by URL (psycopg 3).

SQLite must be 3.35 or newer: the queue claims posts with ``UPDATE … RETURNING``.
"""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.pool import ConnectionPoolEntry

from campaigns.errors import RuntimeFailure, UserError

ENV_URL = "LOA_DATABASE_URL"
BUSY_TIMEOUT_MS = 10_000
SQLITE_FLOOR = (3, 35)  # UPDATE … RETURNING


def default_url() -> str:
    folder = Path(platformdirs.user_data_dir("loa"))
    return f"sqlite:///{folder / 'loa.db'}"


def database_url(explicit: str | None) -> str:
    url = explicit or os.environ.get(ENV_URL) or default_url()
    # accept the plain "postgresql://" every tool prints; drive it with psycopg 3
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            url = "postgresql+psycopg://" + url[len(prefix) :]
    return url


def shown(url: str) -> str:
    """The URL with any password hidden, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<URL không hợp lệ>"


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _sqlite_pragmas(dbapi_conn: Any, _record: ConnectionPoolEntry) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _require_sqlite_floor(engine: Engine) -> None:
    """Refuse an SQLite library too old for the queue, before any file is made."""
    driver = engine.dialect.dbapi
    found = tuple(getattr(driver, "sqlite_version_info", ()))
    if found >= SQLITE_FLOOR:
        return
    need = ".".join(map(str, SQLITE_FLOOR))
    have = getattr(driver, "sqlite_version", "?")
    raise RuntimeFailure(
        f"Loa cần SQLite {need} trở lên (cho lệnh UPDATE … RETURNING) nhưng Python "
        f"{platform.python_version()} trên máy này dùng SQLite {have}. Hãy cài Python kèm "
        "SQLite mới hơn (bộ cài từ python.org trên Windows/macOS) hoặc nâng cấp hệ điều hành "
        "(Debian 12, Ubuntu 22.04 trở lên), rồi cài lại Loa; hoặc dùng PostgreSQL "
        "(--db postgresql://…)."
    )


def open_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise UserError(f"Địa chỉ cơ sở dữ liệu không hợp lệ: '{shown(url)}'.") from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        engine = create_engine(
            parsed, json_serializer=_dumps, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}
        )
        _require_sqlite_floor(engine)
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        event.listen(engine, "connect", _sqlite_pragmas)
    elif backend == "postgresql":
        engine = create_engine(parsed, json_serializer=_dumps, pool_pre_ping=True)
    else:
        raise UserError(
            f"Không hỗ trợ cơ sở dữ liệu '{backend}': dùng sqlite:///… hoặc postgresql://…"
        )
    try:
        with engine.connect():
            pass
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else ""
        raise RuntimeFailure(f"Không kết nối được cơ sở dữ liệu {shown(url)}: {reason}") from None
    return engine

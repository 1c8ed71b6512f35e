"""Open the database: SQLite by default (WAL, busy timeout), PostgreSQL by URL (psycopg 3).

SQLite must be 3.35 or newer: the queue claims posts with ``UPDATE … RETURNING``.
A database file Loa may not write (or a ``mode=ro`` URI) is opened read-only, so the
commands that only read still work; if even the WAL index cannot be made, immutable.
"""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote

import platformdirs
from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.pool import ConnectionPoolEntry

from campaigns.errors import RuntimeFailure, UserError
from campaigns.failures import SQLITE_BUSY, sqlite_code, translate
from campaigns.private import private_dir, private_file

ENV_URL = "LOA_DATABASE_URL"
BUSY_TIMEOUT_MS = 10_000
SQLITE_FLOOR = (3, 35)  # UPDATE … RETURNING


def default_path() -> Path:
    return Path(platformdirs.user_data_dir("loa")) / "loa.db"


def default_url() -> str:
    return f"sqlite:///{default_path()}"


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


def _sqlite_pragmas(dbapi_conn: Any, _record: ConnectionPoolEntry, *, writable: bool) -> None:
    cur = dbapi_conn.cursor()
    if writable:  # switching to WAL writes the header: not on a read-only database
        to_wal(cur)
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def to_wal(
    cur: sqlite3.Cursor,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Switch to WAL, retrying while another connection is busy with the same switch.

    On a fresh file two processes race to convert it: the loser holds a shared lock while
    the winner holds a reserved one, and SQLite answers SQLITE_BUSY at once instead of
    calling the busy handler (it would deadlock). Once the statement has failed the
    shared lock is gone, so trying again within the busy timeout succeeds.
    """
    deadline = clock() + BUSY_TIMEOUT_MS / 1000
    pause = 0.001
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if sqlite_code(exc) != SQLITE_BUSY or clock() >= deadline:
                raise
        sleep(pause)
        pause = min(pause * 2, 0.05)


_READ_ONLY = {"mode": "ro"}, {"immutable": "1"}


def read_only(engine: Engine) -> bool:
    """An SQLite database opened read-only (by its URI or because Loa may not write it)."""
    query = engine.url.query
    return any(all(query.get(k) == v for k, v in q.items()) for q in _READ_ONLY)


def _may_write(path: Path) -> bool:
    """The file and its folder (for the -wal, -shm and journal files) are writable."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _read_only_url(parsed: URL, path: Path, flags: dict[str, str]) -> URL:
    database = "file:" + quote(str(path.resolve()))
    return parsed.set(database=database, query={**flags, "uri": "true"})


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


def open_engine(url: str, *, create: bool = True) -> Engine:
    """The database at ``url``, its first read checked. A missing SQLite file is made only
    when ``create`` (a command that adds posts) and where its folder exists, but for the
    default location, whose folders are made: a mistyped path is refused, never a new,
    empty database answering "no posts"."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise UserError(f"Địa chỉ cơ sở dữ liệu không hợp lệ: '{shown(url)}'.") from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _open_sqlite(parsed, url, create=create)
    if backend != "postgresql":
        raise UserError(
            f"Không hỗ trợ cơ sở dữ liệu '{backend}': dùng sqlite:///… hoặc postgresql://…"
        )
    return _checked(create_engine(parsed, json_serializer=_dumps, pool_pre_ping=True), url)


def _open_sqlite(parsed: URL, url: str, *, create: bool = True) -> Engine:
    path = None
    if parsed.database and parsed.database != ":memory:" and not parsed.query.get("uri"):
        path = Path(parsed.database).expanduser()
    flags = {k: str(v) for k, v in parsed.query.items() if k in ("mode", "immutable")}
    if path is not None and flags:  # "?mode=ro" as SQLite's documentation writes it
        return _checked(_sqlite_engine(_read_only_url(parsed, path, flags)), url)
    if path is not None and path.exists() and not _may_write(path):
        try:
            return _checked(_sqlite_engine(_read_only_url(parsed, path, {"mode": "ro"})), url)
        except RuntimeFailure:  # no WAL index and no right to make one
            return _checked(_sqlite_engine(_read_only_url(parsed, path, {"immutable": "1"})), url)
    engine = _sqlite_engine(parsed)  # refuses an old SQLite before any folder is made
    if path is not None and not path.exists():
        _may_make(path, create)
    if path is not None and not path.exists():  # SQLite gives the -wal and -shm its mode
        private_file(private_dir(path.parent) / path.name)
    return _checked(engine, url)


def _may_make(path: Path, create: bool) -> None:
    """Refuse to make the database file ``path`` in a folder that does not exist (but the
    default one), or for a command that only reads."""
    where = "kiểm tra lại đường dẫn (--db hoặc LOA_DATABASE_URL)"
    if not path.parent.is_dir() and path.resolve() != default_path().resolve():
        raise UserError(f"Thư mục '{path.parent}' của cơ sở dữ liệu không tồn tại: {where}.")
    if not create:
        raise UserError(
            f"Chưa có cơ sở dữ liệu '{path}': {where}, hoặc chạy 'loa plan' để tạo và lập "
            "kế hoạch (lệnh này chỉ đọc nên không tạo cơ sở dữ liệu mới)."
        )


def _sqlite_engine(parsed: URL) -> Engine:
    engine = create_engine(
        parsed, json_serializer=_dumps, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}
    )
    _require_sqlite_floor(engine)
    event.listen(engine, "connect", partial(_sqlite_pragmas, writable=not read_only(engine)))
    return engine


def _checked(engine: Engine, url: str) -> Engine:
    """``engine`` once a first read works; else why not, for the officer."""
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
    except OperationalError as exc:
        engine.dispose()
        failure = translate(exc, shown(url))
        if failure is not None:
            raise failure from None
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else ""
        raise RuntimeFailure(f"Không kết nối được cơ sở dữ liệu {shown(url)}: {reason}") from None
    return engine

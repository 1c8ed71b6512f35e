"""Bad days: a full disk, a read-only database, a server that refuses. Each is one clear
line saying what is wrong and what to do, never "Lỗi không mong đợi"; reads of a
read-only database still work."""

from __future__ import annotations

import os
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from campaigns import failures
from campaigns.config import WardCalendar
from campaigns.failures import translate
from campaigns.store import Store, db, migrate
from campaigns.store.plan import plan_range

PLAN = ("plan", "--from", "01/03/2026", "--to", "31/03/2026")
READS = (("posts", "list"), ("status",), ("report", "--quarter", "2026-Q1", "--format", "md",
                                          "--no-refresh"))  # fmt: skip


def _clean(result: Any) -> None:
    assert "không mong đợi" not in result.err
    assert "Traceback" not in result.err + result.out


def _read_only(path: Path) -> str:
    return f"sqlite:///file:{path}?mode=ro&uri=true"


def _reads_work(run_cli, url: str, out: Path) -> None:
    for args in READS:
        extra = ("--out", str(out / "bao-cao.md")) if args[0] == "report" else ()
        result = run_cli(*args, *extra, db=url)
        _clean(result)
        assert result.code == 0, (args, result.err)


def test_a_full_disk_under_the_database_is_said_plainly(
    run_cli, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_cli("posts", "list").code == 0  # the schema is there
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        conn.exec_driver_sql("VACUUM")  # no free page left for the plan to use
    engine.dispose()
    real = db._sqlite_pragmas

    def full(dbapi_conn: Any, record: Any, **kw: Any) -> None:  # no page beyond today's
        real(dbapi_conn, record, **kw)
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    monkeypatch.setattr(db, "_sqlite_pragmas", full)
    result = run_cli(*PLAN)
    _clean(result)
    assert result.code == 1
    assert "Ổ đĩa đầy" in result.err and "giải phóng dung lượng" in result.err


def _disk_full_error(path: Path) -> sqlite3.OperationalError:
    """SQLite's own "database or disk is full", from a database capped at two pages."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("PRAGMA max_page_count = 2")
    with pytest.raises(sqlite3.OperationalError) as full:
        conn.executemany("INSERT INTO t VALUES (?)", [("x" * 4000,)] * 10)
    conn.close()
    return full.value


def test_the_translator_knows_sqlites_own_errors(tmp_path: Path) -> None:
    full = _disk_full_error(tmp_path / "x.db")
    ro = sqlite3.connect(f"file:{tmp_path / 'x.db'}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as readonly:
        ro.execute("INSERT INTO t VALUES (1)")
    ro.close()
    assert "Ổ đĩa đầy" in translate(full, "x.db").message  # type: ignore[union-attr]
    assert "chỉ đọc" in translate(readonly.value, "x.db").message  # type: ignore[union-attr]
    assert translate(ValueError("a bug")) is None


def test_no_space_left_writing_a_report(run_cli, tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    assert run_cli(*PLAN).code == 0
    result = run_cli("report", "--quarter", "2026-Q1", "--format", "md", "--no-refresh",
                     "--out", "/dev/full")  # fmt: skip
    _clean(result)
    assert result.code == 1
    assert "Ổ đĩa đầy" in result.err


def test_no_space_left_for_the_crash_report_itself(
    run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import campaigns.cli as cli

    def broken(_ctx: Any) -> int:
        raise RuntimeError("a bug")

    def no_room(_exc: BaseException) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cli.plan, "run", broken)
    monkeypatch.setattr(cli, "_crash_log", no_room)
    result = run_cli(*PLAN)
    assert result.code == 1
    assert "Traceback" not in result.err and "RuntimeError" in result.err


@pytest.mark.parametrize("written", ["uri", "plain"])
def test_reads_of_a_read_only_database_work_and_writes_say_why(
    run_cli, tmp_path: Path, written: str
) -> None:
    """As a URI, or plain '?mode=ro' as SQLite's documentation writes it (SQLAlchemy
    alone would ignore it, with a warning, and write)."""
    assert run_cli(*PLAN).code == 0
    plain = f"sqlite:///{tmp_path / 'loa.db'}?mode=ro"
    url = _read_only(tmp_path / "loa.db") if written == "uri" else plain
    _reads_work(run_cli, url, tmp_path)
    result = run_cli("posts", "approve", "1", db=url)
    _clean(result)
    assert result.code == 1
    assert "Cơ sở dữ liệu chỉ đọc" in result.err and "cấp quyền ghi" in result.err


def test_a_database_loa_may_not_write_is_opened_read_only(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the file's permissions say, decided where Loa asks (root may write anything)."""
    assert run_cli(*PLAN).code == 0
    monkeypatch.setattr(db, "_may_write", lambda _path: False)
    url = f"sqlite:///{tmp_path / 'loa.db'}"
    _reads_work(run_cli, url, tmp_path)
    result = run_cli("posts", "approve", "1", db=url)
    _clean(result)
    assert "Cơ sở dữ liệu chỉ đọc" in result.err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through file permissions")
def test_a_chmodded_database_in_a_read_only_folder(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    url = f"sqlite:///{folder / 'loa.db'}"
    assert run_cli(*PLAN, db=url).code == 0
    (folder / "loa.db").chmod(0o444)
    folder.chmod(0o555)
    try:
        _reads_work(run_cli, url, tmp_path)
        result = run_cli("posts", "approve", "1", db=url)
        _clean(result)
        assert "Cơ sở dữ liệu chỉ đọc" in result.err
    finally:
        folder.chmod(0o755)


def test_an_old_schema_in_a_read_only_database_is_said_plainly(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = db.open_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0003'"))
    engine.dispose()
    result = run_cli("posts", "list", db=_read_only(path))
    _clean(result)
    assert result.code == 1
    assert "chỉ đọc và có cấu trúc cũ" in result.err


def test_a_read_only_postgresql_server(pg_url: str, cal: WardCalendar) -> None:
    engine = db.open_engine(pg_url)
    migrate.upgrade(engine)
    engine.dispose()
    store = Store.open(pg_url + "?options=-c%20default_transaction_read_only%3Don")
    try:
        assert store.posts(cal.unit) == []  # reads work
        with pytest.raises(Exception) as caught:  # the driver's own (COPY) or SQLAlchemy's
            plan_range(store, cal, date(2026, 3, 1), date(2026, 3, 31))
    finally:
        store.engine.dispose()
    found = translate(caught.value, "postgresql://…/x")
    assert found is not None and "Cơ sở dữ liệu chỉ đọc" in found.message


def test_postgresqls_full_disk_and_refused_connection() -> None:
    import psycopg

    assert "Ổ đĩa đầy" in translate(psycopg.errors.DiskFull("no space")).message  # type: ignore[union-attr]
    with pytest.raises(psycopg.OperationalError) as refused:
        psycopg.connect("host=127.0.0.1 port=1 dbname=x connect_timeout=2")
    found = translate(refused.value, "postgresql://127.0.0.1:1/x")
    assert found is not None and "Không kết nối được cơ sở dữ liệu" in found.message
    assert failures.UNREACHABLE.split("{")[0] in found.message


def test_the_daemon_logs_a_bad_day_as_the_cli_says_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    from campaigns.daemon.logs import failed

    full = _disk_full_error(tmp_path / "x.db")
    log = logging.getLogger("loa.daemon")
    failed(log, full, "tick failed; retrying at the next sweep")
    failed(log, ValueError("a bug"), "tick failed; retrying at the next sweep")
    bad_day, bug = caplog.records[-2:]
    assert "Ổ đĩa đầy" in bad_day.getMessage() and bad_day.exc_info is None
    assert bug.exc_info is not None  # a bug keeps its traceback

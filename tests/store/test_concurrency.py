"""Two processes at once: opening a fresh database and planning the same unit.

The processes are real (``loa`` in a child Python each); a barrier on their stdin starts
them together once both have imported everything, so the race is not left to chance.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from campaigns.config import WardCalendar
from campaigns.errors import RuntimeFailure
from campaigns.store import Store
from campaigns.store.db import BUSY_TIMEOUT_MS, to_wal
from campaigns.store.locks import exclusive
from campaigns.store.plan import BUSY, plan_range
from tests.conftest import ROOT

# Each child imports everything, says "ready", waits for "go", then runs ``loa``.
CHILD = """
import sys
import alembic.command, campaigns.cli, campaigns.store.plan  # the slow imports, before the barrier
print("ready", flush=True)
sys.stdin.readline()
sys.exit(campaigns.cli.main(sys.argv[1:]))
"""
MARCH_1, MARCH_31 = date(2026, 3, 1), date(2026, 3, 31)
RUNS = 3  # fresh databases per backend: each run is a new race


def _together(*argvs: list[str]) -> list[subprocess.CompletedProcess[str]]:
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, *argv],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for argv in argvs
    ]
    for child in children:
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    results = []
    for child, argv in zip(children, argvs, strict=True):
        out, err = child.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(argv, child.returncode, out, err))
    return results


def _plan_twice(url: str, calendar: Path) -> None:
    argv = ["--calendar", str(calendar), "--db", url, "plan", "--from", "01/01/2026",
            "--to", "30/06/2026"]  # fmt: skip
    for result in _together(argv, argv):
        assert "Traceback" not in result.stderr
        assert "không mong đợi" not in result.stderr
        assert result.returncode == 0 or (
            result.returncode == 1 and "Đang có lệnh lập kế hoạch khác" in result.stderr
        ), result.stderr
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        dupes = conn.exec_driver_sql(
            "SELECT count(*) FROM (SELECT unit, slot_key, content_id FROM post "
            "GROUP BY unit, slot_key, content_id HAVING count(*) > 1) AS d"
        ).scalar()
        posts = conn.exec_driver_sql("SELECT count(*) FROM post").scalar()
    engine.dispose()
    assert dupes == 0
    assert posts


@pytest.mark.parametrize("run", range(RUNS))
def test_two_plans_on_a_fresh_sqlite_database(
    run: int, tmp_path: Path, calendar_file: Path
) -> None:
    _plan_twice(f"sqlite:///{tmp_path / f'loa-{run}.db'}", calendar_file)


@pytest.mark.parametrize("run", range(RUNS))
def test_two_plans_on_a_fresh_postgresql_database(
    run: int, pg_url: str, calendar_file: Path
) -> None:
    _plan_twice(pg_url, calendar_file)


def test_a_second_plan_of_the_unit_gives_up_with_a_clear_message(
    any_store: Store, cal: WardCalendar
) -> None:
    with any_store.engine.connect() as holder, holder.begin():
        assert exclusive(holder, f"plan:{cal.unit}", wait=1)
        with pytest.raises(RuntimeFailure) as caught:
            plan_range(any_store, cal, MARCH_1, MARCH_31, wait=0.05)
    assert caught.value.message == BUSY.format(unit=cal.unit)
    assert caught.value.exit_code == 1
    with any_store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM post").scalar() == 0
    assert plan_range(any_store, cal, MARCH_1, MARCH_31, wait=0.05).added  # released


def _fresh_file_held_reserved(tmp_path: Path) -> tuple[sqlite3.Connection, sqlite3.Connection]:
    """A fresh file whose write lock another connection holds, and a second connection."""
    path = tmp_path / "fresh.db"
    path.touch()
    holder = sqlite3.connect(path, isolation_level=None, timeout=0)
    holder.execute("BEGIN IMMEDIATE")  # rollback journal: RESERVED, the converter's state
    return holder, sqlite3.connect(path, isolation_level=None, timeout=10)


def test_switching_a_fresh_file_to_wal_waits_for_the_other_converter(tmp_path: Path) -> None:
    holder, loser = _fresh_file_held_reserved(tmp_path)
    waits: list[float] = []

    def sleep(seconds: float) -> None:  # the other process finishes during the first pause
        waits.append(seconds)
        if len(waits) == 1:
            holder.execute("COMMIT")

    to_wal(loser.cursor(), sleep=sleep)
    assert waits  # SQLite said busy at once (no busy handler): without the retry this fails
    assert loser.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_switching_to_wal_gives_up_after_the_busy_timeout(tmp_path: Path) -> None:
    _holder, loser = _fresh_file_held_reserved(tmp_path)
    now = [0.0]

    def sleep(seconds: float) -> None:
        now[0] += seconds

    with pytest.raises(sqlite3.OperationalError):
        to_wal(loser.cursor(), clock=lambda: now[0], sleep=sleep)
    assert now[0] >= BUSY_TIMEOUT_MS / 1000

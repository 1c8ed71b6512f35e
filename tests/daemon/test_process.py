"""The daemon as a process: starts, publishes, reports a heartbeat, stops cleanly on
SIGTERM, refuses a second daemon on the same SQLite file, and ``--once``."""

from __future__ import annotations

import json
import signal
from datetime import timedelta

from campaigns.store import Store
from campaigns.store.lifecycle import Status
from campaigns.timeutil import utcnow
from tests.daemon.conftest import add_posts, spawn, wait_for


def _published(store: Store, unit: str) -> int:
    return store.counts(unit).get(Status.PUBLISHED, 0)


def test_daemon_publishes_beats_and_stops_on_sigterm(
    db_url, dcal, fakes, run_cli, tmp_path, open_store
):
    store = open_store(db_url)
    ids = add_posts(store, dcal, utcnow() - timedelta(seconds=1), 2)
    soon = add_posts(store, dcal, utcnow() + timedelta(seconds=3), 1, channels=("facebook",))
    log = tmp_path / "daemon.log"
    proc = spawn(dcal.path, db_url, env=fakes.env(), log=log)
    try:
        if not wait_for(lambda: _published(store, dcal.unit) == len(ids) + 1, 60):
            proc.send_signal(signal.SIGUSR1)  # every thread's stack into the log
            wait_for(lambda: "Thread" in log.read_text(), 10)
            raise AssertionError(log.read_text())
        claimed = store.history(dcal.unit, soon[0])[0]
        assert claimed.to_status == Status.PUBLISHING
        assert claimed.at >= store.get(dcal.unit, soon[0]).due_at  # never early
        result = run_cli("status", "--json", calendar=dcal.path)
        data = json.loads(result.out)
        assert data["running"] is True and data["daemons"][0]["pid"] == proc.pid
        assert data["counts"]["published"] == len(ids) + 1
        again = spawn(dcal.path, db_url, env=fakes.env(), log=tmp_path / "second.log")
        assert again.wait(60) == 2
        assert "SQLite chỉ cho phép một daemon" in (tmp_path / "second.log").read_text()
    finally:
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(30)
    assert code == 0, log.read_text()
    result = run_cli("status", calendar=dcal.path)
    assert "Không có daemon nào đang chạy" in result.out
    assert fakes.graph.page_token not in log.read_text()


def test_once_processes_what_is_due_and_exits(db_url, dcal, fakes, tmp_path, open_store):
    store = open_store(db_url)
    add_posts(store, dcal, utcnow() - timedelta(seconds=5), 3)
    future = add_posts(store, dcal, utcnow() + timedelta(hours=1), 1)
    log = tmp_path / "once.log"
    proc = spawn(dcal.path, db_url, "--once", "--log-json", env=fakes.env(), log=log)
    assert proc.wait(120) == 0, log.read_text()
    assert _published(store, dcal.unit) == 9
    assert all(store.get(dcal.unit, i).status == "approved" for i in future)
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    assert any("published" in line["msg"] for line in lines)


def test_the_clock_wakes_the_daemon_at_the_next_due_time(store, clock, dcal, pubs):
    """Not at the next sweep: after a tick the scheduler holds a wake-up at the due time."""
    from apscheduler.schedulers.background import BackgroundScheduler

    from campaigns.daemon.runner import Runner

    (pid,) = add_posts(store, dcal, clock.now + timedelta(seconds=3), 1, channels=("facebook",))
    runner = Runner(store, dcal, pubs, ident="test")
    scheduler = BackgroundScheduler(timezone="UTC")
    scheduler.start(paused=True)
    runner._scheduler = scheduler
    try:
        runner.kick()
        wake = scheduler.get_job("wake")
        assert wake is not None and wake.next_run_time == store.get(dcal.unit, pid).due_at
    finally:
        scheduler.shutdown(wait=False)


def test_ctrl_c_says_it_stopped_and_nothing_is_lost(db_url, dcal, fakes, tmp_path, open_store):
    from tests.daemon.conftest import running

    store = open_store(db_url)
    log = tmp_path / "daemon.log"
    proc = spawn(dcal.path, db_url, env=fakes.env(), log=log)
    try:
        assert wait_for(lambda: running(store, proc.pid), 60), log.read_text()
    finally:
        proc.send_signal(signal.SIGINT)
        code = proc.wait(30)
    said = log.read_text()
    assert code == 130, said
    assert "Đã dừng tự động đăng. Không mất bài nào" in said
    assert "Tự động đăng" in said and " INFO " not in said and "loa.daemon:" not in said

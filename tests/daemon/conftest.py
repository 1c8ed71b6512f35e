"""Fixtures for the daemon: fake platforms, a calendar wired to them, posts in the queue."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert

from campaigns.config import WardCalendar, load_calendar
from campaigns.publishing import open_publishers
from campaigns.store import Store
from campaigns.store.lifecycle import Status
from campaigns.store.models import POST_TABLE
from publishers.base import Publisher
from publishers.testing import MemorySecrets
from tests.conftest import BUNDLED
from tests.fakes import FakeGraph, FakeZalo

SLOGANS = [f"s{i:02d}" for i in range(1, 13)]
_SERIAL = itertools.count()


@dataclass
class Fakes:
    graph: FakeGraph
    zalo: FakeZalo
    access: str
    refresh: str
    outbox: Path

    def secrets(self) -> MemorySecrets:
        return MemorySecrets(
            {
                "facebook": {"page_token": self.graph.page_token},
                "zalo": {
                    "secret_key": self.zalo.secret_key,
                    "access_token": self.access,
                    "refresh_token": self.refresh,
                },
            }
        )

    def env(self) -> dict[str, str]:
        """The same secrets as environment variables, for daemon subprocesses."""
        return {
            "LOA_SECRET_FACEBOOK_PAGE_TOKEN": self.graph.page_token,
            "LOA_SECRET_ZALO_SECRET_KEY": self.zalo.secret_key,
            "LOA_SECRET_ZALO_ACCESS_TOKEN": self.access,
            "LOA_SECRET_ZALO_REFRESH_TOKEN": self.refresh,
        }

    def live(self) -> dict[str, list[str]]:
        """Every live post's text, per channel (to count duplicates)."""
        zalo = [str(a.get("body")) for a in self.zalo.articles]
        boxes = [p.name for p in self.outbox.iterdir()] if self.outbox.exists() else []
        return {
            "facebook": [str(p["message"]) for p in self.graph.posts],
            "zalo": zalo,
            "bang-tin": [b for b in boxes if not b.startswith(".")],
        }


class SlowAnswer:
    """Mixin: the platform does the work, then takes ``answer_delay`` s to answer a POST
    (the window where a crash leaves a live post the daemon has not recorded)."""

    answer_delay = 0.0

    def handle(self, request: Any) -> Any:
        response = super().handle(request)  # type: ignore[misc]
        if request.method == "POST" and self.answer_delay:
            import time

            time.sleep(self.answer_delay)
        return response


class SlowGraph(SlowAnswer, FakeGraph):
    pass


class SlowZalo(SlowAnswer, FakeZalo):
    pass


@pytest.fixture
def fakes(tmp_path: Path) -> Iterator[Fakes]:
    with SlowGraph() as graph, SlowZalo() as zalo:
        access, refresh = zalo.issue_tokens()
        yield Fakes(graph, zalo, access, refresh, tmp_path / "outbox")


def calendar_text(fakes: Fakes, tmp_path: Path, daemon: str = "") -> str:
    text = BUNDLED.read_text("utf-8")
    head = text[: text.index("# Kênh đăng bài")]
    return (
        head
        + f"""
[paths]
allow = ["{tmp_path}"]  # the fakes' outbox and covers live beside the calendar's folder

[[channels]]
name = "facebook"
type = "facebook"
[channels.settings]
page_id = "{fakes.graph.page_id}"
base_url = "{fakes.graph.url}"
recent_limit = 100

[[channels]]
name = "zalo"
type = "zalo"
[channels.settings]
oa_id = "{fakes.zalo.oa_id}"
app_id = "{fakes.zalo.app_id}"
base_url = "{fakes.zalo.url}"
oauth_base_url = "{fakes.zalo.oauth_url}"
cover_folder = "{tmp_path / "covers"}"
cover_base_url = "https://kienan.example.vn/covers"
recent_limit = 50

[[channels]]
name = "bang-tin"
type = "outbox"
[channels.settings]
folder = "{fakes.outbox}"

[daemon]
backoff_seconds = 10
{daemon if "catch_up" in daemon else daemon + "catch_up_spacing_seconds = 0"}
"""
    )


@pytest.fixture
def make_daemon_cal(fakes: Fakes, tmp_path: Path):
    def make(daemon: str = "") -> WardCalendar:
        path = tmp_path / "daemon-ward" / "calendar.toml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(calendar_text(fakes, tmp_path, daemon), "utf-8")
        return load_calendar(path)

    return make


@pytest.fixture
def dcal(make_daemon_cal) -> WardCalendar:
    return make_daemon_cal()


@pytest.fixture
def secrets(fakes: Fakes) -> MemorySecrets:
    return fakes.secrets()


@pytest.fixture
def pubs(dcal: WardCalendar, secrets: MemorySecrets, clock) -> Iterator[dict[str, Publisher]]:
    opened = open_publishers(dcal, secrets, clock=clock)
    for p in opened.values():
        if hasattr(p, "_sleep"):
            p._sleep = lambda s: None  # type: ignore[attr-defined]
    yield opened
    for p in opened.values():
        p.close()


def add_posts(
    store: Store,
    cal: WardCalendar,
    due: datetime,
    n: int = 1,
    *,
    channels: tuple[str, ...] = ("facebook", "zalo", "bang-tin"),
    status: str = Status.APPROVED,
    spread: timedelta = timedelta(0),
    **extra: Any,
) -> list[int]:
    """``n`` posts per channel, due at ``due`` (+ ``spread`` each), straight into the table."""
    now = store.clock()
    rows = []
    for i in range(n):
        for ch in channels:
            at = due + spread * i
            rows.append(
                {
                    "unit": cal.unit, "campaign": "nq72", "channel": ch,
                    "slot_key": f"{ch}|{at.isoformat()}|{next(_SERIAL)}", "slot_at": at,
                    "content_id": SLOGANS[i % len(SLOGANS)], "kind": "slogan",
                    "text": f"Khẩu hiệu {i}", "peak": None, "event": None, "due_at": at,
                    "status": status, "edited": False, "attempts": 0, "created_at": now,
                    "created_by": "test", "updated_at": now, **extra,
                }
            )  # fmt: skip
    with store.session() as s, s.begin():
        ids = s.execute(insert(POST_TABLE).returning(POST_TABLE.c.id), rows).scalars().all()
    return sorted(ids)


def pg_or_skip() -> None:
    if os.environ.get("LOA_SKIP_PG"):
        pytest.skip("LOA_SKIP_PG set")


def spawn(calendar: Path, db: str, *args: str, env: dict[str, str], log: Path | None = None):
    """``loa daemon`` in its own process (stderr to ``log`` if given)."""
    import subprocess
    import sys

    full_env = {**os.environ, **env, "PYTHONUNBUFFERED": "1"}
    out = open(log, "ab") if log is not None else subprocess.DEVNULL  # noqa: SIM115
    try:
        return subprocess.Popen(
            [sys.executable, "-m", "campaigns", "--calendar", str(calendar), "--db", db,
             "daemon", *args],
            env=full_env, stdout=out, stderr=out, preexec_fn=_die_with_parent,
        )  # fmt: skip
    finally:
        if not isinstance(out, int):
            out.close()


def _die_with_parent() -> None:
    """In the child: be killed when the test process dies, even by a timeout's os._exit,
    so no daemon outlives its test (Linux; elsewhere the test's own teardown stops it)."""
    import ctypes
    import signal
    import sys

    if sys.platform.startswith("linux"):
        pr_set_pdeathsig = 1
        ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGKILL)


def wait_for(predicate, timeout: float = 60.0, every: float = 0.1) -> bool:
    import time

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(every)
    return predicate()


def running(store: Store, pid: int) -> bool:
    """The daemon with this pid has written its heartbeat (its signal handlers are set)."""
    from sqlmodel import col, select

    from campaigns.store.models import DaemonBeat

    with store.session() as s:
        return s.exec(select(DaemonBeat).where(col(DaemonBeat.pid) == pid)).first() is not None


@pytest.fixture
def open_store() -> Iterator[Any]:
    """``Store.open`` whose engine is disposed after the test (no connection left open)."""
    opened: list[Store] = []

    def make(url: str) -> Store:
        store = Store.open(url)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.engine.dispose()


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    """``logs.setup`` (run by in-process ``loa daemon``) changes global loggers: undo it."""
    import logging

    names = ["", "httpx", "httpcore", "apscheduler", "alembic"]
    levels = {n: logging.getLogger(n).level for n in names}
    yield
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_loa", False):
            root.removeHandler(handler)
            handler.close()
    for n, level in levels.items():
        logging.getLogger(n).setLevel(level)

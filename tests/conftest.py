"""Shared fixtures: the bundled calendar, a temporary SQLite store, a fixed clock,
an in-process CLI runner, and a throwaway PostgreSQL database when the server is up."""

from __future__ import annotations

import os
import shutil
import stat
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from campaigns.config import WardCalendar, load_calendar
from campaigns.store import Store, migrate
from campaigns.store.db import open_engine

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "calendar.toml"
SEEDS = ROOT.parent / "shared" / "seeds"
PG_ADMIN_URL = os.environ.get(
    "LOA_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
FIXED_NOW = datetime(2026, 3, 1, 1, 0, tzinfo=UTC)


class Clock:
    """A clock tests move by hand."""

    def __init__(self, now: datetime = FIXED_NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep user dirs (data, config, cache, logs) and env overrides out of the real home."""
    home = tmp_path_factory.mktemp("home")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    for var in list(os.environ):
        if var.startswith("LOA_") and var != "LOA_TEST_PG_URL":
            monkeypatch.delenv(var)


def mode(path: Path) -> int:
    """A file's permission bits (0o600)."""
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The usual umask, whatever the one the tests run under."""
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def calendar_file(tmp_path: Path) -> Path:
    """A writable copy of the bundled calendar."""
    target = tmp_path / "calendar.toml"
    shutil.copy(BUNDLED, target)
    return target


@pytest.fixture
def cal(calendar_file: Path) -> WardCalendar:
    return load_calendar(calendar_file)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'loa.db'}"


@pytest.fixture
def store(db_url: str, clock: Clock) -> Store:
    return Store.open(db_url, clock=clock)


def _pg_available() -> bool:
    try:
        engine = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with engine.connect():
            pass
        engine.dispose()
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[sa.Engine]:
    if not _pg_available():
        pytest.skip(f"PostgreSQL không chạy ở {PG_ADMIN_URL} (đặt LOA_TEST_PG_URL)")
    engine = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


@pytest.fixture
def pg_url(pg_admin: sa.Engine) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    name = f"loa_test_{uuid.uuid4().hex[:10]}"
    with pg_admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = pg_admin.url.set(database=name).render_as_string(hide_password=False)
    yield url
    with pg_admin.connect() as conn:
        conn.execute(
            sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
            {"n": name},
        )
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request: pytest.FixtureRequest, db_url: str, clock: Clock) -> Iterator[Store]:
    """The same store tests on SQLite and, where the server runs, on PostgreSQL."""
    url = db_url if request.param == "sqlite" else request.getfixturevalue("pg_url")
    engine = open_engine(url)
    migrate.upgrade(engine)
    yield Store(engine, clock)
    engine.dispose()


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str], db_url: str, calendar_file: Path):
    """Run ``loa`` in-process against the test calendar and database."""
    from campaigns.cli import main

    made: list[bool] = []

    def run(*args: str, calendar: Path | None = None, db: str | None = None) -> Result:
        if db is None and not made:  # the test's database exists, as after a first 'loa plan'
            Store.open(db_url).engine.dispose()
            made.append(True)
        argv = ["--calendar", str(calendar or calendar_file), "--db", db or db_url, *args]
        code = main(argv)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


CALENDAR = BUNDLED


@pytest.fixture(autouse=True)
def _cache_dir(_isolated_home: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Rendered images go to a per-test cache (set after the LOA_* variables are cleared)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("LOA_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def make_cal(tmp_path: Path):
    """The bundled calendar, edited and with extra TOML appended, in a temporary folder."""

    def make(
        extra: str = "",
        files: dict[str, str | bytes] | None = None,
        edit: dict[str, str] | None = None,
    ) -> WardCalendar:
        folder = tmp_path / "ward"
        folder.mkdir(exist_ok=True)
        for name, content in (files or {}).items():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        path = folder / "calendar.toml"
        text = BUNDLED.read_text("utf-8")
        for old, new in (edit or {}).items():
            assert old in text, old
            text = text.replace(old, new)
        path.write_text(text + "\n" + extra, "utf-8")
        return load_calendar(path)

    return make

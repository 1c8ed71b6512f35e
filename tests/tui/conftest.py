from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from campaigns.store import Store
from tests.tui import sample
from tui.app import LoaApp, create_app
from tui.engine import Engine
from tui.status import DaemonStatus


def no_daemon(engine: Engine) -> DaemonStatus:
    return DaemonStatus(available=True, running=False, note="")


@pytest.fixture(scope="session")
def calendar():
    return sample.calendar()


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory, calendar) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("tui") / "template.db"
    store = sample.open_store(path)
    ids = sample.seed(store, calendar)
    store.engine.dispose()
    return path, ids


@pytest.fixture
def store(tmp_path: Path, seeded_db) -> Store:
    path = tmp_path / "loa.db"
    path.write_bytes(seeded_db[0].read_bytes())
    s = sample.open_store(path)
    yield s
    s.engine.dispose()


@pytest.fixture
def ids(seeded_db) -> dict[str, int]:
    return seeded_db[1]


@pytest.fixture
def make_app(calendar, store) -> Callable[..., LoaApp]:
    def make(**kw) -> LoaApp:
        kw.setdefault("heartbeat", no_daemon)
        kw.setdefault("poll_seconds", None)
        kw.setdefault("image_mode", "off")
        return create_app(calendar, store, clock=sample.clock, actor="tui:test", **kw)

    return make


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"

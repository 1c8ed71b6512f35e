from __future__ import annotations

from pathlib import Path

import pytest

from campaigns.config import load_calendar
from campaigns.store import Store

from tests.report.seed import AS_OF, CALENDAR, Clock, Seeded, seed_quarter


@pytest.fixture
def clock() -> Clock:
    return Clock(AS_OF)


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Store:
    return Store.open(f"sqlite:///{tmp_path / 'loa.db'}", clock=clock)


@pytest.fixture
def seeded(store: Store, clock: Clock) -> Seeded:
    cal = load_calendar(CALENDAR)
    return Seeded(store, cal, clock, seed_quarter(store, cal, clock))

from __future__ import annotations

import pytest

from campaigns.config import load_calendar
from campaigns.store import Store
from tests.report.seed import AS_OF, CALENDAR, Clock, Seeded, seed_quarter


@pytest.fixture
def clock() -> Clock:
    """Overrides the shared clock: the report is made on 01/07/2026 (the seed moves it)."""
    return Clock(AS_OF)


@pytest.fixture
def seeded(store: Store, clock: Clock) -> Seeded:
    cal = load_calendar(CALENDAR)
    return Seeded(store, cal, clock, seed_quarter(store, cal, clock))

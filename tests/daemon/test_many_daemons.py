"""Several daemons against one PostgreSQL share the work: 2,000 due posts, 4 processes,
each post published exactly once (claims use FOR UPDATE SKIP LOCKED)."""

from __future__ import annotations

import signal
from collections import Counter
from datetime import timedelta

import pytest
from sqlmodel import col, select

from campaigns.store import Transition
from campaigns.store.lifecycle import Status
from campaigns.timeutil import utcnow
from tests.daemon.conftest import add_posts, running, spawn, wait_for
from tests.daemon.test_crash import assert_exactly_once

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def test_four_daemons_drain_2000_posts_exactly_once(
    pg_url, make_daemon_cal, fakes, tmp_path, open_store
):
    cal = make_daemon_cal("concurrency = 4\nsweep_seconds = 1\n")
    store = open_store(pg_url)
    per_channel = 667  # 3 channels: 2,001 posts
    ids = add_posts(store, cal, utcnow() - timedelta(seconds=2), per_channel)
    procs = [spawn(cal.path, pg_url, env=fakes.env(), log=tmp_path / f"d{i}.log") for i in range(4)]
    try:
        done = wait_for(
            lambda: store.counts(cal.unit).get(Status.PUBLISHED, 0) == len(ids), 240, 0.5
        )
        assert done, store.counts(cal.unit)
    finally:
        for p in procs:
            wait_for(lambda p=p: running(store, p.pid), 30)
            p.send_signal(signal.SIGTERM)
        codes = [p.wait(60) for p in procs]
    assert codes == [0, 0, 0, 0]
    assert_exactly_once(store, cal.unit, ids, fakes)
    with store.session() as s:
        actors = Counter(
            t.actor
            for t in s.exec(select(Transition).where(col(Transition.to_status) == Status.PUBLISHED))
        )
    assert len(actors) == 4, actors  # every daemon took a share
    assert sum(actors.values()) == len(ids)

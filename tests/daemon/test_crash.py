"""SIGKILL the daemon at random moments while it publishes a batch, restart it, repeat:
in the end every post is live exactly once."""

from __future__ import annotations

import random
import signal
import time
from collections import Counter
from datetime import timedelta

import pytest

from campaigns.store import Store
from campaigns.store.lifecycle import Status
from campaigns.timeutil import utcnow
from publishers.base import PublishRequest
from tests.daemon.conftest import add_posts, running, spawn, wait_for


def marker(unit: str, post_id: int) -> str:
    return PublishRequest(key=f"{unit}/post/{post_id}", title="x", caption="x").marker


def assert_exactly_once(store: Store, unit: str, ids: list[int], fakes) -> None:
    live = fakes.live()
    texts = {"facebook": live["facebook"], "zalo": live["zalo"]}
    for pid in ids:
        post = store.get(unit, pid)
        assert post.status == Status.PUBLISHED, (pid, post.status, post.error)
        assert post.external_id
        if post.channel in texts:
            found = sum(marker(unit, pid) in t for t in texts[post.channel])
            assert found == 1, (pid, post.channel, found)
    boxes = Counter(live["bang-tin"])
    assert all(n == 1 for n in boxes.values())
    assert len(live["facebook"]) + len(live["zalo"]) + len(boxes) == len(ids)


@pytest.mark.slow
def test_sigkill_at_random_moments_then_restart(
    db_url, make_daemon_cal, fakes, tmp_path, open_store
):
    cal = make_daemon_cal("lease_seconds = 10\nsweep_seconds = 1\nconcurrency = 3\n")
    store = open_store(db_url)
    ids = add_posts(store, cal, utcnow() - timedelta(seconds=1), 15)
    # a realistic answer time, so kills land between request and record
    fakes.graph.answer_delay = 0.15
    fakes.zalo.answer_delay = 0.05
    log = tmp_path / "crash.log"
    rng = random.Random(5)
    kills = 0
    for _ in range(8):
        proc = spawn(cal.path, db_url, env=fakes.env(), log=log)
        time.sleep(rng.uniform(0.6, 2.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        kills += 1
        if store.counts(cal.unit).get(Status.PUBLISHED, 0) == len(ids):
            break
    proc = spawn(cal.path, db_url, env=fakes.env(), log=log)
    try:
        done = wait_for(lambda: store.counts(cal.unit).get(Status.PUBLISHED, 0) == len(ids), 90)
        assert done, (store.counts(cal.unit), log.read_text()[-3000:])
    finally:
        wait_for(lambda: running(store, proc.pid), 30)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
    assert kills >= 2
    assert "already live" in log.read_text()  # a kill did land after the platform said yes
    assert_exactly_once(store, cal.unit, ids, fakes)

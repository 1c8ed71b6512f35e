"""SIGKILL the daemon at chosen moments while it publishes a batch, restart it, repeat:
in the end every post is live exactly once.

The kills are synchronised on events, not on wall time, so they land the same way on a
loaded machine: from inside the fake platform once it has handled a publishing request and
before its answer goes out (the post is live, the daemon cannot have recorded it), or as
soon as the database shows the daemon has claimed posts. A seeded choice picks the moment.
"""

from __future__ import annotations

import os
import random
import signal
import threading
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import func
from sqlmodel import col, select

from campaigns.store import Store
from campaigns.store.lifecycle import Status
from campaigns.store.models import Post, Transition
from campaigns.timeutil import utcnow
from publishers.base import PublishRequest
from tests.daemon.conftest import add_posts, running, spawn, wait_for

ROUNDS = 8
WAIT = 120.0  # upper bound for any wait below, never a sleep
# where a publishing request lands on each fake, and which requests carry the post's marker
PUBLISH_PATHS = {"graph": "/photos", "zalo": "/article/create"}
# (fake or "claim", path on that fake, which matching request or claim: kill on the n-th)
MOMENTS = [
    *[("graph", "/photos", n) for n in (1, 2, 3)],  # the photo post exists
    *[("zalo", "/article/verify", n) for n in (1, 2)],  # the article went live
    ("zalo", "/article/create", 1),  # the draft exists, not yet live
    *[("claim", "", n) for n in (1, 3)],  # posts taken from the queue
]
CHANNEL = {"graph": "facebook", "zalo": "zalo"}


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


def claims(store: Store) -> int:
    """How many times posts were taken for publishing (audit rows into ``publishing``)."""
    with store.session() as s:
        stmt = select(func.count()).where(col(Transition.to_status) == Status.PUBLISHING)
        return int(s.exec(stmt).one())


class Killer:
    """SIGKILLs ``pid`` once: on the n-th matching request that reached ``fake`` after
    ``since`` requests (a dead daemon's request may still be finishing), or when told to."""

    def __init__(self, pid: int, n: int, fake=None, since: int = 0) -> None:
        self.pid, self.n, self.fake, self.since = pid, n, fake, since
        self.seen = 0
        self.done = threading.Event()  # set just before the signal goes
        self._lock = threading.RLock()

    def on_request(self, request) -> None:
        if not any(r is request for r in self.fake.requests[self.since :]):
            return
        with self._lock:
            self.seen += 1
            if self.seen == self.n:
                self.kill()

    def kill(self) -> None:
        with self._lock:
            if not self.done.is_set():
                self.done.set()
                os.kill(self.pid, signal.SIGKILL)


class Batch:
    """The posts, the fakes and the daemon's log, and one kill-and-restart round."""

    def __init__(self, store: Store, url: str, cal, ids: list[int], fakes, log) -> None:
        self.store, self.url, self.cal, self.ids = store, url, cal, ids
        self.fakes, self.log = fakes, log
        self.servers = {"graph": fakes.graph, "zalo": fakes.zalo}
        self.of_marker = {marker(cal.unit, pid): pid for pid in ids}

    def published(self) -> int:
        return self.store.counts(self.cal.unit).get(Status.PUBLISHED, 0)

    def done(self) -> bool:
        return self.published() == len(self.ids)

    def pending(self, channel: str) -> bool:
        with self.store.session() as s:
            stmt = select(Post.id).where(Post.channel == channel, Post.status != Status.PUBLISHED)
            return s.exec(stmt).first() is not None

    def tail(self) -> str:
        return self.log.read_text()[-3000:]

    def round(self, where: str, path: str, n: int) -> bool:
        """Start a daemon, SIGKILL it at the moment, and say whether the kill landed
        mid-publish: a platform received a post this round that the database had not
        recorded as published when the daemon died."""
        seen = {name: len(fake.requests) for name, fake in self.servers.items()}
        claimed = claims(self.store)
        proc = spawn(self.cal.path, self.url, env=self.fakes.env(), log=self.log)
        killer = Killer(proc.pid, n, self.servers.get(where), seen.get(where, 0))
        remove = (
            self.servers[where].on_request(killer.on_request, path=path, method="POST")
            if where in self.servers
            else (lambda: None)
        )

        def moment() -> bool:
            return (
                killer.done.is_set()
                or (where == "claim" and claims(self.store) - claimed >= n)
                or self.done()
                or proc.poll() is not None
            )

        try:
            came = wait_for(moment, WAIT, every=0.02)
            assert killer.done.is_set() or proc.poll() is None, self.tail()  # died alone?
            killer.kill()  # a claim moment, or everything was published first
        finally:
            remove()
        assert came, f"nothing happened in {WAIT} s: {self.tail()}"
        assert proc.wait(WAIT) == -signal.SIGKILL, self.tail()
        sent = {
            pid
            for name, fake in self.servers.items()
            for r in fake.requests[seen[name] :]
            if r.method == "POST" and PUBLISH_PATHS[name] in r.path
            for m, pid in self.of_marker.items()
            if m.encode() in r.body
        }
        return any(self.store.get(self.cal.unit, pid).status != Status.PUBLISHED for pid in sent)


@pytest.mark.slow
def test_sigkill_at_chosen_moments_then_restart(
    db_url, make_daemon_cal, fakes, tmp_path, open_store, record_property
):
    cal = make_daemon_cal("lease_seconds = 10\nsweep_seconds = 1\nconcurrency = 3\n")
    store = open_store(db_url)
    ids = add_posts(store, cal, utcnow() - timedelta(seconds=1), 15)
    # the platforms take a realistic time to answer: a window where claims are in flight
    fakes.graph.answer_delay = 0.15
    fakes.zalo.answer_delay = 0.05
    batch = Batch(store, db_url, cal, ids, fakes, tmp_path / "crash.log")
    rng = random.Random(5)
    kills, mid_publish, moments = 0, 0, []
    for _ in range(ROUNDS):
        if batch.done():
            break
        choices = [m for m in MOMENTS if m[0] == "claim" or batch.pending(CHANNEL[m[0]])]
        where, path, n = rng.choice(choices)
        mid_publish += batch.round(where, path, n)
        kills += 1
        moments.append(f"{where}{path}#{n}")

    proc = spawn(cal.path, db_url, env=fakes.env(), log=batch.log)
    try:
        assert wait_for(batch.done, WAIT), (store.counts(cal.unit), batch.tail())
    finally:
        wait_for(lambda: running(store, proc.pid), WAIT)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(WAIT) == 0
    print(f"\ncrash test: {kills} kills, {mid_publish} mid-publish; moments: {moments}")
    record_property("kills", kills)
    record_property("mid_publish_kills", mid_publish)
    assert kills >= 2
    assert mid_publish >= 1
    assert_exactly_once(store, cal.unit, ids, fakes)

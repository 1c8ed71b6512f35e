"""One tick of the daemon, and the per-channel workers it feeds.

A tick: renew our leases, return expired ones to the queue, mark stale posts missed,
then for each channel that is not paused or rate-limited claim as many ready posts as it
has free workers (one at a time, spaced, when the posts are late: no burst after an
outage) and start them. It returns when the next post becomes ready, so the clock can
sleep until then. Only what can start now is claimed, so a cancel or reschedule made
in the TUI a second before the due time is respected: the claim re-reads the row.

``synchronous=True`` runs the work inline (tests with an injected clock).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from campaigns.config.load import WardCalendar
from campaigns.daemon.logs import failed
from campaigns.publishing import Outcome, attempt, policy, queue, request_for
from campaigns.publishing.channels import ChannelStates
from campaigns.store import Post, Store
from campaigns.store.lifecycle import Status
from publishers.base import Publisher

log = logging.getLogger("loa.daemon")
LATE = timedelta(seconds=60)  # due this long before the daemon started: catching up


@dataclass
class Lane:
    """One channel's workers and limits."""

    name: str
    concurrency: int
    min_interval: float
    catch_up_spacing: float
    pool: ThreadPoolExecutor | None = None
    in_flight: int = 0
    next_start: datetime | None = None
    futures: set[Future[Outcome]] = field(default_factory=set)


class Dispatcher:
    def __init__(
        self,
        store: Store,
        cal: WardCalendar,
        publishers: Mapping[str, Publisher],
        *,
        actor: str,
        synchronous: bool = False,
        on_done: Callable[[Outcome], None] | None = None,
    ) -> None:
        self.store = store
        self.cal = cal
        self.unit = cal.unit
        self.publishers = publishers
        self.actor = actor
        self.synchronous = synchronous
        self.on_done = on_done
        self.settings = cal.config.daemon
        self.states = ChannelStates(store, self.unit)
        self.outcomes: list[Outcome] = []
        self.stopping = False
        self._lock = threading.Lock()
        self._last_renew: datetime | None = None
        self._last_stale: datetime | None = None
        self.started_at = store.clock()
        self.lanes: dict[str, Lane] = {}
        for name in publishers:
            limits = self.settings.channels.get(name)
            conc = (limits.concurrency if limits else None) or self.settings.concurrency
            gap = limits.min_interval_seconds if limits else None
            self.lanes[name] = Lane(
                name, conc,
                self.settings.min_interval_seconds if gap is None else gap,
                self.settings.catch_up_spacing_seconds,
            )  # fmt: skip

    @property
    def in_flight(self) -> int:
        with self._lock:
            return sum(lane.in_flight for lane in self.lanes.values())

    # -- the tick ---------------------------------------------------------------------------
    def tick(self) -> datetime | None:
        """Do what is due now; return when something next becomes due (None: nothing)."""
        now = self.store.clock()
        lease = self.settings.lease_seconds
        if self._last_renew is None or now - self._last_renew > timedelta(seconds=lease / 4):
            queue.renew(self.store, self.unit, actor=self.actor, lease=lease)
            self._last_renew = now
        sweep = timedelta(seconds=self.settings.sweep_seconds)
        if self._last_stale is None or now - self._last_stale >= sweep:
            # housekeeping once per sweep, not at every wake-up (a busy minute has hundreds)
            expired = queue.expire(self.store, self.unit, actor=self.actor)
            if expired:
                log.warning("leases expired, back to the queue: %s", expired)
            self.states.refresh()  # pauses and rate limits seen by other daemons
            self._mark_stale(now)  # the worker checks again before publishing
            self._last_stale = now
        ready, nxt = queue.ready_channels(self.store, self.unit)
        log.debug("tick: ready %s, next %s, in flight %s", ready, nxt, self.in_flight)
        wakes = [nxt] if nxt is not None else []
        for channel, (count, oldest) in ready.items():
            lane = self.lanes.get(channel)
            if lane is None or self.stopping:
                continue
            if not self.states.available(channel, now):
                until = self.states.blocked_until(channel)
                if until is not None:
                    wakes.append(until)
                continue
            limit, wake = self._capacity(lane, now, late=self._catching_up(oldest))
            if wake is not None:
                wakes.append(wake)
            if limit <= 0:
                continue
            claimed = queue.claim(
                self.store, self.unit, channel, min(limit, count), actor=self.actor, lease=lease
            )
            for post in claimed:
                self._start(lane, post, now, late=self._catching_up(post.due_at))
        return min(wakes) if wakes else None

    def _catching_up(self, due: datetime) -> bool:
        """Due while no daemon ran (before this one started): publish one at a time."""
        return due < self.started_at - LATE

    def _capacity(self, lane: Lane, now: datetime, *, late: bool) -> tuple[int, datetime | None]:
        with self._lock:
            free = lane.concurrency - lane.in_flight
        if lane.next_start is not None and lane.next_start > now:
            return 0, lane.next_start
        if (late and lane.catch_up_spacing > 0) or lane.min_interval > 0:
            return min(free, 1), None
        return free, None

    def _mark_stale(self, now: datetime) -> None:
        for post in queue.late(self.store, self.unit, now - LATE):
            reason = policy.stale_reason(self.cal, post, now)
            if reason is not None and queue.mark_missed(
                self.store, post, actor=self.actor, reason=reason
            ):
                log.warning("post %s on %s missed: %s", post.id, post.channel, reason)

    def _start(self, lane: Lane, post: Post, now: datetime, *, late: bool) -> None:
        gap = max(lane.min_interval, lane.catch_up_spacing if late else 0.0)
        if gap > 0:
            lane.next_start = now + timedelta(seconds=gap)
        with self._lock:
            lane.in_flight += 1
        log.info(
            "post %s on %s: start (due %s, %.1f s late)",
            post.id, lane.name, post.due_at, (now - post.due_at).total_seconds(),
        )  # fmt: skip
        if self.synchronous:
            self._done(lane, self._work(lane, post))
            return
        if lane.pool is None:
            lane.pool = ThreadPoolExecutor(lane.concurrency, thread_name_prefix=f"loa-{lane.name}")
        future = lane.pool.submit(self._work, lane, post)
        lane.futures.add(future)
        future.add_done_callback(lambda f: self._finished(lane, f))

    def _work(self, lane: Lane, post: Post) -> Outcome:
        """Publish ``post``, then keep pulling this channel's next ready post while the
        lane has no spacing to respect: a backlog drains at full speed without a tick
        (and its queries) between posts."""
        publisher = self.publishers[lane.name]
        while True:
            outcome = attempt(self.store, self.cal, publisher, post, actor=self.actor,
                              states=self.states)  # fmt: skip
            with self._lock:
                self.outcomes.append(outcome)
            if self.stopping or lane.min_interval > 0 or outcome.status == "paused":
                return outcome
            now = self.store.clock()
            if not self.states.available(lane.name, now):
                return outcome
            spaced = lane.catch_up_spacing > 0
            more = queue.claim(
                self.store, self.unit, lane.name, 1, actor=self.actor,
                lease=self.settings.lease_seconds,
                due_after=self.started_at - LATE if spaced else None,
            )  # fmt: skip
            if not more:
                return outcome
            post = more[0]
            log.info("post %s on %s: start (%.1f s late)", post.id, lane.name,
                     (now - post.due_at).total_seconds())  # fmt: skip

    def _finished(self, lane: Lane, future: Future[Outcome]) -> None:
        lane.futures.discard(future)
        try:
            outcome = future.result()
        except Exception as exc:  # the database went away mid-post: the lease will bring it back
            failed(
                log, exc, "worker on %s failed; the post returns when its lease expires", lane.name
            )
            with self._lock:
                lane.in_flight -= 1
            return
        self._done(lane, outcome)

    def _done(self, lane: Lane, outcome: Outcome) -> None:
        with self._lock:
            lane.in_flight -= 1
        if self.on_done is not None:
            self.on_done(outcome)

    def prepare(self, horizon: timedelta = timedelta(minutes=10), limit: int = 200) -> int:
        """Draw the cards of posts due soon, so no post waits for its image at its time."""
        now = self.store.clock()
        posts = self.store.posts(
            self.unit, start=now, end=now + horizon, statuses=[Status.APPROVED], limit=limit
        )
        drawn = 0
        for post in posts:
            if self.stopping:
                break
            if post.channel in self.publishers:
                try:
                    request_for(self.cal, post)
                    drawn += 1
                except Exception as exc:  # reported properly when the post is attempted
                    log.debug("could not prepare post %s: %s", post.id, exc)
        return drawn

    # -- stopping ---------------------------------------------------------------------------
    def drain(self, timeout: float) -> bool:
        """Stop claiming and wait up to ``timeout`` s for the posts in flight."""
        self.stopping = True
        futures = [f for lane in self.lanes.values() for f in list(lane.futures)]
        from concurrent.futures import wait

        _done, pending = wait(futures, timeout=timeout)
        for lane in self.lanes.values():
            if lane.pool is not None:
                lane.pool.shutdown(wait=False, cancel_futures=True)
        return not pending

    def run_until_idle(self, max_ticks: int = 10_000) -> list[Outcome]:
        """Synchronous mode: tick until nothing more can be claimed now (tests, ``--once``)."""
        for _ in range(max_ticks):
            before = len(self.outcomes)
            self.tick()
            if len(self.outcomes) == before and self.in_flight == 0:
                break
        return self.outcomes

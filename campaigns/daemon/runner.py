"""The daemon process: APScheduler 3.11 (in-memory job store, this process only) as the
clock, the dispatcher as the work, a heartbeat row, signals, and ``--once``.

Jobs: ``sweep`` every ``sweep_seconds``; ``wake`` re-armed at the next due time after
every tick; ``tokens`` every 10 minutes (with a full channel check every 6 hours).
A finished post kicks a tick at once, so a backlog drains without waiting for a sweep.
A channel that could not be opened (``broken``) is paused with its reason at start: its
posts stay approved and every other channel publishes.
SIGTERM/SIGINT: stop claiming, wait for the posts in flight (up to ``drain_seconds``),
give back any still held, mark the heartbeat stopped, exit 0.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from types import FrameType

from campaigns.config.load import WardCalendar
from campaigns.daemon import tokens
from campaigns.daemon.beat import Heartbeat, SqliteLock, daemon_id
from campaigns.daemon.dispatcher import Dispatcher
from campaigns.daemon.logs import failed
from campaigns.publishing import Outcome, queue
from campaigns.store import Store
from publishers.base import Publisher

log = logging.getLogger("loa.daemon")
TOKEN_CARE = timedelta(minutes=10)
FULL_CHECK = timedelta(hours=6)


class Runner:
    def __init__(
        self,
        store: Store,
        cal: WardCalendar,
        publishers: Mapping[str, Publisher],
        *,
        drain_seconds: float = 30.0,
        ident: str | None = None,
        broken: Mapping[str, str] | None = None,
    ) -> None:
        self.store = store
        self.cal = cal
        self.publishers = publishers
        self.broken = dict(broken or {})  # channels that could not be opened: their reasons
        self.settings = cal.config.daemon
        self.drain_seconds = drain_seconds
        self.id = ident or daemon_id()
        self.dispatcher = Dispatcher(
            store, cal, publishers, actor=f"daemon:{self.id}", on_done=self._on_done
        )
        self.heartbeat = Heartbeat(store, cal.unit, self.id)
        self.lock = SqliteLock(store.engine)
        self.stop_event = threading.Event()
        self._tick_lock = threading.Lock()
        self._again = False
        self._next_due: datetime | None = None
        self._scheduler: object | None = None
        self._last_check: datetime | None = None
        self.stopped_by: int | None = None  # the signal that stopped it (SIGINT: Ctrl+C)
        self.drained = True  # False: posts were still in flight when it stopped

    # -- lifecycle ---------------------------------------------------------------------------
    def run(self, *, once: bool = False) -> int:
        self.lock.acquire()
        try:
            self.heartbeat.start()
            self._install_signals()
            log.info(
                "loa daemon %s started for %s (%s), channels: %s",
                self.id, self.cal.unit, "once" if once else "running",
                ", ".join(self.publishers) or "none",
            )  # fmt: skip
            if self.lock.path is not None:  # we hold the SQLite lock: no other daemon lives
                back = queue.recover(self.store, self.cal.unit, actor=self.dispatcher.actor)
                if back:
                    log.warning("posts held by a stopped daemon, back to the queue: %s", back)
            for name, reason in self.broken.items():  # paused: their posts wait, approved
                self.dispatcher.states.pause(name, reason)
            self._token_care(check=True)
            if once:
                self._run_once()
            else:
                self._run_forever()
            return 0
        finally:
            self._shutdown()
            self.lock.release()

    def stop(self, *_args: object) -> None:
        if not self.stop_event.is_set():
            log.info("stopping: no new claims; finishing the posts in flight")
        self.dispatcher.stopping = True
        self.stop_event.set()

    def _install_signals(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return

        def handler(signum: int, frame: FrameType | None) -> None:
            self.stopped_by = self.stopped_by or signum
            self.stop()

        if hasattr(signal, "SIGUSR1"):  # kill -USR1 <pid>: every thread's stack to the log
            import faulthandler
            import sys

            faulthandler.register(signal.SIGUSR1, file=sys.stderr, all_threads=True)

        signal.signal(signal.SIGTERM, handler)
        signal.signal(signal.SIGINT, handler)

    def _run_once(self) -> None:
        """Process what is due now and return (cron, a systemd timer)."""
        while not self.stop_event.is_set():
            self.kick()
            if self.dispatcher.in_flight == 0:
                self.kick()
                if self.dispatcher.in_flight == 0:
                    break
            self.stop_event.wait(0.05)

    def _run_forever(self) -> None:
        from apscheduler.schedulers.background import BackgroundScheduler

        scheduler = BackgroundScheduler(
            timezone=UTC,
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        )
        scheduler.add_job(self.kick, "interval", seconds=self.settings.sweep_seconds, id="sweep")
        scheduler.add_job(
            self._token_care, "interval", seconds=TOKEN_CARE.total_seconds(), id="tokens"
        )
        scheduler.add_job(
            self._prepare, "interval", seconds=60, id="prepare", next_run_time=datetime.now(UTC)
        )
        self._scheduler = scheduler
        scheduler.start()
        self.kick()
        self.stop_event.wait()

    def _shutdown(self) -> None:
        scheduler = self._scheduler
        if scheduler is not None:
            scheduler.shutdown(wait=False)  # type: ignore[attr-defined]
        finished = self.dispatcher.drain(self.drain_seconds)
        self.drained = finished
        if not finished:
            log.warning("posts still in flight after %.0f s; their leases will expire",
                        self.drain_seconds)  # fmt: skip
        try:
            self.heartbeat.stop()
        except Exception as exc:  # the database may be the reason we stop
            failed(log, exc, "could not record the stop in the heartbeat")
        log.info("loa daemon %s stopped", self.id)

    # -- ticking ----------------------------------------------------------------------------
    def kick(self) -> None:
        """Run a tick now, or make the running one go round again (never two at once)."""
        self._again = True
        while self._again:
            if not self._tick_lock.acquire(blocking=False):
                return
            try:
                while self._again:
                    self._again = False
                    self._tick()
            finally:
                self._tick_lock.release()

    def _tick(self) -> None:
        try:
            nxt = self.dispatcher.tick()
            self.heartbeat.beat(nxt, self.dispatcher.in_flight)
        except Exception as exc:  # a database hiccup: log it, the next sweep tries again
            failed(log, exc, "tick failed; retrying at the next sweep")
            return
        if nxt != self._next_due:
            self._next_due = nxt
            self._arm(nxt)

    def _arm(self, when: datetime | None) -> None:
        scheduler = self._scheduler
        if scheduler is None or self.stop_event.is_set():
            return
        if when is None:
            if scheduler.get_job("wake"):  # type: ignore[attr-defined]
                scheduler.remove_job("wake")  # type: ignore[attr-defined]
            return
        scheduler.add_job(  # type: ignore[attr-defined]
            self.kick, "date", run_date=when, id="wake", replace_existing=True
        )

    def _on_done(self, outcome: Outcome) -> None:
        if not self.stop_event.is_set():
            self.kick()

    def _prepare(self) -> None:
        try:
            drawn = self.dispatcher.prepare()
        except Exception as exc:
            failed(log, exc, "preparing the next posts failed; they will be drawn when due")
            return
        if drawn:
            log.debug("prepared %s posts due in the next minutes", drawn)

    def _token_care(self, check: bool = False) -> None:
        now = self.store.clock()
        full = check or self._last_check is None or now - self._last_check > FULL_CHECK
        if full:
            self._last_check = now
        try:
            tokens.care(
                self.publishers, self.dispatcher.states, now,
                warning_days=self.settings.token_warning_days, tz=self.cal.tz, check=full,
            )  # fmt: skip
        except Exception as exc:
            failed(log, exc, "token care failed; trying again later")

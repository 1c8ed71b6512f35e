"""Per-channel state shared by every daemon of a unit through the ``channel_state`` table.

A channel is *paused* after an auth or configuration error, when it cannot be opened, or
after an unexpected error from its publisher (an alert for the officer; nothing is
claimed for it until it works again; its posts stay approved) and *blocked* until the
platform's stated wait after a rate limit. Token warnings live here too, so ``loa status``
and the TUI can show them. Reasons and warnings are scrubbed of secrets before they are
stored or logged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col

from campaigns.secrets import scrub
from campaigns.store import Store
from campaigns.store.models import ChannelState

log = logging.getLogger("loa.daemon")
TABLE = ChannelState.__table__  # type: ignore[attr-defined]


class ChannelStates:
    def __init__(self, store: Store, unit: str, clock: Callable[[], datetime] | None = None):
        self.store = store
        self.unit = unit
        self.clock = clock or store.clock
        self._cache: dict[str, ChannelState] = {}

    def refresh(self) -> dict[str, ChannelState]:
        query = select(ChannelState).where(col(ChannelState.unit) == self.unit)
        with self.store.session() as s:
            self._cache = {row.channel: row for row in s.scalars(query)}
        return self._cache

    def get(self, channel: str) -> ChannelState | None:
        return self._cache.get(channel)

    def available(self, channel: str, now: datetime) -> bool:
        state = self._cache.get(channel)
        if state is None:
            return True
        if state.paused:
            return False
        return state.blocked_until is None or state.blocked_until <= now

    def blocked_until(self, channel: str) -> datetime | None:
        state = self._cache.get(channel)
        return state.blocked_until if state is not None and not state.paused else None

    # -- changes ------------------------------------------------------------------------------
    def pause(self, channel: str, reason: str) -> None:
        log.error("ALERT channel %s paused: %s", channel, scrub(reason))
        self._set(channel, paused=True, reason=reason)

    def resume(self, channel: str) -> None:
        state = self._cache.get(channel)
        if state is not None and state.paused:
            log.warning("channel %s works again: resumed", channel)
        self._set(channel, paused=False, reason=None, blocked_until=None)

    def block(self, channel: str, until: datetime, reason: str) -> None:
        log.warning("channel %s rate-limited until %s", channel, until)
        self._set(channel, blocked_until=until, reason=reason)

    def warn(self, channel: str, expires_at: datetime | None, warning: str | None) -> None:
        if warning:
            log.warning("channel %s: %s", channel, scrub(warning))
        self._set(channel, token_expires_at=expires_at, warning=warning)

    def _set(self, channel: str, **values: object) -> None:
        for key in ("reason", "warning"):  # may quote a platform or an exception
            if isinstance(values.get(key), str):
                values[key] = scrub(str(values[key]))
        now = self.clock()
        values["updated_at"] = now
        where = (TABLE.c.unit == self.unit) & (TABLE.c.channel == channel)
        with self.store.session() as s, s.begin():
            if _rowcount(s.execute(update(TABLE).where(where).values(**values))) == 0:
                try:
                    with s.begin_nested():
                        s.execute(
                            insert(TABLE).values(
                                {"unit": self.unit, "channel": channel, "paused": False, **values}
                            )
                        )
                except IntegrityError:  # another daemon inserted it first
                    s.execute(update(TABLE).where(where).values(**values))
        self.refresh()


def _rowcount(result: object) -> int:
    return int(getattr(result, "rowcount", 0))

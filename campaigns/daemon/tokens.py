"""Proactive token care: refresh Zalo access tokens before they expire, warn days before
any known expiry, and try paused channels again so a reconnected channel resumes."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from campaigns.publishing.channels import ChannelStates
from campaigns.timeutil import fmt_local
from publishers.base import Publisher
from publishers.errors import ErrorKind, PublishError

log = logging.getLogger("loa.daemon")


def care(
    publishers: Mapping[str, Publisher],
    states: ChannelStates,
    now: datetime,
    *,
    warning_days: int,
    tz: ZoneInfo,
    check: bool = False,
) -> None:
    """Refresh what refreshes itself; with ``check`` also ask each platform who we are
    (resumes a paused channel that works again, pauses one that does not)."""
    states.refresh()
    for name, publisher in publishers.items():
        state = states.get(name)
        paused = state is not None and state.paused
        tokens = getattr(publisher, "tokens", None)
        try:
            if tokens is not None and not paused:
                tokens.access_token()  # refreshes (and stores the new pair) near expiry
            if check or paused:
                identity = publisher.check()
                if paused:
                    states.resume(name)
                _warn(states, name, identity.expires_at, now, warning_days, tz, tokens is None)
        except PublishError as exc:
            if exc.kind in (ErrorKind.AUTH, ErrorKind.CONFIG):
                if not paused:
                    states.pause(name, exc.message)
            else:
                log.info("token care for %s postponed: %s", name, exc.detail or exc.message)


def _warn(
    states: ChannelStates,
    name: str,
    expires: datetime | None,
    now: datetime,
    days: int,
    tz: ZoneInfo,
    manual: bool,
) -> None:
    """Warn when a token the officer must renew by hand expires within ``days``."""
    warning = None
    if expires is not None and manual and expires - now < timedelta(days=days):
        warning = (
            f"Mã truy cập của kênh '{name}' hết hạn lúc {fmt_local(expires, tz, with_zone=True)}; "
            f"hãy chạy 'loa channels set-token {name}' trước thời điểm đó."
        )
    state = states.get(name)
    if state is None or state.warning != warning or state.token_expires_at != expires:
        states.warn(name, expires, warning)

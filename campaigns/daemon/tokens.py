"""Proactive token care: refresh Zalo access tokens hours before they expire, warn days
before any known expiry, and try paused channels again so a reconnected channel resumes.

A refresh token Zalo will not honour any more (lost in an interrupted refresh, refused)
raises a channel warning at once, saying until when the access token in hand still
publishes; the channel is paused only when that token no longer works."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from campaigns.publishing.channels import ChannelStates
from campaigns.timeutil import fmt_local
from publishers.base import Publisher
from publishers.errors import ErrorKind, PublishError
from publishers.zalo_errors import RefreshTokenError

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
            warning = None
            if tokens is not None and not paused:
                warning = tokens.ensure()  # refreshes (storing the new pair first) when due
            if check or paused:
                identity = publisher.check()
                if paused:
                    states.resume(name)
                if tokens is None:
                    warning = _expiry_warning(name, identity.expires_at, now, warning_days, tz)
                _warn(states, name, identity.expires_at, warning)
            elif tokens is not None:
                _warn(states, name, tokens.expires_at(), warning)
        except RefreshTokenError as exc:
            if exc.still_works:
                until = exc.usable_until
                when = f"đến {fmt_local(until, tz, with_zone=True)}" if until else None
                _warn(states, name, until, exc.explain(when))
            elif not paused:
                states.pause(name, exc.message)
        except PublishError as exc:
            if exc.kind in (ErrorKind.AUTH, ErrorKind.CONFIG):
                if not paused:
                    states.pause(name, exc.message)
            else:
                log.info("token care for %s postponed: %s", name, exc.detail or exc.message)
        except Exception:  # a bug in one publisher never stops the care of the others
            log.exception("token care for %s failed; trying again later", name)


def _expiry_warning(
    name: str, expires: datetime | None, now: datetime, days: int, tz: ZoneInfo
) -> str | None:
    """A warning when a token the officer must renew by hand expires within ``days``."""
    if expires is None or expires - now >= timedelta(days=days):
        return None
    return (
        f"Mã truy cập của kênh '{name}' hết hạn lúc {fmt_local(expires, tz, with_zone=True)}; "
        f"hãy chạy 'loa channels set-token {name}' trước thời điểm đó."
    )


def _warn(states: ChannelStates, name: str, expires: datetime | None, warning: str | None) -> None:
    state = states.get(name)
    if state is None or state.warning != warning or state.token_expires_at != expires:
        states.warn(name, expires, warning)

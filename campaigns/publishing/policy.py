"""Rules the daemon applies: when to retry, when a late post is still worth publishing."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from campaigns.config.load import WardCalendar
from campaigns.config.model import Daemon
from campaigns.planning.slots import peak_windows
from campaigns.store import Post
from campaigns.timeutil import fmt_date, fmt_local
from publishers.errors import ErrorKind, PublishError

SAME_DAY_KINDS = frozenset({"peak", "event"})  # "today is 7/4": never on another day


def after(now: datetime, seconds: float) -> datetime:
    return now + timedelta(seconds=seconds)


def backoff(settings: Daemon, attempts: int, rng: random.Random | None = None) -> float:
    """Exponential backoff with full jitter: uniform in [base/2, base * 2^(n-1)], capped."""
    r = rng or random
    ceiling = min(
        settings.backoff_max_seconds, settings.backoff_seconds * 2 ** max(0, attempts - 1)
    )
    return r.uniform(min(settings.backoff_seconds / 2, ceiling), ceiling)


def next_attempt(
    settings: Daemon,
    attempts: int,
    now: datetime,
    retry_after: float | None,
    rng: random.Random | None = None,
) -> datetime:
    """The platform's stated wait wins when it is longer than our backoff."""
    wait = backoff(settings, attempts, rng)
    if retry_after is not None:
        wait = max(wait, retry_after + (rng or random).uniform(0, 1))
    return after(now, wait)


def retryable(exc: PublishError) -> bool:
    return exc.kind in (ErrorKind.TRANSIENT, ErrorKind.RATE_LIMITED)


def pauses_channel(exc: PublishError) -> bool:
    """Auth and configuration errors stop the channel (and raise an alert); never retried."""
    return exc.kind in (ErrorKind.AUTH, ErrorKind.CONFIG)


def stale_reason(cal: WardCalendar, post: Post, now: datetime) -> str | None:
    """Why ``post`` must not go out any more at ``now`` (Vietnamese), or None if it may."""
    tz = cal.tz
    late = now - post.due_at
    if late <= timedelta(0):
        return None
    grace = timedelta(minutes=cal.config.daemon.grace_minutes)
    due_local = post.due_at.astimezone(tz)
    now_local = now.astimezone(tz)
    if late > grace:
        return (
            f"Quá giờ đăng {_minutes(late)} (hẹn {fmt_local(post.due_at, tz, with_zone=True)}, "
            f"chỉ đăng muộn trong {cal.config.daemon.grace_minutes} phút); không đăng bài cũ. "
            "Dời lịch hoặc bấm đăng lại nếu vẫn cần."
        )
    if post.kind in SAME_DAY_KINDS and now_local.date() != due_local.date():
        return (
            f"Bài dành cho ngày {fmt_date(due_local.date())} nhưng đã sang ngày "
            f"{fmt_date(now_local.date())}; không đăng bài cũ."
        )
    last = _window_end(cal, post.peak, due_local.date()) if post.peak else None
    if last is not None and now_local.date() > last:
        return f"Đợt cao điểm '{post.peak}' đã kết thúc ngày {fmt_date(last)}; không đăng bài cũ."
    return None


def _window_end(cal: WardCalendar, peak: str, day: date) -> date | None:
    """The last day of ``peak``'s window around ``day`` (None if ``day`` is outside it:
    a post the officer moved out of its window on purpose)."""
    for w in peak_windows(cal, day, day):
        if w.peak.name == peak and w.first <= day <= w.last:
            return w.last
    return None


def _minutes(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 120:
        return f"{minutes} phút"
    hours = minutes // 60
    return f"{hours} giờ" if hours < 48 else f"{hours // 24} ngày"

"""The one publish path shared by the daemon, ``loa posts publish`` and the TUI's
"publish now".

    publishers = open_publishers(cal)                          # once, reuse them
    outcome = publish_now(store, cal, publishers, post_id, actor="tui:lan@may")
    outcome.status, outcome.url, outcome.message               # what happened, in Vietnamese

``publish_now`` claims the post (approved, failed or missed; never a draft) so no
daemon can take it meanwhile, then runs ``attempt``. The daemon claims in bulk
(``campaigns.publishing.queue.claim``) and calls ``attempt`` on each claimed row.

``attempt`` turns the row into a ``PublishRequest`` (rendered image, composed caption,
idempotency key ``<unit>/post/<id>``), asks the platform first when an earlier attempt
may have gone out, calls ``publishers.channels.deliver``, and records the result in one
transaction the instant it is known. Failures follow ``campaigns.publishing.policy``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from campaigns.config.load import WardCalendar
from campaigns.errors import LoaError, UserError
from campaigns.publishing import policy, queue
from campaigns.publishing.channels import ChannelStates
from campaigns.publishing.request import request_for
from campaigns.store import Post, Store
from campaigns.store.models import APPROVED, DRAFT, FAILED, MISSED, PUBLISHED, STATUS_LABELS
from publishers.base import Publisher
from publishers.channels import deliver
from publishers.errors import PublishError

log = logging.getLogger("loa.publish")

PUBLISHABLE = frozenset({APPROVED, FAILED, MISSED})


@dataclass(frozen=True)
class Outcome:
    """What one attempt did. ``status``: published | retry | failed | missed | paused |
    skipped (the row changed under us: cancelled, rescheduled, already done)."""

    post_id: int
    channel: str
    status: str
    message: str = ""  # Vietnamese, for the officer
    url: str | None = None
    external_id: str | None = None
    retry_at: datetime | None = None
    error_kind: str | None = None


def attempt(
    store: Store,
    cal: WardCalendar,
    publisher: Publisher,
    post: Post,
    *,
    actor: str,
    states: ChannelStates | None = None,
    check_stale: bool = True,
) -> Outcome:
    """Publish one claimed post (status ``publishing``) and record what happened.

    ``check_stale=False`` (the officer's "publish now") skips the grace/peak-window rule.
    """
    clock = store.clock
    assert post.id is not None
    stale = policy.stale_reason(cal, post, clock()) if check_stale else None
    if stale is not None:
        queue.finish_missed(store, post, actor=actor, reason=stale)
        return Outcome(post.id, post.channel, "missed", stale)
    try:
        request = request_for(cal, post)
    except (LoaError, OSError, ValueError) as exc:
        message = exc.message if isinstance(exc, LoaError) else f"Không dựng được bài: {exc}"
        queue.finish_failed(store, post, actor=actor, reason=message, kind="content")
        return Outcome(post.id, post.channel, "failed", message, error_kind="content")
    reconcile = post.attempts > 1 or post.external_id is not None
    try:
        receipt = deliver(publisher, request, reconcile=reconcile)
    except PublishError as exc:
        return _failed(store, cal, post, exc, actor=actor, states=states, now=clock())
    except Exception as exc:  # a bug in a publisher: keep the daemon alive, say so
        log.exception("post %s: unexpected error from %s", post.id, publisher.name)
        message = (
            f"Lỗi không mong đợi khi đăng ({type(exc).__name__}); Loa sẽ kiểm tra bài đã "
            "lên chưa trước khi thử lại."
        )
        return _retry_or_fail(store, cal, post, message, "unknown", None, actor, clock())
    moved = queue.finish_published(store, post, receipt, actor=actor)
    if not moved:
        log.error(
            "post %s: live as %s but the row had already changed (possible duplicate)",
            post.id, receipt.external_id,
        )  # fmt: skip
    log.info("post %s published on %s: %s", post.id, post.channel, receipt.url)
    return Outcome(post.id, post.channel, "published", "Đã đăng.", receipt.url, receipt.external_id)


def _failed(
    store: Store,
    cal: WardCalendar,
    post: Post,
    exc: PublishError,
    *,
    actor: str,
    states: ChannelStates | None,
    now: datetime,
) -> Outcome:
    assert post.id is not None
    kind = exc.kind.value
    log.warning("post %s on %s: %s (%s) %s", post.id, post.channel, kind, exc.message, exc.detail)
    if policy.pauses_channel(exc):
        if states is not None:
            states.pause(post.channel, exc.message)
        queue.release(store, post, actor=actor, reason=exc.message, kind=kind)
        return Outcome(post.id, post.channel, "paused", exc.message, error_kind=kind)
    if policy.retryable(exc):
        if exc.retry_after and states is not None and kind == "rate_limited":
            states.block(post.channel, policy.after(now, exc.retry_after), exc.message)
        return _retry_or_fail(store, cal, post, exc.message, kind, exc.retry_after, actor, now)
    queue.finish_failed(store, post, actor=actor, reason=exc.message, kind=kind)
    return Outcome(post.id, post.channel, "failed", exc.message, error_kind=kind)


def _retry_or_fail(
    store: Store,
    cal: WardCalendar,
    post: Post,
    message: str,
    kind: str,
    retry_after: float | None,
    actor: str,
    now: datetime,
) -> Outcome:
    assert post.id is not None
    settings = cal.config.daemon
    if post.attempts >= settings.max_attempts:
        reason = f"{message} Đã thử {post.attempts} lần; kiểm tra kênh rồi bấm đăng lại."
        queue.finish_failed(store, post, actor=actor, reason=reason, kind=kind)
        return Outcome(post.id, post.channel, "failed", reason, error_kind=kind)
    when = policy.next_attempt(settings, post.attempts, now, retry_after)
    queue.release(store, post, actor=actor, reason=message, kind=kind, next_attempt_at=when)
    return Outcome(post.id, post.channel, "retry", message, retry_at=when, error_kind=kind)


def publish_now(
    store: Store,
    cal: WardCalendar,
    publishers: Mapping[str, Publisher],
    post_id: int,
    *,
    actor: str,
) -> Outcome:
    """Publish one post right away (CLI, TUI). Refuses drafts and posts already live.

    Raises ``UserError`` with a Vietnamese reason when the post cannot be taken.
    """
    post = store.get(cal.unit, post_id)
    if post.status == PUBLISHED:
        raise UserError(f"Bài số {post_id} đã được đăng: {post.url or post.external_id}.")
    if post.status == DRAFT:
        raise UserError(f"Bài số {post_id} chưa được duyệt; hãy duyệt trước khi đăng.")
    if post.status not in PUBLISHABLE:
        label = STATUS_LABELS.get(post.status, post.status)
        raise UserError(f"Bài số {post_id} đang ở trạng thái '{label}', không thể đăng ngay.")
    publisher = publishers.get(post.channel)
    if publisher is None:
        raise UserError(f"Kênh '{post.channel}' của bài số {post_id} chưa bật hoặc không có.")
    claimed = queue.claim_one(store, cal.unit, post_id, actor=actor, lease=_lease(cal))
    if claimed is None:
        raise UserError(f"Bài số {post_id} vừa được xử lý ở nơi khác; hãy xem lại trạng thái.")
    # "now" means now: the grace rule is for the daemon's late posts, not the officer's click
    return attempt(store, cal, publisher, claimed, actor=actor, check_stale=False)


def _lease(cal: WardCalendar) -> float:
    return cal.config.daemon.lease_seconds


__all__ = ["Outcome", "attempt", "publish_now"]

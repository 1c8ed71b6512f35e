"""Claim → reconcile → publish → receipt: the one publish path shared by the daemon,
``loa posts publish`` and the TUI's "publish now".

    publishers = open_publishers(cal)                          # once, reuse them
    outcome = publish_now(store, cal, publishers, post_id, actor="tui:lan@may")
    outcome.status, outcome.url, outcome.message               # what happened, in Vietnamese

1. **Claim.** ``publish_now`` takes the post with ``queue.claim_one`` (a move of the
   lifecycle table: approved, failed or missed, never a draft), so no daemon can take it
   meanwhile; the daemon claims in bulk (``queue.claim``). Either way ``attempt`` runs on
   a post this actor holds.
2. **Too late?** The daemon's grace/peak-window rule (``policy.stale_reason``): missed.
3. **Reconcile.** When ``maybe_live`` is set (an earlier attempt's outcome is unknown),
   the platform is asked first (``find_existing``, looking back to the first claim). A
   post found there is recorded as published; nothing is sent again.
4. **Publish** (``publishers.channels.deliver``) and record the receipt in one
   transaction the instant it is known (``queue.finish_published``).
5. **Or fail** by ``policy``: retry later, fail for good, or pause the channel. The
   flag after the attempt is what the attempt learnt: set when this attempt's outcome
   is unknown (a lost answer, an unexpected error), kept when nothing new was learnt,
   cleared only when the platform said the post is not there and this attempt's own
   request definitely did not go through.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from campaigns.config.load import WardCalendar
from campaigns.errors import LoaError, UserError
from campaigns.publishing import policy, queue
from campaigns.publishing.channels import ChannelStates
from campaigns.publishing.request import request_for
from campaigns.secrets import scrub
from campaigns.store import Post, Store
from campaigns.store.lifecycle import PUBLISH_NOW, Status
from campaigns.store.posts import refusal
from publishers.base import Publisher, Receipt
from publishers.channels import deliver
from publishers.errors import PublishError, TransientError

log = logging.getLogger("loa.publish")

MAYBE_LIVE_KIND = "maybe_live"
FOUND = "Bài đã có trên kênh từ lần thử trước; không đăng lại."


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


@dataclass(frozen=True)
class _Try:
    """One claimed post on its way through an attempt."""

    store: Store
    cal: WardCalendar
    post: Post
    actor: str
    states: ChannelStates | None

    @property
    def id(self) -> int:
        assert self.post.id is not None
        return self.post.id


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
    """Publish one post this actor holds (status ``publishing``) and record what happened.

    ``check_stale=False`` (the officer's "publish now") skips the grace/peak-window rule.
    """
    t = _Try(store, cal, post, actor, states)
    stale = policy.stale_reason(cal, post, store.clock()) if check_stale else None
    if stale is not None:
        queue.finish_missed(store, post, actor=actor, reason=stale)
        return Outcome(t.id, post.channel, "missed", stale)
    since = queue.first_claimed(store, t.id) if post.maybe_live else None
    try:
        keep = partial(queue.note, store, post, actor=actor)
        request = request_for(cal, post, since=since, note=keep)
    except (LoaError, OSError, ValueError) as exc:
        message = exc.message if isinstance(exc, LoaError) else f"Không dựng được bài: {exc}"
        queue.finish_failed(store, post, actor=actor, reason=message, kind="content",
                            maybe_live=post.maybe_live)  # fmt: skip
        return Outcome(t.id, post.channel, "failed", message, error_kind="content")
    if post.maybe_live:
        if not publisher.capabilities.find_existing:
            return _cannot_reconcile(t)
        try:
            found = publisher.find_existing(request)
        except PublishError as exc:  # no answer about the earlier attempt: still unknown
            return _failed(t, exc, maybe_live=True)
        except Exception as exc:
            return _unexpected(t, publisher, exc)
        if found is not None:
            log.info("post %s already live on %s as %s", t.id, post.channel, found.external_id)
            return _published(t, found, FOUND, found=True)
    if not queue.still_held(store, post, actor=actor, lease=cal.config.daemon.lease_seconds):
        lost = "Đã hết lượt giữ bài này (tiến trình khác đã nhận); không đăng từ đây."
        log.warning("post %s: claim lost before publishing; left to its new holder", t.id)
        return Outcome(t.id, post.channel, "lost", lost)
    try:
        receipt = deliver(publisher, request)
    except PublishError as exc:
        unknown = isinstance(exc, TransientError) and exc.maybe_live
        return _failed(t, exc, maybe_live=unknown)
    except Exception as exc:
        return _unexpected(t, publisher, exc)
    log.info("post %s published on %s: %s", t.id, post.channel, receipt.url)
    return _published(t, receipt, "Đã đăng.")


def _published(t: _Try, receipt: Receipt, message: str, *, found: bool = False) -> Outcome:
    if not queue.finish_published(t.store, t.post, receipt, actor=t.actor, found=found):
        log.error(
            "post %s: live as %s but the row had already changed (possible duplicate)",
            t.id, receipt.external_id,
        )  # fmt: skip
    return Outcome(t.id, t.post.channel, "published", message, receipt.url, receipt.external_id)


def _cannot_reconcile(t: _Try) -> Outcome:
    message = (
        f"Bài có thể đã lên kênh '{t.post.channel}' ở lần thử trước, và kênh này không cho "
        "Loa kiểm tra. Hãy xem trên kênh rồi xác nhận: đã đăng (kèm liên kết) hoặc chưa đăng."
    )
    queue.finish_failed(t.store, t.post, actor=t.actor, reason=message, kind=MAYBE_LIVE_KIND,
                        maybe_live=True)  # fmt: skip
    return Outcome(t.id, t.post.channel, "failed", message, error_kind=MAYBE_LIVE_KIND)


def _unexpected(t: _Try, publisher: Publisher, exc: Exception) -> Outcome:
    """A bug in a publisher, or a setting that breaks only at request time: assume the
    worst (the post may be live). The daemon pauses the channel with the reason, so its
    posts stay approved and the other channels go on; token care tries it again and
    the post is looked up before it is sent again. Elsewhere, retry or fail the post."""
    log.exception("post %s: unexpected error from %s", t.id, publisher.name, exc_info=exc)
    if t.states is not None:
        reason = (
            f"Kênh '{t.post.channel}' gặp lỗi không mong đợi khi đăng ({type(exc).__name__}: "
            f"{exc}); Loa tạm dừng kênh này, các kênh khác vẫn đăng, bài vẫn chờ đăng. "
            f"Kiểm tra thiết lập của kênh rồi chạy 'loa channels check {t.post.channel}'."
        )
        t.states.pause(t.post.channel, reason)
        queue.release(t.store, t.post, actor=t.actor, reason=reason, kind="unknown",
                      maybe_live=True)  # fmt: skip
        return Outcome(t.id, t.post.channel, "paused", scrub(reason), error_kind="unknown")
    message = (
        f"Lỗi không mong đợi khi đăng ({type(exc).__name__}); Loa sẽ kiểm tra bài đã "
        "lên chưa trước khi thử lại."
    )
    return _retry_or_fail(t, message, "unknown", None, maybe_live=True)


def _failed(t: _Try, exc: PublishError, *, maybe_live: bool) -> Outcome:
    kind = exc.kind.value
    log.warning("post %s on %s: %s (%s) %s", t.id, t.post.channel, kind, exc.message, exc.detail)
    if policy.pauses_channel(exc):
        if t.states is not None:
            t.states.pause(t.post.channel, exc.message)
        queue.release(t.store, t.post, actor=t.actor, reason=exc.message, kind=kind,
                      maybe_live=maybe_live)  # fmt: skip
        return Outcome(t.id, t.post.channel, "paused", exc.message, error_kind=kind)
    if policy.retryable(exc):
        if exc.retry_after and t.states is not None and kind == "rate_limited":
            until = policy.after(t.store.clock(), exc.retry_after)
            t.states.block(t.post.channel, until, exc.message)
        return _retry_or_fail(t, exc.message, kind, exc.retry_after, maybe_live=maybe_live)
    queue.finish_failed(t.store, t.post, actor=t.actor, reason=exc.message, kind=kind,
                        maybe_live=maybe_live)  # fmt: skip
    return Outcome(t.id, t.post.channel, "failed", exc.message, error_kind=kind)


def _retry_or_fail(
    t: _Try, message: str, kind: str, retry_after: float | None, *, maybe_live: bool
) -> Outcome:
    settings = t.cal.config.daemon
    if t.post.attempts >= settings.max_attempts:
        reason = f"{message} Đã thử {t.post.attempts} lần; kiểm tra kênh rồi bấm đăng lại."
        queue.finish_failed(t.store, t.post, actor=t.actor, reason=reason, kind=kind,
                            maybe_live=maybe_live)  # fmt: skip
        return Outcome(t.id, t.post.channel, "failed", reason, error_kind=kind)
    when = policy.next_attempt(settings, t.post.attempts, t.store.clock(), retry_after)
    queue.release(t.store, t.post, actor=t.actor, reason=message, kind=kind,
                  next_attempt_at=when, maybe_live=maybe_live)  # fmt: skip
    return Outcome(t.id, t.post.channel, "retry", message, retry_at=when, error_kind=kind)


def publish_now(
    store: Store,
    cal: WardCalendar,
    publishers: Mapping[str, Publisher],
    post_id: int,
    *,
    actor: str,
    unopened: Mapping[str, str] | None = None,
) -> Outcome:
    """Publish one post right away (CLI, TUI): claim it, then ``attempt``.

    ``unopened``: channels that could not be opened, with their reasons (the ``broken``
    of ``open_publishers``), so a post on another channel still goes out.
    Raises ``UserError`` with a Vietnamese reason when the post cannot be taken.
    """
    post = store.get(cal.unit, post_id)
    if post.status == Status.PUBLISHED:
        raise UserError(f"Bài số {post_id} đã được đăng: {post.url or post.external_id}.")
    if post.status == Status.DRAFT:
        raise UserError(f"Bài số {post_id} chưa được duyệt; hãy duyệt trước khi đăng.")
    if not PUBLISH_NOW.allows(post.status):
        raise UserError(refusal(post_id, post.status, PUBLISH_NOW))
    publisher = publishers.get(post.channel)
    if publisher is None and unopened and post.channel in unopened:
        raise UserError(f"Bài số {post_id} chưa đăng được: {unopened[post.channel]}")
    if publisher is None:
        raise UserError(f"Kênh '{post.channel}' của bài số {post_id} chưa bật hoặc không có.")
    lease = cal.config.daemon.lease_seconds
    claimed = queue.claim_one(store, cal.unit, post_id, actor=actor, lease=lease)
    if claimed is None:
        raise UserError(f"Bài số {post_id} vừa được xử lý ở nơi khác; hãy xem lại trạng thái.")
    # "now" means now: the grace rule is for the daemon's late posts, not the officer's click
    return attempt(store, cal, publisher, claimed, actor=actor, check_stale=False)


__all__ = ["MAYBE_LIVE_KIND", "Outcome", "attempt", "publish_now"]

"""Which moves are allowed: each action names its target state and the states it leaves."""

from __future__ import annotations

from dataclasses import dataclass

from campaigns.store.models import (
    APPROVED,
    CANCELLED,
    DRAFT,
    FAILED,
    MISSED,
    PUBLISHED,
    PUBLISHING,
    SUPERSEDED,
)


@dataclass(frozen=True)
class Rule:
    name: str
    to: str
    allowed: frozenset[str]
    label: str  # Vietnamese verb for messages


def _rule(name: str, to: str, label: str, *allowed: str) -> Rule:
    return Rule(name, to, frozenset(allowed), label)


APPROVE = _rule("approve", APPROVED, "duyệt", DRAFT)
TO_DRAFT = _rule("to_draft", DRAFT, "trả về nháp", APPROVED, FAILED, MISSED)
CANCEL = _rule("cancel", CANCELLED, "hủy", DRAFT, APPROVED, FAILED, MISSED)
RETRY = _rule("retry", APPROVED, "đăng lại", FAILED, MISSED)
SUPERSEDE = _rule("supersede", SUPERSEDED, "thay thế", DRAFT)
REVIVE_DRAFT = _rule("revive", DRAFT, "khôi phục", SUPERSEDED)
REVIVE_APPROVED = _rule("revive", APPROVED, "khôi phục", SUPERSEDED)
# The daemon's moves (issue 5 builds the claim on top of these).
CLAIM = _rule("claim", PUBLISHING, "nhận để đăng", APPROVED)
RELEASE = _rule("release", APPROVED, "trả lại hàng đợi", PUBLISHING)
MARK_PUBLISHED = _rule("published", PUBLISHED, "đánh dấu đã đăng", PUBLISHING, APPROVED, FAILED)
MARK_FAILED = _rule("failed", FAILED, "đánh dấu lỗi", PUBLISHING, APPROVED)
MARK_MISSED = _rule("missed", MISSED, "đánh dấu bỏ lỡ", APPROVED, PUBLISHING)

# A reschedule keeps a draft a draft; anything that was approved goes back to the queue.
RESCHEDULABLE = frozenset({DRAFT, APPROVED, FAILED, MISSED})


def planner_may_change(status: str, edited: bool) -> bool:
    """The planner only replaces drafts nobody touched (and revives what it superseded)."""
    return (status == DRAFT and not edited) or status == SUPERSEDED

"""The post's states and the one table of allowed moves.

Every change of a post's status goes through a ``Move`` of this table: the officer's
buttons and commands, the planner, the daemon's queue SQL and "publish now". A move
maps each state it may start from to the state it leads to, so "what may happen to a
post in state X" is answered here and nowhere else.

    draft ──approve──▶ approved ──claim / publish_now──▶ publishing ──live──▶ published
      ▲                  ▲  │                               │
      └──to_draft────────┤  └─miss─▶ missed ◀──give_up──────┤
                         ├──release / expire────────────────┤
                         └──retry── failed ◀──fail───────────┘

``maybe_live`` is a flag beside the status, not a state: an attempt whose outcome is
unknown (a lost answer, a killed daemon, an expired lease) may have made the post live.
Only a definite answer clears it (see ``campaigns.publishing.attempt``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType


class Status(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    PUBLISHING = "publishing"
    PUBLISHED = "published"
    FAILED = "failed"
    MISSED = "missed"
    CANCELLED = "cancelled"
    SUPERSEDED = "superseded"  # the calendar no longer wants this untouched draft


LABELS: Mapping[str, str] = MappingProxyType(
    {
        Status.DRAFT: "nháp",
        Status.APPROVED: "đã duyệt",
        Status.PUBLISHING: "đang đăng",
        Status.PUBLISHED: "đã đăng",
        Status.FAILED: "lỗi",
        Status.MISSED: "bỏ lỡ",
        Status.CANCELLED: "đã hủy",
        Status.SUPERSEDED: "bị thay thế",
    }
)
MAYBE_LIVE_LABEL = "có thể đã đăng"


def label(status: str) -> str:
    return LABELS.get(status, status)


def describe(status: str, maybe_live: bool, *, short: bool = False) -> str:
    """The post's state for the officer, with the "may be live" flag when it is set
    (``short``: for a table cell)."""
    if not maybe_live:
        return label(status)
    if status in (Status.APPROVED, Status.PUBLISHING):
        return f"{MAYBE_LIVE_LABEL} — đang kiểm tra"  # the next attempt asks the platform
    if short:
        return f"{label(status)} · {MAYBE_LIVE_LABEL}"
    return f"{label(status)} ({MAYBE_LIVE_LABEL} — hãy xem trên kênh rồi xác nhận)"


@dataclass(frozen=True)
class Move:
    """A named move: from each allowed state to its target state."""

    name: str
    label: str  # Vietnamese verb, for messages ("không thể {label}")
    targets: Mapping[Status, Status]
    by: str  # who makes it: officer | planner | daemon (the holder of a claim) | platform

    @property
    def allowed(self) -> frozenset[Status]:
        return frozenset(self.targets)

    def allows(self, status: str) -> bool:
        return status in self.targets

    def target(self, status: str) -> Status:
        return self.targets[Status(status)]


def _move(name: str, label: str, by: str, to: Status | None, *sources: Status) -> Move:
    """``to=None``: the post keeps its state (an edit, a decision about ``maybe_live``)."""
    return Move(name, label, MappingProxyType({s: to or s for s in sources}), by)


S = Status
# What the officer may still change: not while it is being published, nor once it is done.
OPEN = (S.DRAFT, S.APPROVED, S.FAILED, S.MISSED)

# -- the officer ---------------------------------------------------------------------------
APPROVE = _move("approve", "duyệt", "officer", S.APPROVED, S.DRAFT)
TO_DRAFT = _move("to_draft", "trả về nháp", "officer", S.DRAFT, S.APPROVED, S.FAILED, S.MISSED)
CANCEL = _move("cancel", "hủy", "officer", S.CANCELLED, *OPEN)
RESTORE = _move("restore", "khôi phục", "officer", S.DRAFT, S.CANCELLED)
RETRY = _move("retry", "đăng lại", "officer", S.APPROVED, S.FAILED, S.MISSED)
# A reschedule keeps a draft a draft; anything that was approved goes back to the queue.
RESCHEDULE = Move(
    "reschedule",
    "dời lịch",
    MappingProxyType(
        {S.DRAFT: S.DRAFT, S.APPROVED: S.APPROVED, S.FAILED: S.APPROVED, S.MISSED: S.APPROVED}
    ),
    "officer",
)
EDIT = _move("edit", "sửa chú thích", "officer", None, *OPEN)
# A new card needs a new approval.
CHANGE_CONTENT = _move("change_content", "đổi nội dung", "officer", S.DRAFT, *OPEN)
PUBLISH_NOW = _move("publish_now", "đăng ngay", "officer", S.PUBLISHING, S.APPROVED, S.FAILED,
                    S.MISSED)  # fmt: skip
# The officer's word on a post that may be live: it is (with its link), or it is not.
MARK_LIVE = _move("mark_live", "đánh dấu đã đăng", "officer", S.PUBLISHED, *OPEN, S.CANCELLED)
CONFIRM_NOT_LIVE = _move("confirm_not_live", "xác nhận chưa đăng", "officer", None, *OPEN,
                         S.CANCELLED, S.SUPERSEDED)  # fmt: skip

# -- the planner ---------------------------------------------------------------------------
SUPERSEDE = _move("supersede", "thay thế", "planner", S.SUPERSEDED, S.DRAFT)
REVIVE_DRAFT = _move("revive", "khôi phục", "planner", S.DRAFT, S.SUPERSEDED)
REVIVE_APPROVED = _move("revive", "khôi phục", "planner", S.APPROVED, S.SUPERSEDED)

# -- the daemon (and "publish now", once it holds the claim) ------------------------------
CLAIM = _move("claim", "nhận để đăng", "daemon", S.PUBLISHING, S.APPROVED)
RELEASE = _move("release", "trả lại hàng đợi", "daemon", S.APPROVED, S.PUBLISHING)
EXPIRE = _move("expire", "lấy lại bài hết hạn giữ", "daemon", S.APPROVED, S.PUBLISHING)
FAIL = _move("fail", "đánh dấu lỗi", "daemon", S.FAILED, S.PUBLISHING)
GIVE_UP = _move("give_up", "bỏ lỡ", "daemon", S.MISSED, S.PUBLISHING)
MISS = _move("miss", "đánh dấu bỏ lỡ", "daemon", S.MISSED, S.APPROVED)
# The platform's word wins: a receipt is recorded even when the claim was lost meanwhile
# (an expired lease put the post back in the queue, the officer cancelled the retry), or
# the platform id would be forgotten and a duplicate could follow.
LIVE = _move("live", "ghi nhận đã đăng", "platform", S.PUBLISHED, S.PUBLISHING, *OPEN,
             S.CANCELLED)  # fmt: skip

MOVES: tuple[Move, ...] = (
    APPROVE, TO_DRAFT, CANCEL, RESTORE, RETRY, RESCHEDULE, EDIT, CHANGE_CONTENT, PUBLISH_NOW,
    MARK_LIVE, CONFIRM_NOT_LIVE, SUPERSEDE, REVIVE_DRAFT, REVIVE_APPROVED, CLAIM, RELEASE,
    EXPIRE, FAIL, GIVE_UP, MISS, LIVE,
)  # fmt: skip


def planner_may_change(status: str, edited: bool, maybe_live: bool = False) -> bool:
    """The planner only replaces drafts nobody touched (and revives what it superseded);
    a post that may be live is never replaced by a new one."""
    if maybe_live:
        return False
    return (status == S.DRAFT and not edited) or status == S.SUPERSEDED

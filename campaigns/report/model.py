"""The report as plain values: what ``figures.build_report`` computes and the writers print.

Nothing here touches the database or a file, so the TUI can show a ``Report`` as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from campaigns.report.period import Period

# How each channel type is named in the report (the channel's own name is shown too).
CHANNEL_TYPE_LABELS = {
    "facebook": "Trang Facebook",
    "zalo": "Zalo OA",
    "website": "Trang thông tin điện tử",
    "outbox": "Bảng tin, tài liệu in",
}


@dataclass(frozen=True)
class Ward:
    id: str  # "kien-an"
    name: str  # "Phường Kiến An"
    province: str  # "Thành phố Hải Phòng"
    issuing_unit: str  # "Đảng ủy phường Kiến An"
    place: str  # "Kiến An", for the place and date line


@dataclass(frozen=True)
class PostRow:
    """One post of the period, with its latest engagement (the CSV's rows)."""

    id: int
    due_at: datetime  # aware UTC
    channel: str
    kind: str
    content_id: str
    text: str
    peak: str | None
    event: str | None
    status: str
    url: str | None
    external_id: str | None
    reason: str  # why it failed, was missed or cancelled; "" otherwise
    reactions: int | None = None
    comments: int | None = None
    shares: int | None = None
    engagement_at: datetime | None = None


@dataclass(frozen=True)
class Tally:
    """Counts of one group of posts (a channel, a peak, or the whole period)."""

    planned: int = 0  # everything the calendar still wanted (not superseded)
    published: int = 0
    failed: int = 0
    missed: int = 0
    cancelled: int = 0
    pending: int = 0  # draft, approved or publishing
    reactions: int = 0
    comments: int = 0
    shares: int = 0

    @property
    def not_done(self) -> int:
        return self.failed + self.missed + self.cancelled


@dataclass(frozen=True)
class ChannelFigures:
    channel: str
    label: str
    tally: Tally


@dataclass(frozen=True)
class PeakFigures:
    name: str
    day: date | None  # the peak's date in the period, when the calendar still has it
    tally: Tally


@dataclass(frozen=True)
class ContentFigures:
    content_id: str
    kind: str  # slogan | fact
    label: str  # the slogan, or the fact card's headline and wording
    published: int
    channels: tuple[str, ...]


@dataclass(frozen=True)
class Shortfall:
    """A post that was planned but not published, and why."""

    post_id: int
    due_at: datetime
    channel: str
    status: str
    reason: str


@dataclass(frozen=True)
class Outlook:
    """What the calendar already holds for the following period."""

    period: Period
    planned: int
    by_channel: tuple[tuple[str, int], ...]
    peaks: tuple[tuple[str, date], ...]
    events: tuple[tuple[str, date], ...]


@dataclass(frozen=True)
class Report:
    ward: Ward
    campaigns: tuple[str, ...]  # short names: "Nghị quyết số 72-NQ/TW"
    titles: tuple[str, ...]  # full titles of the resolutions
    period: Period
    as_of: datetime  # aware UTC: when the figures were taken
    tz: ZoneInfo
    rows: tuple[PostRow, ...]
    totals: Tally
    channels: tuple[ChannelFigures, ...]
    peaks: tuple[PeakFigures, ...]
    contents: tuple[ContentFigures, ...]
    shortfalls: tuple[Shortfall, ...]
    outlook: Outlook
    engagement_at: datetime | None  # oldest snapshot among the published posts shown
    engagement_posts: int  # published posts that have engagement figures
    channel_labels: dict[str, str]  # every channel of the calendar -> its Vietnamese name

    @property
    def empty(self) -> bool:
        return not self.rows

    @property
    def published(self) -> tuple[PostRow, ...]:
        return tuple(r for r in self.rows if r.status == "published")

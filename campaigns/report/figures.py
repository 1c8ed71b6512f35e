"""Compute a report from the store: ``build_report(store, cal, period, as_of)``.

Posts belong to the period by their due time in the ward's zone. Superseded posts (the
calendar no longer wanted them) are left out; everything else counts as planned.
A row's reason is scrubbed of secrets: a database written by an older Loa may hold a
platform's answer quoting a credential.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlmodel import col
from sqlmodel import select as select_rows

from campaigns.config.load import WardCalendar
from campaigns.content.model import Fact
from campaigns.planning.slots import peak_windows
from campaigns.report import engagement
from campaigns.report.model import (
    CHANNEL_TYPE_LABELS,
    ChannelFigures,
    ContentFigures,
    Outlook,
    PeakFigures,
    PostRow,
    Report,
    Shortfall,
    Tally,
    Ward,
)
from campaigns.report.period import Period
from campaigns.secrets import scrub
from campaigns.store.lifecycle import Status
from campaigns.store.models import OWN, Post, Transition
from campaigns.store.posts import Store, chunks

PENDING = (Status.DRAFT, Status.APPROVED, Status.PUBLISHING)
_PREFIXES = ("phường ", "xã ", "thị trấn ", "đặc khu ")
DEFAULT_REASONS: dict[str, str] = {
    Status.FAILED: "lỗi khi đăng",
    Status.MISSED: "quá giờ đăng mà chưa đăng được",
    Status.CANCELLED: "đã hủy",
    Status.DRAFT: "chưa được duyệt trước giờ đăng",
    Status.APPROVED: "đã duyệt nhưng chưa được đăng",
    Status.PUBLISHING: "đang đăng dở",
}


def ward_of(cal: WardCalendar) -> Ward:
    w = cal.config.ward
    place = w.name
    for prefix in _PREFIXES:
        if place.lower().startswith(prefix):
            place = place[len(prefix) :]
            break
    return Ward(w.id, w.name, w.province, w.issuing_unit, place)


def channel_label(cal: WardCalendar, name: str) -> str:
    ch = cal.channel(name)
    return CHANNEL_TYPE_LABELS.get(ch.type, ch.type) if ch else name


def last_reasons(store: Store, post_ids: Sequence[int]) -> dict[int, str]:
    """The reason given in each post's latest move (for cancelled and missed posts)."""
    out: dict[int, str] = {}
    with store.session() as s:
        for part in chunks(sorted(post_ids)):
            query = (
                select_rows(Transition)
                .where(col(Transition.post_id).in_(part))
                .order_by(col(Transition.at), col(Transition.id))
            )
            for t in s.exec(query):
                out[t.post_id] = t.reason
    return out


def _tally(rows: Iterable[PostRow]) -> Tally:
    n: Counter[str] = Counter()
    for r in rows:
        n["planned"] += 1
        n["pending" if r.status in PENDING else r.status] += 1
        if r.status == Status.PUBLISHED:
            n["reactions"] += r.reactions or 0
            n["comments"] += r.comments or 0
            n["shares"] += r.shares or 0
    return Tally(
        planned=n["planned"], published=n[Status.PUBLISHED], failed=n[Status.FAILED],
        missed=n[Status.MISSED], cancelled=n[Status.CANCELLED], pending=n["pending"],
        reactions=n["reactions"], comments=n["comments"], shares=n["shares"],
    )  # fmt: skip


def _rows(store: Store, posts: Sequence[Post], as_of: datetime) -> list[PostRow]:
    ids = [p.id for p in posts if p.id is not None]
    snaps = engagement.latest(
        store, [p.id for p in posts if p.status == Status.PUBLISHED and p.id], as_of
    )
    unsettled = [p.id for p in posts if p.id and p.status not in (Status.PUBLISHED, *PENDING)]
    reasons = last_reasons(store, unsettled) if ids else {}
    out = []
    for p in posts:
        assert p.id is not None
        reason = ""
        if p.status == Status.FAILED:
            reason = p.error or reasons.get(p.id) or DEFAULT_REASONS[Status.FAILED]
        elif p.status in (Status.MISSED, Status.CANCELLED):
            reason = reasons.get(p.id) or p.error or DEFAULT_REASONS[p.status]
        elif p.status in PENDING and p.due_at <= as_of:
            reason = DEFAULT_REASONS[p.status]
        snap = snaps.get(p.id)
        counts = snap.counts if snap else engagement.Counts()
        out.append(
            PostRow(
                id=p.id, due_at=p.due_at, channel=p.channel, kind=p.kind,
                content_id=p.content_id, text=p.text, peak=p.peak, event=p.event,
                status=p.status, url=p.url, external_id=p.external_id, reason=scrub(reason),
                reactions=counts.reactions, comments=counts.comments, shares=counts.shares,
                engagement_at=snap.fetched_at if snap else None,
            )
        )  # fmt: skip
    return out


def _contents(cal: WardCalendar, rows: Sequence[PostRow]) -> list[ContentFigures]:
    published: dict[str, list[str]] = defaultdict(list)
    for r in rows:  # the officer's own posts are no campaign content: counted elsewhere only
        if r.status == Status.PUBLISHED and r.kind != OWN:
            published[r.content_id].append(r.channel)
    out = []
    for cid, channels in published.items():
        found = cal.item(cid)
        item = found[1] if found else None
        if isinstance(item, Fact):
            kind, label = "fact", f"{item.headline} — {item.label}"
        else:
            kind = "slogan"
            label = item.text if item else next(r.text for r in rows if r.content_id == cid)
        out.append(ContentFigures(cid, kind, label, len(channels), tuple(sorted(set(channels)))))
    return sorted(out, key=lambda c: (c.kind != "slogan", -c.published, c.content_id))


def _peaks(cal: WardCalendar, period: Period, rows: Sequence[PostRow]) -> list[PeakFigures]:
    days = {w.peak.name: w.day for w in peak_windows(cal, period.start, period.end)}
    by_peak: dict[str, list[PostRow]] = defaultdict(list)
    for r in rows:
        if r.peak:
            by_peak[r.peak].append(r)
    out = [PeakFigures(name, days.get(name), _tally(group)) for name, group in by_peak.items()]
    return sorted(out, key=lambda p: (p.day is None, p.day, p.name))


def _outlook(store: Store, cal: WardCalendar, period: Period) -> Outlook:
    nxt = period.following()
    start, end = nxt.bounds(cal.tz)
    wanted = [
        p for p in store.posts(cal.unit, start=start, end=end)
        if p.status not in (Status.SUPERSEDED, Status.CANCELLED)
    ]  # fmt: skip
    by_channel = Counter(p.channel for p in wanted)
    peaks = [
        (w.peak.name, w.day)
        for w in peak_windows(cal, nxt.start, nxt.end)
        if nxt.start <= w.day <= nxt.end
    ]
    events = [(e.title, e.day) for e in cal.dated_events(nxt.start, nxt.end)]
    order = [c.name for c in cal.config.channels]
    channels = sorted(by_channel.items(), key=lambda kv: _rank(order, kv[0]))
    events.sort(key=lambda e: e[1])
    return Outlook(nxt, len(wanted), tuple(channels), tuple(peaks), tuple(events))


def _rank(order: list[str], name: str) -> int:
    return order.index(name) if name in order else len(order)


def build_report(
    store: Store, cal: WardCalendar, period: Period, as_of: datetime | None = None
) -> Report:
    """The figures of ``period`` as they stand at ``as_of`` (default: the store's clock)."""
    as_of = as_of or store.clock()
    start, end = period.bounds(cal.tz)
    posts = [
        p for p in store.posts(cal.unit, start=start, end=end) if p.status != Status.SUPERSEDED
    ]
    rows = _rows(store, posts, as_of)
    order = [c.name for c in cal.config.channels]
    by_channel: dict[str, list[PostRow]] = defaultdict(list)
    for r in rows:
        by_channel[r.channel].append(r)
    channels = [
        ChannelFigures(name, channel_label(cal, name), _tally(group))
        for name, group in sorted(by_channel.items(), key=lambda kv: _rank(order, kv[0]))
    ]
    shortfalls = [
        Shortfall(r.id, r.due_at, r.channel, r.status, r.reason) for r in rows if r.reason
    ]
    snapped = [r.engagement_at for r in rows if r.status == Status.PUBLISHED and r.engagement_at]
    campaigns = [cal.campaigns[cid] for cid in cal.config.campaigns if cid in cal.campaigns]
    return Report(
        ward=ward_of(cal),
        campaigns=tuple(c.name for c in campaigns),
        titles=tuple(c.title for c in campaigns),
        period=period,
        as_of=as_of,
        tz=cal.tz,
        rows=tuple(rows),
        totals=_tally(rows),
        channels=tuple(channels),
        peaks=tuple(_peaks(cal, period, rows)),
        contents=tuple(_contents(cal, rows)),
        shortfalls=tuple(shortfalls),
        outlook=_outlook(store, cal, period),
        engagement_at=min(snapped) if snapped else None,
        engagement_posts=len(snapped),
        channel_labels={c.name: channel_label(cal, c.name) for c in cal.config.channels},
    )

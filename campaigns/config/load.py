"""Load ``calendar.toml`` with its campaigns, and check everything that spans sections.

Every problem names the file, the line and the key; nothing is written before this passes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from zoneinfo import ZoneInfo

from campaigns.config.appearance import check_appearance
from campaigns.config.channels import check_channels, check_publishers, resolve_paths
from campaigns.config.dates import DatedEvent, dated_events, expand_events
from campaigns.config.model import Calendar, Channel, Peak
from campaigns.config.paths import PathRefused, Roots, real
from campaigns.config.period import check_blackouts, check_period
from campaigns.config.toml import TomlSource
from campaigns.content.load import available, builtin_dir, find_campaign, load_campaign
from campaigns.content.model import Campaign, ContentItem, Pool, anniversary
from campaigns.errors import ConfigError, Problem, UserError
from campaigns.timeutil import fmt_date, zone


@dataclass(frozen=True)
class PlannedPeak:
    """A peak the plan keeps: calendar.toml's own over the calendar's period, or a campaign's
    over its campaign's period (within the calendar's)."""

    peak: Peak
    campaign: str | None  # None: calendar.toml's own
    start: date
    end: date
    origin_year: int | None = None

    def name(self, day: date) -> str:
        """The peak's name in the year of ``day`` ('Kỷ niệm N năm …' with an origin year)."""
        return anniversary(self.peak.name, self.origin_year, day)


@dataclass(frozen=True)
class WardCalendar:
    """A validated calendar with its campaigns loaded: everything planning needs."""

    path: Path
    config: Calendar
    tz: ZoneInfo
    campaigns: dict[str, Campaign]
    pools: dict[str, Pool]
    start: date
    end: date

    @property
    def unit(self) -> str:
        return self.config.ward.id

    @property
    def channels(self) -> list[Channel]:
        return [c for c in self.config.channels if c.enabled]

    def channel(self, name: str) -> Channel | None:
        return next((c for c in self.config.channels if c.name == name), None)

    def cap(self, channel: str) -> int | None:
        """At most this many posts a day on ``channel`` (None: no cap)."""
        own = self.channel(channel)
        mine = own.max_posts_per_day if own is not None else None
        return mine or self.config.rotation.max_posts_per_day

    @cached_property
    def peaks(self) -> tuple[PlannedPeak, ...]:
        """calendar.toml's peaks, then each campaign's; a calendar peak of the same name as a
        campaign's replaces it (the officer tunes the campaign's suggestion there)."""
        own = {p.name for p in self.config.peaks}
        out = [PlannedPeak(p, None, self.start, self.end) for p in self.config.peaks]
        for cid, c in self.campaigns.items():
            start, end = max(c.start, self.start), min(c.end, self.end)
            out += [
                PlannedPeak(s.peak, cid, start, end, s.origin_year)
                for s in c.peaks
                if s.peak is not None and s.name not in own and start <= end
            ]
        return tuple(out)

    def dated_events(self, start: date, end: date) -> list[DatedEvent]:
        """calendar.toml's events and each campaign's within its period, in date order."""
        out = dated_events(self.config, start, end)
        for cid, c in self.campaigns.items():
            first, last = max(c.start, self.start, start), min(c.end, self.end, end)
            if first > last:
                continue
            events = [e.event for e in c.events]
            for d in expand_events(events, first, last):
                e = c.events[d.index]
                name = anniversary(d.event.name, e.origin_year, d.day, d.event.lunar is None)
                out.append(DatedEvent(d.index, d.event, d.day, name, cid))
        return sorted(out, key=lambda e: (e.day, e.campaign or "", e.index))

    def item(self, content_id: str) -> tuple[str, ContentItem] | None:
        for campaign_id, pool in self.pools.items():
            found = pool.get(content_id)
            if found is not None:
                return campaign_id, found
        return None

    @cached_property
    def roots(self) -> Roots:
        return Roots(self.path.parent, self.config.paths.allow)

    def resolve(self, relative: str) -> Path:
        """A path written in the calendar: relative to the calendar's folder, and inside it
        or an allowed folder (checked at load; checked again here, the disk may change)."""
        try:
            return self.roots.resolve(relative)
        except PathRefused as exc:
            raise UserError(f"{self.path}: {exc}") from None


MAX_PROBLEMS = 50  # every error of a file in one run, up to this many


def load_calendar(path: Path) -> WardCalendar:
    source = TomlSource.read(path)
    valid, early, pruned = source.validate_all(Calendar)
    if valid is None:
        raise ConfigError(path, early)
    cal = valid
    problems: list[Problem] = []
    # paths are relative to the folder of the real file (WardCalendar.path), links followed
    roots = _roots(source, cal, path.resolve().parent, problems)

    try:
        tz = zone(cal.timezone)
    except UserError:
        problems.append(source.problem(("timezone",), f"múi giờ '{cal.timezone}' không tồn tại"))
        tz = zone("UTC")

    dirs = []
    for i, d in enumerate(cal.campaign_dirs):
        try:
            folder = roots.resolve(d)
        except PathRefused as exc:
            problems.append(source.problem(("campaign_dirs", i), str(exc)))
            continue
        if not folder.is_dir():
            problems.append(source.problem(("campaign_dirs", i), f"không có thư mục '{d}'"))
        dirs.append(folder)

    campaigns: dict[str, Campaign] = {}
    for i, cid in enumerate(cal.campaigns):
        found = find_campaign(cid, dirs)
        if found is None:
            known = ", ".join(available(dirs)) or "không có"
            problems.append(
                source.problem(("campaigns", i), f"không có chiến dịch '{cid}' (có sẵn: {known})")
            )
            continue
        if refused := _outside(roots, found):
            problems.append(source.problem(("campaigns", i), refused))
            continue
        campaigns[cid] = load_campaign(found)  # a broken campaign file raises its own error

    local_set = cal.ward.local_set
    if local_set and campaigns and not any(local_set in c.local_sets for c in campaigns.values()):
        sets = ", ".join(sorted({s for c in campaigns.values() for s in c.local_sets})) or "không"
        problems.append(
            source.problem(
                ("ward", "local_set"),
                f"bộ nội dung địa phương '{local_set}' không có (có: {sets})",
            )
        )

    pools = {cid: c.pool(local_set) for cid, c in campaigns.items()}
    problems += _check_content_ids(source, cal, pools)
    channel_problems = check_channels(source, cal)
    problems += channel_problems
    problems += _check_schedule(source, cal)
    problems += check_appearance(source, cal, roots)
    if not channel_problems:
        channels, path_problems = resolve_paths(source, cal, roots)
        problems += path_problems or check_publishers(source, channels)
        cal = cal.model_copy(update={"channels": channels})

    start = cal.period.start or min((c.start for c in campaigns.values()), default=date.today())
    end = cal.period.end or max((c.end for c in campaigns.values()), default=start)
    problems += check_period(source, cal, start, end)
    problems += check_blackouts(source, cal, start, end)
    for i, ev in enumerate(cal.events):
        if ev.date is not None and not start <= ev.date <= end:
            problems.append(
                source.problem(
                    ("events", i, "date"),
                    f"ngày {fmt_date(ev.date)} nằm ngoài thời gian của lịch "
                    f"({fmt_date(start)}–{fmt_date(end)})",
                )
            )

    problems = early + [p for p in problems if not (early and pruned.hides(p))]
    if problems:
        raise ConfigError(path, problems[:MAX_PROBLEMS])
    return WardCalendar(path.resolve(), cal, tz, campaigns, pools, start, end)


def _roots(source: TomlSource, cal: Calendar, base: Path, problems: list[Problem]) -> Roots:
    """The calendar's folder and its allowed folders; a broken allowed folder is a problem."""
    allowed = []
    for i, value in enumerate(cal.paths.allow):
        try:
            real(base, value)
        except PathRefused as exc:
            problems.append(source.problem(("paths", "allow", i), str(exc)))
            continue
        allowed.append(value)
    return Roots(base, allowed)


def _outside(roots: Roots, campaign_file: Path) -> str | None:
    """Why a campaign file found in ``campaign_dirs`` may not be read (a link to outside)."""
    try:
        target = real(campaign_file.parent, campaign_file.name)
    except PathRefused as exc:
        return str(exc)
    if roots.contains(target) or target.is_relative_to(builtin_dir().resolve()):
        return None
    return (
        f"tệp chiến dịch '{campaign_file}' là liên kết tới '{target}', ngoài thư mục của lịch: "
        "chép tệp vào thư mục chiến dịch, hoặc thêm thư mục của nó vào [paths] allow"
    )


def _check_content_ids(source: TomlSource, cal: Calendar, pools: dict[str, Pool]) -> list[Problem]:
    problems: list[Problem] = []
    owners: dict[str, str] = {}
    for cid, pool in pools.items():
        for item in pool.items:
            if item.id in owners:
                problems.append(
                    source.problem(
                        ("campaigns",),
                        f"mã nội dung '{item.id}' có trong cả '{owners[item.id]}' và '{cid}'",
                    )
                )
            owners[item.id] = cid
    if not pools:
        return problems
    prefs = [("peaks", i, p.prefer) for i, p in enumerate(cal.peaks)]
    prefs += [("events", i, e.prefer) for i, e in enumerate(cal.events)]
    for section, i, prefer in prefs:
        for j, ref in enumerate(prefer):
            if ref not in owners:
                problems.append(
                    source.problem(
                        (section, i, "prefer", j),
                        f"không có khẩu hiệu hay thẻ số liệu mã '{ref}' "
                        "(xem danh sách bằng lệnh: loa content)",
                    )
                )
    return problems


def _check_schedule(source: TomlSource, cal: Calendar) -> list[Problem]:
    problems: list[Problem] = []
    keys = Counter(
        (s.time, day, ch) for s in cal.slots for day in s.weekdays for ch in (s.channels or ["*"])
    )
    for i, s in enumerate(cal.slots):
        if any(keys[(s.time, d, ch)] > 1 for d in s.weekdays for ch in (s.channels or ["*"])):
            problems.append(
                source.problem(("slots", i, "time"), f"khung giờ {s.time:%H:%M} bị khai báo trùng")
            )
    slot_times = sorted({s.time for s in cal.slots})
    dates = Counter(p.date for p in cal.peaks)
    for i, p in enumerate(cal.peaks):
        if dates[p.date] > 1:
            problems.append(
                source.problem(
                    ("peaks", i, "date"), f"hai đợt cao điểm cùng ngày {p.date[0]}/{p.date[1]}"
                )
            )
        times = p.times or slot_times
        if p.posts_per_day > len(times):
            problems.append(
                source.problem(
                    ("peaks", i, "posts_per_day"),
                    f"cần {p.posts_per_day} bài mỗi ngày nhưng chỉ có {len(times)} khung giờ; "
                    "thêm 'times' cho đợt cao điểm này",
                )
            )
    return problems

"""Load ``calendar.toml`` with its campaigns, and check everything that spans sections.

Every problem names the file, the line and the key; nothing is written before this passes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from campaigns.config.appearance import check_appearance
from campaigns.config.model import Calendar, Channel
from campaigns.config.toml import TomlSource
from campaigns.content.load import available, find_campaign, load_campaign
from campaigns.content.model import Campaign, ContentItem, Pool
from campaigns.errors import ConfigError, Problem, UserError
from campaigns.timeutil import fmt_date, zone
from publishers import registry
from publishers.errors import BrokenPublisherError
from publishers.settings import check_settings


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

    def item(self, content_id: str) -> tuple[str, ContentItem] | None:
        for campaign_id, pool in self.pools.items():
            found = pool.get(content_id)
            if found is not None:
                return campaign_id, found
        return None

    def resolve(self, relative: str) -> Path:
        """A path written in the calendar, relative to the calendar's folder."""
        return (self.path.parent / relative).resolve()


def load_calendar(path: Path) -> WardCalendar:
    source = TomlSource.read(path)
    cal = source.validate(Calendar)
    problems: list[Problem] = []

    try:
        tz = zone(cal.timezone)
    except UserError:
        problems.append(source.problem(("timezone",), f"múi giờ '{cal.timezone}' không tồn tại"))
        tz = zone("UTC")

    dirs = []
    for i, d in enumerate(cal.campaign_dirs):
        folder = (path.parent / d).resolve()
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
    if cal.ward.logo and not (path.parent / cal.ward.logo).is_file():
        problems.append(
            source.problem(("ward", "logo"), f"không tìm thấy tệp logo '{cal.ward.logo}'")
        )

    pools = {cid: c.pool(local_set) for cid, c in campaigns.items()}
    problems += _check_content_ids(source, cal, pools)
    problems += _check_channels(source, cal)
    problems += _check_schedule(source, cal)
    problems += check_appearance(source, cal, path)

    start = cal.period.start or min((c.start for c in campaigns.values()), default=date.today())
    end = cal.period.end or max((c.end for c in campaigns.values()), default=start)
    if end < start:
        problems.append(
            source.problem(
                ("period", "end"),
                f"ngày kết thúc {fmt_date(end)} phải sau ngày bắt đầu {fmt_date(start)}",
            )
        )
    for i, ev in enumerate(cal.events):
        if not start <= ev.date <= end:
            problems.append(
                source.problem(
                    ("events", i, "date"),
                    f"ngày {fmt_date(ev.date)} nằm ngoài thời gian của lịch "
                    f"({fmt_date(start)}–{fmt_date(end)})",
                )
            )

    if problems:
        raise ConfigError(path, problems)
    return WardCalendar(path.resolve(), cal, tz, campaigns, pools, start, end)


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


def _check_channels(source: TomlSource, cal: Calendar) -> list[Problem]:
    problems: list[Problem] = []
    installed = registry.names()
    seen: set[str] = set()
    for i, ch in enumerate(cal.channels):
        if ch.name in seen:
            problems.append(
                source.problem(("channels", i, "name"), f"tên kênh '{ch.name}' bị trùng")
            )
        seen.add(ch.name)
        if ch.type not in installed:
            problems.append(
                source.problem(
                    ("channels", i, "type"),
                    f"không có loại kênh '{ch.type}' (đã cài: {', '.join(installed) or 'không'})",
                )
            )
        else:
            try:
                declared = registry.load(ch.type).settings
            except BrokenPublisherError as exc:
                problems.append(source.problem(("channels", i, "type"), exc.message))
                continue
            for key, message in check_settings(declared, ch.settings):
                problems.append(source.problem(("channels", i, "settings", key), message))
    refs = [("slots", i, s.channels) for i, s in enumerate(cal.slots)]
    refs += [("events", i, e.channels) for i, e in enumerate(cal.events)]
    for section, i, names in refs:
        for j, name in enumerate(names or []):
            if name not in seen:
                problems.append(
                    source.problem((section, i, "channels", j), f"không có kênh tên '{name}'")
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
    for i, b in enumerate(cal.blackouts):
        if b.end < b.start:
            problems.append(
                source.problem(
                    ("blackouts", i, "to"),
                    f"ngày kết thúc {fmt_date(b.end)} phải sau ngày bắt đầu {fmt_date(b.start)}",
                )
            )
    return problems

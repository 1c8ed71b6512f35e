"""Load campaign files (``<id>.toml``) from the bundled data and the calendar's folders."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from campaigns.config.model import Day, Event, Peak, Slug, Text
from campaigns.config.toml import TomlSource
from campaigns.content.model import (
    Campaign,
    CampaignEvent,
    Document,
    Fact,
    Slogan,
    SuggestedPeak,
)
from campaigns.errors import ConfigError, Problem, UserError
from campaigns.timeutil import check_year, fmt_date

SeedRef = Annotated[str, StringConstraints(pattern=r"^\d{3}$")]


def _until(value: object) -> object:
    # "until = 2027" is the year's last day; a full date is taken as written
    if isinstance(value, int) and not isinstance(value, bool):
        check_year(value)
        return date(value, 12, 31)
    return value


Until = Annotated[Day | None, BeforeValidator(_until)]


def _str_value(value: object) -> object:
    # Numbers are written as text to keep Vietnamese formatting ("75,5"); accept plain ints.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# the year a dated item started ("19/5/1890"): "kỷ niệm N năm" is counted from it
OriginYear = Annotated[int, Field(ge=1000, le=2100)]


class _Peak(Peak):
    """A calendar peak (same keys, same defaults) citing its sources."""

    seeds: list[SeedRef] = Field(min_length=1)
    origin_year: OriginYear | None = None


class _Event(Event):
    seeds: list[SeedRef] = Field(min_length=1)
    origin_year: OriginYear | None = None


class _Slogan(_M):
    id: Slug
    text: Text
    seeds: list[SeedRef] = Field(min_length=1)
    local_set: str | None = None
    until: Until = None


class _Override(_M):
    local_set: str
    value: Annotated[Text, BeforeValidator(_str_value)]
    statement: Text
    seeds: list[SeedRef] = Field(min_length=1)


class _Fact(_M):
    id: Slug
    value: Annotated[Text, BeforeValidator(_str_value)]
    unit: str
    qualifier: str = ""
    label: Text
    statement: Text
    year: int | None = None
    until: Until = None
    seeds: list[SeedRef] = Field(min_length=1)
    overrides: list[_Override] = Field(default_factory=list)


class _LocalSet(_M):
    id: Slug
    name: Text
    seeds: list[SeedRef] = Field(min_length=1)


class _Document(_M):
    id: Slug
    title: Text
    seeds: list[SeedRef] = Field(min_length=1)
    local_set: str | None = None


class _CampaignFile(_M):
    id: Slug
    name: Text
    title: Text
    short_title: Text
    start: Day
    end: Day
    hashtags: list[str] = Field(default_factory=list)
    seeds: dict[SeedRef, Text] = Field(min_length=1)
    peaks: list[_Peak] = Field(default_factory=list)
    events: list[_Event] = Field(default_factory=list)
    slogans: list[_Slogan] = Field(default_factory=list)  # a campaign of dates has none
    facts: list[_Fact] = Field(default_factory=list)
    local_sets: list[_LocalSet] = Field(default_factory=list)
    documents: list[_Document] = Field(default_factory=list)


def builtin_dir() -> Path:
    return Path(str(resources.files("campaigns") / "data"))


def find_campaign(campaign_id: str, dirs: Iterable[Path]) -> Path | None:
    for folder in (*dirs, builtin_dir()):
        candidate = folder / f"{campaign_id}.toml"
        if candidate.is_file():
            return candidate
    return None


def available(dirs: Iterable[Path] = ()) -> list[str]:
    found = {p.stem for d in (*dirs, builtin_dir()) if d.is_dir() for p in d.glob("*.toml")}
    return sorted(found)


def load_campaign(path: Path) -> Campaign:
    source = TomlSource.read(path)
    data = source.validate(_CampaignFile)
    problems = _cross_check(source, data)
    if data.id != path.stem:
        problems.append(source.problem(("id",), f"phải trùng tên tệp ('{path.stem}')"))
    if problems:
        raise ConfigError(path, problems)
    overrides = {
        (f.id, o.local_set): Fact(
            id=f.id, value=o.value, unit=f.unit, qualifier=f.qualifier, label=f.label,
            statement=o.statement, seeds=tuple(o.seeds), year=f.year, until=f.until,
        )
        for f in data.facts
        for o in f.overrides
    }  # fmt: skip
    return Campaign(
        id=data.id,
        name=data.name,
        title=data.title,
        short_title=data.short_title,
        start=data.start,
        end=data.end,
        hashtags=tuple(data.hashtags),
        seeds=dict(data.seeds),
        peaks=tuple(
            SuggestedPeak(p.name, *p.date, seeds=tuple(p.seeds), peak=p, origin_year=p.origin_year)
            for p in data.peaks
        ),
        events=tuple(CampaignEvent(e, tuple(e.seeds), e.origin_year) for e in data.events),
        slogans=tuple(
            Slogan(s.id, s.text, tuple(s.seeds), s.local_set, s.until) for s in data.slogans
        ),
        facts=tuple(_fact(f) for f in data.facts),
        local_sets={s.id: s.name for s in data.local_sets},
        documents=tuple(
            Document(d.id, d.title, tuple(d.seeds), d.local_set) for d in data.documents
        ),
        overrides=overrides,
        path=path,
    )


def _fact(f: _Fact) -> Fact:
    return Fact(
        f.id, f.value, f.unit, f.qualifier, f.label, f.statement, tuple(f.seeds), f.year, f.until
    )


def _cross_check(source: TomlSource, data: _CampaignFile) -> list[Problem]:
    problems: list[Problem] = []
    if data.end < data.start:
        problems.append(source.problem(("end",), "ngày kết thúc phải sau ngày bắt đầu"))
    if not (data.slogans or data.facts or data.peaks or data.events):
        problems.append(
            source.problem(
                ("slogans",),
                "chiến dịch không có gì để đăng: thiếu khóa bắt buộc 'slogans' "
                "(hoặc [[facts]], [[peaks]], [[events]])",
            )
        )
    problems += _check_dated(source, data)
    seen: dict[str, tuple[str | int, ...]] = {}
    sets = {s.id for s in data.local_sets}
    entries: list[tuple[tuple[str | int, ...], str, str | None, list[str]]] = []
    for i, s in enumerate(data.slogans):
        entries.append((("slogans", i), s.id, s.local_set, s.seeds))
    for i, f in enumerate(data.facts):
        entries.append((("facts", i), f.id, None, f.seeds))
        for j, o in enumerate(f.overrides):
            entries.append((("facts", i, "overrides", j), "", o.local_set, o.seeds))
    for i, d in enumerate(data.documents):
        entries.append((("documents", i), "", d.local_set, d.seeds))
    for i, p in enumerate(data.peaks):
        entries.append((("peaks", i), "", None, p.seeds))
    for i, e in enumerate(data.events):
        entries.append((("events", i), "", None, e.seeds))
    for loc, item_id, local_set, seeds in entries:
        if item_id:
            if item_id in seen:
                problems.append(source.problem((*loc, "id"), f"mã '{item_id}' bị trùng"))
            seen[item_id] = loc
        if local_set is not None and local_set not in sets:
            problems.append(
                source.problem(
                    (*loc, "local_set"),
                    f"bộ địa phương '{local_set}' không có trong [[local_sets]]",
                )
            )
        for seed in seeds:
            if seed not in data.seeds:
                problems.append(
                    source.problem((*loc, "seeds"), f"nguồn '{seed}' không có trong [seeds]")
                )
    return problems


def _check_dated(source: TomlSource, data: _CampaignFile) -> list[Problem]:
    """A campaign's events fall in its period, its preferences name its own items, and an
    origin year is not after the period (there would be nothing to mark)."""
    problems: list[Problem] = []
    ids = {s.id for s in data.slogans} | {f.id for f in data.facts}
    dated: list[tuple[str, int, _Peak | _Event]] = [
        ("peaks", i, p) for i, p in enumerate(data.peaks)
    ]
    dated += [("events", i, e) for i, e in enumerate(data.events)]
    for section, i, item in dated:
        for j, ref in enumerate(item.prefer):
            if ref not in ids:
                problems.append(
                    source.problem(
                        (section, i, "prefer", j),
                        f"không có khẩu hiệu hay thẻ số liệu mã '{ref}' trong chiến dịch này",
                    )
                )
        if item.origin_year is not None and item.origin_year > data.end.year:
            problems.append(
                source.problem(
                    (section, i, "origin_year"),
                    f"năm gốc {item.origin_year} sau thời gian của chiến dịch "
                    f"(đến {fmt_date(data.end)})",
                )
            )
    for i, e in enumerate(data.events):
        if e.date is not None and not data.start <= e.date <= data.end:
            problems.append(
                source.problem(
                    ("events", i, "date"),
                    f"ngày {fmt_date(e.date)} nằm ngoài thời gian của chiến dịch "
                    f"({fmt_date(data.start)}–{fmt_date(data.end)})",
                )
            )
    return problems


def load_campaigns(ids: Iterable[str], dirs: Iterable[Path] = ()) -> dict[str, Campaign]:
    dirs = tuple(dirs)
    out: dict[str, Campaign] = {}
    for campaign_id in ids:
        path = find_campaign(campaign_id, dirs)
        if path is None:
            known = ", ".join(available(dirs)) or "không có"
            raise UserError(f"Không tìm thấy chiến dịch '{campaign_id}' (có sẵn: {known}).")
        out[campaign_id] = load_campaign(path)
    return out

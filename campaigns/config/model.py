"""The shape of ``calendar.toml``: strict, with unknown keys refused.

Field-level checks live here; checks across sections (channel names, content ids,
campaigns) live in ``campaigns.config.load`` where the campaign data is known.
"""

from __future__ import annotations

import re
from datetime import date, time
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from campaigns.config.themes import DEFAULT_PRESET, PRESETS
from campaigns.lunar import parse_lunar_day_month
from campaigns.timeutil import DEFAULT_TZ, check_year, parse_date, parse_day_month, parse_time

WEEKDAYS = {
    # Vietnamese first (Thứ Hai = T2 ... Chủ nhật = CN), English accepted too.
    "t2": 0, "t3": 1, "t4": 2, "t5": 3, "t6": 4, "t7": 5, "cn": 6,
    "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
}  # fmt: skip
WEEKDAY_NAMES = ["T2", "T3", "T4", "T5", "T6", "T7", "CN"]


def _day(value: Any) -> Any:
    if isinstance(value, str):
        value = parse_date(value)
    elif not isinstance(value, date) or hasattr(value, "hour"):
        raise ValueError('cần một ngày (ví dụ 2026-04-07 hoặc "07/04/2026")')
    try:
        check_year(value.year)
    except ValueError as exc:
        raise ValueError(f"{exc}: kiểm tra lại ngày") from None
    return value


def _time(value: Any) -> Any:
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, str):
        return parse_time(value)
    raise ValueError('cần một giờ dạng "07:30"')


def _day_month(value: Any) -> Any:
    if isinstance(value, str):
        return parse_day_month(value)
    raise ValueError('cần ngày/tháng dạng "27/2"')


def _lunar_day_month(value: Any) -> Any:
    if isinstance(value, str):
        return parse_lunar_day_month(value)
    raise ValueError('cần ngày/tháng âm lịch dạng "10/3"')


_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _color(value: Any) -> Any:
    if isinstance(value, str) and _COLOR.match(value.strip()):
        return value.strip().upper()
    raise ValueError('cần một màu dạng "#0B4F6C"')


def _weekday(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() in WEEKDAYS:
        return WEEKDAYS[value.strip().lower()]
    raise ValueError("cần thứ trong tuần: T2, T3, T4, T5, T6, T7 hoặc CN")


Day = Annotated[date, BeforeValidator(_day)]
TimeOfDay = Annotated[time, BeforeValidator(_time)]
DayMonth = Annotated[tuple[int, int], BeforeValidator(_day_month)]
LunarDayMonth = Annotated[tuple[int, int], BeforeValidator(_lunar_day_month)]
Weekday = Annotated[int, BeforeValidator(_weekday)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Color = Annotated[str, BeforeValidator(_color)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)]
Fraction = Annotated[float, Field(ge=0, le=1)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


class Ward(Model):
    id: Slug
    name: Text
    province: Text
    issuing_unit: Text
    local_set: str | None = None
    logo: str | None = None


class Period(Model):
    start: Day | None = None
    end: Day | None = None


class Rotation(Model):
    window_days: int = Field(default=30, ge=0, le=366)
    # at most this many posts a day on one channel (a channel's own value wins); None: no cap
    max_posts_per_day: int | None = Field(default=None, ge=1, le=24)


class Approval(Model):
    required: bool = True


class Slot(Model):
    time: TimeOfDay
    weekdays: list[Weekday] = Field(default_factory=lambda: list(range(7)), min_length=1)
    channels: list[str] | None = None


class Peak(Model):
    name: Text
    date: DayMonth
    days_before: int = Field(default=0, ge=0, le=60)
    days_after: int = Field(default=0, ge=0, le=60)
    posts_per_day: int = Field(default=1, ge=1, le=6)
    times: list[TimeOfDay] | None = None
    prefer: list[str] = Field(default_factory=list)


class Event(Model):
    """Once on ``date``, or every year of the period on the lunar day/month ``lunar``."""

    name: Text
    date: Day | None = None
    lunar: LunarDayMonth | None = None
    time: TimeOfDay | None = None
    prefer: list[str] = Field(default_factory=list)
    channels: list[str] | None = None

    @model_validator(mode="after")
    def _one_date(self) -> Event:
        if (self.date is None) == (self.lunar is None):
            raise ValueError(
                "cần đúng một trong hai khóa: 'date' (ngày dương lịch, một lần) "
                "hoặc 'lunar' (ngày/tháng âm lịch, hằng năm)"
            )
        return self


class Blackout(Model):
    """Solar ``from``–``to`` once, or lunar ``lunar_from``–``lunar_to`` every year of the
    period; a lunar end before its start in the year runs into the next lunar year (Tết)."""

    name: Text
    start: Day | None = Field(default=None, alias="from")
    end: Day | None = Field(default=None, alias="to")
    lunar_from: LunarDayMonth | None = None
    lunar_to: LunarDayMonth | None = None

    @model_validator(mode="after")
    def _one_span(self) -> Blackout:
        solar = self.start is not None or self.end is not None
        lunar = self.lunar_from is not None or self.lunar_to is not None
        if solar == lunar:
            raise ValueError(
                "cần 'from' và 'to' (ngày dương lịch, một lần) hoặc 'lunar_from' và "
                "'lunar_to' (ngày/tháng âm lịch, hằng năm), không dùng cả hai"
            )
        keys = (
            {"lunar_from": self.lunar_from, "lunar_to": self.lunar_to}
            if lunar
            else {"from": self.start, "to": self.end}
        )
        missing = [k for k, v in keys.items() if v is None]
        if missing:
            raise ValueError(f"thiếu khóa '{missing[0]}' (thời gian nghỉ cần cả ngày đầu và cuối)")
        return self


class Channel(Model):
    name: Slug
    type: Text
    enabled: bool = True
    formats: list[Slug] | None = None  # image formats; the first is the post's image
    max_posts_per_day: int | None = Field(default=None, ge=1, le=24)  # over [rotation]'s
    settings: dict[str, Any] = Field(default_factory=dict)


class Theme(Model):
    """Colours and images of every card: a named preset (default: the public-health poster),
    any colour written here winning over the preset's."""

    preset: Literal["suc-khoe", "dang", "moi-truong"] = DEFAULT_PRESET
    background: Color = "#0B5C78"
    background_end: Color = "#073B5C"  # vertical gradient towards the bottom
    background_image: str | None = None  # path relative to calendar.toml, drawn darkened
    text: Color = "#FFFFFF"
    accent: Color = "#FFC845"  # big numbers, dates, the rule above a slogan
    footer_background: Color = "#FFFFFF"
    footer_text: Color = "#073B5C"
    logo: str | None = None  # overrides [ward] logo on the cards
    # the officer's own photos for the photo layout: a folder next to calendar.toml
    photos: str | None = None
    # the point of a photo to keep when it is cropped to a format: {"anh.jpg" = [0.5, 0.3]}
    # (0-1 from the left and from the top; default the centre)
    photo_focus: dict[str, Annotated[list[Fraction], Field(min_length=2, max_length=2)]] = Field(
        default_factory=dict
    )

    @model_validator(mode="before")
    @classmethod
    def _from_preset(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        colours = PRESETS.get(data.get("preset", DEFAULT_PRESET))
        return {**colours, **data} if colours else data


class FormatSpec(Model):
    """A custom image format, or an override of a built-in one with the same name."""

    width: int = Field(ge=200, le=12000)
    height: int = Field(ge=200, le=12000)
    encoding: Literal["jpeg", "png"] = "jpeg"
    max_kb: int = Field(default=4000, ge=50, le=100_000)


class Captions(Model):
    folder: str | None = None  # officer-edited templates, same names as the bundled ones
    zalo_author: str | None = None  # default: the ward's name


class Paths(Model):
    """``[paths]``: folders outside the calendar's own that its files may be in (e.g. the web
    server's folder for Zalo covers). Every file or folder named in calendar.toml must be
    inside the calendar's folder or one of these, after following symbolic links."""

    allow: list[Annotated[str, StringConstraints(min_length=1)]] = Field(default_factory=list)


class ChannelLimits(Model):
    """How hard the daemon may push one channel (overrides the ``[daemon]`` defaults)."""

    concurrency: int | None = Field(default=None, ge=1, le=32)
    min_interval_seconds: float | None = Field(default=None, ge=0, le=3600)


class Daemon(Model):
    """``[daemon]``: timing of the publishing daemon. Defaults suit a ward PC."""

    sweep_seconds: float = Field(default=5.0, gt=0, le=300)
    lease_seconds: float = Field(default=120.0, ge=10, le=3600)
    grace_minutes: int = Field(default=60, ge=0, le=24 * 60)
    max_attempts: int = Field(default=8, ge=1, le=100)
    backoff_seconds: float = Field(default=30.0, gt=0, le=3600)
    backoff_max_seconds: float = Field(default=1800.0, gt=0, le=86400)
    concurrency: int = Field(default=2, ge=1, le=32)  # per channel
    min_interval_seconds: float = Field(default=0.0, ge=0, le=3600)  # per channel
    catch_up_spacing_seconds: float = Field(default=60.0, ge=0, le=3600)  # late posts
    token_warning_days: int = Field(default=7, ge=0, le=90)
    channels: dict[str, ChannelLimits] = Field(default_factory=dict)


OPENING = (
    "Đây là Đài truyền thanh {ward}. Mời quý vị và các bạn nghe bản tin {session} nay, {date}."
)
CLOSING = (
    "Các bản tin vừa rồi do Đài truyền thanh {ward} thực hiện. Cảm ơn quý vị và các bạn "
    "đã chú ý lắng nghe. Xin chào và hẹn gặp lại."
)


class Bulletin(Model):
    """``[bulletin]``: the ward radio's bulletins ('bản tin' for the loudspeakers): when,
    how fast the announcer reads, the opening and closing ({ward}, {session}, {date} are
    filled in), the ward's abbreviations and how document numbers ('72-NQ/TW') are read."""

    times: list[TimeOfDay] = Field(
        default_factory=lambda: [time(6, 0), time(17, 0)], min_length=1, max_length=6
    )
    weekdays: list[Weekday] = Field(default_factory=lambda: list(range(5)), min_length=1)
    pace: int = Field(default=130, ge=60, le=250)  # spoken words (syllables) a minute
    opening: Text = OPENING
    closing: Text = CLOSING
    abbreviations: dict[str, Text] = Field(default_factory=dict)
    document_numbers: Literal["letters", "number", "expand", "keep"] = "letters"
    around_days: int = Field(default=3, ge=0, le=14)  # look this far for content
    items: int = Field(default=4, ge=1, le=12)  # slogans and facts in one bulletin
    tts: str = "espeak-ng"  # offline text-to-speech command; "" writes no audio
    voice: str = "vi"

    @model_validator(mode="after")
    def _placeholders(self) -> Bulletin:
        for key in self.abbreviations:
            if not key.strip() or any(c.isspace() for c in key) or len(key) > 30:
                raise ValueError(
                    f"chữ viết tắt '{key}' không hợp lệ: một từ, không có dấu cách, "
                    'tối đa 30 ký tự (ví dụ TDP = "tổ dân phố")'
                )
        for text in (self.opening, self.closing):
            for name in re.findall(r"\{([^{}]*)\}", text):
                if name not in ("ward", "session", "date"):
                    raise ValueError(
                        f"không có chỗ điền '{{{name}}}': chỉ dùng {{ward}}, {{session}}, {{date}}"
                    )
        return self


class Calendar(Model):
    timezone: str = DEFAULT_TZ
    campaigns: list[Slug] = Field(default_factory=lambda: ["nq72"], min_length=1)
    campaign_dirs: list[str] = Field(default_factory=list)
    ward: Ward
    period: Period = Field(default_factory=Period)
    rotation: Rotation = Field(default_factory=Rotation)
    approval: Approval = Field(default_factory=Approval)
    slots: list[Slot] = Field(min_length=1)
    peaks: list[Peak] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    blackouts: list[Blackout] = Field(default_factory=list)
    channels: list[Channel] = Field(min_length=1)
    theme: Theme = Field(default_factory=Theme)
    formats: dict[Slug, FormatSpec] = Field(default_factory=dict)
    captions: Captions = Field(default_factory=Captions)
    paths: Paths = Field(default_factory=Paths)
    daemon: Daemon = Field(default_factory=Daemon)
    bulletin: Bulletin = Field(default_factory=Bulletin)

"""Campaign content, once loaded: immutable values with their seed citations."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from campaigns.config.model import Event, Peak


@dataclass(frozen=True)
class Slogan:
    id: str
    text: str
    seeds: tuple[str, ...]
    local_set: str | None = None
    until: date | None = None  # last day it may be posted ("Đến năm 2027" -> 31/12/2027)
    kind = "slogan"


@dataclass(frozen=True)
class Fact:
    """A target as a card: a big number (qualifier + value + unit) and its wording."""

    id: str
    value: str
    unit: str
    qualifier: str
    label: str
    statement: str
    seeds: tuple[str, ...]
    year: int | None = None
    until: date | None = None  # a target with a deadline is not posted after it
    kind = "fact"

    @property
    def headline(self) -> str:
        """'95%', '75,5 tuổi', '4-5 bác sĩ' (the number as the card shows it)."""
        sep = "" if self.unit in {"%"} else " "
        return f"{self.value}{sep}{self.unit}"

    @property
    def text(self) -> str:
        return self.statement


ContentItem = Slogan | Fact


def in_force(item: ContentItem, day: date) -> bool:
    """May ``item`` be posted on ``day``? A target stops being news once its deadline passed."""
    return item.until is None or day <= item.until


def anniversary(name: str, origin_year: int | None, day: date, solar: bool = True) -> str:
    """'Kỷ niệm 96 năm Ngày thành lập Đảng Cộng sản Việt Nam (3/2/1930 – 3/2/2026)': a dated
    item's name for one year, counted from its origin year (the name alone without one)."""
    if origin_year is None or day.year <= origin_year:
        return name
    years = f" ({day.day}/{day.month}/{origin_year} – {day.day}/{day.month}/{day.year})"
    return f"Kỷ niệm {day.year - origin_year} năm {name}" + (years if solar else "")


@dataclass(frozen=True)
class SuggestedPeak:
    """A campaign's peak: planned within the campaign's period (unless calendar.toml has a
    peak of the same name, which tunes it), and copied by ``loa init`` into a new calendar."""

    name: str
    day: int
    month: int
    seeds: tuple[str, ...]
    peak: Peak | None = None
    origin_year: int | None = None


@dataclass(frozen=True)
class CampaignEvent:
    """A campaign's event (one solar date, or a lunar day/month every year)."""

    event: Event
    seeds: tuple[str, ...]
    origin_year: int | None = None


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    seeds: tuple[str, ...]
    local_set: str | None = None


@dataclass(frozen=True)
class Campaign:
    id: str
    name: str
    title: str
    short_title: str
    start: date
    end: date
    hashtags: tuple[str, ...]
    seeds: dict[str, str]
    peaks: tuple[SuggestedPeak, ...]
    slogans: tuple[Slogan, ...]
    facts: tuple[Fact, ...]
    local_sets: dict[str, str]
    documents: tuple[Document, ...]
    events: tuple[CampaignEvent, ...] = ()
    overrides: dict[tuple[str, str], Fact] = field(default_factory=dict)  # (fact, set) -> fact
    path: Path | None = None

    def pool(self, local_set: str | None) -> Pool:
        """The content a ward uses: national items, its local slogans, its local numbers."""
        slogans = tuple(s for s in self.slogans if s.local_set in (None, local_set))
        facts = tuple(
            self.overrides.get((f.id, local_set), f) if local_set else f for f in self.facts
        )
        documents = tuple(d for d in self.documents if d.local_set in (None, local_set))
        return Pool(self, slogans, facts, documents)


@dataclass(frozen=True)
class Pool:
    campaign: Campaign
    slogans: tuple[Slogan, ...]
    facts: tuple[Fact, ...]
    documents: tuple[Document, ...]

    @property
    def items(self) -> tuple[ContentItem, ...]:
        return (*self.slogans, *self.facts)

    def get(self, item_id: str) -> ContentItem | None:
        return next((i for i in self.items if i.id == item_id), None)

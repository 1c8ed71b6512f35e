"""What the importer finds in a plan: values carrying their source line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Para:
    """A logical paragraph: wrapped source lines joined, numbered by its first line."""

    line: int
    text: str
    starts: tuple[tuple[int, int], ...] = ()  # (offset in text, source line) of each line

    def line_at(self, offset: int) -> int:
        """The source line holding the character at ``offset``."""
        line = self.line
        for start, number in self.starts:
            if start > offset:
                break
            line = number
        return line


@dataclass(frozen=True)
class Header:
    issuer: str | None
    issuer_line: int | None
    title: str | None
    title_line: int | None
    period_from: date | None
    period_to: date | None
    period_line: int | None
    year: int | None  # the plan's own year (its date, or the newest document it cites)


@dataclass(frozen=True)
class FoundSlogan:
    text: str
    line: int
    doubt: str | None = None  # why it is only a suggestion (written commented out)


@dataclass(frozen=True)
class FoundDate:
    day: int
    month: int
    year: int | None
    name: str
    line: int
    lunar: bool = False
    origin_year: int | None = None  # the year the anniversary counts from
    doubt: str | None = None


@dataclass(frozen=True)
class Plan:
    header: Header
    slogans: tuple[FoundSlogan, ...]
    dates: tuple[FoundDate, ...]

    def sure_slogans(self) -> list[FoundSlogan]:
        return [s for s in self.slogans if s.doubt is None]

    def sure_dates(self) -> list[FoundDate]:
        return [d for d in self.dates if d.doubt is None]

    def as_json(self) -> dict[str, object]:
        """The plan as one JSON object (dates ISO, None where unknown); sure items only."""
        h = self.header
        return {
            "issuer": h.issuer,
            "title": h.title,
            "period": {
                "from": h.period_from.isoformat() if h.period_from else None,
                "to": h.period_to.isoformat() if h.period_to else None,
            },
            "slogans": [s.text for s in self.sure_slogans()],
            "dates": [
                {"day": d.day, "month": d.month, "year": d.year, "name": d.name, "lunar": d.lunar}
                for d in self.sure_dates()
            ],
        }

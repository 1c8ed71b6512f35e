"""Precision and recall of an import against a hand-made expected result (tests, bench).

A slogan counts when its text is equal (NFC); a date when day, month and year are equal and
the names match once case and diacritics are set aside ("Ngày sức khoẻ toàn dân" is
"Ngày Sức khỏe toàn dân": plans place tone marks both ways).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from campaigns.text import fold, nfc


@dataclass(frozen=True)
class Score:
    found: int
    expected: int
    right: int

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.found + other.found, self.expected + other.expected, self.right + other.right
        )


def _score(found: Iterable[Any], expected: Iterable[Any]) -> Score:
    found_set, expected_set = set(found), set(expected)
    return Score(len(found_set), len(expected_set), len(found_set & expected_set))


def score_slogans(found: Iterable[str], expected: Iterable[str]) -> Score:
    return _score(map(nfc, found), map(nfc, expected))


def score_dates(found: Iterable[Mapping[str, Any]], expected: Iterable[Mapping[str, Any]]) -> Score:
    def key(d: Mapping[str, Any]) -> tuple[int, int, int | None, str]:
        return (d["day"], d["month"], d["year"], fold(d["name"]))

    return _score(map(key, found), map(key, expected))

from datetime import date

import pytest

from campaigns.report.period import between, parse_quarter, quarter, quarter_of, year


def test_quarter_bounds_and_names() -> None:
    q = parse_quarter("2026-Q2")
    assert (q.start, q.end) == (date(2026, 4, 1), date(2026, 6, 30))
    assert q.label == "quý II năm 2026"
    assert q.short == "2026-Q2"
    assert q.following() == quarter(2026, 3)
    assert quarter(2026, 4).following() == quarter(2027, 1)
    assert quarter(2026, 4).end == date(2026, 12, 31)
    assert quarter_of(date(2026, 11, 5)) == quarter(2026, 4)


def test_year_and_range() -> None:
    assert year(2026).label == "năm 2026"
    assert year(2026).following() == year(2027)
    r = between(date(2026, 4, 1), date(2026, 4, 10))
    assert r.label == "từ ngày 01/04/2026 đến ngày 10/04/2026"
    assert r.during.startswith("thời gian từ ngày")
    assert r.following().start == date(2026, 4, 11) and r.following().days == 10


@pytest.mark.parametrize("text", ["2026-Q5", "Q2-2026", "2026"])
def test_bad_quarters(text: str) -> None:
    with pytest.raises(ValueError):
        parse_quarter(text)


def test_range_backwards() -> None:
    with pytest.raises(ValueError):
        between(date(2026, 4, 2), date(2026, 4, 1))

"""The five seed plans against the slogans and dates an officer picked by hand
(tests/data/plans/<plan>.expected.json, written from reading each plan)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from campaigns.importer import import_plan
from campaigns.importer.score import score_dates, score_slogans

PLANS = Path(__file__).resolve().parents[1] / "data" / "plans"
AIM = 0.9


def expected(plan: Path) -> dict:
    return json.loads(plan.with_suffix(".expected.json").read_text("utf-8"))


@pytest.mark.parametrize("plan", sorted(PLANS.glob("*.txt")), ids=lambda p: p.stem[:3])
def test_seed_plan_matches_the_hand_made_result(plan: Path) -> None:
    want = expected(plan)
    got = import_plan(plan).as_json()
    slogans = score_slogans(got["slogans"], want["slogans"])
    dates = score_dates(got["dates"], want["dates"])
    assert slogans.precision >= AIM and slogans.recall >= AIM, (got["slogans"], want["slogans"])
    assert dates.precision >= AIM and dates.recall >= AIM, (got["dates"], want["dates"])
    assert got["period"] == want["period"]
    assert got["issuer"] == want["issuer"]


def test_items_cite_the_line_they_come_from() -> None:
    plan = import_plan(PLANS / "002_7d4bd162351cd4da.txt")
    assert [s.line for s in plan.slogans[:3]] == [438, 442, 444]
    assert plan.slogans[-1].line == 470
    assert [(d.line, d.day, d.month) for d in plan.dates] == [(292, 7, 4)]
    lines = (PLANS / "004_c0416dc937c530a2.txt").read_text("utf-8").splitlines()
    for found in import_plan(PLANS / "004_c0416dc937c530a2.txt").dates:
        assert f"{found.day}/{found.month}" in lines[found.line - 1]

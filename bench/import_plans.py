"""Import benchmark: the five seed plans against the slogans and dates an officer picked by
hand (tests/data/plans/<plan>.expected.json).

    python bench/import_plans.py [--repeat 20]

Figures, per plan and overall: precision and recall of the slogans and of the dates (aim
>= 0.9 each), and the time to import a plan (read, find, extract) against the time to only
read its text (the baseline), best of --repeat runs.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from campaigns.importer import import_plan  # noqa: E402
from campaigns.importer.reading import read_lines  # noqa: E402
from campaigns.importer.score import Score, score_dates, score_slogans  # noqa: E402

PLANS = ROOT / "tests" / "data" / "plans"
AIM = 0.9


def best_ms(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    slogans_total, dates_total = Score(0, 0, 0), Score(0, 0, 0)
    print(f"{'plan':<22} {'slogans P/R':>12} {'dates P/R':>12} {'import ms':>10} {'read ms':>8}")
    for plan in sorted(PLANS.glob("*.txt")):
        want = json.loads(plan.with_suffix(".expected.json").read_text("utf-8"))
        got = import_plan(plan).as_json()
        s = score_slogans(got["slogans"], want["slogans"])  # type: ignore[arg-type]
        d = score_dates(got["dates"], want["dates"])  # type: ignore[arg-type]
        slogans_total, dates_total = slogans_total + s, dates_total + d
        imported = best_ms(lambda plan=plan: import_plan(plan), args.repeat)
        read = best_ms(lambda plan=plan: read_lines(plan), args.repeat)
        print(
            f"{plan.stem:<22} {s.precision:>5.2f}/{s.recall:<5.2f} {d.precision:>6.2f}/"
            f"{d.recall:<5.2f} {imported:>10.2f} {read:>8.2f}"
        )
    ok = all(
        v >= AIM
        for v in (
            slogans_total.precision,
            slogans_total.recall,
            dates_total.precision,
            dates_total.recall,
        )
    )
    print(
        f"{'overall':<22} {slogans_total.precision:>5.2f}/{slogans_total.recall:<5.2f} "
        f"{dates_total.precision:>6.2f}/{dates_total.recall:<5.2f}"
        f"   ({slogans_total.right}/{slogans_total.expected} slogans, "
        f"{dates_total.right}/{dates_total.expected} dates; aim >= {AIM}: "
        f"{'met' if ok else 'NOT met'})"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

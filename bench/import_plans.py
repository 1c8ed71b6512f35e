"""Import benchmark: the five seed plans against the slogans and dates an officer picked by
hand (tests/data/plans/<plan>.expected.json).

    python bench/import_plans.py [--repeat 20]

Figures, per plan and overall: precision and recall of the slogans and of the dates (aim
>= 0.9 each), and the time to import a plan (read, find, extract) against the time to only
read its text (the baseline), best of --repeat runs. Then each plan goes through
``loa campaign import`` (``--dates-only`` for a plan without slogans) and the draft is added
to a copy of the bundled calendar next to NQ72 and run through ``loa check``: a plan with
neither slogans nor dates is refused (exit 2, nothing written), which is right when its
hand-made expected result is empty too.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from campaigns.cli import main as loa  # noqa: E402
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
    drafts_ok = check_drafts()
    return 0 if ok and drafts_ok else 1


def run_loa(*argv: str) -> tuple[int, str]:
    """``loa`` in-process: its exit code and the last line it printed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = loa(list(argv))
    lines = out.getvalue().strip().splitlines()
    return code, lines[-1] if lines else ""


def check_drafts() -> bool:
    """Every seed plan imports to a draft that ``loa check`` accepts (or, with nothing in
    it, is refused as expected); True when each one does."""
    print(f"\n{'plan':<22} {'import':<25} {'loa check':<10}")
    all_ok = True
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        os.environ["LOA_CACHE_DIR"] = str(home / "cache")
        for n, plan in enumerate(sorted(PLANS.glob("*.txt"))):
            want = json.loads(plan.with_suffix(".expected.json").read_text("utf-8"))
            cal = home / f"lich-{n}" / "calendar.toml"
            out = cal.parent / "chien-dich" / f"kh-{n}.toml"
            out.parent.mkdir(parents=True)
            shutil.copy(ROOT / "calendar.toml", cal)
            common = ("--calendar", str(cal), "--db", f"sqlite:///{cal.parent / 'loa.db'}")
            flags = () if want["slogans"] else ("--dates-only",)
            args = ("campaign", "import", str(plan), "--out", str(out), *flags)
            code, last = run_loa(*common, *args)
            if code != 0:
                empty = not want["slogans"] and not want["dates"]
                ok = code == 2 and empty and not out.exists()
                verdict = "refused, nothing to post" if ok else f"FAILED ({code})"
                print(f"{plan.stem:<22} {verdict:<25} {'-':<10}")
                if not ok:
                    print(f"    {last}")
                all_ok &= ok
                continue
            text = cal.read_text("utf-8").replace(
                'campaigns = ["nq72"]',
                f'campaigns = ["nq72", "{out.stem}"]\ncampaign_dirs = ["chien-dich"]',
            )
            cal.write_text(text, "utf-8")
            checked, last = run_loa(*common, "check")
            how = "draft" + (" (--dates-only)" if flags else "")
            print(f"{plan.stem:<22} {how:<25} {'passes' if checked == 0 else 'FAILED':<10}")
            if checked != 0:
                print(f"    {last}")
            all_ok &= checked == 0
    print(f"drafts: {'every seed plan imports as expected' if all_ok else 'NOT all pass'}")
    return all_ok


if __name__ == "__main__":
    raise SystemExit(main())

"""A whole year's report for one ward: plan 2026, publish most posts (with engagement),
fail or miss the rest, then time build_report and each writer.

Prints seconds per step and posts per second, so a slow writer shows up as a ratio.

    python bench/report.py [--published 0.9]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from campaigns.config import load_calendar
from campaigns.report import build_report, write_report, year
from campaigns.report.engagement import Counts, Snapshot, record
from campaigns.store import Store
from campaigns.store.lifecycle import APPROVE, CLAIM, LIVE, MISS
from campaigns.store.plan import plan_range

ROOT = Path(__file__).resolve().parent.parent
AS_OF = datetime(2027, 1, 2, 2, 0, tzinfo=UTC)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--published", type=float, default=0.9, help="share published")
    args = parser.parse_args()
    cal = load_calendar(ROOT / "calendar.toml")
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(f"sqlite:///{tmp}/loa.db", clock=lambda: AS_OF)
        plan_range(store, cal, date(2026, 1, 1), date(2026, 12, 31))
        posts = store.posts(cal.unit)
        ids = [p.id for p in posts if p.id is not None]
        store.move(cal.unit, ids, APPROVE, actor="bench")
        cut = int(len(ids) * args.published)
        store.move(cal.unit, ids[:cut], CLAIM, actor="bench")
        for pid in ids[:cut]:
            values = {"external_id": f"1_{pid}", "url": f"https://www.facebook.com/1_{pid}"}
            store.move(cal.unit, [pid], LIVE, actor="bench", values=values)
        store.move(cal.unit, ids[cut:], MISS, actor="bench", reason="máy tắt")
        record(store, [Snapshot(pid, AS_OF, Counts(pid % 97, pid % 13, pid % 7))
                       for pid in ids[:cut]])  # fmt: skip
        print(f"posts: {len(ids)} ({cut} published)")
        t0 = time.perf_counter()
        report = build_report(store, cal, year(2026), AS_OF)
        built = time.perf_counter() - t0
        print(f"build_report: {built:.2f} s ({len(ids) / built:,.0f} posts/s)")
        for fmt in ("csv", "md", "docx"):
            t0 = time.perf_counter()
            path = write_report(report, fmt, Path(tmp) / f"year.{fmt}")
            took = time.perf_counter() - t0
            size = path.stat().st_size / 1024
            print(f"{fmt:>4}: {took:.2f} s ({len(ids) / took:,.0f} posts/s, {size:,.0f} KiB)")


if __name__ == "__main__":
    main()

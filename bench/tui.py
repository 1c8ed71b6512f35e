"""How fast the TUI paints with 10,000 posts, against a bare Textual app showing a
10,000-row DataTable from the same database.

    python bench/tui.py [--posts 10000]

Each scenario runs headless in its own process (so memory figures are not shared):
  bare       a bare App with one DataTable, 10,000 rows read from the database
  loa-first  Loa's first painted screen (the month) with the same database
  loa-queue  Loa's first screen, then the queue with every post (10,000 rows), then a
             scroll from the top to the bottom of the table
Times are from before the app is built until the screen shows its data and has painted.
Memory is the process's peak resident size (ru_maxrss).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def wait_until(pilot, ready, timeout: float = 60.0) -> None:
    end = time.perf_counter() + timeout
    while not ready():
        if time.perf_counter() > end:
            raise TimeoutError("the screen never showed its data")
        await asyncio.sleep(0.002)
    await pilot.pause()  # the next paint


async def bare(db: Path) -> dict[str, float]:
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    from campaigns.timeutil import fmt_local
    from tests.tui import sample

    t0 = time.perf_counter()
    cal = sample.calendar()
    store = sample.open_store(db)

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield DataTable()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("Giờ", "Kênh", "Loại", "Nội dung", "Trạng thái")
            table.add_rows(
                (fmt_local(p.due_at, cal.tz), p.channel, p.kind, p.text[:40], p.status)
                for p in store.posts(cal.unit)
            )

    app = Bare()
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.query_one(DataTable)
        await wait_until(pilot, lambda: table.row_count >= 10_000 or table.row_count > 0)
        painted = time.perf_counter() - t0
        rows = table.row_count
        t2 = time.perf_counter()
        table.focus()
        for _ in range(20):
            await pilot.press("pagedown")
        await pilot.press("end")
        await pilot.pause()
        scroll = time.perf_counter() - t2
    return {"painted_s": painted, "rows": rows, "scroll_s": scroll, "peak_mb": peak_mb()}


async def loa(db: Path, queue: bool) -> dict[str, float]:
    from tests.tui import sample
    from tui.app import create_app
    from tui.status import DaemonStatus
    from tui.widgets.month import MonthGrid
    from tui.widgets.posts import PostTable

    t0 = time.perf_counter()
    cal = sample.calendar()
    store = sample.open_store(db)
    app = create_app(
        cal, store, clock=sample.clock, poll_seconds=None, image_mode="off",
        heartbeat=lambda e: DaemonStatus(True, True),
    )  # fmt: skip
    out: dict[str, float] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: bool(app.screen.query(MonthGrid).first().days))
        out["painted_s"] = time.perf_counter() - t0
        if queue:
            from textual.widgets import Input, Select

            t1 = time.perf_counter()
            await pilot.press("2")
            await wait_until(pilot, lambda: bool(app.screen.query(PostTable)))
            screen = app.screen
            screen.query_one("#f-from", Input).value = ""
            screen.query_one("#f-status", Select).value = "all"
            table = screen.query_one(PostTable)
            await wait_until(pilot, lambda: table.row_count >= 10_000)
            out["queue_s"] = time.perf_counter() - t1
            out["rows"] = table.row_count
            t2 = time.perf_counter()
            table.focus()
            for _ in range(20):
                await pilot.press("pagedown")
            await pilot.press("end")
            await pilot.pause()
            out["scroll_s"] = time.perf_counter() - t2
            out["cursor_row"] = table.cursor_row
    out["peak_mb"] = peak_mb()
    return out


def child(scenario: str, db: Path) -> None:
    if scenario == "bare":
        result = asyncio.run(bare(db))
    else:
        result = asyncio.run(loa(db, queue=scenario == "loa-queue"))
    print(json.dumps(result))


def run(scenario: str, db: Path) -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", scenario, "--db", str(db)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--child")
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.db)
        return

    from tests.tui import sample

    folder = Path(tempfile.mkdtemp(prefix="loa-bench-"))
    db = folder / "loa.db"
    store = sample.open_store(db)
    sample.bulk(store, sample.calendar(), args.posts)
    store.engine.dispose()

    results = {name: run(name, db) for name in ("bare", "loa-first", "loa-queue")}
    base = results["bare"]
    print(f"{args.posts} posts, headless 120×40, each scenario in its own process")
    print(f"{'scenario':<11} {'painted':>9} {'ratio':>6} {'peak RSS':>9} {'ratio':>6}  extra")
    for name, r in results.items():
        extra = ""
        if name == "bare":
            extra = f"{int(r['rows'])} rows; 20 pages + End {r['scroll_s']:.3f} s"
        if "queue_s" in r:
            extra = (
                f"queue {r['queue_s']:.3f} s ({int(r['rows'])} rows, "
                f"{r['queue_s'] / base['painted_s']:.2f}× bare); "
                f"20 pages + End {r['scroll_s']:.3f} s "
                f"({r['scroll_s'] / base['scroll_s']:.2f}× bare)"
            )
        print(
            f"{name:<11} {r['painted_s']:>8.3f}s {r['painted_s'] / base['painted_s']:>5.2f}× "
            f"{r['peak_mb']:>7.1f}MB {r['peak_mb'] / base['peak_mb']:>5.2f}×  {extra}"
        )
    first = results["loa-first"]
    ok = first["painted_s"] <= 1.5 * base["painted_s"] and first["painted_s"] < 1.0
    print("aim: first screen ≤ 1.5× bare and < 1 s:", "met" if ok else "NOT met")


if __name__ == "__main__":
    main()

"""Plan a whole province: 100 wards x 3 channels, 2026-2030, into SQLite and PostgreSQL.

Prints posts/s for the first plan, the time of a second (no-op) plan, and the ratio against
a raw DB-API ``executemany`` of the same rows into the same table, measured in the same run.

    python bench/plan.py [--wards 100] [--pg postgresql://postgres@127.0.0.1:5432/test]
"""

from __future__ import annotations

import argparse
import dataclasses
import sqlite3
import tempfile
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from campaigns.config import WardCalendar, load_calendar
from campaigns.planning import desired_posts
from campaigns.store import Store, migrate
from campaigns.store.db import open_engine
from campaigns.store.plan import plan_range

ROOT = Path(__file__).resolve().parent.parent
START, END = date(2026, 1, 1), date(2030, 12, 31)
COLUMNS = (
    "unit",
    "campaign",
    "channel",
    "slot_key",
    "slot_at",
    "content_id",
    "kind",
    "text",
    "peak",
    "event",
    "due_at",
    "status",
    "edited",
    "attempts",
    "created_at",
    "created_by",
    "updated_at",
)


def wards(n: int) -> list[WardCalendar]:
    base = load_calendar(ROOT / "calendar.toml")
    out = []
    for i in range(n):
        ward = base.config.ward.model_copy(update={"id": f"phuong-{i:03d}"})
        out.append(dataclasses.replace(base, config=base.config.model_copy(update={"ward": ward})))
    return out


def plan_all(store: Store, cals: list[WardCalendar]) -> tuple[float, int]:
    """What 'loa plan' does, once per ward."""
    added = 0
    t0 = time.perf_counter()
    for cal in cals:
        added += plan_range(store, cal, START, END).added
    return time.perf_counter() - t0, added


Rows = list[list[tuple[Any, ...]]]  # one list of rows per ward


def rows_for(cals: list[WardCalendar]) -> Rows:
    now = datetime.now(UTC)
    return [
        [(cal.unit, d.campaign, d.channel, d.slot_key, d.slot_at, d.content_id, d.kind, d.text,
          d.peak, d.event, d.slot_at, "draft", False, 0, now, "bench", now)
         for d in desired_posts(cal, START, END)]
        for cal in cals
    ]  # fmt: skip


def raw_insert(url: str, wards: Rows, per_ward: bool) -> float:
    """The baseline: the DB-API driver's executemany of the same rows, in one transaction,
    or one transaction per ward as 'loa plan' does (each ward plans on its own)."""
    engine = open_engine(url)
    migrate.upgrade(engine)
    backend = engine.dialect.name
    engine.dispose()
    cols = ", ".join(COLUMNS)
    if backend == "sqlite":
        marks = ", ".join("?" for _ in COLUMNS)
        # sqlite3 stores datetimes as text; format them the way SQLAlchemy does
        fmt = [[tuple(v.replace(tzinfo=None).isoformat(sep=" ") if isinstance(v, datetime)
                      else v for v in r) for r in rows] for rows in wards]  # fmt: skip
        conn = sqlite3.connect(sa.make_url(url).database or "")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        t0 = time.perf_counter()
        for rows in fmt:
            conn.executemany(f"INSERT INTO post ({cols}) VALUES ({marks})", rows)
            if per_ward:
                conn.commit()
        conn.commit()
        elapsed = time.perf_counter() - t0
        conn.close()
        return elapsed
    import psycopg

    marks = ", ".join("%s" for _ in COLUMNS)
    dsn = sa.make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn) as conn:
        t0 = time.perf_counter()
        with conn.cursor() as cur:
            for rows in wards:
                cur.executemany(f"INSERT INTO post ({cols}) VALUES ({marks})", rows)
                if per_ward:
                    conn.commit()
        conn.commit()
        return time.perf_counter() - t0


def run(label: str, make_url: Any, cals: list[WardCalendar], rows: Rows) -> None:
    url = make_url()
    store = Store.open(url)
    first, added = plan_all(store, cals)
    second, again = plan_all(store, cals)
    store.engine.dispose()
    raw_ward = raw_insert(make_url(), rows, per_ward=True)
    raw_one = raw_insert(make_url(), rows, per_ward=False)
    n = sum(len(r) for r in rows)
    print(f"{label}:")
    print(f"  first plan   {first:6.2f} s  {added:>8,} posts  {added / first:>9,.0f} posts/s")
    print(f"  second plan  {second:6.2f} s  {again:>8,} added (no-op)")
    print(f"  raw executemany, {n:,} rows, a transaction per ward  {raw_ward:6.2f} s"
          f"  {n / raw_ward:>9,.0f} rows/s")  # fmt: skip
    print(f"  raw executemany, {n:,} rows, one transaction         {raw_one:6.2f} s"
          f"  {n / raw_one:>9,.0f} rows/s")  # fmt: skip
    print(f"  ratio first plan / raw (per ward): {first / raw_ward:.2f}x  (aim <= 2x);"
          f" / raw (one transaction): {first / raw_one:.2f}x")  # fmt: skip
    print(
        f"  aims: whole province < 15 s: {'yes' if first < 15 else 'NO'};"
        f" re-plan < 5 s: {'yes' if second < 5 else 'NO'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--wards", type=int, default=100)
    parser.add_argument("--pg", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    cals = wards(args.wards)
    t0 = time.perf_counter()
    rows = rows_for(cals)
    print(
        f"{args.wards} wards x {len(cals[0].channels)} channels, {START:%d/%m/%Y}-{END:%d/%m/%Y}:"
        f" {sum(len(r) for r in rows):,} posts"
        f" (expanding the calendars alone: {time.perf_counter() - t0:.2f} s)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        counter = iter(range(100))
        run("SQLite", lambda: f"sqlite:///{tmp}/bench-{next(counter)}.db", cals, rows)

    admin = sa.create_engine(args.pg, isolation_level="AUTOCOMMIT")
    try:
        admin.connect().close()
    except sa.exc.OperationalError:
        print(f"PostgreSQL: skipped, no server at {args.pg}")
        return
    created: list[str] = []

    def pg_db() -> str:
        name = f"loa_bench_{uuid.uuid4().hex[:8]}"
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        created.append(name)
        return admin.url.set(database=name).render_as_string(hide_password=False)

    try:
        run("PostgreSQL", pg_db, cals, rows)
    finally:
        with admin.connect() as conn:
            for name in created:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()

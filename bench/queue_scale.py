"""The daemon's idle questions against a big table: "what is ready?" (the claim, per
channel) and "when next?" (``ready_channels``), with N approved posts planned in the
future and none due, on PostgreSQL and SQLite.

    python bench/queue_scale.py [--rows 1000000] [--pg postgresql://…] [--rounds 20]

Baseline in the same run: the same questions written with the non-sargable
``CASE WHEN next_attempt_at > due_at THEN next_attempt_at ELSE due_at END <= now`` (the
form Loa used before), which visits every approved row of the unit. Figures: median and
min milliseconds per question, and the ratio baseline / Loa.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

UNIT = "bench"
NOW = datetime(2026, 6, 1, tzinfo=UTC)


def fill(store, rows: int) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import insert

    from campaigns.store.models import POST_TABLE

    batch = []
    with store.session() as s, s.begin():
        for i in range(rows):
            due = NOW + timedelta(minutes=10 + i)
            batch.append({
                "unit": UNIT, "campaign": "nq72", "channel": ("facebook", "zalo", "website")[i % 3],
                "slot_key": f"k{i}", "slot_at": due, "content_id": "s01", "kind": "slogan",
                "text": "Khẩu hiệu", "due_at": due, "status": "approved", "edited": False,
                "attempts": 0, "maybe_live": False, "created_at": NOW, "created_by": "bench",
                "updated_at": NOW,
            })  # fmt: skip
            if len(batch) == 20_000:
                s.execute(insert(POST_TABLE), batch)
                batch = []
        if batch:
            s.execute(insert(POST_TABLE), batch)


def baseline_questions(store) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import case, func, select
    from sqlmodel import col

    from campaigns.store.models import Post

    ready = case((col(Post.next_attempt_at) > col(Post.due_at), col(Post.next_attempt_at)),
                 else_=col(Post.due_at))  # fmt: skip
    approved = (col(Post.unit) == UNIT, col(Post.status) == "approved")
    facebook = col(Post.channel) == "facebook"
    claimable = select(col(Post.id)).where(*approved, facebook, ready <= NOW)
    claimable = claimable.order_by(col(Post.due_at)).limit(8)
    counts = select(
        col(Post.channel), func.sum(case((ready <= NOW, 1), else_=0)),
        func.min(case((ready > NOW, ready), else_=None)),
        func.min(case((ready <= NOW, col(Post.due_at)), else_=None)),
    ).where(*approved).group_by(col(Post.channel))  # fmt: skip
    with store.session() as s:
        s.execute(claimable).all()
        s.execute(counts).all()


def loa_questions(store) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select
    from sqlmodel import col

    from campaigns.publishing.queue import ready, ready_channels
    from campaigns.store.models import Post

    claimable = select(col(Post.id)).where(
        col(Post.unit) == UNIT, col(Post.status) == "approved", col(Post.channel) == "facebook",
        ready(NOW),
    ).order_by(col(Post.due_at)).limit(8)  # fmt: skip
    with store.session() as s:
        s.execute(claimable).all()
    ready_channels(store, UNIT)


def timed(fn, store, rounds: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn(store)
        out.append((time.perf_counter() - t) * 1000)
    return out


def run(url: str, rows: int, rounds: int) -> None:
    from campaigns.store import Store

    store = Store.open(url, clock=lambda: NOW)
    t = time.perf_counter()
    fill(store, rows)
    if store.engine.dialect.name == "postgresql":
        with store.engine.begin() as c:
            c.exec_driver_sql("ANALYZE post")
    print(f"{store.engine.dialect.name}: {rows:,} approved posts in the future "
          f"(filled in {time.perf_counter() - t:.1f} s)")  # fmt: skip
    timed(loa_questions, store, 2)
    timed(baseline_questions, store, 2)  # warm both
    base, loa = [], []
    for _ in range(rounds):  # interleaved: the machine's noise hits both alike
        base += timed(baseline_questions, store, 1)
        loa += timed(loa_questions, store, 1)
    bm, lm = statistics.median(base), statistics.median(loa)
    print(f"  baseline (CASE, non-sargable): median {bm:8.2f} ms, min {min(base):8.2f} ms")
    print(f"  Loa (due_at range + indexes):  median {lm:8.2f} ms, min {min(loa):8.2f} ms")
    print(f"  ratio baseline / Loa: {bm / lm:.0f}x")
    store.engine.dispose()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/test")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        run(f"sqlite:///{Path(folder) / 'q.db'}", args.rows, args.rounds)
    import sqlalchemy as sa

    admin = sa.create_engine(args.pg.replace("postgresql://", "postgresql+psycopg://"),
                             isolation_level="AUTOCOMMIT")  # fmt: skip
    try:
        with admin.connect() as c:
            c.exec_driver_sql("DROP DATABASE IF EXISTS loa_bench_queue")
            c.exec_driver_sql("CREATE DATABASE loa_bench_queue")
    except sa.exc.OperationalError as exc:
        print(f"postgresql: skipped ({str(exc).splitlines()[0]})")
        return
    url = args.pg.rsplit("/", 1)[0] + "/loa_bench_queue"
    try:
        run(url, args.rows, args.rounds)
    finally:
        with admin.connect() as c:
            c.exec_driver_sql("DROP DATABASE IF EXISTS loa_bench_queue WITH (FORCE)")


if __name__ == "__main__":
    main()

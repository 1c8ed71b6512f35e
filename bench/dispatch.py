"""Dispatch benchmark: 1,000 posts due within the same minute (spread evenly over it) on
three channels of the local fakes (two Facebook Pages and a Zalo OA, each answering after
a realistic delay).

    python bench/dispatch.py [--posts 1000] [--delay 0.15] [--concurrency 8]
                             [--idle 60] [--db postgresql://…]

Figures: the daemon's time to drain (from the due time to the last post recorded as
published), start lateness p50/p99 (claim time minus due time), against a raw asyncio +
httpx loop sending the same requests with the same per-channel concurrency; then the
daemon's idle RSS and CPU over ``--idle`` seconds. Aims: p99 lateness < 1 s, drain
within 1.5x of the raw loop, idle CPU near zero. The fakes run in their own process.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHANNELS = ("facebook", "trang-2", "zalo")


# -- the fakes, in their own process ----------------------------------------------------------
def serve_fakes(which: str, delay: float) -> None:
    """One fake per process: their request parsing must not share a GIL with each other."""
    from tests.fakes import FakeGraph, FakeZalo

    if which == "zalo":
        z = FakeZalo().start()
        z.delay(delay, times=10**9)
        access, refresh = z.issue_tokens()
        info = {"url": z.url, "oa_id": z.oa_id, "app_id": z.app_id, "secret": z.secret_key,
                "access": access, "refresh": refresh}  # fmt: skip
    else:
        page = "100000000000001" if which == "facebook" else "100000000000002"
        g = FakeGraph(page_id=page).start()
        g.delay(delay, times=10**9)
        info = {"url": g.url, "page_id": g.page_id, "token": g.page_token}
    print(json.dumps(info), flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})


def start_fakes(delay: float) -> tuple[list[subprocess.Popen[str]], dict]:
    procs, info = [], {}
    for which in CHANNELS:
        proc = subprocess.Popen(
            [sys.executable, __file__, "--serve-fakes", which, "--delay", str(delay)],
            stdout=subprocess.PIPE, text=True, cwd=ROOT,
        )  # fmt: skip
        assert proc.stdout is not None
        info[which] = json.loads(proc.stdout.readline())
        procs.append(proc)
    return procs, info


# -- setup ------------------------------------------------------------------------------------
def calendar(folder: Path, fakes: dict, concurrency: int) -> Path:
    text = (ROOT / "calendar.toml").read_text("utf-8")
    head = text[: text.index("# Kênh đăng bài")]
    fb, fb2, z = fakes["facebook"], fakes["trang-2"], fakes["zalo"]
    path = folder / "calendar.toml"
    path.write_text(
        head
        + f"""
[[channels]]
name = "facebook"
type = "facebook"
[channels.settings]
page_id = "{fb["page_id"]}"
base_url = "{fb["url"]}"

[[channels]]
name = "trang-2"
type = "facebook"
[channels.settings]
page_id = "{fb2["page_id"]}"
base_url = "{fb2["url"]}"

[[channels]]
name = "zalo"
type = "zalo"
[channels.settings]
oa_id = "{z["oa_id"]}"
app_id = "{z["app_id"]}"
base_url = "{z["url"]}"
oauth_base_url = "{z["url"]}"
cover_folder = "{folder / "covers"}"
cover_base_url = "https://kienan.example.vn/covers"

[daemon]
concurrency = {concurrency}
sweep_seconds = 5
""",
        "utf-8",
    )
    return path


def env_for(fakes: dict) -> dict[str, str]:
    z = fakes["zalo"]
    return {
        "LOA_SECRET_FACEBOOK_PAGE_TOKEN": fakes["facebook"]["token"],
        "LOA_SECRET_TRANG_2_PAGE_TOKEN": fakes["trang-2"]["token"],
        "LOA_SECRET_ZALO_SECRET_KEY": z["secret"],
        "LOA_SECRET_ZALO_ACCESS_TOKEN": z["access"],
        "LOA_SECRET_ZALO_REFRESH_TOKEN": z["refresh"],
    }


SPREAD = 60.0  # seconds over which the due times are spread (--spread; 0 = one instant)


def offset(i: int, n: int) -> float:
    """Post ``i``'s due time, seconds after the start of the minute."""
    return SPREAD * i / n


def add_posts(store, unit: str, due: datetime, n: int) -> None:
    from sqlalchemy import insert

    from campaigns.store.models import POST_TABLE

    now = store.clock()
    rows = [
        {
            "unit": unit, "campaign": "nq72", "channel": CHANNELS[i % 3],
            "slot_key": f"bench|{i}", "slot_at": due + timedelta(seconds=offset(i, n)),
            "content_id": f"s{i % 12 + 1:02d}", "kind": "slogan", "text": f"Khẩu hiệu {i}",
            "due_at": due + timedelta(seconds=offset(i, n)), "status": "approved",
            "edited": False, "attempts": 0, "created_at": now, "created_by": "bench",
            "updated_at": now,
        }
        for i in range(n)
    ]  # fmt: skip
    with store.session() as s, s.begin():
        s.execute(insert(POST_TABLE), rows)


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


# -- the daemon -------------------------------------------------------------------------------
def run_daemon(args: argparse.Namespace, fakes: dict, folder: Path) -> dict:
    from sqlmodel import col, select

    from campaigns.config import load_calendar
    from campaigns.publishing import open_publishers, request_for
    from campaigns.store import Store, Transition
    from campaigns.store.models import Post

    cal_path = calendar(folder, fakes, args.concurrency)
    cal = load_calendar(cal_path)
    db = args.db or f"sqlite:///{folder / 'loa.db'}"
    store = Store.open(db)
    # warm the render cache (the raw loop gets the same images for free)
    pubs = open_publishers(cal, secrets=_NoSecrets())
    for p in pubs.values():
        p.close()
    due = datetime.now(UTC) + timedelta(seconds=args.lead)
    add_posts(store, cal.unit, due, args.posts)
    with store.session() as s:
        samples = list(s.exec(select(Post).limit(3)))
    for post in samples:
        request_for(cal, post)
    env = {**os.environ, **env_for(fakes), "LOA_CACHE_DIR": str(folder / "cache")}
    log = open(folder / "daemon.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "campaigns", "--calendar", str(cal_path), "--db", db, "daemon"],
        env=env, stdout=log, stderr=log, cwd=ROOT,
    )  # fmt: skip
    log.close()
    deadline = time.monotonic() + args.lead + 600
    while time.monotonic() < deadline:
        if store.counts(cal.unit).get("published", 0) + _done_other(store, cal.unit) >= args.posts:
            break
        time.sleep(0.2)
    with store.session() as s:
        moves = list(s.exec(select(Transition).order_by(col(Transition.at))))
        posts = {p.id: p for p in s.exec(select(Post))}
    claims = {m.post_id: m.at for m in moves if m.to_status == "publishing"}
    done = [m.at for m in moves if m.to_status == "published"]
    per_channel = {
        ch: max((m.at - due).total_seconds() for m in moves
                if m.to_status == "published" and posts[m.post_id].channel == ch)
        for ch in CHANNELS
    }  # fmt: skip
    lateness = [(claims[i] - posts[i].due_at).total_seconds() for i in claims]
    idle = measure_idle(proc.pid, args.idle)
    proc.send_signal(signal.SIGTERM)
    code = proc.wait(60)
    return {
        "published": len(done),
        "other": {k: v for k, v in store.counts(cal.unit).items() if k != "published"},
        "drain": (max(done) - due).total_seconds() if done else float("nan"),
        "per_channel": per_channel,
        "late_p50": pct(lateness, 0.50),
        "late_p99": pct(lateness, 0.99),
        "late_max": max(lateness),
        "idle": idle,
        "exit": code,
        "images": {ch: request_for(cal, p) for p in samples for ch in [p.channel]},
    }


def _done_other(store, unit: str) -> int:
    counts = store.counts(unit)
    return counts.get("failed", 0) + counts.get("missed", 0)


class _NoSecrets:
    def get(self, channel: str, field: str) -> str | None:
        return None

    def update(self, channel, change):  # pragma: no cover - not used
        return {}


def measure_idle(pid: int, seconds: float) -> dict:
    tick = os.sysconf("SC_CLK_TCK")

    def cpu() -> float:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / tick

    def rss() -> int:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0

    time.sleep(2)  # let the last posts' work settle
    c0, t0 = cpu(), time.monotonic()
    busy = c0
    time.sleep(seconds)
    c1, t1 = cpu(), time.monotonic()
    return {"cpu_s": c1 - c0, "cpu_pct": 100 * (c1 - c0) / (t1 - t0), "rss_mb": rss() / 1024,
            "busy_cpu_s": busy}  # fmt: skip


# -- the raw loop -----------------------------------------------------------------------------
async def raw_loop(args: argparse.Namespace, fakes: dict, images: dict) -> tuple[float, list]:
    import httpx

    sems = {ch: asyncio.Semaphore(args.concurrency) for ch in CHANNELS}
    image = next(iter(images.values())).image

    async def facebook(client: httpx.AsyncClient, ch: str, i: int) -> None:
        f = fakes[ch]
        r = await client.post(
            f"{f['url']}/v26.0/{f['page_id']}/photos",
            headers={"Authorization": f"Bearer {f['token']}"},
            data={"caption": f"Khẩu hiệu {i} #raw{i}"},
            files={"source": (image.filename, image.data, image.mime)},
        )
        r.raise_for_status()

    async def zalo(client: httpx.AsyncClient, i: int) -> None:
        z = fakes["zalo"]
        h = {"access_token": z["access"]}
        article = {
            "type": "normal", "title": f"Khẩu hiệu {i}", "author": "Phường Kiến An",
            "cover": {"cover_type": "photo", "photo_url": "https://kienan.example.vn/c.jpg",
                      "status": "show"},
            "description": "x", "body": [{"type": "text", "content": f"<p>{i}</p>"}],
            "status": "show", "comment": "show",
        }  # fmt: skip
        r = await client.post(f"{z['url']}/v2.0/article/create", headers=h, json=article)
        token = r.json()["data"]["token"]
        r = await client.post(f"{z['url']}/v2.0/article/verify", headers=h, json={"token": token})
        aid = r.json()["data"]["id"]
        await client.get(f"{z['url']}/v2.0/article/getdetail", headers=h, params={"id": aid})

    late: list[float] = []

    async def one(client: httpx.AsyncClient, i: int, start: float) -> None:
        ch = CHANNELS[i % 3]
        due = start + offset(i, args.posts)
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        async with sems[ch]:
            late.append(time.perf_counter() - due)
            await (zalo(client, i) if ch == "zalo" else facebook(client, ch, i))

    limits = httpx.Limits(max_connections=3 * args.concurrency + 3)
    async with httpx.AsyncClient(timeout=30, limits=limits) as client:
        start = time.perf_counter()
        await asyncio.gather(*(one(client, i, start) for i in range(args.posts)))
        return time.perf_counter() - start, late


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--delay", type=float, default=0.15, help="fake answer delay, s")
    parser.add_argument("--concurrency", type=int, default=8, help="per channel")
    parser.add_argument("--idle", type=float, default=60.0, help="idle measurement, s")
    parser.add_argument("--lead", type=float, default=8.0, help="daemon start before due, s")
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file)")
    parser.add_argument(
        "--spread",
        type=float,
        default=60.0,
        help="spread the due times over this many seconds (0: all at once)",
    )
    parser.add_argument("--serve-fakes", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_fakes:
        serve_fakes(args.serve_fakes, args.delay)
        return
    global SPREAD
    SPREAD = args.spread
    fakes_procs, fakes = start_fakes(args.delay)
    try:
        with tempfile.TemporaryDirectory(prefix="loa-bench-") as tmp:
            os.environ["LOA_CACHE_DIR"] = str(Path(tmp) / "cache")
            d = run_daemon(args, fakes, Path(tmp))
            raw, raw_late = asyncio.run(raw_loop(args, fakes, d["images"]))
    finally:
        for proc in fakes_procs:
            proc.send_signal(signal.SIGTERM)
            proc.wait(10)
    report(args, d, raw, raw_late)


def report(args: argparse.Namespace, d: dict, raw: float, raw_late: list[float]) -> None:
    ms = 1000
    db = "PostgreSQL" if args.db else "SQLite"
    print(
        f"posts: {args.posts} due over {args.spread:.0f} s on {len(CHANNELS)} channels, "
        f"fake delay {args.delay * ms:.0f} ms, concurrency {args.concurrency}/channel, db {db}"
    )
    print(f"daemon: published {d['published']} {d['other'] or ''}, exit {d['exit']}")
    print(
        f"drain: daemon {d['drain']:.2f} s, raw asyncio+httpx {raw:.2f} s, "
        f"ratio {d['drain'] / raw:.2f} (aim <= 1.5)"
    )
    per = ", ".join(f"{ch} {v:.1f} s" for ch, v in d["per_channel"].items())
    print(f"daemon drain per channel: {per}")
    print(
        f"start lateness: daemon p50 {d['late_p50'] * ms:.0f} ms, "
        f"p99 {d['late_p99'] * ms:.0f} ms, max {d['late_max'] * ms:.0f} ms (aim p99 < 1000 ms); "
        f"raw loop p50 {pct(raw_late, 0.5) * ms:.0f} ms, p99 {pct(raw_late, 0.99) * ms:.0f} ms"
    )
    idle = d["idle"]
    print(
        f"idle over {args.idle:.0f} s: CPU {idle['cpu_s']:.2f} s ({idle['cpu_pct']:.2f} %), "
        f"RSS {idle['rss_mb']:.0f} MB; CPU used from start to the end of the drain "
        f"{idle['busy_cpu_s']:.1f} s"
    )


if __name__ == "__main__":
    main()

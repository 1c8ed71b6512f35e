"""What the safety checks cost: masking secrets in every log line and every stored error,
and validating calendar.toml (paths, images, URLs, dates) before any command runs.

Each figure is printed beside a baseline measured in the same run:
- log lines through a handler with the secret filter vs the same handler without it;
- ``scrub`` of a platform's error text vs copying the text;
- ``load_calendar`` of the bundled calendar vs ``tomllib`` parsing the same bytes.

    python bench/hardening.py [--lines 20000] [--loads 30]
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import secrets
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

from campaigns.config import load_calendar
from campaigns.daemon.logs import RedactFilter
from campaigns.secrets import scrub

ROOT = Path(__file__).resolve().parent.parent


def best_of(runs: int, work: Callable[[], None]) -> float:
    """The fastest of ``runs`` timings of ``work`` (seconds): the least disturbed."""
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - t0)
    return best


def log_lines(n: int, filtered: bool) -> Callable[[], None]:
    handler = logging.StreamHandler(io.StringIO())
    if filtered:
        handler.addFilter(RedactFilter())
    log = logging.Logger("bench", logging.INFO)
    log.addHandler(handler)

    def work() -> None:
        for i in range(n):
            log.info("post %s: published on %s as %s", i, "facebook", f"1234_{i}")

    return work


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=20_000)
    parser.add_argument("--loads", type=int, default=30)
    args = parser.parse_args()

    # secrets Loa knows, as a ward with three channels would have them
    for field in ("FACEBOOK_PAGE_TOKEN", "ZALO_REFRESH_TOKEN", "WEBSITE_APP_PASSWORD"):
        os.environ[f"LOA_SECRET_{field}"] = "EAAB" + secrets.token_hex(24)
    os.environ["LOA_SECRETS_FILE"] = str(Path("/nonexistent/secrets.json"))
    scrub("warm up")

    raw = best_of(5, log_lines(args.lines, filtered=False))
    masked = best_of(5, log_lines(args.lines, filtered=True))
    per_line = (masked - raw) / args.lines * 1e6
    print(f"log lines ({args.lines}):        plain {args.lines / raw:>9,.0f}/s   "
          f"with the secret filter {args.lines / masked:>9,.0f}/s   "
          f"cost ×{masked / raw:.2f} ({per_line:.1f} µs a line)")  # fmt: skip

    error = ("(#190) Error validating access token: Malformed access token "
             + os.environ["LOA_SECRET_FACEBOOK_PAGE_TOKEN"] + " " + "x" * 120)  # fmt: skip
    n = 5_000
    copy = best_of(5, lambda: [str(error + "") for _ in range(n)] and None)
    clean = best_of(5, lambda: [scrub(error) for _ in range(n)] and None)
    print(f"scrub a platform error:    copy {copy / n * 1e6:>8.2f} µs   "
          f"scrub {clean / n * 1e6:>8.2f} µs")  # fmt: skip

    path = ROOT / "calendar.toml"
    data = path.read_bytes()
    parse = best_of(args.loads, lambda: tomllib.loads(data.decode("utf-8")) and None)
    load = best_of(args.loads, lambda: load_calendar(path) and None)
    print(f"calendar.toml:             tomllib {parse * 1e3:>7.2f} ms   "
          f"load_calendar (every check) {load * 1e3:>7.2f} ms   ×{load / parse:.0f}")  # fmt: skip


if __name__ == "__main__":
    main()

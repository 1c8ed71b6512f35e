"""Bulletin benchmark: speed and coverage of the read-aloud rules on the bundled content.

    python bench/bulletin.py [--rounds N]

Speed: every text of the bundled calendar (slogans, facts, documents, peak and event
names, opening and closing) through ``Speech``, against a baseline that only does what a
plain ``str.replace`` pass can (each bundled abbreviation and '%' replaced, no numbers
read). Coverage: how many texts have a digit, '%', a known abbreviation or an all-caps word
left after each. Then a week of bulletins (1–7/4/2026) assembled, without writing files.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from campaigns.bulletin.assemble import build, speech_of  # noqa: E402
from campaigns.bulletin.speech import ABBREVIATIONS  # noqa: E402
from campaigns.config.load import load_calendar  # noqa: E402

_WORD = re.compile(r"[^\W\d_]+(?:[&.-][^\W\d_]+)*")


def texts(cal) -> list[str]:
    out = [cal.config.bulletin.opening, cal.config.bulletin.closing]
    for c in cal.campaigns.values():
        out += [c.title, c.short_title, *(d.title for d in c.documents)]
    out += [i.text for p in cal.pools.values() for i in p.items]
    out += [p.peak.name for p in cal.peaks] + [e.name for e in cal.config.events]
    return out


def baseline(text: str) -> str:
    for key, value in ABBREVIATIONS.items():
        text = text.replace(key, value)
    return text.replace("%", " phần trăm")


def left_over(text: str) -> bool:
    if re.search(r"\d|%", text):
        return True
    return any(len(w) > 1 and w.isupper() for w in _WORD.findall(text))


def timed(fn, items: list[str], rounds: int) -> float:
    runs = []
    for _ in range(rounds):
        start = time.perf_counter()
        for t in items:
            fn(t)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    cal = load_calendar(ROOT / "calendar.toml")
    items = texts(cal)
    speech = speech_of(cal)
    chars = sum(len(t) for t in items)
    base = timed(baseline, items, args.rounds)
    loa = timed(speech, items, args.rounds)
    print(f"{len(items)} texts, {chars} characters, median of {args.rounds} rounds")
    print(f"  str.replace baseline: {base * 1000:7.2f} ms ({base / len(items) * 1e6:6.1f} µs/text)")
    print(f"  Loa Speech:           {loa * 1000:7.2f} ms ({loa / len(items) * 1e6:6.1f} µs/text)")
    print(f"  ratio: {loa / base:.1f}x")
    raw = sum(left_over(t) for t in items)
    print(f"  texts with a digit, '%' or all-caps word: written {raw}, "
          f"baseline {sum(left_over(baseline(t)) for t in items)}, "
          f"Loa {sum(left_over(speech(t)) for t in items)}")  # fmt: skip
    print(f"  unknown abbreviations: {sorted(speech.unknown) or 'none'}")
    start = time.perf_counter()
    plan = build(cal, date(2026, 4, 1), date(2026, 4, 7))
    took = time.perf_counter() - start
    total = sum(b.seconds for b in plan.bulletins)
    print(f"week 1–7/4/2026: {len(plan.bulletins)} bulletins assembled in {took * 1000:.0f} ms, "
          f"{total / len(plan.bulletins):.0f} s of reading each on average")  # fmt: skip


if __name__ == "__main__":
    main()

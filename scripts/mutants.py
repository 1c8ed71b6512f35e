"""Check that the tests catch bugs in the code that decides what gets published.

Each mutant below is a small, plausible bug (a flipped comparison, a dropped check) in the
queue, the publish attempt, the lifecycle, the planner or the TUI. For each one the tree
is copied, the bug applied to the copy, and the tests named for it run there: a mutant
that no test fails "survives", and the script exits non-zero.

    .venv/bin/python scripts/mutants.py            # all of them (about 10 minutes)
    .venv/bin/python scripts/mutants.py claim-order recover-any   # some, by name
    .venv/bin/python scripts/mutants.py --list

PostgreSQL tests run too when the server is up (see tests/conftest.py).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUEUE = "campaigns/publishing/queue.py"
ATTEMPT = "campaigns/publishing/attempt.py"
SLOTS = "campaigns/planning/slots.py"
CONTRACT = "tests/publishing/test_queue_contract.py"
ONCE = "tests/daemon/test_exactly_once.py"


@dataclass(frozen=True)
class Mutant:
    name: str
    path: str
    old: str
    new: str
    tests: tuple[str, ...]
    why: str


MUTANTS = (
    Mutant("still-held-any-actor", QUEUE,
           "        .where(which, POST_TABLE.c.status == Status.PUBLISHING, "
           "POST_TABLE.c.claimed_by == actor)\n",
           "        .where(which, POST_TABLE.c.status == Status.PUBLISHING)\n", (ONCE,),
           "a daemon whose claim was taken over still writes to the platform"),
    Mutant("claim-order", QUEUE, ".order_by(col(Post.due_at), col(Post.id))",
           ".order_by(col(Post.due_at).desc(), col(Post.id))", (CONTRACT,),
           "claim takes the newest due post first"),
    Mutant("move-own-any-actor", QUEUE,
           "            POST_TABLE.c.status.in_(move.allowed),\n"
           "            POST_TABLE.c.claimed_by == actor,\n",
           "            POST_TABLE.c.status.in_(move.allowed),\n", (CONTRACT,),
           "a daemon whose lease ran out ends another daemon's claim"),
    Mutant("missed-ignores-due", QUEUE, "            POST_TABLE.c.due_at == post.due_at,\n", "",
           (CONTRACT,), "the missed sweep overrides a reschedule"),
    Mutant("recover-any", QUEUE,
           "POST_TABLE.c.claimed_by.startswith(DAEMON_ACTOR, autoescape=True)",
           "POST_TABLE.c.claimed_by.isnot(None)", (CONTRACT,),
           "recovery also takes back claims of the TUI and the CLI"),
    Mutant("claim-one-any-status", QUEUE, "if old is None or not PUBLISH_NOW.allows(old):",
           "if old is None:", (CONTRACT,), "publish-now claims a post in any state"),
    Mutant("lease-boundary", QUEUE, "POST_TABLE.c.lease_until < store.clock()",
           "POST_TABLE.c.lease_until <= store.clock()", (CONTRACT,),
           "a lease is taken back the instant it ends, not after"),
    Mutant("renew-all", QUEUE,
           "            POST_TABLE.c.status == Status.PUBLISHING,\n"
           "            POST_TABLE.c.claimed_by == actor,\n        )\n"
           "        .values(lease_until=",
           "            POST_TABLE.c.status == Status.PUBLISHING,\n        )\n"
           "        .values(lease_until=", (CONTRACT,), "a daemon renews other daemons' leases"),
    Mutant("claim-ignores-retry-time", QUEUE, "        ready_at() <= now,\n",
           "        col(Post.due_at) <= now,\n", (CONTRACT,),
           "a post waiting for its retry is taken at once"),
    Mutant("expire-not-maybe-live", QUEUE,
           "claimed_by=None,\n            lease_until=None,\n            maybe_live=True,",
           "claimed_by=None,\n            lease_until=None,\n            maybe_live=False,",
           (CONTRACT,), "an expired lease forgets the post may be live"),
    Mutant("receipt-only-while-held", QUEUE, "        if not LIVE.allows(old):",
           "        if old != Status.PUBLISHING:", (CONTRACT,),
           "a receipt that arrives after the lease ran out is dropped"),
    Mutant("stale-check-skipped", "campaigns/daemon/dispatcher.py",
           "states=self.states)  # fmt: skip", "states=self.states, check_stale=False)",
           (ONCE,), "the daemon publishes a post that went stale after its claim"),
    Mutant("unexpected-fails-for-good", ATTEMPT,
           '    return _retry_or_fail(t, message, "unknown", None, maybe_live=True)',
           '    queue.finish_failed(t.store, t.post, actor=t.actor, reason=message, '
           'kind="unknown", maybe_live=True)\n'
           '    return Outcome(t.id, t.post.channel, "failed", message)', (ONCE,),
           "an unexpected publisher exception fails the post for good"),
    Mutant("unexpected-not-maybe-live", ATTEMPT,
           '_retry_or_fail(t, message, "unknown", None, maybe_live=True)',
           '_retry_or_fail(t, message, "unknown", None, maybe_live=False)', (ONCE,),
           "after an unexpected error the post is published again without asking"),
    Mutant("publish-now-without-claim", ATTEMPT,
           "claimed = queue.claim_one(store, cal.unit, post_id, actor=actor, lease=lease)",
           "claimed = post", (ONCE,), "publish-now does not claim: the daemon can take it too"),
    Mutant("reconcile-by-counter", ATTEMPT, "    if post.maybe_live:\n        if not publisher",
           "    if post.attempts > 1:\n        if not publisher", (ONCE,),
           "reconciliation inferred from the attempts counter, not the persisted flag"),
    Mutant("lost-answer-not-flagged", ATTEMPT,
           "unknown = isinstance(exc, TransientError) and exc.maybe_live", "unknown = False",
           (ONCE,), "a lost answer is not persisted as 'may be live'"),
    Mutant("failed-lookup-clears", ATTEMPT, "return _failed(t, exc, maybe_live=True)",
           "return _failed(t, exc, maybe_live=False)", (ONCE,),
           "a look-up that failed clears the doubt"),
    Mutant("reschedule-clears-doubt", "campaigns/store/posts.py",
           "attempts=0, next_attempt_at=None,",
           "attempts=0, next_attempt_at=None, maybe_live=False,", (CONTRACT, ONCE),
           "a reschedule forgets the post may be live"),
    Mutant("planner-replaces-maybe-live", "campaigns/store/lifecycle.py",
           "    if maybe_live:\n        return False", "    if False:\n        return False",
           ("tests/store/test_plan_store.py",), "the planner supersedes a post that may be live"),
    Mutant("tui-publish-drafts", "tui/screens/post.py",
           "        if not PUBLISH_NOW.allows(self.post.status):\n            reason",
           "        if False:\n            reason", ("tests/tui/test_maybe_live.py",),
           "the post screen offers 'publish now' for a draft"),
    Mutant("event-latest-slot", SLOTS, "t = ev.time or slot_times[0]",
           "t = ev.time or slot_times[-1]", ("tests/planning",),
           "an event with no time takes the latest slot"),
    Mutant("overlap-other-way", SLOTS, "window_of.setdefault(d, w)", "window_of[d] = w",
           ("tests/planning",), "overlapping peak windows resolved the other way"),
    Mutant("slots-for-disabled-channels", SLOTS,
           "                    for ch in s.channels or channels:\n"
           "                        if ch in order:",
           "                    for ch in s.channels or channels:\n"
           "                        if True:", ("tests/planning",),
           "regular slots made for disabled channels"),
    Mutant("events-for-disabled-channels", SLOTS,
           "            for ch in ev.channels or channels:\n                if ch in order:",
           "            for ch in ev.channels or channels:\n                if True:",
           ("tests/planning",), "event slots made for disabled channels"),
    Mutant("slot-key-without-minutes", SLOTS, 'f"{t.hour:02d}:{t.minute:02d}"',
           'f"{t.hour:02d}"', ("tests/planning",), "a slot key without its minutes"),
)  # fmt: skip


def copy_tree(target: Path) -> None:
    ignore = shutil.ignore_patterns(".git", ".venv", "__pycache__", ".mypy_cache",
                                    ".ruff_cache", ".pytest_cache", "*.db")  # fmt: skip
    shutil.copytree(ROOT, target, ignore=ignore, dirs_exist_ok=True)


def run(mutant: Mutant, python: str) -> tuple[bool, float, str]:
    """(killed, seconds, the last lines of the test output)."""
    with tempfile.TemporaryDirectory(prefix=f"loa-mutant-{mutant.name}-") as tmp:
        tree = Path(tmp)
        copy_tree(tree)
        path = tree / mutant.path
        text = path.read_text("utf-8")
        if text.count(mutant.old) != 1:
            raise SystemExit(f"{mutant.name}: the code to mutate is not found exactly once")
        path.write_text(text.replace(mutant.old, mutant.new), "utf-8")
        start = time.monotonic()
        done = subprocess.run(
            [python, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *mutant.tests],
            cwd=tree, capture_output=True, text=True, check=False,
        )  # fmt: skip
        tail = "\n".join(done.stdout.strip().splitlines()[-3:])
        return done.returncode != 0, time.monotonic() - start, tail


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="only these mutants")
    parser.add_argument("--list", action="store_true", help="list the mutants and exit")
    args = parser.parse_args()
    chosen = [m for m in MUTANTS if not args.names or m.name in args.names]
    if args.list:
        for m in chosen:
            print(f"{m.name:32} {m.why}")
        return 0
    unknown = set(args.names) - {m.name for m in MUTANTS}
    if unknown:
        raise SystemExit(f"unknown mutants: {', '.join(sorted(unknown))}")
    python = str(ROOT / ".venv" / "bin" / "python")
    survived = []
    for m in chosen:
        killed, seconds, tail = run(m, python)
        print(f"{'killed  ' if killed else 'SURVIVED'} {m.name:32} {seconds:6.1f} s  {m.why}")
        if not killed:
            survived.append(m.name)
            print("    " + tail.replace("\n", "\n    "))
    print(f"{len(chosen) - len(survived)} of {len(chosen)} mutants killed")
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main())

"""Fuzzing what an officer (or a script) gives Loa: generated calendars and command lines
end in success or a clear refusal, never in "Lỗi không mong đợi" (an unexpected bug).

Calendars start from the bundled one: values of any key replaced by values of any TOML
type, keys removed or added, sections duplicated, and raw text edits (bytes inserted,
lines cut). Command lines are drawn from every subcommand that needs no network and ends
by itself, with numbers, dates and words that are valid, absurd or hostile.

``LOA_FUZZ_EXAMPLES`` sets the examples per test (CI sets it high enough for minutes of
fuzzing). ``LOA_DEBUG`` is set, so an unexpected exception fails the test with its
traceback and Hypothesis shrinks the input that caused it.
"""

from __future__ import annotations

import copy
import os
import tomllib
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.conftest import BUNDLED

# Each test runs EXAMPLES examples: minutes on a busy CI machine, past the suite's 300 s limit.
pytestmark = [pytest.mark.fuzz, pytest.mark.timeout(1200)]

EXAMPLES = int(os.environ.get("LOA_FUZZ_EXAMPLES", "60"))
SEED_PLAN = Path(__file__).resolve().parents[1] / "data" / "plans" / "002_7d4bd162351cd4da.txt"
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
BASE_TEXT = BUNDLED.read_text("utf-8")
BASE = tomllib.loads(BASE_TEXT)

# -- values ------------------------------------------------------------------------------

texts = st.one_of(
    st.text(max_size=30),
    st.sampled_from([
        "", " ", "7/4", "31/4", "29/2", "00/00", "1/13", "25:61", "07:30", "T2", "CN", "T9",
        "https://[::1", "https://example.com:abc", "http://example.com", "file:///etc/passwd",
        "/etc/passwd", "/proc/self/environ", "../../..", "~", "C:\\Windows", "\x00", "\ufeff",
        "{{ 1/0 }}", "{% include 'x' %}", "<script>alert(1)</script>", "nq72", "s01",
        "Asia/Ho_Chi_Minh", "Mars/Olympus", "kien-an", "x" * 300, "Phường Kiến An",
    ]),
)  # fmt: skip
scalars = st.one_of(
    texts,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.times().map(lambda t: time(t.hour, t.minute)),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


EDGE_DATES = [date(1, 1, 1), date(9999, 12, 31), date(2026, 4, 7), date(2028, 2, 29),
              date(1900, 1, 1), date(2226, 1, 1)]  # fmt: skip
EDGE_INTS = [0, -1, 1, 2**31, 2**63, 10**20, -(10**20), 32, 366, 100_000]


def like(original: Any) -> st.SearchStrategy[Any]:
    """Mostly a value of the original's own type, near its edges; sometimes anything."""
    if isinstance(original, bool):
        same: st.SearchStrategy[Any] = st.booleans()
    elif isinstance(original, int):
        same = st.one_of(st.sampled_from(EDGE_INTS), st.integers(-(10**6), 10**6))
    elif isinstance(original, float):
        same = st.floats(allow_nan=False, allow_infinity=False)
    elif isinstance(original, date):
        same = st.one_of(st.sampled_from(EDGE_DATES), st.dates())
    elif isinstance(original, time):
        same = st.times().map(lambda t: time(t.hour, t.minute))
    elif isinstance(original, str):
        same = texts
    elif isinstance(original, list) and original:
        same = st.lists(like(original[0]), max_size=6)
    else:
        return values
    return st.one_of(same, same, same, values)


def leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value in the parsed calendar (tables and arrays included)."""
    out = [path] if path else []
    if isinstance(node, dict):
        for key, child in node.items():
            out += leaves(child, (*path, key))
    elif isinstance(node, list):
        for i, child in enumerate(node):
            out += leaves(child, (*path, i))
    return out


PATHS = leaves(BASE)
# by top-level section, so a small section (period, ward) is edited as often as a big one
SECTIONS = {key: [p for p in PATHS if p[0] == key] for key in BASE}


def _parent(doc: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        doc = doc[step]
    return doc


@st.composite
def edited_calendars(draw: st.DrawFn) -> str:
    doc = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(SECTIONS[draw(st.sampled_from(sorted(SECTIONS)))]))
        try:
            parent = _parent(doc, path)
            action = draw(st.sampled_from(["set", "set", "set", "drop", "add"]))
            if action == "set":
                parent[path[-1]] = draw(like(parent[path[-1]]))
            elif action == "drop":
                del parent[path[-1]]
            elif isinstance(parent, dict):
                parent[draw(st.text(min_size=1, max_size=12))] = draw(values)
            elif isinstance(parent, list):
                parent.append(draw(values))
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed or replaced this path
    try:
        return tomli_w.dumps(doc)
    except (TypeError, ValueError):
        assume(False)
        raise AssertionError("unreachable") from None


@st.composite
def damaged_text(draw: st.DrawFn) -> str:
    lines = BASE_TEXT.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        what = draw(st.sampled_from(["cut", "insert", "duplicate", "splice"]))
        if what == "cut":
            del lines[i]
        elif what == "duplicate":
            lines.insert(i, lines[i])
        elif what == "insert":
            lines.insert(i, draw(st.text(max_size=40)) + "\n")
        else:
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.text(max_size=6)) + lines[i][at:]
    return "".join(lines)


@pytest.fixture(autouse=True)
def _debug(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LOA_DEBUG", "1")  # an unexpected exception raises: Hypothesis shrinks
    monkeypatch.chdir(tmp_path)  # a generated `--out 0` lands here, not in the repository


def _expected_end(result) -> None:
    assert "Lỗi không mong đợi" not in result.err, result.err
    assert result.code in (0, 2), (result.code, result.err[-800:])


def _run_calendar(run_cli, tmp_path: Path, text: str) -> None:
    folder = tmp_path / f"ward-{abs(hash(text)) % 10**8}"
    folder.mkdir(exist_ok=True)
    calendar = folder / "calendar.toml"
    calendar.write_text(text, "utf-8")
    db = f"sqlite:///{folder / 'loa.db'}"
    _expected_end(run_cli("check", calendar=calendar, db=db))
    _expected_end(
        run_cli("plan", "--from", "01/04/2026", "--to", "10/04/2026", calendar=calendar, db=db)
    )


@FUZZ
@given(text=edited_calendars())
def test_edited_calendars_are_planned_or_refused_clearly(run_cli, tmp_path, text) -> None:
    _run_calendar(run_cli, tmp_path, text)


@FUZZ
@given(text=damaged_text())
def test_damaged_calendar_text_is_refused_clearly(run_cli, tmp_path, text) -> None:
    _run_calendar(run_cli, tmp_path, text)


# -- command lines -------------------------------------------------------------------------

HUGE = ["99999999999999999999", "9223372036854775808", "2147483648", "-1", "0", "1e9", "0x10",
        "", " ", "１２"]  # fmt: skip
numbers = st.one_of(st.sampled_from(HUGE), st.integers(min_value=1, max_value=200).map(str))
day_values = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
days = st.one_of(
    st.sampled_from(["01/01/0001", "31/12/9999", "0001-01-01", "9999-12-31", "00/00/0000",
                     "31/02/2026", "2026-13-01", "hôm nay", "07/04", "", "07/04/2026 07:30"]),
    day_values.map(lambda d: d.strftime("%d/%m/%Y")),
    day_values.map(date.isoformat),
)  # fmt: skip
periods = st.one_of(
    st.sampled_from(["2026-Q2", "2026-Q5", "0-Q1", "9999-Q4", "99999999999999999999-Q1",
                     "2026", "0", "9999", "10000", "-1", "Q2", ""]),
    st.integers(min_value=-5, max_value=12_000).map(str),
)  # fmt: skip
words = st.one_of(texts, days, numbers)
# every subcommand that needs no network and ends by itself, with its positional arguments
COMMANDS: dict[tuple[str, ...], st.SearchStrategy[list[str]]] = {
    ("check",): st.just([]),
    ("content",): st.just([]),
    ("plan",): st.just([]),
    ("status",): st.just([]),
    ("history",): st.just([]),
    ("posts", "list"): st.just([]),
    ("posts", "show"): st.lists(numbers, min_size=1, max_size=1),
    ("posts", "history"): st.lists(numbers, min_size=1, max_size=1),
    ("posts", "approve"): st.lists(numbers, max_size=3),
    ("posts", "cancel"): st.lists(numbers, min_size=1, max_size=3),
    ("posts", "restore"): st.lists(numbers, min_size=1, max_size=3),
    ("posts", "reschedule"): st.tuples(numbers, st.one_of(days, words)).map(list),
    ("posts", "resolve"): st.lists(numbers, min_size=1, max_size=1),
    ("report",): st.just([]),
    ("engagement",): st.just(["--no-refresh"]),
    ("campaign", "import"): st.lists(
        st.one_of(texts, st.just(str(SEED_PLAN)), st.just(str(SEED_PLAN.parent))),
        min_size=1,
        max_size=1,
    ),
}
OPTIONS: dict[str, st.SearchStrategy[str]] = {
    "--from": days, "--to": days, "--limit": numbers, "--channel": words, "--status": words,
    "--reason": texts, "--link": texts, "--format": words, "--quarter": periods,
    "--year": periods, "--out": texts,
}  # fmt: skip
FLAGS = ["--json", "--not-published", "--no-refresh"]


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    command = draw(st.sampled_from(sorted(COMMANDS)))
    argv = [*command, *draw(COMMANDS[command])]
    for _ in range(draw(st.integers(0, 3))):
        if draw(st.integers(0, 3)) == 0:
            argv.append(draw(st.sampled_from(FLAGS)))
        else:
            option = draw(st.sampled_from(sorted(OPTIONS)))
            argv += [option, draw(OPTIONS[option])]
    return argv


@pytest.fixture
def planned(run_cli) -> None:
    assert run_cli("plan", "--from", "01/04/2026", "--to", "30/04/2026").code == 0
    assert run_cli("posts", "approve", "1", "2", "3").code == 0


@FUZZ
@given(argv=command_lines())
def test_command_lines_end_in_a_result_or_a_clear_refusal(run_cli, planned, argv) -> None:
    _expected_end(run_cli(*argv))

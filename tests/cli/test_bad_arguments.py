"""The corpus of absurd command lines (tests/data/bad/cli/arguments.txt): each is refused
with one clear Vietnamese line, exit 2, no traceback, and the database is left as it was."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent / "data" / "bad" / "cli" / "arguments.txt"
CASES = [
    tuple(part.strip() for part in line.rsplit(" | ", 1))
    for line in CORPUS.read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


def test_corpus_covers_ids_counts_dates_years_and_waits() -> None:
    lines = " ".join(argv for argv, _ in CASES)
    for needle in ("99999999999999999999", "--limit", "01/01/0001", "31/12/9999", "--year",
                   "--quarter", "reschedule", "--drain", "--banner-dpi"):  # fmt: skip
        assert needle in lines, needle


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """One planned database, copied per case (planning is the slow part)."""
    from campaigns.cli import main
    from tests.conftest import BUNDLED

    folder = tmp_path_factory.mktemp("planned")
    calendar = folder / "calendar.toml"
    calendar.write_text(BUNDLED.read_text("utf-8"), "utf-8")
    db = folder / "loa.db"
    argv = ["--calendar", str(calendar), "--db", f"sqlite:///{db}"]
    assert main([*argv, "plan", "--from", "01/04/2026", "--to", "10/04/2026"]) == 0
    return calendar, db


@pytest.mark.parametrize(("argv", "expected"), CASES, ids=[a for a, _ in CASES])
def test_absurd_argument_is_one_clear_line(
    argv: str, expected: str, planned: tuple[Path, Path], tmp_path: Path, run_cli
) -> None:
    calendar, planned_db = planned
    db = tmp_path / "loa.db"
    db.write_bytes(planned_db.read_bytes())
    before = db.read_bytes()
    monkey_out = tmp_path / "out"  # `--out x` lands here, never in the working directory
    args = [str(monkey_out) if a == "x" else a for a in shlex.split(argv)]

    result = run_cli(*args, calendar=calendar, db=f"sqlite:///{db}")

    assert result.code == 2, result.err
    assert "Traceback" not in result.err and "Lỗi không mong đợi" not in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Lỗi:"), result.err
    assert expected in " ".join(result.err.split()), result.err
    assert db.read_bytes() == before, "an absurd argument must not change the database"
    assert not monkey_out.exists()

"""The corpus of broken calendars and campaign files: each one gets a clear, located
Vietnamese message, exit code 2, and the database is never created or changed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

BAD = Path(__file__).resolve().parent.parent / "data" / "bad"
CASES = sorted(BAD.glob("*.toml"))
EXPECT = re.compile(r"^# expect: (?:@(\S+) )?(\S+) (\S+) \| (.+)$")


def _expectation(path: Path) -> tuple[str | None, str, str, str]:
    # the header is UTF-8 even where the rest of the file is deliberately not
    m = EXPECT.match(path.read_bytes().split(b"\n", 1)[0].decode("utf-8"))
    assert m, f"{path.name}: first line must be '# expect: [@file] LINE KEY | text'"
    return m.group(1), m.group(2), m.group(3), m.group(4)


def test_corpus_is_not_empty() -> None:
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_bad_file_is_rejected_with_a_located_message(case: Path, tmp_path: Path, run_cli) -> None:
    other, line, key, text = _expectation(case)
    calendar = tmp_path / case.name
    shutil.copy(case, calendar)
    shutil.copytree(BAD / "campaigns", tmp_path / "campaigns")
    db_file = tmp_path / "must-not-exist.db"

    result = run_cli(
        "plan",
        "--from",
        "01/01/2026",
        "--to",
        "31/12/2026",
        calendar=calendar,
        db=f"sqlite:///{db_file}",
    )

    assert result.code == 2
    assert "Traceback" not in result.err
    message = " ".join(result.err.split())
    where = str(tmp_path / other) if other else str(calendar)
    located = where if line == "-" else f"{where}:{line}:"
    assert located in message, message
    if key != "-":
        assert f"khóa '{key}'" in message, message
    assert text in message, message
    assert not db_file.exists(), "a bad calendar must not create the database"


def test_bad_calendar_leaves_an_existing_database_unchanged(
    run_cli, calendar_file: Path, db_url: str, tmp_path: Path
) -> None:
    assert run_cli("plan", "--from", "01/03/2026", "--to", "31/03/2026").code == 0
    db_file = Path(db_url.removeprefix("sqlite:///"))
    before = run_cli("posts", "list", "--json").out
    broken = tmp_path / "broken.toml"
    broken.write_text(
        calendar_file.read_text(encoding="utf-8").replace('"7/4"', '"31/4"'), encoding="utf-8"
    )
    result = run_cli("plan", "--from", "01/01/2026", "--to", "31/12/2026", calendar=broken)
    assert result.code == 2
    assert "'31/4' không phải ngày có thật" in result.err
    assert run_cli("posts", "list", "--json").out == before
    assert db_file.exists()


def test_missing_calendar_file(run_cli, tmp_path: Path) -> None:
    result = run_cli("check", calendar=tmp_path / "khong-co.toml")
    assert result.code == 2
    assert "khong-co.toml: không tìm thấy tệp" in result.err


def test_calendar_that_is_not_utf8(run_cli, tmp_path: Path) -> None:
    bad = tmp_path / "latin.toml"
    bad.write_bytes(b'campaigns = ["nq72"]\n[ward]\nname = "X\xe3 M\xe2u"\n')  # Windows-1258
    result = run_cli("check", calendar=bad)
    assert result.code == 2
    assert "UTF-8" in result.err


def test_every_error_of_a_file_comes_in_one_run(calendar_file, run_cli) -> None:
    """Errors of the model (an unknown key, a bad time) and of the checks that need a valid
    model (the time zone, a preference) are all listed, each at its line; a key with an
    error is left out of the later checks, so they do not echo it."""
    text = calendar_file.read_text(encoding="utf-8")
    text = text.replace('timezone = "Asia/Ho_Chi_Minh"', 'timezone = "Asia/Hanoi2"')
    text = text.replace('name = "Phường Kiến An"', 'name = "Phường Kiến An"\ncolour = "x"', 1)
    text = text.replace('time = "07:30"', 'time = "25:30"', 1)
    text = text.replace('prefer = ["s12"', 'prefer = ["s99"', 1)
    text = text.replace('date = "7/4"', 'date = "31/2"', 1)
    calendar_file.write_text(text, encoding="utf-8")
    result = run_cli("check")
    assert result.code == 2
    lines = result.err.removeprefix("Lỗi: ").splitlines()
    keys = [line.split("khóa '", 1)[1].split("'", 1)[0] for line in lines]
    assert keys == [
        "ward.colour", "slots[0].time", "peaks[1].date", "timezone", "peaks[2].prefer[0]"
    ]  # fmt: skip
    assert all(line.startswith(f"{calendar_file}:") for line in lines)
    # the peak with a bad date is out of the later checks: its prefer list is not re-checked
    assert not any("peaks[1].prefer" in line for line in lines)

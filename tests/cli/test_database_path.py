"""A mistyped database path is refused, never answered from a new, empty database; the
default location and the commands that add posts still make it on a fresh machine."""

from __future__ import annotations

from pathlib import Path

import platformdirs


def test_a_folder_that_does_not_exist_is_named(run_cli, tmp_path: Path) -> None:
    missing = tmp_path / "khong-co" / "thu-muc"
    for args in (["status"], ["posts", "list"], ["plan", "--from", "01/12/2026", "--to",
                                                 "02/12/2026"]):  # fmt: skip
        result = run_cli(*args, db=f"sqlite:///{missing / 'loa.db'}")
        assert result.code == 2, result
        assert f"Thư mục '{missing}' của cơ sở dữ liệu không tồn tại" in result.err
        assert len(result.err.strip().splitlines()) == 1 or "--db" in result.err
    assert not (tmp_path / "khong-co").exists()


def test_a_read_only_command_makes_no_database(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "go-nham.db"
    result = run_cli("status", db=f"sqlite:///{path}")
    assert result.code == 2
    assert f"Chưa có cơ sở dữ liệu '{path}'" in result.err and "loa plan" in result.err
    assert not path.exists()


def test_plan_makes_the_database_and_then_status_reads_it(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "moi.db"
    made = run_cli("plan", "--from", "01/12/2026", "--to", "02/12/2026", db=f"sqlite:///{path}")
    assert made.code == 0, made.err
    assert path.exists()
    assert run_cli("status", db=f"sqlite:///{path}").code == 0


def test_the_default_location_is_made_on_a_fresh_machine(calendar_file, capsys) -> None:
    from campaigns.cli import main

    default = Path(platformdirs.user_data_dir("loa")) / "loa.db"
    assert not default.parent.exists()  # a fresh home (tests/conftest.py)
    status = main(["--calendar", str(calendar_file), "status"])
    assert status == 2 and not default.exists()  # reading makes nothing, even there
    capsys.readouterr()
    code = main(["--calendar", str(calendar_file), "plan", "--from", "01/12/2026", "--to",
                 "02/12/2026"])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    assert default.exists()

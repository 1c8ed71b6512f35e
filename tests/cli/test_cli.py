"""The loa command end to end (in-process): output, JSON rows, exit codes, Vietnamese."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from campaigns.timeutil import utcnow


def test_check_summarises_the_bundled_calendar(run_cli) -> None:
    result = run_cli("check")
    assert result.code == 0
    assert "hợp lệ" in result.out
    assert "Cao điểm Ngày Sức khỏe toàn dân: 04/04/2026 – 08/04/2026" in result.out
    assert unicodedata.is_normalized("NFC", result.out)


def test_check_shows_the_solar_days_of_lunar_dates_for_every_year(
    run_cli, calendar_file: Path
) -> None:
    text = calendar_file.read_text("utf-8")
    gio_to = '[[events]]\nname = "Giỗ Tổ Hùng Vương"\nlunar = "10/3"\n\n# Sự kiện một lần.'
    calendar_file.write_text(text.replace("# Sự kiện một lần.", gio_to), "utf-8")
    result = run_cli("check")
    assert result.code == 0, result.err
    lines = [line.strip() for line in result.out.splitlines()]  # indented under each year
    assert [line for line in lines if line.startswith("Nghỉ đăng Tết")] == [
        f"Nghỉ đăng Tết Nguyên đán (âm lịch 30/12 – 6/1): {span}"
        for span in (
            "16/02/2026 – 22/02/2026",
            "05/02/2027 – 11/02/2027",
            "25/01/2028 – 31/01/2028",
            "12/02/2029 – 18/02/2029",
            "01/02/2030 – 07/02/2030",
        )
    ]
    assert [line for line in lines if "Giỗ Tổ" in line] == [
        f"Sự kiện Giỗ Tổ Hùng Vương (âm lịch 10/3): {day}"
        for day in ("26/04/2026", "16/04/2027", "04/04/2028", "23/04/2029", "12/04/2030")
    ]


def test_plan_then_list_as_json(run_cli) -> None:
    result = run_cli("plan", "--from", "2026-04-01", "--to", "30/04/2026")
    assert result.code == 0 and "thêm" in result.out
    again = run_cli("plan", "--from", "01/04/2026", "--to", "2026-04-30")
    assert "thêm 0 bài" in again.out
    rows = json.loads(
        run_cli(
            "posts",
            "list",
            "--from",
            "07/04/2026",
            "--to",
            "07/04/2026",
            "--channel",
            "zalo",
            "--json",
        ).out
    )
    assert [r["due_at"] for r in rows] == ["2026-04-07T07:30:00+07:00", "2026-04-07T19:30:00+07:00"]
    required = {
        "id",
        "due_at",
        "channel",
        "status",
        "kind",
        "text",
        "peak",
        "external_id",
        "url",
        "error",
    }
    assert required <= set(rows[0])
    assert rows[0]["kind"] == "peak" and rows[0]["peak"] == "Ngày Sức khỏe toàn dân"
    assert rows[1]["peak"] == "Ngày Sức khỏe toàn dân" and rows[1]["status"] == "draft"


def test_reschedule_to_a_past_time_is_refused(run_cli) -> None:
    run_cli("plan", "--from", "01/04/2026", "--to", "07/04/2026")
    run_cli("posts", "approve", "--from", "01/04/2026", "--to", "07/04/2026")
    first = json.loads(run_cli("posts", "list", "--status", "approved", "--json").out)[0]
    result = run_cli("posts", "reschedule", str(first["id"]), "01/01/2020 07:30")
    assert result.code == 2 and "Traceback" not in result.err
    assert "Giờ mới 01/01/2020 07:30 đã qua; chọn một giờ sau bây giờ (" in result.err
    shown = json.loads(run_cli("posts", "show", str(first["id"]), "--json").out)
    assert (shown["status"], shown["due_at"]) == ("approved", first["due_at"])
    assert [(h["from"], h["to"]) for h in shown["history"]] == [("draft", "approved")]


def test_approve_range_cancel_reschedule_show(run_cli) -> None:
    run_cli("plan", "--from", "01/04/2026", "--to", "30/04/2026")
    approved = run_cli(
        "posts", "approve", "--from", "04/04/2026", "--to", "08/04/2026", "--channel", "facebook"
    )
    assert approved.code == 0 and "Đã duyệt 10 bài." in approved.out
    rows = json.loads(run_cli("posts", "list", "--status", "approved", "--json").out)
    assert len(rows) == 10 and {r["channel"] for r in rows} == {"facebook"}
    first = rows[0]["id"]

    day = (utcnow() + timedelta(days=30)).astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
    moved = run_cli("posts", "reschedule", str(first), f"{day:%d/%m/%Y} 06:45")
    assert moved.code == 0 and "06:45 (UTC+7)" in moved.out and "đã duyệt" in moved.out
    cancelled = run_cli("posts", "cancel", str(first), "--reason", "trùng lịch họp")
    assert "Đã hủy 1 bài." in cancelled.out
    again = run_cli("posts", "cancel", str(first))
    assert again.code == 2 and "không thể hủy" in again.err

    shown = json.loads(run_cli("posts", "show", str(first), "--json").out)
    assert shown["status"] == "cancelled"
    assert [(h["from"], h["to"]) for h in shown["history"]] == [
        ("draft", "approved"),
        ("approved", "approved"),
        ("approved", "cancelled"),
    ]
    assert shown["history"][-1]["reason"] == "trùng lịch họp"
    text = run_cli("posts", "show", str(first)).out
    assert "Bài số" in text and "đã duyệt → đã hủy" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["plan", "--from", "31/02/2026"], "'31/02/2026' không phải ngày có thật"),
        (["plan", "--from", "hôm qua"], "không phải ngày"),
        (["posts", "show", "abc"], "'abc' không phải số nguyên dương"),
        (["posts", "list", "--status", "xong"], "lựa chọn 'xong' không hợp lệ"),
        (["posts", "approve"], "Cần số bài, hoặc cả --from và --to"),
        (["posts", "list", "--channel", "tiktok"], "Không có kênh 'tiktok'"),
        (["posts", "reschedule", "1", "mai"], "không phải thời điểm"),
        (["posts", "show", "99999"], "Không có bài số 99999"),
        (["plan", "--from", "01/05/2026", "--to", "01/04/2026"], "phải sau ngày bắt đầu"),
        (["plan", "--from", "01/01/2035", "--to", "31/12/2035"], "nằm ngoài thời gian của lịch"),
        (["khong-co-lenh"], "lựa chọn 'khong-co-lenh' không hợp lệ"),
        (["plan", "--tu", "1"], "không hiểu đối số: --tu"),
    ],
)
def test_bad_input_exits_2_with_one_vietnamese_line(run_cli, args, message) -> None:
    result = run_cli(*args)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err + result.out


def test_database_unreachable_is_a_runtime_failure(run_cli) -> None:
    result = run_cli("posts", "list", db="postgresql://loa:bí-mật@127.0.0.1:1/khong")
    assert result.code == 1
    assert "Không kết nối được cơ sở dữ liệu" in result.err
    assert "bí-mật" not in result.err  # the password is never shown


def test_init_writes_a_calendar_that_passes_check(run_cli, tmp_path: Path) -> None:
    """The issue's case: a Lâm Đồng xã, without questions; the calendar passes check, runs
    NQ72 and the anniversaries, and blacks out Tết on the Vietnamese lunar calendar."""
    target = tmp_path / "xa" / "calendar.toml"
    result = run_cli(
        "init", "--non-interactive", "--province", "lam dong", "--unit", "xã Hàm Liêm",
        "--out", str(target), "--start", "01/01/2026",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "✓" in result.out and "Năm 2030:" in result.out  # init ends with check's report
    text = target.read_text(encoding="utf-8")
    assert 'name = "Xã Hàm Liêm"' in text and 'province = "Tỉnh Lâm Đồng"' in text
    assert 'issuing_unit = "Đảng ủy xã Hàm Liêm"' in text
    assert 'id = "xa-ham-liem"' in text and 'date = "7/4"' in text
    assert 'campaigns = ["nq72", "ngay-le-lon"]' in text and "local_set" not in text
    assert "# [[events]]" in text  # the study session, to fill in
    checked = run_cli("check", calendar=target)
    assert checked.code == 0, checked.err
    lines = [line.strip() for line in checked.out.splitlines()]
    # Tết: mùng 1 on 17/2/2026, 6/2/2027, 26/1/2028, 13/2/2029, 2/2/2030 (Vietnam, UTC+7;
    # China's 2030 new year is a day later); the blackout runs from the eve to mùng 6.
    tet = [date(2026, 2, 17), date(2027, 2, 6), date(2028, 1, 26), date(2029, 2, 13),
           date(2030, 2, 2)]  # fmt: skip
    assert [line for line in lines if line.startswith("Nghỉ đăng Tết")] == [
        f"Nghỉ đăng Tết Nguyên đán (âm lịch 30/12 – 6/1): "
        f"{(d - timedelta(days=1)):%d/%m/%Y} – {(d + timedelta(days=5)):%d/%m/%Y}"
        for d in tet
    ]
    refused = run_cli("init", str(target), "--province", "Lâm Đồng", "--unit", "Xã X")
    assert refused.code == 2 and "--force" in refused.err


def test_init_picks_the_local_content_and_the_issuer(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "moi" / "calendar.toml"
    result = run_cli(
        "init", str(target), "--non-interactive", "--province", "Tỉnh Cao Bằng",
        "--unit", "Ngọc Xuân", "--unit-type", "phuong", "--issuer-kind", "ubnd",
    )  # fmt: skip
    assert result.code == 0, result.err
    text = target.read_text(encoding="utf-8")
    assert 'name = "Phường Ngọc Xuân"' in text and 'local_set = "cao-bang"' in text
    assert 'issuing_unit = "Ủy ban nhân dân phường Ngọc Xuân"' in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--unit", "Xã A"], "Thiếu --province"),
        (["--province", "Lâm Đồng"], "Thiếu --unit"),
        (["--province", "Lâm Dông x", "--unit", "Xã A"], "Có phải: Tỉnh Lâm Đồng?"),
        (["--province", "Bình Thuận", "--unit", "Xã A"], "không có tỉnh/thành phố 'Bình Thuận'"),
        (["--province", "Huế", "--unit", "Hàm Liêm"], "không ghi rõ loại đơn vị"),
    ],
    ids=["no-province", "no-unit", "mistyped", "merged-away", "no-kind"],
)
def test_init_without_questions_says_what_is_missing(
    run_cli, tmp_path: Path, args: list[str], message: str
) -> None:
    result = run_cli("init", str(tmp_path / "c.toml"), "--non-interactive", *args)
    assert result.code == 2 and message.lower() in result.err.lower(), result.err
    assert not (tmp_path / "c.toml").exists()


def test_init_asks_in_a_terminal(run_cli, tmp_path: Path, monkeypatch) -> None:
    """Numbers or names answer the questions: province 27 (Lâm Đồng), kind 3 (đặc khu),
    the name, issuer 1 (Đảng ủy)."""
    answers = iter(["99", "27", "3", "Phú Quý", "1"])
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    target = tmp_path / "moi" / "calendar.toml"
    result = run_cli("init", str(target))
    assert result.code == 0, result.err
    text = target.read_text(encoding="utf-8")
    assert 'name = "Đặc khu Phú Quý"' in text and 'province = "Tỉnh Lâm Đồng"' in text
    assert 'issuing_unit = "Đảng ủy đặc khu Phú Quý"' in text


def test_content_lists_ids_for_prefer(run_cli) -> None:
    rows = json.loads(run_cli("content", "--json").out)
    assert {"s01", "hp13", "bhyt-2026"} <= {r["id"] for r in rows}


def test_installed_command_runs_as_a_subprocess(calendar_file: Path, tmp_path: Path) -> None:
    loa = Path(sys.executable).parent / "loa"
    result = subprocess.run(
        [
            str(loa),
            "--calendar",
            str(calendar_file),
            "--db",
            f"sqlite:///{tmp_path / 'x.db'}",
            "plan",
            "--from",
            "01/01/2026",
            "--to",
            "31/01/2026",
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "thêm" in result.stdout


def test_an_error_quoting_brackets_prints_them_as_text(run_cli, tmp_path):
    """Rich markup in a file name or value is text: '[red]' must not vanish or crash."""
    result = run_cli("check", calendar=tmp_path / "[red]lịch[/].toml")
    assert result.code == 2
    assert "[red]lịch[/].toml: không tìm thấy tệp" in " ".join(result.err.split())


def test_crash_log_masks_secrets(run_cli, tmp_path, monkeypatch):
    """An unexpected bug whose message quotes a secret: the crash log has it masked."""
    from campaigns.cli import posts

    secret = "kho-" + "qzvxwyplmnbtrd"
    monkeypatch.setenv("LOA_SECRET_WEBSITE_APP_PASSWORD", secret)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("LOA_DEBUG", raising=False)

    def boom(_ctx):
        raise ValueError(f"platform quoted {secret}")

    monkeypatch.setattr(posts, "list_posts", boom)
    result = run_cli("posts", "list")
    assert result.code == 1 and "Lỗi không mong đợi: ValueError" in result.err
    logs = list((tmp_path / "state").rglob("crash.log"))
    assert len(logs) == 1
    text = logs[0].read_text("utf-8")
    assert "ValueError: platform quoted kho-" in text and secret not in text
    assert secret not in result.err


@pytest.mark.parametrize(
    ("out", "expected"),
    [
        ("a-file/x.csv", "một phần của đường dẫn là tệp chứ không phải thư mục"),
        ("no-folder/x.csv", "thư mục chứa nó không tồn tại"),
        (".", "đó là một thư mục; hãy ghi rõ tên tệp"),
    ],
)
def test_an_output_path_that_cannot_be_a_file_is_bad_input(run_cli, tmp_path, out, expected):
    (tmp_path / "a-file").write_text("x")
    result = run_cli("history", "--out", str(tmp_path / out))
    assert result.code == 2 and expected in " ".join(result.err.split()), result.err

"""The console log speaks Vietnamese in the ward's time; the JSON log stays English and UTC."""

from __future__ import annotations

import ast
import json
import logging
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from campaigns.daemon import words
from campaigns.daemon.logs import HumanFormatter, JsonFormatter

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
AT = datetime(2026, 12, 1, 23, 18, 37, tzinfo=UTC)  # 06:18:37 on 2/12 in the ward


def record(msg: str, *args: object, level: int = logging.INFO) -> logging.LogRecord:
    rec = logging.LogRecord("loa.daemon", level, __file__, 1, msg, args, None)
    rec.created = AT.timestamp()
    return rec


def test_a_console_line_is_vietnamese_in_the_wards_time() -> None:
    line = HumanFormatter(HCM).format(record("post %s published on %s: %s", 5, "facebook", "u"))
    assert line == "02/12/2026 06:18:37 Bài số 5 đã đăng lên facebook: u"
    due = datetime(2026, 12, 1, 23, 0, tzinfo=UTC)
    rec = record("post %s on %s: start (due %s, %.1f s late)", 5, "zalo", due, 2.0)
    assert HumanFormatter(HCM).format(rec).endswith("(hẹn 02/12/2026 06:00 (UTC+7), trễ 2.0 giây)")
    warn = record("tick failed; retrying at the next sweep: %s", "đĩa đầy", level=logging.WARNING)
    assert HumanFormatter(HCM).format(warn) == (
        "02/12/2026 06:18:37 CẢNH BÁO Lượt quét lỗi; sẽ thử lại ở lượt sau: đĩa đầy"
    )


def test_the_json_line_stays_english_and_utc() -> None:
    entry = json.loads(JsonFormatter().format(record("post %s published on %s: %s", 5, "f", "u")))
    assert entry["msg"] == "post 5 published on f: u"
    assert entry["ts"] == "2026-12-01T23:18:37.000+00:00"


def logged_templates() -> set[str]:
    """Every literal format string given to a logger (or ``failed``) in the code."""
    root = Path(__file__).resolve().parents[2]
    found: set[str] = set()
    for path in [*root.glob("campaigns/**/*.py"), *root.glob("publishers/**/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(
                node.func, ast.Attribute | ast.Name
            ):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
            owner = node.func.value if isinstance(node.func, ast.Attribute) else None
            is_log = name in {"info", "warning", "error", "exception"} and (
                isinstance(owner, ast.Name) and owner.id == "log"
            )
            args = node.args[2:] if name == "failed" else node.args
            if (is_log or name == "failed") and args and isinstance(args[0], ast.Constant):
                found.add(str(args[0].value))
    return found


def test_every_log_line_has_its_vietnamese() -> None:
    templates = logged_templates()
    assert "post %s published on %s: %s" in templates  # the scan finds them
    ascii_only = {t for t in templates if t.isascii()}  # some are already Vietnamese
    missing = sorted(t for t in ascii_only if words.vietnamese(t) is None)
    assert missing == []
    for english, vietnamese in words.MESSAGES.items():
        assert english.count("%") == vietnamese.count("%"), english

"""``loa report``, ``loa posts history`` and ``loa history`` on the seeded quarter."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import docx
import httpx
import pytest

from campaigns.cli import report as report_cli
from campaigns.report.readers import readers_for
from publishers.testing import MemorySecrets
from tests.report.seed import CALENDAR, Seeded
from tests.report.test_engagement import graph_transport


@pytest.fixture
def calendar_file(tmp_path: Path) -> Path:
    target = tmp_path / "calendar.toml"
    shutil.copy(CALENDAR, target)
    return target


@pytest.fixture
def fake_graph(monkeypatch: pytest.MonkeyPatch) -> list[httpx.Request]:
    seen: list[httpx.Request] = []

    def readers(cal):  # type: ignore[no-untyped-def]
        secrets = MemorySecrets({"facebook": {"page_token": "page-token"}})
        return readers_for(cal, secrets=secrets, transport=graph_transport(seen))

    monkeypatch.setattr(report_cli, "READERS", readers)
    return seen


def test_quarter_docx_refreshes_engagement_first(
    seeded: Seeded, run_cli, tmp_path: Path, fake_graph: list[httpx.Request]
) -> None:
    out = tmp_path / "q2.docx"
    result = run_cli("report", "--quarter", "2026-Q2", "--out", str(out))
    assert result.code == 0, result.err
    assert "3 bài đã đăng (42,9%)" in result.out
    assert "Đã cập nhật số liệu tương tác của 2 bài." in result.err  # the Q2 Facebook posts
    assert len(fake_graph) == 2
    tables = docx.Document(str(out)).tables
    posts = next(t for t in tables if [c.text for c in t.rows[0].cells][4:5] == ["Liên kết"])
    assert [c.text for c in posts.rows[1].cells[5:]] == ["321", "12", "7"]


def test_no_refresh_uses_stored_figures(
    seeded: Seeded, run_cli, tmp_path: Path, fake_graph: list[httpx.Request]
) -> None:
    out = tmp_path / "q2.md"
    result = run_cli("report", "--quarter", "2026-Q2", "--out", str(out), "--no-refresh")
    assert result.code == 0, result.err
    assert fake_graph == []
    assert "150 lượt bày tỏ cảm xúc" in out.read_text(encoding="utf-8")  # format from suffix


def test_range_csv_and_year(seeded: Seeded, run_cli, tmp_path: Path, fake_graph) -> None:
    out = tmp_path / "r.csv"
    result = run_cli("report", "--from", "01/04/2026", "--to", "2026-04-10", "--out", str(out))
    assert result.code == 0, result.err
    with out.open(encoding="utf-8-sig") as f:
        assert len(list(csv.DictReader(f))) == 3
    result = run_cli("report", "--year", "2026", "--format", "md", "--out", str(tmp_path / "y"))
    assert result.code == 0 and "Báo cáo năm 2026: 9 bài" in result.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "Cần chọn kỳ báo cáo"),
        (("--quarter", "2026-Q9"), "không phải quý"),
        (("--quarter", "2026-Q2", "--from", "01/04/2026"), "Chỉ dùng một cách"),
        (("--from", "10/04/2026", "--to", "01/04/2026"), "ngày kết thúc"),
    ],
)
def test_bad_periods_are_user_errors(seeded: Seeded, run_cli, args, message) -> None:
    result = run_cli("report", *args)
    assert result.code == 2 and message in result.err


def test_empty_quarter_report(seeded: Seeded, run_cli, tmp_path: Path, fake_graph) -> None:
    result = run_cli("report", "--quarter", "2027-Q3", "--out", str(tmp_path / "e.docx"))
    assert result.code == 0 and "không có bài nào trong kỳ" in result.out


def test_posts_history(seeded: Seeded, run_cli) -> None:
    pid = seeded.ids["web_peak"]
    result = run_cli("posts", "history", str(pid))
    assert result.code == 0, result.err
    assert "đang đăng → lỗi  (daemon:may-chu) — HTTP 413" in result.out
    moves = json.loads(run_cli("posts", "history", str(pid), "--json").out)
    assert [(m["from"], m["to"]) for m in moves] == [
        ("draft", "approved"), ("approved", "publishing"), ("publishing", "failed"),
    ]  # fmt: skip
    assert run_cli("posts", "history", "999").code == 2


def test_history_export(seeded: Seeded, run_cli, tmp_path: Path) -> None:
    out = tmp_path / "h.csv"
    result = run_cli("history", "--from", "01/05/2026", "--to", "31/05/2026", "--out", str(out))
    assert result.code == 0, result.err
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert [(r["to_label"], r["reason"], r["actor"]) for r in rows] == [
        ("bỏ lỡ", "máy tắt, quá giờ đăng", "daemon:may-chu"),
        ("đã hủy", "trùng lịch họp", "cli:lan@may-phuong"),
    ]
    everything = json.loads(run_cli("history", "--format", "json").out)
    assert len(everything) == 22 and everything[0]["to_status"] == "approved"


def test_report_reads_engagement_from_the_graph_fake(
    store, run_cli, calendar_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real path: calendar settings, the engine's secret store, the Facebook
    publisher's engagement() against a fake Graph server on loopback."""
    from campaigns.config import load_calendar
    from campaigns.store.lifecycle import APPROVE, CLAIM, LIVE
    from publishers.facebook import FacebookPublisher
    from tests.fakes import FakeGraph
    from tests.publishers.conftest import make_request
    from tests.report.seed import add, local

    with FakeGraph() as fake:
        text = calendar_file.read_text(encoding="utf-8")
        text = text.replace('base_url = "https://graph.facebook.com"', f'base_url = "{fake.url}"')
        calendar_file.write_text(text.replace("100000000000001", fake.page_id), encoding="utf-8")
        cal = load_calendar(calendar_file)
        secrets = MemorySecrets({"facebook": {"page_token": fake.page_token}})
        with FacebookPublisher("facebook", cal.channel("facebook").settings, secrets) as fb:
            receipt = fb.publish(make_request())
        fake.set_engagement(receipt.external_id, 58, 9, 4)
        pid = add(store, cal.unit, "facebook", local(2026, 8, 2), "s01", "slogan", "s01")
        for rule in (APPROVE, CLAIM):
            store.move(cal.unit, [pid], rule, actor="test")
        values = {"external_id": receipt.external_id, "url": receipt.url}
        store.move(cal.unit, [pid], LIVE, actor="test", values=values)

        monkeypatch.setenv("LOA_SECRET_FACEBOOK_PAGE_TOKEN", fake.page_token)
        out = tmp_path / "q3.md"
        result = run_cli("report", "--quarter", "2026-Q3", "--out", str(out))
    assert result.code == 0, result.err
    assert "Đã cập nhật số liệu tương tác của 1 bài." in result.err
    text = out.read_text(encoding="utf-8")
    assert "58 lượt bày tỏ cảm xúc, 9 bình luận và 4 lượt chia sẻ" in text
    assert receipt.url in text


def test_engagement_command_refreshes_and_lists(
    seeded: Seeded, run_cli, fake_graph: list[httpx.Request]
) -> None:
    result = run_cli("engagement", "--quarter", "2026-Q2", "--json")
    assert result.code == 0, result.err
    rows = {r["id"]: r for r in json.loads(result.out)}
    fb = rows[seeded.ids["fb_peak"]]
    assert (fb["reactions"], fb["comments"], fb["shares"]) == (321, 12, 7)
    assert rows[seeded.ids["zalo_peak"]]["fetched_at"] is None
    stored = run_cli("engagement", "--quarter", "2026-Q2", "--no-refresh")
    assert stored.code == 0 and "321" in stored.out and len(fake_graph) == 2


def test_posts_show_quotes_the_latest_engagement(seeded: Seeded, run_cli) -> None:
    result = run_cli("posts", "show", str(seeded.ids["fb_peak"]))
    assert result.code == 0, result.err
    assert "Tương tác (tính đến 30/06/2026 20:30): 120 cảm xúc, 15 bình luận, 30 chia sẻ" in (
        result.out
    )

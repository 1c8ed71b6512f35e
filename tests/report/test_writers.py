"""The files: the DOCX opens and holds the sections and figures; the CSV round-trips."""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import docx

from campaigns.report import build_report, default_name, parse_quarter, write_report
from campaigns.report.blocks import fmt_int, fmt_pct, place_date
from campaigns.report.csv_writer import POST_COLUMNS
from tests.report.seed import AS_OF, S03, Seeded

SECTIONS = [
    "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG",
    "ĐẢNG ỦY PHƯỜNG KIẾN AN",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Kiến An, ngày 01 tháng 7 năm 2026",
    "BÁO CÁO",
    "I. KẾT QUẢ THỰC HIỆN",
    "II. HẠN CHẾ, NGUYÊN NHÂN",
    "III. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ TỚI",
    "Nơi nhận:",
    "T/M BAN THƯỜNG VỤ",
    "PHỤ LỤC",
]


def docx_text(path: Path) -> tuple[list[str], list[list[list[str]]]]:
    """Every paragraph (tables' too) and every table's cells."""
    d = docx.Document(str(path))
    paras = [p.text for p in d.paragraphs]
    tables = []
    for t in d.tables:
        rows = [[c.text for c in row.cells] for row in t.rows]
        tables.append(rows)
        paras += [p.text for row in t.rows for c in row.cells for p in c.paragraphs]
    return paras, tables


def test_docx_opens_and_holds_sections_and_figures(seeded: Seeded, tmp_path: Path) -> None:
    r = build_report(seeded.store, seeded.cal, parse_quarter("2026-Q2"), AS_OF)
    path = write_report(r, "docx", tmp_path / default_name(r, "docx"))
    assert path.name == "bao-cao-kien-an-2026-Q2.docx"
    paras, tables = docx_text(path)
    for heading in SECTIONS:
        assert heading in paras, heading
    assert any("quý II năm 2026" in p and "Nghị quyết số 72-NQ/TW" in p for p in paras)
    by_channel = next(t for t in tables if t[0][1] == "Kênh" and t[0][2] == "Kế hoạch")
    assert by_channel[1][1:4] == ["Trang Facebook (facebook)", "4", "2"]
    assert by_channel[-1][1:] == ["Tổng cộng", "7", "3", "1", "1", "1", "1"]
    posts = next(t for t in tables if t[0][4:5] == ["Liên kết"])
    assert posts[1][4:] == ["https://www.facebook.com/100_1", "120", "15", "30"]
    assert all(unicodedata.is_normalized("NFC", p) for p in paras)


def test_markdown_has_the_same_wording(seeded: Seeded, tmp_path: Path) -> None:
    r = build_report(seeded.store, seeded.cal, parse_quarter("2026-Q2"), AS_OF)
    text = write_report(r, "md", tmp_path / "r.md").read_text(encoding="utf-8")
    for heading in SECTIONS:
        assert heading in text, heading
    assert "| 1 | Trang Facebook (facebook) | 4 | 2 | 0 | 1 | 0 | 1 |" in text
    assert "150 lượt bày tỏ cảm xúc, 17 bình luận và 30 lượt chia sẻ" in text
    assert "Tính đến 20:30 ngày 30/06/2026" in text


def test_csv_round_trips_with_accents(seeded: Seeded, tmp_path: Path) -> None:
    r = build_report(seeded.store, seeded.cal, parse_quarter("2026-Q2"), AS_OF)
    path = write_report(r, "csv", tmp_path / "r.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM Excel needs
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert tuple(rows[0]) == POST_COLUMNS
    assert len(rows) == 7
    first = rows[0]
    assert first["text"] == S03 and first["status_label"] == "đã đăng"
    assert first["due_at"] == "2026-04-07T07:30:00+07:00"
    assert (first["reactions"], first["comments"], first["shares"]) == ("120", "15", "30")
    failed = next(row for row in rows if row["status"] == "failed")
    assert failed["reason"] == "Trang web từ chối: ảnh quá lớn"
    assert failed["peak"] == "Ngày Sức khỏe toàn dân"


def test_empty_quarter_says_so(seeded: Seeded, tmp_path: Path) -> None:
    r = build_report(seeded.store, seeded.cal, parse_quarter("2026-Q4"), AS_OF)
    paras, _ = docx_text(write_report(r, "docx", tmp_path / "e.docx"))
    assert any("không có bài tuyên truyền nào được lên lịch hoặc đăng" in p for p in paras)
    assert "III. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ TỚI" in paras
    md = write_report(r, "md", tmp_path / "e.md").read_text(encoding="utf-8")
    assert "không có bài tuyên truyền nào" in md and "Không có bài nào được đăng" in md
    with (write_report(r, "csv", tmp_path / "e.csv")).open(encoding="utf-8-sig") as f:
        assert list(csv.reader(f)) == [list(POST_COLUMNS)]


def test_vietnamese_number_and_date_forms() -> None:
    from datetime import date

    assert fmt_int(1234567) == "1.234.567"
    assert fmt_pct(3, 7) == "42,9%" and fmt_pct(1, 1) == "100%" and fmt_pct(0, 0) == "—"
    assert place_date("Kiến An", date(2026, 2, 5)) == "Kiến An, ngày 05 tháng 02 năm 2026"
    assert place_date("Kiến An", date(2026, 12, 24)) == "Kiến An, ngày 24 tháng 12 năm 2026"


def test_a_long_list_of_unpublished_posts_goes_to_the_appendix(
    seeded: Seeded, tmp_path: Path
) -> None:
    from campaigns.store.lifecycle import APPROVE, MISS
    from tests.report.seed import add, local

    unit = seeded.cal.unit
    ids = [add(seeded.store, unit, "zalo", local(2026, 6, d, 19), "s02", "slogan", "s02")
           for d in range(1, 26)]  # fmt: skip
    seeded.store.move(unit, ids, APPROVE, actor="t")
    seeded.store.move(unit, ids, MISS, actor="daemon", reason="máy tắt")
    r = build_report(seeded.store, seeded.cal, parse_quarter("2026-Q2"), AS_OF)
    paras, tables = docx_text(write_report(r, "docx", tmp_path / "long.docx"))
    assert "Danh sách chi tiết 29 bài ở mục 2 của phụ lục." in paras
    assert "- Máy tắt (25 bài);" in paras
    assert "2. Các bài chưa đăng được theo kế hoạch" in paras
    shortfalls = next(t for t in tables if t[0][-1] == "Nguyên nhân")
    assert len(shortfalls) == 1 + 29


def test_a_peoples_committee_gets_a_state_header(seeded: Seeded, tmp_path: Path) -> None:
    from campaigns.config import load_calendar
    from tests.report.seed import CALENDAR

    text = CALENDAR.read_text(encoding="utf-8").replace(
        'issuing_unit = "Đảng ủy phường Kiến An"', 'issuing_unit = "Ủy ban nhân dân phường Kiến An"'
    )
    (tmp_path / "calendar.toml").write_text(text, encoding="utf-8")
    cal = load_calendar(tmp_path / "calendar.toml")
    r = build_report(seeded.store, cal, parse_quarter("2026-Q2"), AS_OF)
    paras, _ = docx_text(write_report(r, "docx", tmp_path / "ubnd.docx"))
    for line in ("ỦY BAN NHÂN DÂN", "PHƯỜNG KIẾN AN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 "Độc lập - Tự do - Hạnh phúc", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"):  # fmt: skip
        assert line in paras, line
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in paras


def test_docx_tables_keep_their_layout(seeded: Seeded, tmp_path: Path) -> None:
    """The rows are written as XML in bulk: the header repeats on each page and is bold and
    centred, numbers are right-aligned, the total is bold, every cell has its column's width,
    and text that XML cannot hold is dropped rather than breaking the file."""
    from docx import Document as open_docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    r = build_report(seeded.store, seeded.cal, parse_quarter("2026-Q2"), AS_OF)
    path = write_report(r, "docx", tmp_path / "r.docx")
    doc = open_docx(str(path))
    table = next(t for t in doc.tables if t.rows[0].cells[1].text == "Kênh")
    header, first, total = table.rows[0], table.rows[1], table.rows[-1]
    assert header._tr.trPr is not None and header._tr.trPr.xpath("./w:tblHeader")
    assert all(c.paragraphs[0].runs[0].bold for c in header.cells)
    assert header.cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert first.cells[2].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert first.cells[1].paragraphs[0].alignment is None
    assert not first.cells[1].paragraphs[0].runs[0].bold
    assert total.cells[1].paragraphs[0].runs[0].bold
    widths = [c.width for c in table.columns]
    assert all(row.cells[i].width == widths[i] for row in table.rows for i in range(len(widths)))
    assert {p.style.name for row in table.rows for c in row.cells for p in c.paragraphs} == {
        "Loa Table Text"
    }


def test_docx_cells_escape_markup_and_drop_what_xml_cannot_hold(tmp_path: Path) -> None:
    from docx import Document as open_docx

    from campaigns.report.blocks import Table
    from campaigns.report.docx_writer import _table

    doc = open_docx()
    _table(doc, Table(("Nội dung", "Số"), (("Sạch <b>&</b>\x07 xanh", "1"), ("", "2"))), 16.0)
    doc.save(str(tmp_path / "t.docx"))
    (table,) = open_docx(str(tmp_path / "t.docx")).tables
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Nội dung", "Số"], ["Sạch <b>&</b> xanh", "1"], ["", "2"]
    ]  # fmt: skip

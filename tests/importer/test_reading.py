"""Reading plans: text, DOCX, PDF, and the inputs refused with one Vietnamese line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from campaigns.errors import UserError
from campaigns.importer.reading import MAX_BYTES, check_vietnamese, read_lines

FONT = Path(__file__).resolve().parents[2] / "assets" / "fonts" / "BeVietnamPro-Regular.ttf"
PLAN = [
    "KẾ HOẠCH",
    "tuyên truyền các ngày lễ lớn quý II năm 2026",
    "Khẩu hiệu tuyên truyền:",
    "- Mỗi người dân khỏe mạnh - Cả nước vững mạnh!",
    "- Sức khỏe là vốn quý - Mỗi người hãy biết giữ gìn!",
    "Tập trung tuyên truyền Ngày Sức khỏe toàn dân (7/4).",
]


def write_docx(path: Path, lines: list[str]) -> Path:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def write_pdf(path: Path, lines: list[str], password: str | None = None) -> Path:
    from fpdf import FPDF
    from pypdf import PdfReader, PdfWriter

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("BeVietnamPro", fname=str(FONT))
    pdf.set_font("BeVietnamPro", size=11)
    for line in lines:
        pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
    data = bytes(pdf.output())
    if password:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        writer.encrypt(user_password=password, algorithm="RC4-128")
        buf = io.BytesIO()
        writer.write(buf)
        data = buf.getvalue()
    path.write_bytes(data)
    return path


def test_utf8_with_a_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "kh.txt"
    path.write_bytes("\ufeff".encode() + "\n".join(PLAN).encode())
    assert read_lines(path) == PLAN


def test_other_encodings_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "kh.txt"
    path.write_bytes("\n".join(PLAN).encode("utf-16"))
    with pytest.raises(UserError, match="không phải văn bản UTF-8"):
        read_lines(path)


def test_docx_paragraphs_are_lines(tmp_path: Path) -> None:
    assert read_lines(write_docx(tmp_path / "kh.docx", PLAN)) == PLAN


def test_pdf_text_with_vietnamese_is_read(tmp_path: Path) -> None:
    assert read_lines(write_pdf(tmp_path / "kh.pdf", PLAN)) == PLAN


def test_an_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "kh.pdf", PLAN, password="bi-mat")
    with pytest.raises(UserError, match="có mật khẩu"):
        read_lines(path)


def test_a_scanned_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    Image.new("RGB", (200, 280), "white").save(path, "PDF")
    with pytest.raises(UserError, match="chỉ có hình ảnh"):
        read_lines(path)


def test_a_file_over_50_mb_is_refused_before_reading(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "kh.txt"
    with open(path, "wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: no 50 MB written
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read before the size"))
    with pytest.raises(UserError, match="quá lớn"):
        read_lines(path)


def test_a_text_without_vietnamese_marks_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("PLAN\nSlogans:\n- Health is wealth!\n- Stay active every day!\n")
    with pytest.raises(UserError, match="không phải văn bản tiếng Việt"):
        check_vietnamese(read_lines(path), path)
    check_vietnamese(PLAN, path)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("kh.doc", b"\xd0\xcf\x11\xe0", "chưa đọc được tệp .doc"),
        ("kh.docx", b"not a zip", "không phải tệp Word"),
        ("kh.pdf", b"%PDF-1.4 broken", "không phải PDF đọc được"),
        ("kh.txt", b"%PDF-1.4\n", "đuôi tên không đúng"),
    ],
)
def test_broken_files_are_refused(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UserError, match=message):
        read_lines(path)


def test_a_missing_file_a_folder_or_an_impossible_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="Không tìm thấy tệp kế hoạch"):
        read_lines(tmp_path / "khong-co.txt")
    with pytest.raises(UserError, match="là thư mục"):
        read_lines(tmp_path)
    with pytest.raises(UserError, match="không hợp lệ"):
        read_lines(tmp_path / "a\x00b.txt")

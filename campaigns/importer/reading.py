"""The text of a plan, as lines: plain text (UTF-8), DOCX or PDF.

Libraries, compared for reading plans offline on an officer's laptop:

- DOCX: python-docx (MIT, maintained, already used by the report) gives paragraphs and
  tables in document order; docx2txt is a single unmaintained-looking module that flattens
  everything to one string. python-docx it is: no new dependency.
- PDF: pypdf (BSD, pure Python, active, no native code) reads text, tells an encrypted file
  from an open one and decrypts with an empty password; pdfminer.six (MIT, pure Python) has
  finer layout analysis but is several times slower on plain plans; PyMuPDF is the fastest
  but ships native code under the AGPL, which would bind Loa's licence. pypdf it is.

Each refusal is a UserError with one Vietnamese line; the size is checked before reading.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import Path

from campaigns.errors import UserError
from campaigns.text import nfc

MAX_BYTES = 50 * 1024 * 1024
MIN_PDF_TEXT = 20  # fewer non-blank characters than this over all pages: a scanned PDF


def read_lines(path: Path) -> list[str]:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UserError(f"Không tìm thấy tệp kế hoạch {path}.") from None
    except OSError as exc:
        raise UserError(f"Không đọc được tệp kế hoạch {path}: {exc.strerror}.") from None
    except ValueError:  # a NUL in the name: no file can have it
        raise UserError(f"Tên tệp kế hoạch {path!r} không hợp lệ.") from None
    if path.is_dir():
        raise UserError(f"{path} là thư mục, không phải tệp kế hoạch.")
    if size > MAX_BYTES:
        raise UserError(
            f"Tệp {path} quá lớn ({size / 1024 / 1024:.0f} MB, tối đa 50 MB); "
            "hãy chọn đúng tệp kế hoạch."
        )
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        text = _pdf_text(path)
    elif suffix == ".docx":
        text = _docx_text(path)
    elif suffix in (".doc", ".rtf", ".odt"):
        raise UserError(f"Loa chưa đọc được tệp {suffix}; hãy lưu kế hoạch thành .docx hoặc .pdf.")
    else:
        text = _plain_text(path)
    return nfc(text).splitlines()


def _plain_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"Không đọc được tệp kế hoạch {path}: {exc.strerror}.") from None
    if data.startswith(b"%PDF") or data.startswith(b"PK\x03\x04"):
        raise UserError(f"Tệp {path} là PDF hoặc DOCX nhưng đuôi tên không đúng; hãy đổi đuôi.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(
            f"Tệp {path} không phải văn bản UTF-8; hãy lưu lại kế hoạch với mã UTF-8."
        ) from None
    if "\x00" in text:
        raise UserError(f"Tệp {path} không phải văn bản (có byte 0); hãy chọn đúng tệp kế hoạch.")
    return text


def _docx_text(path: Path) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise UserError(f"Tệp {path} không phải tệp Word (.docx) đọc được.") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UserError(f"Tệp PDF {path} có mật khẩu; hãy mở khóa hoặc xin bản không mật khẩu.")
        pages = [page.extract_text() or "" for page in reader.pages]
    except UserError:
        raise
    except (PdfReadError, ValueError, KeyError, OSError, NotImplementedError):
        raise UserError(f"Tệp {path} không phải PDF đọc được.") from None
    text = "\n".join(pages)
    if len(re.sub(r"\s", "", text)) < MIN_PDF_TEXT:
        raise UserError(
            f"Tệp PDF {path} chỉ có hình ảnh (bản quét), không có chữ để đọc; "
            "hãy xin bản Word hoặc PDF có chữ."
        )
    return text


def _marked_letters() -> str:
    """Every precomposed Latin letter with a mark (tone, circumflex, breve, horn), and đ."""
    return "đĐ" + "".join(
        c
        for c in map(chr, range(0xC0, 0x1EFF + 1))
        if c.isalpha() and any(unicodedata.combining(m) for m in unicodedata.normalize("NFD", c))
    )


_WORD = re.compile(r"[^\W\d_]+")
# a word's first marked letter and the rest of the word: one match per marked word
_MARKED_WORD = re.compile(rf"[{_marked_letters()}][^\W\d_]*")


def vietnamese_share(lines: list[str]) -> float:
    """The share of words carrying a Vietnamese mark (tone, circumflex, breve, horn or đ);
    the lines are NFC, so a marked letter is one precomposed character."""
    text = "\n".join(lines)
    words = len(_WORD.findall(text))
    return len(_MARKED_WORD.findall(text)) / words if words else 0.0


def check_vietnamese(lines: list[str], path: Path) -> None:
    # Vietnamese prose marks about half its words; English or unaccented text almost none.
    if vietnamese_share(lines) < 0.15:
        raise UserError(
            f"Tệp {path} không phải văn bản tiếng Việt có dấu; hãy chọn đúng tệp kế hoạch."
        )

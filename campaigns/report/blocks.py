"""A small document model shared by the DOCX and Markdown writers, so the wording of the
report is written once (``compose.py``) and only the layout differs per format."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Heading:
    text: str  # "I. KẾT QUẢ THỰC HIỆN"


@dataclass(frozen=True)
class Subheading:
    text: str  # "1. Kết quả đăng bài theo kênh"


@dataclass(frozen=True)
class Para:
    text: str
    italic: bool = False


@dataclass(frozen=True)
class Bullet:
    text: str  # shown after "- "


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()  # relative column widths (DOCX)
    numeric: tuple[int, ...] = ()  # indexes of right-aligned columns
    total: tuple[str, ...] | None = None  # a bold last row


Block = Heading | Subheading | Para | Bullet | Table


@dataclass(frozen=True)
class Letterhead:
    """The two header columns, the title and the signature of a Party document."""

    upper_unit: str  # ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG
    unit: str  # ĐẢNG ỦY PHƯỜNG KIẾN AN
    number: str  # Số      -BC/ĐU
    party: str  # ĐẢNG CỘNG SẢN VIỆT NAM (or CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM)
    motto: str  # "" for a Party document; Độc lập - Tự do - Hạnh phúc for a State one
    place_date: str  # Kiến An, ngày 01 tháng 7 năm 2026
    title: str  # BÁO CÁO
    subtitle: str  # kết quả công tác tuyên truyền …
    recipients: tuple[str, ...]
    sign_for: str  # T/M BAN THƯỜNG VỤ
    sign_title: str  # PHÓ BÍ THƯ


@dataclass(frozen=True)
class Document:
    head: Letterhead
    body: tuple[Block, ...]
    appendix_title: str
    appendix_note: str  # (Kèm theo Báo cáo … của …)
    appendix: tuple[Block, ...]


def fmt_int(n: int) -> str:
    """Vietnamese grouping: 1.234.567."""
    return f"{n:,}".replace(",", ".")


def fmt_pct(part: int, whole: int) -> str:
    """'87,5%' (one decimal, Vietnamese comma); '—' when there is nothing to divide."""
    if whole == 0:
        return "—"
    value = round(100 * part / whole, 1)
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


def place_date(place: str, day: date) -> str:
    """'Kiến An, ngày 05 tháng 02 năm 2026': day below 10 and months 1-2 take a zero."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"

"""The dated anniversaries, peaks and events a plan asks to publicise.

Only a date tied to a name counts: "Ngày Thầy thuốc Việt Nam (27/2)", "“Ngày Sức khỏe toàn
dân” vào ngày 7/4", "Kỷ niệm 97 năm Ngày thành lập Đảng (3/2/1930 – 3/2/2027)", a list line
"- 23-5: …" or "03,04/4: …", and "10/3 âm lịch" (kept lunar, never converted). The plan's
own date, the documents it cites ("Nghị quyết số 72-NQ/TW ngày 09/9/2025"), meetings it
mentions and deadlines ("trước ngày 30/6") are not events and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from campaigns.importer.model import FoundDate, Para

_DAY_MONTH = r"(?P<{p}d>\d{{1,2}}(?:\s*,\s*\d{{1,2}})*)\s*[/.]\s*(?P<{p}m>\d{{1,2}})"
_YEAR = r"(?:\s*[/.]\s*(?P<{p}y>\d{{4}}))?"


def _date(prefix: str, hyphen: bool = False) -> str:
    sep = "[/.-]" if hyphen else "[/.]"
    return (_DAY_MONTH + _YEAR).format(p=prefix).replace("[/.]", sep) + r"(?![\d/])"


_LUNAR = r"(?P<lunar>\s*\(?(?:âm lịch|ÂL)\)?)?"
_RANGE = rf"{_date('a')}(?:\s*[–—-]\s*{_date('b')})?{_LUNAR}"
_RANGE_HYPHEN = rf"{_date('a', True)}(?:\s*[–—]\s*{_date('b', True)})?{_LUNAR}"

# "Name (date)" or "Name (date – date)": the name is the clause before the parenthesis
_PARENTHESISED = re.compile(rf"\(\s*(?:ngày\s+)?{_RANGE}\s*\)")
_CLAUSE = re.compile(r"[,;:()“”\"]")
NAMED = (
    # “Name” [vào] ngày date
    re.compile(rf"[“\"](?P<name>[^”\"]{{3,160}})[”\"]\s*(?:vào\s+)?(?:ngày\s+){_RANGE_HYPHEN}"),
    # Ngày Xxx … vào ngày date
    re.compile(rf"(?P<name>Ngày\s+[A-ZĐÀ-Ỹ][^,;:()]{{2,120}}?)\s+vào\s+ngày\s+{_RANGE_HYPHEN}"),
    # Kỷ niệm … / Ngày … / Tết … / Giỗ … followed directly by its date
    re.compile(
        rf"(?P<name>(?:[Kk]ỷ niệm|Ngày|Tết|Lễ|Giỗ)\s[^,;:()“”\"]{{3,160}}?)\s+(?:ngày\s+)?{_RANGE}"
    ),
    # a list line: "- 3/2: name", "Ngày 23-5 – name", "03,04/4: name"
    re.compile(
        rf"^(?:[-+•–*]\s*)?(?:[Nn]gày\s+)?{_RANGE_HYPHEN}\s*[:–—-]\s*(?P<name>[^;(]{{3,200}})"
    ),
)
_ANY_DATE = re.compile(r"\d\s*[/.-]\s*\d")
_DOCUMENT = re.compile(
    r"\b(?:số\s+\d|Nghị quyết|Chỉ thị|Kết luận|Kế hoạch|Hướng dẫn|Thông báo|Quyết định|"
    r"Công văn|Chương trình hành động|Thông tư|Nghị định|Luật|Hội nghị|ban hành|ký)\b",
    re.IGNORECASE,
)
_DEADLINE = re.compile(
    r"\b(?:báo cáo|gửi|nộp|hoàn thành|trước ngày|chậm nhất|hạn chót|thời hạn)\b", re.IGNORECASE
)
_LEADING = re.compile(r"^(?:(?:như|là|và|gồm|hưởng ứng|phong trào|các|đặc biệt là)\s+)+", re.I)
_ANNIVERSARY = re.compile(r"kỷ niệm\s+(\d{1,4})\s+năm", re.IGNORECASE)
_HEAD = re.compile(
    r"\b(?:[Kk]ỷ niệm|Ngày|Tết|Lễ|Giỗ|Tháng|Tuần|Chiến thắng|Đại hội|Hội thao|Hội thi|Bầu cử)\b"
)
MAX_NAME_WORDS = 16


def find_dates(paras: list[Para], plan_year: int | None) -> list[FoundDate]:
    found: list[FoundDate] = []
    for para in paras:
        text = para.text
        if not _ANY_DATE.search(text):
            continue
        for m in _PARENTHESISED.finditer(text):
            clause = _CLAUSE.split(text[max(0, m.start() - 160) : m.start()])[-1]
            found.extend(_dates(m, clause, para.line_at(m.start("ad")), plan_year))
        for pattern in NAMED:
            for m in pattern.finditer(text):
                found.extend(_dates(m, m.group("name"), para.line_at(m.start("ad")), plan_year))
    return _unique(found)


def _dates(
    m: re.Match[str], raw_name: str, line: int, plan_year: int | None
) -> Iterator[FoundDate]:
    name = _name(raw_name)
    if not name or _DOCUMENT.search(name) or _DEADLINE.search(name):
        return
    lunar = bool(m.group("lunar"))
    days = [int(d) for d in re.split(r"\s*,\s*", m.group("ad"))]
    month = int(m.group("am"))
    first_year = int(m.group("ay")) if m.group("ay") else None
    end_year = int(m.group("by")) if m.groupdict().get("by") else None
    year, origin = first_year, None
    doubt = None
    same_day = m.groupdict().get("bd") == m.group("ad") and m.groupdict().get("bm") == m.group("am")
    if end_year is not None and first_year is not None and end_year > first_year and same_day:
        # "3/2/1930 – 3/2/2027": the anniversary falls on the second
        year, origin = end_year, first_year
    elif m.groupdict().get("bd"):
        doubt = f"cả khoảng {m.group('ad')}/{m.group('am')}–{m.group('bd')}/{m.group('bm')}"
        doubt += ": tệp chiến dịch chỉ ghi một ngày"
    elif first_year is not None and plan_year is not None and first_year <= plan_year - 2:
        year, origin = None, first_year  # a historic date: it comes back every year
        if n := _ANNIVERSARY.search(name):
            year = first_year + int(n.group(1))
    if len(name.split()) > MAX_NAME_WORDS:
        doubt = "tên dài bất thường, có thể không phải một ngày cần tuyên truyền"
    for day in days:
        if _valid(day, month, year):
            yield FoundDate(day, month, year, name, line, lunar, origin, doubt)


def _name(text: str) -> str:
    name = _LEADING.sub("", text.strip(" \t-–—:.,*")).strip()
    if head := _HEAD.search(name):  # "Tập trung tuyên truyền Ngày X" names "Ngày X"
        name = name[head.start() :]
    return name[:1].upper() + name[1:]


def _valid(day: int, month: int, year: int | None) -> bool:
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: 29/2 stays possible
    except ValueError:
        return False
    return True


def _unique(found: list[FoundDate]) -> list[FoundDate]:
    seen: set[tuple[int, int, int | None, bool]] = set()
    out: list[FoundDate] = []
    for d in found:
        key = (d.day, d.month, d.year, d.lunar)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out

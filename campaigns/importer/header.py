"""The plan's title, issuing body, period and own year."""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date

from campaigns.importer.model import Header, Para
from campaigns.importer.paragraphs import is_caps

_KINDS = ("kế hoạch", "hướng dẫn", "chương trình", "công văn", "thông báo", "đề cương")
_ISSUER = re.compile(
    r"(?:^|[;,)]\s*)(?P<who>(?:Ban|Đảng [uủ][ỷy]|[UỦ][ỷy] ban|UBND|Chi bộ|Thường trực|Hội|Đoàn|"
    r"Sở|Phòng|Trung tâm|Công an|Mặt trận)\b[^;,()]*?)\s+"
    r"(?:ban hành|xây dựng|hướng dẫn|triển khai)\b"
)
_UNTIL_END_OF_YEAR = re.compile(r"đến hết năm (\d{4})", re.IGNORECASE)
_FULL = r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"
_FROM_TO = re.compile(rf"từ (?:ngày )?{_FULL}\s*(?:đến|-|–) (?:hết )?(?:ngày )?{_FULL}")
_QUARTER = re.compile(r"\bquý (I|II|III|IV)(?: năm)? (\d{4})", re.IGNORECASE)
_TITLE_YEAR = re.compile(r"(?<!tháng )\bnăm (\d{4})\b")
_OWN_DATE = re.compile(r"ngày\s*\d{0,2}\s*tháng\s*\d{1,2}\s*năm\s*(\d{4})", re.IGNORECASE)
_CITED = re.compile(r"\b\d{1,2}/\d{1,2}/(\d{4})\b")
_QUARTERS = {"I": 1, "II": 4, "III": 7, "IV": 10}


def find_header(paras: list[Para]) -> Header:
    title, title_para = _title(paras)
    title_line = title_para.line if title_para else None
    issuer, issuer_line = _issuer(paras)
    start, end, period_line = _period(paras, title_para)
    return Header(issuer, issuer_line, title, title_line, start, end, period_line, _year(paras))


def _title(paras: list[Para]) -> tuple[str | None, Para | None]:
    """ "KẾ HOẠCH" (or another kind of document) in capitals, then the title's paragraph."""
    for i, para in enumerate(paras[:-1]):
        kind = para.text.strip().lower()
        if is_caps(para.text) and kind in _KINDS:
            rest = paras[i + 1].text
            if rest[:1].isupper() and rest[1:2].islower():
                rest = rest[0].lower() + rest[1:]
            return f"{kind.capitalize()} {rest}", paras[i + 1]
    return None, None


def _issuer(paras: list[Para]) -> tuple[str | None, int | None]:
    for para in paras:
        if para.text.startswith(("Thực hiện", "Căn cứ")):
            found = list(_ISSUER.finditer(para.text))
            if found:
                return found[-1].group("who").strip(), para.line
            break
    return None, None


def _period(paras: list[Para], title: Para | None) -> tuple[date | None, date | None, int | None]:
    for para in paras:
        if m := _FROM_TO.search(para.text):
            a, b = _date(m.group(1, 2, 3)), _date(m.group(4, 5, 6))
            if a and b and a <= b:
                return a, b, para.line_at(m.start())
    for para in paras:
        if m := _UNTIL_END_OF_YEAR.search(para.text):
            return None, date(int(m.group(1)), 12, 31), para.line_at(m.start())
    if title:
        if m := _QUARTER.search(title.text):
            year, first = int(m.group(2)), _QUARTERS[m.group(1).upper()]
            last = first + 2
            end = date(year, last, monthrange(year, last)[1])
            return date(year, first, 1), end, title.line_at(m.start())
        if m := _TITLE_YEAR.search(title.text.split(" của ")[0]):
            year = int(m.group(1))
            return date(year, 1, 1), date(year, 12, 31), title.line_at(m.start())
    return None, None, None


def _year(paras: list[Para]) -> int | None:
    for para in paras[:20]:
        if m := _OWN_DATE.search(para.text):
            return int(m.group(1))
    cited = [int(y) for para in paras for y in _CITED.findall(para.text)]
    return max(cited) if cited else None


def _date(parts: tuple[str, ...]) -> date | None:
    try:
        return date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        return None

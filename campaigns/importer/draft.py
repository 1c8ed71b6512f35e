"""The draft campaign file (TOML) for the officer to review; ``loa check`` loads it.

A yearly date (day/month) becomes a ``[[peaks]]`` block, a dated one-off event (with its
year) an ``[[events]]`` entry with ``date``, and a lunar date ("10/3 âm lịch") an
``[[events]]`` entry with ``lunar`` (every year of the campaign's period). An item the
importer is unsure of, and a dated event outside the period (the loader would refuse it),
is written commented out with the reason. Each item cites its source line (``# dòng N``).
A plan without slogans (imported with ``--dates-only``) gives a campaign of dates, saying
so in its header: its peak and event days post slogans from the ward's other campaigns.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date

from campaigns.importer.model import FoundDate, FoundSlogan, Plan
from campaigns.timeutil import fmt_date

SEED = "001"  # the imported plan is the campaign's only source
_SHORT = 60


def toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a TOML basic string, escapes and all


def draft_toml(plan: Plan, campaign_id: str, source_name: str) -> str:
    h = plan.header
    title = h.title or f"Kế hoạch {source_name}"
    start, end = period(plan)
    out = [
        f"# Bản nháp chiến dịch nhập từ kế hoạch {source_name}: hãy đọc lại trước khi dùng.",
        "# Mỗi mục ghi dòng của kế hoạch mà nó được lấy ra (# dòng N); mục chưa chắc chắn",
        "# được để dạng chú thích (#) kèm lý do: bỏ dấu # nếu đúng.",
    ]
    if h.issuer:
        out.append(f"# Cơ quan ban hành: {h.issuer} (dòng {h.issuer_line})")
    if not plan.sure_slogans():
        out += [
            "# Kế hoạch không có khẩu hiệu: chiến dịch này chỉ có các ngày; bài của những ngày",
            "# đó lấy khẩu hiệu từ các chiến dịch khác của phường, hoặc hãy thêm [[slogans]].",
        ]
    out += [
        "",
        f"id = {toml_string(campaign_id)}",
        f"name = {toml_string(_short(title))}",
        f"title = {toml_string(title)}" + (f"  # dòng {h.title_line}" if h.title_line else ""),
        f"short_title = {toml_string(_short(title))}",
        *_period_lines(plan, start, end),
        "",
        "[seeds]",
        f"{toml_string(SEED)} = {toml_string(f'{title} ({source_name})')}",
    ]
    # content ids are unique across a ward's campaigns: prefix them with the campaign's
    ids = [f"{campaign_id[:56]}-s{number:02d}" for number in range(1, len(plan.slogans) + 1)]
    for found in plan.dates:
        out += ["", *_date_block(found, start, end, _naming(found, plan.slogans, ids))]
    for slogan, item_id in zip(plan.slogans, ids, strict=True):
        out += ["", *_slogan_block(slogan, item_id)]
    return "\n".join(out) + "\n"


def written_dates(plan: Plan) -> list[FoundDate]:
    """The dates the draft writes as live entries (not commented out)."""
    start, end = period(plan)
    return [d for d in plan.sure_dates() if _outside(d, start, end) is None]


def _outside(found: FoundDate, start: date, end: date) -> date | None:
    """The day of a one-off event outside the period (the loader refuses it), else None."""
    if found.lunar or not found.year or found.origin_year:
        return None
    day = date(found.year, found.month, found.day)
    return None if start <= day <= end else day


def _short(title: str) -> str:
    if len(title) <= _SHORT:
        return title
    cut = title[:_SHORT].rsplit(" ", 1)[0]
    return cut.rstrip(",;: ") + "…"


def period(plan: Plan) -> tuple[date, date]:
    """The draft's period: the plan's, else its year (guessed, and marked so in the draft)."""
    h = plan.header
    year = h.year or date.today().year
    start = h.period_from or date(year, 1, 1)
    end = h.period_to or date(max(year, start.year), 12, 31)
    return start, end


def _period_lines(plan: Plan, start: date, end: date) -> list[str]:
    h = plan.header
    where = f"  # dòng {h.period_line}" if h.period_line else ""
    guess = f"  # kế hoạch không ghi rõ: đoán theo năm {h.year or start.year}, hãy sửa"
    return [
        f"start = {start.isoformat()}" + (where if h.period_from else guess),
        f"end = {end.isoformat()}" + (where if h.period_to else guess),
    ]


def _naming(found: FoundDate, slogans: Sequence[FoundSlogan], ids: list[str]) -> list[str]:
    """The ids of the sure slogans that name the day ("… 97 năm Ngày thành lập Đảng …" for
    3/2): the day's card is promised to them."""
    name = _ANNIVERSARY.sub("", found.name).casefold()
    name = name.removeprefix("ngày ").strip()
    if len(name.split()) < 2:  # too short to tell one day from another
        return []
    return [
        i
        for s, i in zip(slogans, ids, strict=True)
        if s.doubt is None and name in s.text.casefold()
    ]


def _date_block(found: FoundDate, start: date, end: date, prefer: list[str]) -> list[str]:
    notes = [f"dòng {found.line}"]
    if found.origin_year:
        notes.append(f"mốc năm {found.origin_year}")
    if found.year and (found.origin_year or found.lunar):
        notes.append(f"năm {found.year}")
    reason = found.doubt
    name = f"name = {toml_string(found.name)}"
    seeds = f"seeds = [{toml_string(SEED)}]"
    if prefer:
        seeds += "\nprefer = [" + ", ".join(toml_string(i) for i in prefer) + "]"
    if found.lunar:
        notes.append("âm lịch, hằng năm trong thời gian của chiến dịch")
        block = [f'lunar = "{found.day}/{found.month}"']
    elif found.year and not found.origin_year:
        block = [f"date = {date(found.year, found.month, found.day).isoformat()}"]
        if reason is None and (day := _outside(found, start, end)):
            reason = (
                f"ngày {fmt_date(day)} nằm ngoài thời gian của chiến dịch "
                f"({fmt_date(start)}–{fmt_date(end)})"
            )
    else:
        date_line = f'date = "{found.day}/{found.month}"'
        block = ["[[peaks]]  # " + ", ".join(notes), name, date_line, seeds]
        if found.origin_year:  # Loa names it "Kỷ niệm N năm …" each year from the origin
            block[1] = f"name = {toml_string(_ANNIVERSARY.sub('', found.name))}"
            block.append(f"origin_year = {found.origin_year}")
        return _commented(block, reason)
    return _commented(["[[events]]  # " + ", ".join(notes), name, *block, seeds], reason)


_ANNIVERSARY = re.compile(r"^kỷ niệm\s+\d+\s+năm\s+", re.IGNORECASE)


def _slogan_block(slogan: FoundSlogan, item_id: str) -> list[str]:
    block = [
        f"[[slogans]]  # dòng {slogan.line}",
        f"id = {toml_string(item_id)}",
        f"text = {toml_string(slogan.text)}",
        f"seeds = [{toml_string(SEED)}]",
    ]
    return _commented(block, slogan.doubt)


def _commented(block: list[str], reason: str | None) -> list[str]:
    if reason is None:
        return block
    return [f"# CHƯA CHẮC: {reason}", *(f"# {line}" for line in block)]

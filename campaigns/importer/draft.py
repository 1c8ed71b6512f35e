"""The draft campaign file (TOML) for the officer to review; ``loa check`` loads it.

The campaign format holds slogans and yearly peaks (day/month); a dated one-off event and a
lunar date have no place in it yet, so they are written as commented blocks with the reason,
as is every item the importer is unsure of. Each item cites its source line (``# dòng N``).
"""

from __future__ import annotations

import json
from datetime import date

from campaigns.importer.model import FoundDate, FoundSlogan, Plan

SEED = "001"  # the imported plan is the campaign's only source
_SHORT = 60


def toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a TOML basic string, escapes and all


def draft_toml(plan: Plan, campaign_id: str, source_name: str) -> str:
    h = plan.header
    title = h.title or f"Kế hoạch {source_name}"
    out = [
        f"# Bản nháp chiến dịch nhập từ kế hoạch {source_name}: hãy đọc lại trước khi dùng.",
        "# Mỗi mục ghi dòng của kế hoạch mà nó được lấy ra (# dòng N); mục chưa chắc chắn",
        "# được để dạng chú thích (#) kèm lý do: bỏ dấu # nếu đúng.",
    ]
    if h.issuer:
        out.append(f"# Cơ quan ban hành: {h.issuer} (dòng {h.issuer_line})")
    out += [
        "",
        f"id = {toml_string(campaign_id)}",
        f"name = {toml_string(_short(title))}",
        f"title = {toml_string(title)}" + (f"  # dòng {h.title_line}" if h.title_line else ""),
        f"short_title = {toml_string(_short(title))}",
        *_period(plan),
        "",
        "[seeds]",
        f"{toml_string(SEED)} = {toml_string(f'{title} ({source_name})')}",
    ]
    for found in plan.dates:
        out += ["", *_date_block(found)]
    for number, slogan in enumerate(plan.slogans, 1):
        # content ids are unique across a ward's campaigns: prefix them with the campaign's
        out += ["", *_slogan_block(slogan, f"{campaign_id[:56]}-s{number:02d}")]
    return "\n".join(out) + "\n"


def _short(title: str) -> str:
    if len(title) <= _SHORT:
        return title
    cut = title[:_SHORT].rsplit(" ", 1)[0]
    return cut.rstrip(",;: ") + "…"


def _period(plan: Plan) -> list[str]:
    h = plan.header
    year = h.year or date.today().year
    start, end = h.period_from, h.period_to
    where = f"  # dòng {h.period_line}" if h.period_line else ""
    guess = f"  # kế hoạch không ghi rõ: đoán theo năm {year}, hãy sửa"
    lines = [f"start = {(start or date(year, 1, 1)).isoformat()}" + (where if start else guess)]
    fallback = date(max(year, start.year if start else year), 12, 31)
    lines.append(f"end = {(end or fallback).isoformat()}" + (where if end else guess))
    return lines


def _date_block(found: FoundDate) -> list[str]:
    when = f"{found.day}/{found.month}" + (f"/{found.year}" if found.year else "")
    notes = [f"dòng {found.line}"]
    if found.origin_year:
        notes.append(f"mốc năm {found.origin_year}")
    if found.year and found.origin_year:
        notes.append(f"năm {found.year}")
    reason = found.doubt
    if found.lunar:
        reason = f"ngày {when} âm lịch: định dạng chiến dịch chưa có ngày âm lịch"
    elif found.year and not found.origin_year:
        reason = f"sự kiện riêng năm {found.year}: định dạng chiến dịch chưa có sự kiện theo năm"
    block = [
        "[[peaks]]  # " + ", ".join(notes),
        f"name = {toml_string(found.name)}",
        f'date = "{found.day}/{found.month}"',
        f"seeds = [{toml_string(SEED)}]",
    ]
    return _commented(block, reason)


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

"""``loa init``: a new unit's calendar, asked for step by step in a terminal or given as
flags (``--non-interactive``), written complete and commented, then checked.

The calendar it writes runs the chosen campaign and the national anniversaries
(``ngay-le-lon``), the campaign's local content for the province when there is one, Tết by
lunar date, a study-session event to fill in, and the channels (the outbox on, the others
ready to connect).
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path

import jinja2

from campaigns.assets import asset
from campaigns.cli.commands import help_of
from campaigns.cli.context import Context
from campaigns.cli.output import console
from campaigns.cli.parser import Subparsers, day
from campaigns.config import load_calendar
from campaigns.config.provinces import (
    ALL,
    UNIT_KINDS,
    close_provinces,
    find_province,
    unit_kind,
)
from campaigns.content.load import find_campaign, load_campaign
from campaigns.content.model import Campaign
from campaigns.errors import ConfigError, UserError
from campaigns.text import fold, nfc

ISSUERS = {"dang-uy": "Đảng ủy", "ubnd": "Ủy ban nhân dân"}


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "init",
        help=help_of("init"),
        description="Hỏi từng bước (tỉnh/thành phố, đơn vị, cơ quan ban hành) rồi viết "
        "calendar.toml đầy đủ, có chú thích, và kiểm tra nó. Dùng --non-interactive để "
        "chạy trong script.",
    )
    p.add_argument("path", nargs="?", type=Path, help="tệp sẽ tạo (mặc định calendar.toml)")
    p.add_argument("--out", type=Path, help="tệp sẽ tạo (như đối số đường dẫn)")
    p.add_argument("--non-interactive", action="store_true", help="không hỏi; thiếu gì báo lỗi")
    p.add_argument("--province", help="tỉnh/thành phố (một trong 34, ví dụ: Lâm Đồng)")
    p.add_argument("--unit", "--name", dest="unit", help="đơn vị (ví dụ: Xã Hàm Liêm)")
    p.add_argument(
        "--unit-type", dest="unit_type", choices=sorted(UNIT_KINDS),
        help="loại đơn vị khi tên không ghi rõ: xa, phuong, dac-khu",
    )  # fmt: skip
    p.add_argument(
        "--issuer", "--issuing-unit", dest="issuer",
        help="cơ quan ban hành (mặc định: Đảng ủy của đơn vị)",
    )  # fmt: skip
    p.add_argument(
        "--issuer-kind", dest="issuer_kind", choices=sorted(ISSUERS),
        help="cơ quan ban hành theo loại: dang-uy (mặc định) hoặc ubnd",
    )  # fmt: skip
    p.add_argument("--ward-id", dest="ward_id", help="mã đơn vị (mặc định: từ tên, bỏ dấu)")
    p.add_argument(
        "--local-set", dest="local_set",
        help="bộ nội dung địa phương (mặc định: của tỉnh, nếu chiến dịch có)",
    )  # fmt: skip
    p.add_argument("--campaign", default="nq72", help="chiến dịch (mặc định: nq72)")
    p.add_argument("--start", type=day, help="ngày bắt đầu (mặc định: hôm nay)")
    p.add_argument("--force", action="store_true", help="ghi đè nếu tệp đã có")
    p.set_defaults(func=run)


def slug(text: str) -> str:
    """'Phường Kiến An' -> 'phuong-kien-an'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:64] or "don-vi"


def _ask(label: str) -> str:
    while True:
        answer = nfc(input(f"{label}: ").strip())
        if answer:
            return answer
        print("Không được để trống.", file=sys.stderr)


def _choose(label: str, options: list[str]) -> int:
    """The index of an option picked by its number or typed name."""
    for n, option in enumerate(options, 1):
        print(f"  {n:>2}. {option}")
    while True:
        answer = _ask(label)
        if answer.isdigit() and 1 <= int(answer) <= len(options):
            return int(answer) - 1
        folded = [fold(o) for o in options]
        if fold(answer) in folded:
            return folded.index(fold(answer))
        print(f"Chọn một số từ 1 đến {len(options)}.", file=sys.stderr)


def _province(given: str | None, asking: bool) -> str:
    if given is None:
        if not asking:
            raise UserError("Thiếu --province (tỉnh/thành phố, ví dụ: --province 'Lâm Đồng').")
        print("Tỉnh/thành phố (34 đơn vị từ 1/7/2025):")
        return ALL[_choose("Số hoặc tên tỉnh/thành phố", list(ALL))]
    found = find_province(given)
    if found is None:
        close = close_provinces(given)
        hint = f" Có phải: {', '.join(close)}?" if close else ""
        raise UserError(f"Không có tỉnh/thành phố '{given}' trong 34 đơn vị từ 1/7/2025.{hint}")
    return found


def _unit(given: str | None, kind: str | None, asking: bool) -> str:
    if given is None:
        if not asking:
            raise UserError("Thiếu --unit (tên đơn vị, ví dụ: --unit 'Xã Hàm Liêm').")
        if kind is None:
            words = list(UNIT_KINDS.values())
            kind = list(UNIT_KINDS)[_choose("Loại đơn vị", words)]
        given = _ask(f"Tên {UNIT_KINDS[kind].lower()} (ví dụ: Hàm Liêm)")
    name = " ".join(nfc(given).split())
    found = unit_kind(name)
    if found is None:
        if kind is None:
            raise UserError(
                f"'{name}' không ghi rõ loại đơn vị: viết 'Xã {name}', 'Phường {name}' hoặc "
                f"'Đặc khu {name}', hoặc thêm --unit-type xa|phuong|dac-khu."
            )
        return f"{UNIT_KINDS[kind]} {name}"
    word = UNIT_KINDS[found]
    return word + name[len(word) :]  # "xã hàm liêm" keeps its name, "Xã" capitalised


def _issuer(args_issuer: str | None, kind: str | None, unit: str, asking: bool) -> str:
    if args_issuer:
        return " ".join(nfc(args_issuer).split())
    lower = unit[0].lower() + unit[1:]  # "Đảng ủy xã Hàm Liêm"
    choices = [f"{body} {lower}" for body in ISSUERS.values()]
    if kind is None and asking:
        return choices[_choose("Cơ quan ban hành kế hoạch", choices)]
    return choices[list(ISSUERS).index(kind or "dang-uy")]


def _local_set(campaign: Campaign, province: str, given: str | None) -> str | None:
    if given:
        if given not in campaign.local_sets:
            known = ", ".join(campaign.local_sets) or "không có"
            raise UserError(f"Không có bộ nội dung địa phương '{given}' (có: {known}).")
        return given
    mine = fold(province)
    return next((k for k, name in campaign.local_sets.items() if fold(name) == mine), None)


def run(ctx: Context) -> int:
    args = ctx.args
    path: Path = args.out or args.path or Path("calendar.toml")
    if path.exists() and not args.force:
        raise UserError(f"Tệp {path} đã có; dùng --force để ghi đè.")
    asking = not args.non_interactive and sys.stdin.isatty()
    campaign_path = find_campaign(args.campaign, [])
    if campaign_path is None:
        raise UserError(f"Không có chiến dịch '{args.campaign}'.")
    campaign = load_campaign(campaign_path)
    province = _province(args.province, asking)
    unit = _unit(args.unit, args.unit_type, asking)
    issuer = _issuer(args.issuer, args.issuer_kind, unit, asking)
    start: date = args.start or date.today()
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters["toml"] = lambda v: json.dumps(str(v), ensure_ascii=False)
    template = env.from_string(asset("templates", "calendar.toml.j2").read_text("utf-8"))
    text = template.render(
        name=unit,
        province=province,
        issuing_unit=issuer,
        ward_id=args.ward_id or slug(unit),
        local_set=_local_set(campaign, province, args.local_set),
        campaign=campaign.id,
        start=max(start, campaign.start).isoformat(),
        end=campaign.end.isoformat(),
        peaks=campaign.peaks,
    )
    tmp = path.with_name(path.name + ".tmp")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp.write_text(text, encoding="utf-8")
    try:
        load_calendar(tmp)  # what we write must pass our own check
    except ConfigError:
        tmp.unlink()
        raise
    tmp.replace(path)
    console().print(f"Đã tạo {path} cho {unit} ({province}). Kiểm tra:\n")
    from campaigns.cli import check

    ctx.args.calendar = str(path)
    ctx.__dict__.pop("calendar", None)  # the cached calendar, if any, was another file's
    return check.run(ctx)

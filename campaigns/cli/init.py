"""``loa init PATH``: write a new ward calendar from flags, or by asking."""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from datetime import date
from pathlib import Path

import jinja2

from campaigns.assets import asset
from campaigns.cli.context import Context
from campaigns.cli.output import console
from campaigns.cli.parser import Subparsers, day
from campaigns.config import load_calendar
from campaigns.content.load import find_campaign, load_campaign
from campaigns.errors import ConfigError, UserError
from campaigns.text import nfc

FIELDS = [
    ("name", "--name", "Tên đơn vị (ví dụ: Phường Kiến An)"),
    ("province", "--province", "Tỉnh/thành phố (ví dụ: Thành phố Hải Phòng)"),
    ("issuing_unit", "--issuing-unit", "Cơ quan ban hành kế hoạch (ví dụ: Đảng ủy phường Kiến An)"),
]


def register(sub: Subparsers) -> None:
    p = sub.add_parser("init", help="tạo tệp lịch mới cho một phường/xã")
    p.add_argument("path", type=Path, help="đường dẫn tệp sẽ tạo (ví dụ: calendar.toml)")
    p.add_argument("--name", help="tên đơn vị")
    p.add_argument("--province", help="tỉnh/thành phố")
    p.add_argument("--issuing-unit", dest="issuing_unit", help="cơ quan ban hành")
    p.add_argument("--ward-id", dest="ward_id", help="mã đơn vị (mặc định: từ tên, bỏ dấu)")
    p.add_argument(
        "--local-set", dest="local_set", help="bộ nội dung địa phương (ví dụ: hai-phong)"
    )
    p.add_argument("--campaign", default="nq72", help="chiến dịch (mặc định: nq72)")
    p.add_argument("--start", type=day, help="ngày bắt đầu (mặc định: hôm nay)")
    p.add_argument("--force", action="store_true", help="ghi đè nếu tệp đã có")
    p.set_defaults(func=run)


def slug(text: str) -> str:
    """'Phường Kiến An' -> 'phuong-kien-an' (đ is not a combining mark, so map it first)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    plain = unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:64] or "don-vi"


def _ask(label: str) -> str:
    while True:
        answer = nfc(input(f"{label}: ").strip())
        if answer:
            return answer
        print("Không được để trống.", file=sys.stderr)


def run(ctx: Context) -> int:
    args = ctx.args
    path: Path = args.path
    if path.exists() and not args.force:
        raise UserError(f"Tệp {path} đã có; dùng --force để ghi đè.")
    values = {key: nfc(getattr(args, key)) for key, _, _ in FIELDS if getattr(args, key)}
    missing = [(key, flag, label) for key, flag, label in FIELDS if key not in values]
    if missing and not sys.stdin.isatty():
        flags = ", ".join(flag for _, flag, _ in missing)
        raise UserError(f"Thiếu thông tin: {flags} (hoặc chạy trong cửa sổ lệnh để được hỏi).")
    for key, _, label in missing:
        values[key] = _ask(label)

    campaign_path = find_campaign(args.campaign, [])
    if campaign_path is None:
        raise UserError(f"Không có chiến dịch '{args.campaign}'.")
    campaign = load_campaign(campaign_path)
    if args.local_set and args.local_set not in campaign.local_sets:
        known = ", ".join(campaign.local_sets) or "không có"
        raise UserError(f"Không có bộ nội dung địa phương '{args.local_set}' (có: {known}).")
    start: date = args.start or date.today()
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters["toml"] = lambda v: json.dumps(str(v), ensure_ascii=False)
    template = env.from_string(asset("templates", "calendar.toml.j2").read_text("utf-8"))
    text = template.render(
        **values,
        ward_id=args.ward_id or slug(values["name"]),
        local_set=args.local_set,
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
    console().print(f"Đã tạo {path}. Kiểm tra bằng: loa --calendar {path} check")
    return 0

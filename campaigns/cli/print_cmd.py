"""``loa print``: print-ready PDFs of the slogans: A4 and A3 posters, and a long banner."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from campaigns.cli.commands import help_of
from campaigns.cli.context import Context
from campaigns.cli.output import console
from campaigns.cli.parser import Subparsers
from campaigns.errors import UserError
from campaigns.failures import unwritable
from campaigns.render.cards import Card
from campaigns.render.printing import POSTERS, PrintFormat, banner_format, render_print
from campaigns.render.theme import theme_of
from campaigns.text import nfc

_SIZE = re.compile(r"^(\d+(?:[.,]\d+)?)x(\d+(?:[.,]\d+)?)$")


def banner_size(text: str) -> tuple[float, float]:
    m = _SIZE.match(text.strip().lower().replace("×", "x").replace(" ", ""))
    if not m:
        raise argparse.ArgumentTypeError(
            f"'{text}' không phải kích thước (ví dụ 5x0.8, đơn vị mét)"
        )
    w, h = (float(g.replace(",", ".")) for g in m.groups())
    if not (0.3 <= h <= w <= 5.0):
        raise argparse.ArgumentTypeError(
            "băng rôn dài từ 0,3 m đến 5 m (giới hạn trang PDF) và dài hơn chiều cao"
        )
    return w, h


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "print",
        help=help_of("print"),
        description="Mỗi khẩu hiệu thành một tệp PDF sẵn sàng để in: áp phích A4 và A3 "
        "(300 dpi) và băng rôn khổ dài (mặc định 5 × 0,8 m), cùng cách dàn chữ như ảnh đăng.",
    )
    p.add_argument("--out", type=Path, required=True, metavar="THƯ_MỤC", help="thư mục kết quả")
    p.add_argument("--content", nargs="+", metavar="MÃ", help="chỉ các khẩu hiệu này (ví dụ s03)")
    p.add_argument("--banner", type=banner_size, default=(5.0, 0.8), metavar="DÀIxCAO",
                   help="kích thước băng rôn, mét (mặc định 5x0.8)")  # fmt: skip
    p.add_argument("--banner-dpi", type=int, default=60, metavar="DPI",
                   help="độ phân giải băng rôn (mặc định 60 dpi)")  # fmt: skip
    p.set_defaults(func=run)


def run(ctx: Context) -> int:
    cal, args = ctx.calendar, ctx.args
    slogans = [(cid, s) for cid, pool in cal.pools.items() for s in pool.slogans]
    if args.content:
        known = {s.id for _, s in slogans}
        unknown = [c for c in args.content if c not in known]
        if unknown:
            raise UserError(
                f"Không có khẩu hiệu mã {', '.join(unknown)} (xem danh sách: loa content)."
            )
        slogans = [(cid, s) for cid, s in slogans if s.id in args.content]
    if not 20 <= args.banner_dpi <= 300:
        raise UserError("Độ phân giải băng rôn phải từ 20 đến 300 dpi.")
    formats: list[PrintFormat] = [
        *POSTERS,
        banner_format(args.banner[0], args.banner[1], args.banner_dpi),
    ]
    theme = theme_of(cal)
    out = console()
    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise unwritable(exc, f"thư mục '{args.out}'") from None
    ward = cal.config.ward
    count = 0
    for cid, slogan in slogans:
        campaign = cal.campaigns[cid]
        card = Card("slogan", header=nfc(campaign.name), text=nfc(slogan.text),
                    ward=nfc(ward.name), line=nfc(campaign.short_title))  # fmt: skip
        for fmt in formats:
            data, shrunk = render_print(card, fmt, theme)
            path = args.out / f"{slogan.id}-{fmt.name}.pdf"
            try:
                path.write_bytes(data)
            except OSError as exc:
                raise unwritable(exc, f"tệp '{path}'") from None
            count += 1
            note = " [yellow](chữ phải thu nhỏ dưới cỡ dễ đọc)[/]" if shrunk else ""
            out.print(f"{path.name}: {fmt.label}{note}")
    out.print(f"Đã xuất {count} tệp PDF vào {args.out} (chưa in, chưa đăng gì).")
    return 0

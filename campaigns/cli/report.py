"""``loa report``: the period's report as DOCX, Markdown or CSV, in one command;
``loa history``: every move of every post in a range, as CSV or JSON (the audit trail)."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from campaigns.cli.commands import help_of
from campaigns.cli.context import Context
from campaigns.cli.output import console, err_console
from campaigns.cli.parser import Subparsers, day, year_number
from campaigns.errors import UserError
from campaigns.failures import unwritable
from campaigns.report import (
    FORMATS,
    Period,
    audit,
    between,
    parse_quarter,
    year,
)
from campaigns.report.csv_writer import write_rows
from campaigns.report.service import ReadersFactory, make_report, summary

# Tests replace this to read engagement from a fake platform (None: the real readers).
READERS: ReadersFactory | None = None


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "report",
        help=help_of("report"),
        description="Lập báo cáo kết quả (DOCX để chỉnh sửa và ký, Markdown, hoặc CSV số liệu).",
        epilog="Ví dụ: loa report --quarter 2026-Q2 · loa report --year 2026 --format md "
        "· loa report --from 01/04/2026 --to 15/05/2026 --format csv --out so-lieu.csv",
    )
    period_args(p)
    p.add_argument("--format", choices=FORMATS, help="docx (mặc định), md hoặc csv")
    p.add_argument("--out", metavar="TỆP", help="tệp kết quả (mặc định bao-cao-<phường>-<kỳ>)")
    p.add_argument(
        "--no-refresh", action="store_true", help="không lấy lại số liệu tương tác trước khi lập"
    )
    p.set_defaults(func=report)

    h = sub.add_parser(
        "history",
        help=help_of("history"),
        epilog="Ví dụ: loa history --from 01/04/2026 --to 30/06/2026 --out lich-su.csv",
    )
    h.add_argument("--from", dest="start", type=day, help="từ ngày (thời điểm thay đổi)")
    h.add_argument("--to", dest="end", type=day, help="đến ngày")
    h.add_argument("--format", choices=("csv", "json"), help="csv (mặc định) hoặc json")
    h.add_argument("--out", metavar="TỆP", help="tệp kết quả (mặc định in ra màn hình)")
    h.set_defaults(func=history)


def period_args(p: argparse.ArgumentParser) -> None:
    when = p.add_mutually_exclusive_group()
    when.add_argument("--quarter", metavar="QUÝ", help="quý, ví dụ 2026-Q2")
    when.add_argument("--year", type=year_number, metavar="NĂM", help="cả năm, ví dụ 2026")
    p.add_argument("--from", dest="start", type=day, help="từ ngày (07/04/2026 hoặc 2026-04-07)")
    p.add_argument("--to", dest="end", type=day, help="đến ngày")


def period_from(args: argparse.Namespace, default: Period | None = None) -> Period:
    """The period the options name (``default`` when none is given)."""
    ranged = args.start is not None or args.end is not None
    if ranged and (args.quarter or args.year):
        raise UserError("Chỉ dùng một cách chọn kỳ: --quarter, --year, hoặc --from và --to.")
    try:
        if args.quarter:
            return parse_quarter(args.quarter)
        if args.year:
            return year(args.year)
        if args.start and args.end:
            return between(args.start, args.end)
    except ValueError as exc:
        raise UserError(f"Kỳ báo cáo không hợp lệ: {exc}.") from None
    if default is not None and not ranged:
        return default
    raise UserError(
        "Cần chọn kỳ báo cáo: --quarter 2026-Q2, --year 2026, hoặc --from 01/04/2026 "
        "--to 30/06/2026."
    )


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    suffix = Path(args.out).suffix.lower().lstrip(".") if args.out else ""
    return {"markdown": "md"}.get(suffix, suffix) if suffix in (*FORMATS, "markdown") else "docx"


def report(ctx: Context) -> int:
    period = period_from(ctx.args)
    fmt = _format(ctx.args)
    path = Path(ctx.args.out) if ctx.args.out else None
    try:
        done = make_report(
            ctx.store, ctx.calendar, period, fmt, path,
            refresh_engagement=not ctx.args.no_refresh, readers=READERS,
        )  # fmt: skip
    except OSError as exc:
        raise unwritable(exc, f"tệp {exc.filename or path or 'báo cáo'}") from None
    err = err_console()
    if done.refreshed and done.refreshed.updated:
        err.print(f"Đã cập nhật số liệu tương tác của {len(done.refreshed.updated)} bài.")
    for note in done.notes:
        err.print(f"[yellow]Lưu ý:[/] {note}")
    out = console()
    for line in summary(done.report):
        out.print(line, markup=False)
    out.print(f"Đã ghi {done.path}", markup=False)
    return 0


def history(ctx: Context) -> int:
    args = ctx.args
    if args.start and args.end and args.end < args.start:
        raise UserError("Ngày kết thúc phải sau ngày bắt đầu.")
    start = ctx.day_bounds(args.start, args.start)[0] if args.start else None
    end = ctx.day_bounds(args.end, args.end)[1] if args.end else None
    tz = ctx.calendar.tz
    rows = [audit.row(m, tz) for m in audit.moves(ctx.store, ctx.unit, start, end)]
    fmt = args.format or (
        "json" if args.out and Path(args.out).suffix.lower() == ".json" else "csv"
    )
    if args.out:
        path = Path(args.out)
        try:
            if fmt == "csv":
                write_rows(path, audit.COLUMNS, rows)
            else:
                text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
                path.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise unwritable(exc, f"tệp {path}") from None
        console().print(f"Đã ghi {len(rows)} lần thay đổi vào {path}", markup=False)
        return 0
    if fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(audit.COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return 0

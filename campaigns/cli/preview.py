"""``loa preview``: render every post of a date range into a folder; publish nothing."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from campaigns.cli.commands import help_of
from campaigns.cli.context import Context
from campaigns.cli.output import console, err_console
from campaigns.cli.parser import Subparsers, day
from campaigns.errors import UserError
from campaigns.planning import desired_posts
from campaigns.preview import Summary, build_preview
from campaigns.preview.layouts import build_layouts
from campaigns.preview.parallel import default_workers
from campaigns.render import layout_name
from campaigns.render.content import PostLike
from campaigns.store.db import database_url
from campaigns.store.lifecycle import Status
from campaigns.timeutil import fmt_date

PROGRESS_FROM = 40  # posts: below this, no bar


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "preview",
        help=help_of("preview"),
        description="Vẽ ảnh, soạn chú thích, tờ ảnh thu nhỏ theo tháng và trang index.html "
        "cho mọi bài trong khoảng ngày, vào thư mục OUT. Dùng các bài đã lập kế hoạch; "
        "nếu chưa có, dùng các khung giờ của lịch. Không đăng bài, không cần mã truy cập.",
    )
    p.add_argument("--from", dest="start", type=day, help="từ ngày")
    p.add_argument("--to", dest="end", type=day, help="đến ngày")
    p.add_argument("--out", type=Path, required=True, metavar="THƯ_MỤC", help="thư mục kết quả")
    p.add_argument("--channel", metavar="TÊN", help="chỉ một kênh")
    p.add_argument(
        "--layouts", action="store_true",
        help="vẽ một nội dung theo mọi mẫu ảnh và mọi khổ ảnh, để chọn (không cần --from/--to)",
    )  # fmt: skip
    p.add_argument(
        "--content", metavar="MÃ", help="với --layouts: mã nội dung (mặc định: đầu tiên)"
    )
    p.set_defaults(func=run)


def run(ctx: Context) -> int:
    cal = ctx.calendar
    args = ctx.args
    if args.layouts:
        return _layouts(ctx)
    if args.content:
        raise UserError("--content chỉ dùng cùng --layouts.")
    if args.start is None or args.end is None:
        raise UserError("Cần cả --from và --to (hoặc --layouts để xem các mẫu ảnh).")
    if args.end < args.start:
        raise UserError(
            f"Ngày kết thúc {fmt_date(args.end)} phải sau ngày bắt đầu {fmt_date(args.start)}."
        )
    if args.channel and cal.channel(args.channel) is None:
        names = ", ".join(c.name for c in cal.config.channels)
        raise UserError(f"Không có kênh tên '{args.channel}' (có: {names}).")
    posts, source = _posts(ctx)
    out = console()
    err = err_console()
    if layout_name() != "raqm":
        err.print("[yellow]Cảnh báo:[/] không có raqm, dùng cách dàn chữ cơ bản.")
    title = f"Xem trước {cal.config.ward.name}: {fmt_date(args.start)} – {fmt_date(args.end)}"
    if len(posts) >= PROGRESS_FROM and sys.stderr.isatty():
        columns = (TextColumn("Đang vẽ"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, console=err, transient=True) as bar:
            task = bar.add_task("preview", total=len(posts))
            summary = build_preview(cal, posts, args.out, title=title, workers=default_workers(),
                                    progress=lambda: bar.advance(task))  # fmt: skip
    else:
        summary = build_preview(cal, posts, args.out, title=title, workers=default_workers())
    _report(out, summary, source, args.out)
    return 0


def _layouts(ctx: Context) -> int:
    sheet = build_layouts(ctx.calendar, ctx.args.content, ctx.args.out)
    out = console()
    out.print(f"Các mẫu ảnh cho nội dung {sheet.item}: {sheet.images} ảnh → {sheet.sheet}")
    for line in sheet.skipped:
        out.print(f"  bỏ qua {escape(line)}")
    return 0


def _posts(ctx: Context) -> tuple[Sequence[PostLike], str]:
    """Planned posts from the store when it has some in the range, else the calendar's."""
    cal, args = ctx.calendar, ctx.args
    url = database_url(args.db)
    exists = not url.startswith("sqlite:///") or Path(url[len("sqlite:///") :]).is_file()
    if exists:
        lo, hi = ctx.day_bounds(args.start, args.end)
        shown = [s for s in tuple(Status) if s not in (Status.CANCELLED, Status.SUPERSEDED)]
        rows = ctx.store.posts(cal.unit, start=lo, end=hi, channel=args.channel, statuses=shown)
        if rows:
            return rows, "các bài đã lập kế hoạch"
    wanted = desired_posts(cal, args.start, args.end)
    if args.channel:
        wanted = [p for p in wanted if p.channel == args.channel]
    return wanted, "các khung giờ của lịch (chưa lập kế hoạch)"


def _report(out: Console, summary: Summary, source: str, folder: Path) -> None:
    out.print(f"Xem trước {summary.posts} bài từ {source} → {folder / 'index.html'}")
    if summary.per_channel:
        out.print("  theo kênh: " + ", ".join(f"{c} {n}" for c, n in summary.per_channel.items()))
    out.print(
        f"  {summary.images} ảnh ({summary.drawn} vẽ mới, {summary.images - summary.drawn} "
        f"lấy từ bộ đệm), {summary.sheets} tờ ảnh thu nhỏ"
    )
    if summary.warnings:
        out.print(f"[yellow]{len(summary.warnings)} cảnh báo:[/]")
        for w in summary.warnings[:20]:
            out.print(f"  - {w}")
        if len(summary.warnings) > 20:
            out.print(f"  … và {len(summary.warnings) - 20} cảnh báo khác (xem index.html)")
    else:
        out.print("  không có cảnh báo")

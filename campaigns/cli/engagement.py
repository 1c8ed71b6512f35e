"""``loa engagement``: fetch reactions, comments and shares of the published posts of a
period now (cron or the daemon can run it daily), then list them with the time they were
taken. ``loa report`` does the same refresh before writing."""

from __future__ import annotations

from rich.table import Table

from campaigns.cli import report as report_cli
from campaigns.cli.commands import help_of
from campaigns.cli.context import Context
from campaigns.cli.output import console, err_console, print_json
from campaigns.cli.parser import Subparsers
from campaigns.report import engagement, quarter_of
from campaigns.report.blocks import fmt_int
from campaigns.report.service import refresh_period
from campaigns.store.lifecycle import Status
from campaigns.timeutil import fmt_local


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "engagement",
        help=help_of("engagement"),
        epilog="Ví dụ: loa engagement (quý này) · loa engagement --quarter 2026-Q2 --json",
    )
    report_cli.period_args(p)
    p.add_argument("--no-refresh", action="store_true", help="chỉ xem số liệu đã lưu")
    p.add_argument("--json", action="store_true", help="in dạng JSON")
    p.set_defaults(func=run)


def run(ctx: Context) -> int:
    cal = ctx.calendar
    period = report_cli.period_from(ctx.args, default=quarter_of(ctx.today()))
    if not ctx.args.no_refresh:
        result, notes = refresh_period(ctx.store, cal, period, report_cli.READERS)
        err = err_console()
        err.print(f"Đã cập nhật số liệu tương tác của {len(result.updated)} bài.")
        for note in notes:
            err.print(f"[yellow]Lưu ý:[/] {note}", highlight=False)
    start, end = period.bounds(cal.tz)
    posts = ctx.store.posts(ctx.unit, start=start, end=end, statuses=[Status.PUBLISHED])
    snaps = engagement.latest(ctx.store, [p.id for p in posts if p.id is not None])
    rows = []
    for p in posts:
        snap = snaps.get(p.id) if p.id is not None else None
        c = snap.counts if snap else engagement.Counts()
        rows.append({
            "id": p.id, "due_at": p.due_at.astimezone(cal.tz).isoformat(),
            "channel": p.channel, "url": p.url, "reactions": c.reactions,
            "comments": c.comments, "shares": c.shares,
            "fetched_at": snap.fetched_at.astimezone(cal.tz).isoformat() if snap else None,
        })  # fmt: skip
    if ctx.args.json:
        print_json(rows)
        return 0
    out = console()
    if not rows:
        out.print(f"Không có bài nào đã đăng {period.label}.")
        return 0
    table = Table(header_style="bold")
    for name in ("Số", "Thời gian", "Kênh", "Cảm xúc", "Bình luận", "Chia sẻ", "Tính đến"):
        table.add_column(
            name, justify="right" if name in ("Số", "Cảm xúc", "Bình luận", "Chia sẻ") else "left"
        )
    for p, row in zip(posts, rows, strict=True):
        snap = snaps.get(p.id) if p.id is not None else None
        table.add_row(
            str(p.id), fmt_local(p.due_at, cal.tz), p.channel,
            *(fmt_int(v) if isinstance(v, int) else "—"
              for v in (row["reactions"], row["comments"], row["shares"])),
            fmt_local(snap.fetched_at, cal.tz) if snap else "chưa có",
        )  # fmt: skip
    out.print(table)
    return 0

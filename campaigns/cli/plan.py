"""``loa plan``: expand the calendar into posts in the store (idempotent)."""

from __future__ import annotations

from campaigns.cli.captions import caption_problems, require_templates
from campaigns.cli.commands import help_of
from campaigns.cli.context import Context
from campaigns.cli.output import console
from campaigns.cli.parser import Subparsers, day
from campaigns.errors import UserError
from campaigns.store.lifecycle import Status
from campaigns.store.plan import plan_range
from campaigns.timeutil import fmt_date


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "plan",
        help=help_of("plan"),
        description="Tạo bài nháp cho mỗi kênh, mỗi khung giờ trong khoảng ngày. "
        "Chạy lại không tạo trùng; bài đã duyệt, đã sửa hay đã đăng không bị đụng đến.",
    )
    p.add_argument("--from", dest="start", type=day, help="từ ngày (mặc định: hôm nay)")
    p.add_argument("--to", dest="end", type=day, help="đến ngày (mặc định: hết thời gian của lịch)")
    p.set_defaults(func=run, creates_db=True)


def run(ctx: Context) -> int:
    cal = ctx.calendar
    start = ctx.args.start or max(ctx.today(), cal.start)
    end = ctx.args.end or cal.end
    if end < start:
        raise UserError(f"Ngày kết thúc {fmt_date(end)} phải sau ngày bắt đầu {fmt_date(start)}.")
    first, last = max(start, cal.start), min(end, cal.end)
    if last < first:
        raise UserError(
            f"Khoảng {fmt_date(start)} – {fmt_date(end)} nằm ngoài thời gian của lịch "
            f"({fmt_date(cal.start)} – {fmt_date(cal.end)})."
        )
    require_templates(cal)  # a broken caption template stops before the database is opened
    result = plan_range(ctx.store, cal, first, last)
    out = console()
    out.print(f"Kế hoạch {cal.config.ward.name}, {fmt_date(first)} – {fmt_date(last)}:")
    out.print(
        f"  thêm {result.added} bài, thay thế {result.superseded}, khôi phục {result.revived}, "
        f"giữ nguyên {result.unchanged}"
        + (f", {result.held} khung giờ đã có bài được chỉnh tay" if result.held else "")
    )
    if result.per_channel:
        out.print("  theo kênh: " + ", ".join(f"{c} {n}" for c, n in result.per_channel.items()))
    if result.added or result.revived:
        # the captions of the posts this run added or revived; the others were checked
        # when they were planned (preview, the TUI and publishing check every caption)
        lo, hi = ctx.day_bounds(first, last)
        pending = ctx.store.posts(
            cal.unit, start=lo, end=hi, statuses=(Status.DRAFT, Status.APPROVED)
        )
        fresh = [p for p in pending if result.at is not None and p.updated_at >= result.at]
        for line in caption_problems(cal, fresh):
            out.print(f"[yellow]Cảnh báo chú thích:[/] {line}")
    if result.added and cal.config.approval.required:
        out.print("  Bài mới ở trạng thái nháp: duyệt bằng 'loa posts approve'.")
    return 0

"""``loa posts``: list, show, approve, cancel and reschedule posts."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from rich.markup import escape

from campaigns.cli.commands import help_of
from campaigns.cli.context import Context, actor
from campaigns.cli.output import (
    console,
    err_console,
    post_json,
    posts_table,
    print_json,
    transition_json,
)
from campaigns.cli.parser import Parser, Subparsers, day, positive_int
from campaigns.errors import UserError
from campaigns.report import engagement
from campaigns.store.lifecycle import APPROVE, CANCEL, LABELS, RESTORE, Move, Status, describe
from campaigns.store.models import KIND_LABELS, Transition
from campaigns.timeutil import fmt_local, parse_when


def register(sub: Subparsers) -> None:
    posts = sub.add_parser("posts", help=help_of("posts"))
    psub = posts.add_subparsers(dest="posts_command", metavar="LỆNH", parser_class=Parser)
    posts.set_defaults(func=lambda ctx: _usage(posts))

    p = psub.add_parser("list", help="liệt kê bài đăng")
    _range_args(p)
    p.add_argument("--status", choices=tuple(Status), help="lọc theo trạng thái")
    p.add_argument("--limit", type=positive_int, help="tối đa bao nhiêu bài")
    p.add_argument("--json", action="store_true", help="in dạng JSON")
    p.set_defaults(func=list_posts)

    p = psub.add_parser("show", help="xem một bài và lịch sử của nó")
    p.add_argument("id", type=positive_int, help="số của bài")
    p.add_argument("--json", action="store_true", help="in dạng JSON")
    p.set_defaults(func=show)

    p = psub.add_parser("history", help="lịch sử trạng thái của một bài: ai, khi nào, vì sao")
    p.add_argument("id", type=positive_int, help="số của bài")
    p.add_argument("--json", action="store_true", help="in dạng JSON")
    p.set_defaults(func=history)

    p = psub.add_parser("add", help="thêm bài riêng: nội dung, ảnh, liên kết, kênh và giờ đăng")
    p.add_argument("--channel", required=True, help="tên kênh (như trong calendar.toml)")
    p.add_argument("--at", dest="when", required=True,
                   help='giờ đăng, ví dụ "07/04/2026 07:30" (giờ của phường)')  # fmt: skip
    p.add_argument("--text", required=True, help="nội dung bài")
    p.add_argument("--image", dest="images", action="append", default=[], metavar="TỆP",
                   help="ảnh JPEG/PNG (lặp lại để thêm nhiều ảnh)")  # fmt: skip
    p.add_argument("--link", help="liên kết kèm bài (https://…)")
    p.add_argument("--json", action="store_true", help='in dạng JSON: {"id": số bài}')
    p.set_defaults(func=add, creates_db=True)

    p = psub.add_parser("approve", help="duyệt bài (theo số, hoặc cả khoảng ngày)")
    p.add_argument("ids", nargs="*", type=positive_int, metavar="ID", help="số của bài")
    _range_args(p)
    p.set_defaults(func=approve)

    p = psub.add_parser("cancel", help="hủy bài")
    p.add_argument("ids", nargs="+", type=positive_int, metavar="ID", help="số của bài")
    p.add_argument("--reason", default="", help="lý do (ghi vào lịch sử)")
    p.set_defaults(func=cancel)

    p = psub.add_parser("restore", help="khôi phục bài đã hủy (về nháp, cần duyệt lại)")
    p.add_argument("ids", nargs="+", type=positive_int, metavar="ID", help="số của bài")
    p.set_defaults(func=restore)

    p = psub.add_parser(
        "resolve",
        help="xác nhận bài 'có thể đã đăng': đã lên kênh (kèm liên kết) hoặc chưa đăng",
    )
    p.add_argument("id", type=positive_int, help="số của bài")
    found = p.add_mutually_exclusive_group(required=True)
    found.add_argument("--link", help="bài đã lên kênh: địa chỉ của bài trên kênh")
    found.add_argument(
        "--not-published", action="store_true", help="đã xem trên kênh: bài chưa lên"
    )
    p.add_argument("--reason", default="", help="ghi chú (ghi vào lịch sử)")
    p.set_defaults(func=resolve)

    p = psub.add_parser("publish", help="đăng ngay bài đã duyệt (hoặc bài lỗi, bỏ lỡ)")
    p.add_argument("ids", nargs="+", type=positive_int, metavar="ID", help="số của bài")
    p.set_defaults(func=publish)

    p = psub.add_parser("reschedule", help="dời bài sang thời điểm khác")
    p.add_argument("id", type=positive_int, help="số của bài")
    p.add_argument("when", help='thời điểm mới, ví dụ "07/04/2026 07:30" (giờ của phường)')
    p.set_defaults(func=reschedule)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _range_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="start", type=day, help="từ ngày (07/04/2026 hoặc 2026-04-07)")
    p.add_argument("--to", dest="end", type=day, help="đến ngày")
    p.add_argument("--channel", help="chỉ một kênh")


def _range(ctx: Context) -> tuple[datetime | None, datetime | None]:
    args = ctx.args
    if args.channel and ctx.calendar.channel(args.channel) is None:
        names = ", ".join(c.name for c in ctx.calendar.config.channels)
        raise UserError(f"Không có kênh '{args.channel}' (có: {names}).")
    if args.start and args.end and args.end < args.start:
        raise UserError("Ngày kết thúc phải sau ngày bắt đầu.")
    start = ctx.day_bounds(args.start, args.start)[0] if args.start else None
    end = ctx.day_bounds(args.end, args.end)[1] if args.end else None
    return start, end


def list_posts(ctx: Context) -> int:
    start, end = _range(ctx)
    statuses = [ctx.args.status] if ctx.args.status else None
    posts = ctx.store.posts(
        ctx.unit, start=start, end=end, channel=ctx.args.channel, statuses=statuses,
        limit=ctx.args.limit,
    )  # fmt: skip
    tz = ctx.calendar.tz
    if ctx.args.json:
        print_json([post_json(p, tz) for p in posts])
        return 0
    out = console()
    if not posts:
        out.print("Không có bài nào phù hợp.")
        return 0
    out.print(posts_table(posts, tz))
    out.print(f"{len(posts)} bài.")
    return 0


def show(ctx: Context) -> int:
    post = ctx.store.get(ctx.unit, ctx.args.id)
    history = ctx.store.history(ctx.unit, ctx.args.id)
    tz = ctx.calendar.tz
    if ctx.args.json:
        print_json({**post_json(post, tz), "history": [transition_json(t, tz) for t in history]})
        return 0
    out = console()
    out.print(f"[bold]Bài số {post.id}[/] — {describe(post.status, post.maybe_live)}")
    out.print(f"Thời gian: {fmt_local(post.due_at, tz, with_zone=True)}")
    out.print(
        f"Kênh: {post.channel}   Loại: {KIND_LABELS.get(post.kind, post.kind)} ({post.content_id})"
    )
    if post.peak:
        out.print(f"Cao điểm: {escape(post.peak)}")
    if post.event:
        out.print(f"Sự kiện: {escape(post.event)}")
    out.print(f"Nội dung: {escape(post.text)}")
    if post.link:
        out.print(f"Liên kết kèm bài: {escape(post.link)}")
    for n, name in enumerate(post.images or [], 1):
        out.print(f"Ảnh {n}: {escape(name)}")
    if post.url:
        out.print(f"Liên kết: {post.url}")
    snap = engagement.latest(ctx.store, [post.id]).get(post.id) if post.id else None
    if snap is not None:
        c = snap.counts
        out.print(
            f"Tương tác (tính đến {fmt_local(snap.fetched_at, tz)}): {c.reactions or 0} cảm xúc, "
            f"{c.comments or 0} bình luận, {c.shares or 0} chia sẻ"
        )
    if post.error:
        out.print(f"[red]Lỗi:[/] {escape(post.error)}")
    if post.maybe_live:
        out.print(MAYBE_LIVE_HELP.format(id=post.id))
    out.print(f"Tạo lúc {fmt_local(post.created_at, tz)} bởi {escape(post.created_by)}")
    _print_history(history, tz)
    return 0


def _print_history(history: list[Transition], tz: ZoneInfo) -> None:
    out = console()
    for t in history:
        before = LABELS.get(t.from_status or "", t.from_status or "—")
        after = LABELS.get(t.to_status, t.to_status)
        why = f" — {escape(t.reason)}" if t.reason else ""
        out.print(f"  {fmt_local(t.at, tz)}  {before} → {after}  ({escape(t.actor)}){why}")


def history(ctx: Context) -> int:
    """The audit trail of one post: who or what moved it, when, from which state, why."""
    post = ctx.store.get(ctx.unit, ctx.args.id)
    moves = ctx.store.history(ctx.unit, ctx.args.id)
    tz = ctx.calendar.tz
    if ctx.args.json:
        print_json([transition_json(t, tz) for t in moves])
        return 0
    out = console()
    out.print(
        f"[bold]Bài số {post.id}[/] — {fmt_local(post.due_at, tz, with_zone=True)} — "
        f"{post.channel} — hiện: {LABELS.get(post.status, post.status)}"
    )
    out.print(f"Tạo lúc {fmt_local(post.created_at, tz)} bởi {escape(post.created_by)}")
    if not moves:
        out.print("Chưa có thay đổi trạng thái nào.")
    _print_history(moves, tz)
    return 0


def _apply(ctx: Context, ids: list[int], rule: Move, reason: str = "") -> int:
    result = ctx.store.move(ctx.unit, ids, rule, actor=actor("cli"), reason=reason)
    out = console()
    if result.changed:
        out.print(f"Đã {rule.label} {len(result.changed)} bài.")
    problems = result.problems(rule)
    for line in problems:
        err_console().print(line)
    if not result.changed and not problems:
        out.print("Không có bài nào để " + rule.label + ".")
    return 2 if problems and not result.changed else 0


def approve(ctx: Context) -> int:
    args = ctx.args
    ranged = args.start or args.end or args.channel
    if args.ids and ranged:
        raise UserError("Chỉ dùng số bài hoặc --from/--to/--channel, không dùng cả hai.")
    if not args.ids and not (args.start and args.end):
        raise UserError(
            "Cần số bài, hoặc cả --from và --to "
            "(ví dụ: loa posts approve --from 01/04/2026 --to 30/04/2026)."
        )
    ids = list(args.ids)
    if not ids:
        start, end = _range(ctx)
        assert start is not None and end is not None
        ids = ctx.store.ids_in_range(ctx.unit, start, end, [Status.DRAFT], args.channel)
    return _apply(ctx, ids, APPROVE, "duyệt qua dòng lệnh")


def cancel(ctx: Context) -> int:
    return _apply(ctx, list(ctx.args.ids), CANCEL, ctx.args.reason)


def restore(ctx: Context) -> int:
    return _apply(ctx, list(ctx.args.ids), RESTORE, "khôi phục qua dòng lệnh")


MAYBE_LIVE_HELP = (
    "[yellow]Lần đăng trước không rõ kết quả: bài có thể đã lên kênh.[/] Loa sẽ kiểm tra trên "
    "kênh trước khi đăng lại. Nếu đã xem trên kênh: 'loa posts resolve {id} --link <địa chỉ>' "
    "(bài đã lên) hoặc 'loa posts resolve {id} --not-published' (chưa lên)."
)


def resolve(ctx: Context) -> int:
    """The officer's word on a post that may be live: found on the channel, or not there."""
    args, tz = ctx.args, ctx.calendar.tz
    who = actor("cli")
    if args.link:
        link = args.link.strip()
        if not link.startswith(("https://", "http://")):
            raise UserError(f"'{link}' không phải địa chỉ web (cần bắt đầu bằng https://).")
        post = ctx.store.mark_live(ctx.unit, args.id, link, actor=who)
        console().print(f"Đã ghi nhận bài số {post.id} đã đăng: {escape(link)}")
    else:
        post = ctx.store.confirm_not_live(ctx.unit, args.id, actor=who, reason=args.reason)
        console().print(
            f"Đã ghi nhận bài số {post.id} chưa lên kênh; trạng thái: "
            f"{describe(post.status, post.maybe_live)} "
            f"(giờ đăng {fmt_local(post.due_at, tz, with_zone=True)})."
        )
    return 0


def reschedule(ctx: Context) -> int:
    tz = ctx.calendar.tz
    try:
        when = parse_when(ctx.args.when, tz)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    post = ctx.store.reschedule(ctx.unit, ctx.args.id, when, actor=actor("cli"), tz=tz)
    console().print(
        f"Đã dời bài số {post.id} sang {fmt_local(post.due_at, tz, with_zone=True)} "
        f"({describe(post.status, post.maybe_live)})."
    )
    return 0


def publish(ctx: Context) -> int:
    """Publish now through the daemon's own path; print each platform link."""
    import logging

    from campaigns.daemon import logs
    from campaigns.publishing import open_publishers, publish_now

    cal, store = ctx.calendar, ctx.store
    logs.setup(level=logging.WARNING, tz=cal.tz)  # the outcome is printed below; only trouble
    broken: dict[str, str] = {}  # a channel that cannot be opened holds back only its posts
    publishers = open_publishers(cal, broken=broken)
    out, err = console(), err_console()
    failed = 0
    try:
        for post_id in dict.fromkeys(ctx.args.ids):
            try:
                outcome = publish_now(
                    store, cal, publishers, post_id, actor=actor("cli"), unopened=broken
                )
            except UserError as exc:
                err.print(exc.message)
                failed += 1
                continue
            if outcome.status == "published":
                note = "" if outcome.message == "Đã đăng." else f" ({escape(outcome.message)})"
                out.print(f"Bài số {post_id} ({outcome.channel}) đã đăng: {outcome.url}{note}")
            else:
                failed += 1
                when = (
                    f" Loa sẽ thử lại lúc {fmt_local(outcome.retry_at, cal.tz)}."
                    if outcome.retry_at
                    else ""
                )
                err.print(f"Bài số {post_id} ({outcome.channel}) chưa đăng được: "
                          f"{escape(outcome.message)}{when}")  # fmt: skip
    finally:
        for publisher in publishers.values():
            publisher.close()
    return 1 if failed else 0


def add(ctx: Context) -> int:
    """The officer's own post: checked whole, photos copied, then added (see campaigns.own)."""
    from campaigns.own import add_own_post, photo_note

    args, tz = ctx.args, ctx.calendar.tz
    try:
        when = parse_when(args.when, tz)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    photos = [Path(p) for p in args.images]
    post_id = add_own_post(
        ctx.store, ctx.calendar, channel=args.channel, when=when, text=args.text,
        photos=photos, link=args.link, actor=actor("cli"),
    )  # fmt: skip
    if args.json:
        print_json({"id": post_id})
        return 0
    post = ctx.store.get(ctx.unit, post_id)
    out = console()
    out.print(
        f"Đã thêm bài số {post_id} ({post.channel}, {fmt_local(post.due_at, tz, with_zone=True)}, "
        f"{len(photos)} ảnh) — {describe(post.status, post.maybe_live)}."
    )
    if note := photo_note(ctx.calendar, post.channel, len(photos)):
        out.print(note)
    if post.status == Status.DRAFT:
        out.print(f"Duyệt bài: loa posts approve {post_id}")
    return 0

"""``loa daemon [--once]``: publish every approved post at its time; ``loa status``."""

from __future__ import annotations

import signal
from pathlib import Path

from rich.markup import escape

from campaigns.cli.commands import help_of
from campaigns.cli.context import Context
from campaigns.cli.output import console, err_console, print_json
from campaigns.cli.parser import Subparsers, seconds
from campaigns.store.lifecycle import LABELS, Status, describe
from campaigns.timeutil import fmt_local


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "daemon",
        help=help_of("daemon"),
        description="Tự động đăng mọi bài đã duyệt đúng giờ; dừng bằng Ctrl+C hoặc SIGTERM.",
    )
    p.add_argument(
        "--once",
        action="store_true",
        help="đăng những bài đến hạn ngay bây giờ rồi thoát (cho cron, systemd timer)",
    )
    p.add_argument("--log-json", action="store_true", help="ghi nhật ký dạng JSON")
    p.add_argument("--log-file", metavar="TỆP", help="ghi thêm nhật ký vào tệp (tự xoay vòng)")
    p.add_argument(
        "--drain",
        type=seconds,
        default=30.0,
        metavar="GIÂY",
        help="khi dừng, chờ tối đa bấy nhiêu giây cho bài đang đăng (mặc định 30)",
    )
    p.add_argument("--verbose", "-v", action="store_true", help="nhật ký chi tiết")
    p.set_defaults(func=run)  # fmt: skip

    s = sub.add_parser("status", help=help_of("status"))
    s.add_argument("--json", action="store_true", help="in dạng JSON")
    s.set_defaults(func=status)


def run(ctx: Context) -> int:
    import logging

    from campaigns.daemon import logs
    from campaigns.daemon.runner import Runner
    from campaigns.publishing import open_publishers

    args = ctx.args
    logs.setup(
        json_format=args.log_json,
        file=Path(args.log_file) if args.log_file else None,
        level=logging.DEBUG if args.verbose else logging.INFO,
        tz=ctx.calendar.tz,
    )
    cal, store = ctx.calendar, ctx.store
    broken: dict[str, str] = {}  # a channel that cannot be opened never stops the others
    publishers = open_publishers(cal, broken=broken)
    try:
        runner = Runner(store, cal, publishers, drain_seconds=args.drain, broken=broken)
        code = runner.run(once=args.once)
    finally:
        for publisher in publishers.values():
            publisher.close()
    if runner.stopped_by is None:
        return code
    err_console().print(stopped(runner.drained))
    # Ctrl+C: the shell's convention (128 + SIGINT); SIGTERM (systemd's stop) is a clean 0
    return 128 + signal.SIGINT if runner.stopped_by == signal.SIGINT else code


def stopped(drained: bool) -> str:
    """What the officer reads after Ctrl+C: it stopped, and nothing is lost."""
    line = (
        "Đã dừng tự động đăng. Không mất bài nào: bài đã duyệt vẫn chờ trong hàng đợi và "
        "sẽ được đăng khi chạy lại 'loa daemon'"
    )
    if drained:
        return line + "."
    return line + "; bài đang đăng dở sẽ được xem trên kênh trước khi đăng lại, không đăng trùng."


def status(ctx: Context) -> int:
    from campaigns.daemon.status import as_json, gather

    cal = ctx.calendar
    tz = cal.tz
    st = gather(ctx.store, cal.unit, sweep_seconds=cal.config.daemon.sweep_seconds)
    if ctx.args.json:
        print_json(as_json(st, tz))
        return 0
    out = console()
    if st.alive:
        for d in st.alive:
            nxt = fmt_local(d.next_due, tz) if d.next_due else "chưa có"
            out.print(
                f"[green]Daemon đang chạy[/] trên {escape(d.host)} (pid {d.pid}, bản {d.version}); "
                f"lần quét cuối {fmt_local(d.last_tick, tz)}, bài kế tiếp {nxt}, "
                f"đang đăng {d.in_flight} bài."
            )
    else:
        out.print(
            "[bold red]Không có daemon nào đang chạy:[/] bài đã duyệt sẽ KHÔNG được đăng. "
            "Chạy 'loa daemon' (hoặc bật dịch vụ loa-daemon)."
        )
        for d in st.daemons:
            out.print(
                f"  Daemon trên {escape(d.host)} (pid {d.pid}) im lặng từ "
                f"{fmt_local(d.last_tick, tz, with_zone=True)}: có thể đã bị tắt đột ngột."
            )
    counts = ", ".join(f"{LABELS[s]}: {st.counts[s]}" for s in tuple(Status) if st.counts.get(s))
    out.print(f"Hàng đợi — {counts or 'chưa có bài nào'}. (Giờ {tz.key})")
    for c in st.channels:
        if c.paused:
            out.print(f"[red]Kênh {c.channel} tạm dừng:[/] {escape(c.reason or '')}")
        elif c.blocked_until and c.blocked_until > st.now:
            out.print(
                f"[yellow]Kênh {c.channel} bị giới hạn đến {fmt_local(c.blocked_until, tz)}.[/]"
            )
        if c.warning:
            out.print(f"[yellow]Cảnh báo:[/] {escape(c.warning)}")
    if st.upcoming:
        out.print("Bài sắp đăng:")
        for p in st.upcoming:
            retry = (
                f" (thử lại lúc {fmt_local(p.next_attempt_at, tz)})" if p.next_attempt_at else ""
            )
            if p.maybe_live:
                retry += f" — {describe(p.status, p.maybe_live)}"
            out.print(f"  {p.id:>5}  {fmt_local(p.due_at, tz)}  {p.channel:<10} "
                      f"{escape(p.text[:60])}{retry}")  # fmt: skip
    if st.failures:
        out.print("Lỗi gần đây:")
        for p in st.failures:
            label = describe(p.status, p.maybe_live, short=True)
            out.print(f"  {p.id:>5}  {fmt_local(p.due_at, tz)}  {p.channel:<10} {label}: "
                      f"{escape(p.error or '')}")  # fmt: skip
    return 0

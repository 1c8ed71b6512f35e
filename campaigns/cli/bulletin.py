"""``loa bulletin``: the ward radio's bulletins for a range of days, as TXT and DOCX for the
announcer and, with an offline speech engine, WAV in a machine voice."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from campaigns.bulletin.assemble import build
from campaigns.bulletin.speech import spell_letters
from campaigns.bulletin.write import write_bulletin
from campaigns.cli.commands import help_of
from campaigns.cli.context import Context
from campaigns.cli.output import console
from campaigns.cli.parser import Subparsers, day
from campaigns.errors import UserError
from campaigns.failures import unwritable
from campaigns.store.lifecycle import Status
from campaigns.store.models import OWN
from campaigns.timeutil import fmt_date

MAX_DAYS = 366
_LIVE = (Status.DRAFT, Status.APPROVED, Status.PUBLISHING, Status.PUBLISHED)


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "bulletin",
        help=help_of("bulletin"),
        description="Mỗi khung giờ phát trong mục [bulletin] của calendar.toml (mặc định 06:00 "
        "và 17:00 từ thứ Hai đến thứ Sáu) thành một bản tin: mở đầu, ngày lễ, sự kiện, thông "
        "báo riêng, khẩu hiệu và số liệu của kế hoạch, kết thúc; số, ngày và chữ viết tắt "
        "được viết ra thành chữ để đọc. Có espeak-ng thì kèm tệp WAV giọng đọc máy.",
    )
    p.add_argument("--from", dest="start", type=day, required=True, help="từ ngày (dd/mm/yyyy)")
    p.add_argument("--to", dest="end", type=day, required=True, help="đến ngày (dd/mm/yyyy)")
    p.add_argument("--out", required=True, metavar="THƯ_MỤC", help="thư mục ghi bản tin")
    p.set_defaults(func=run)


def _notices(ctx: Context, start: date, end: date) -> dict[date, list[str]]:
    """The officer's own posts of each day (any channel, each text once)."""
    cal = ctx.calendar
    lo, hi = ctx.day_bounds(start, end)
    out: dict[date, list[str]] = {}
    for post in ctx.store.posts(cal.unit, start=lo, end=hi, statuses=_LIVE):
        if post.kind != OWN:
            continue
        texts = out.setdefault(post.due_at.astimezone(cal.tz).date(), [])
        if post.text not in texts:
            texts.append(post.text)
    return out


def run(ctx: Context) -> int:
    cal, args = ctx.calendar, ctx.args
    start, end = args.start, args.end
    if end < start:
        raise UserError(f"Ngày kết thúc {fmt_date(end)} phải sau ngày bắt đầu {fmt_date(start)}.")
    if (end - start).days >= MAX_DAYS:
        raise UserError(f"Mỗi lần soạn tối đa {MAX_DAYS} ngày bản tin.")
    first, last = max(start, cal.start), min(end, cal.end)
    if last < first:
        raise UserError(
            f"Khoảng {fmt_date(start)} – {fmt_date(end)} nằm ngoài thời gian của lịch "
            f"({fmt_date(cal.start)} – {fmt_date(cal.end)})."
        )
    plan = build(cal, first, last, _notices(ctx, first, last))
    out = console()
    for line in plan.skipped:
        out.print(f"[yellow]{line}[/]")
    for word in plan.unknown:
        out.print(
            f"[yellow]Cảnh báo:[/] chữ viết tắt '{word}' chưa có cách đọc: đọc từng chữ cái "
            f"('{spell_letters(word)}'). Thêm vào [bulletin] abbreviations trong calendar.toml."
        )
    folder = Path(args.out)
    cfg = cal.config.bulletin
    problems: set[str] = set()
    for b in plan.bulletins:
        try:
            written = write_bulletin(b, folder, tts=cfg.tts, voice=cfg.voice)
        except OSError as exc:
            raise unwritable(exc, f"thư mục '{folder}'") from None
        audio = ""
        if written.audio_seconds is not None:
            audio = f", âm thanh {_clock(written.audio_seconds)} (giọng đọc máy)"
        out.print(f"{b.name}: đọc khoảng {_clock(b.seconds)}{audio}")
        if written.audio_problem and written.audio_problem not in problems:
            problems.add(written.audio_problem)
            out.print(f"[yellow]Không tạo được âm thanh:[/] {written.audio_problem}.")
    out.print(
        f"Đã soạn {len(plan.bulletins)} bản tin vào {folder}"
        + (f", bỏ qua {len(plan.skipped)} khung giờ ngày nghỉ" if plan.skipped else "")
        + "."
    )
    return 0


def _clock(seconds: float) -> str:
    m, s = divmod(round(seconds), 60)
    return f"{m} phút {s:02d} giây"

"""``loa check``: validate the calendar and its campaigns, and say what they will produce."""

from __future__ import annotations

import shutil
from collections import Counter, defaultdict

from rich.markup import escape

from campaigns.bulletin.assemble import unknown_abbreviations
from campaigns.cli.captions import require_templates
from campaigns.cli.commands import help_of
from campaigns.cli.context import Context
from campaigns.cli.output import console
from campaigns.cli.parser import Subparsers
from campaigns.config.dates import dated_blackouts
from campaigns.config.load import WardCalendar
from campaigns.config.model import WEEKDAY_NAMES
from campaigns.planning import DesiredPost, desired_posts
from campaigns.planning.advice import expiries, peak_overlaps, unkept_preferences
from campaigns.planning.slots import peak_windows
from campaigns.timeutil import fmt_date


def register(sub: Subparsers) -> None:
    p = sub.add_parser("check", help=help_of("check"))
    p.set_defaults(func=run)


def warnings(cal: WardCalendar) -> list[str]:
    out = []
    pool_size = sum(len(p.items) for p in cal.pools.values())
    per_week = sum(len(s.weekdays) for s in cal.config.slots)
    window = cal.config.rotation.window_days
    if per_week and pool_size < per_week * window / 7:
        out.append(
            f"Chỉ có {pool_size} nội dung cho khoảng {per_week * window // 7} bài trong "
            f"{window} ngày: một số nội dung sẽ lặp lại sớm hơn {window} ngày."
        )
    if not cal.channels:
        out.append("Không có kênh nào đang bật: lệnh plan sẽ không tạo bài nào.")
    return (
        out
        + _blackouts_in_peaks(cal)
        + _blackouts_on_campaign_events(cal)
        + _over_cap(cal)
        + peak_overlaps(cal)
        + unkept_preferences(cal)
        + [
            f"Chữ viết tắt '{word}' chưa có cách đọc trong bản tin loa (sẽ đọc từng chữ cái): "
            "thêm vào [bulletin] abbreviations."
            for word in unknown_abbreviations(cal)
        ]
    )


def _over_cap(cal: WardCalendar) -> list[str]:
    """Days whose peak-day cards (one per peak) exceed a channel's daily cap: the cap drops
    the cards past it."""
    cards = Counter(w.day for w in peak_windows(cal, cal.start, cal.end))
    out = []
    for day, n in sorted(cards.items()):
        if not cal.start <= day <= cal.end:
            continue
        for ch in cal.channels:
            cap = cal.cap(ch.name)
            if cap is not None and n > cap:
                out.append(
                    f"Ngày {fmt_date(day)} có {n} đợt cao điểm nhưng kênh '{ch.name}' chỉ đăng "
                    f"tối đa {cap} bài một ngày: tăng max_posts_per_day hoặc bỏ bớt đợt."
                )
    return out


def _blackouts_in_peaks(cal: WardCalendar) -> list[str]:
    """A blackout over part of a peak window drops those days' peak posts. The peak day
    itself is refused at load; the edge of a window running into Tết may be intended, so
    this is a warning."""
    out = []
    for w in peak_windows(cal, cal.start, cal.end):
        for b in dated_blackouts(cal.config, w.first, w.last):
            first, last = max(w.first, b.start, cal.start), min(w.last, b.end, cal.end)
            if first <= last and first <= w.day <= last:
                out.append(
                    f"Thời gian nghỉ '{b.blackout.name}' ({fmt_date(b.start)} – "
                    f"{fmt_date(b.end)}) phủ ngày {fmt_date(w.day)} của đợt cao điểm "
                    f"'{w.peak.name}'{_of(w.campaign)}: ngày đó không đăng bài."
                )
            elif first <= last:
                out.append(
                    f"Thời gian nghỉ '{b.blackout.name}' bỏ {(last - first).days + 1} ngày "
                    f"({fmt_date(first)} – {fmt_date(last)}) của đợt cao điểm '{w.peak.name}' "
                    f"({fmt_date(w.first)} – {fmt_date(w.last)}): những ngày đó không có bài "
                    f"cao điểm; ngày {fmt_date(w.day)} vẫn đăng."
                )
    return out


def _blackouts_on_campaign_events(cal: WardCalendar) -> list[str]:
    """A campaign's event on a blackout day is not posted (calendar.toml's own are refused
    at load; a campaign's, e.g. Tết in an imported plan, is the officer's to decide)."""
    out = []
    for ev in cal.dated_events(cal.start, cal.end):
        if ev.campaign is None:
            continue
        for b in dated_blackouts(cal.config, ev.day, ev.day):
            out.append(
                f"Thời gian nghỉ '{b.blackout.name}' ({fmt_date(b.start)} – {fmt_date(b.end)}) "
                f"phủ sự kiện '{ev.title}'{_of(ev.campaign)} ngày {fmt_date(ev.day)}: bài của "
                "sự kiện không được đăng."
            )
    return out


def _of(campaign: str | None) -> str:
    return f" (của chiến dịch '{campaign}')" if campaign else ""


def _year_lines(cal: WardCalendar, desired: list[DesiredPost]) -> list[str]:
    """Each year of the period: its posts per channel, then its peaks, events and
    blackouts on their solar days (lunar ones converted for that year, so the officer sees
    which days Tết takes each year)."""
    by_year: dict[int, list[str]] = defaultdict(list)
    counted: Counter[tuple[int, str]] = Counter()  # (year, "peak" | "event")
    for w in peak_windows(cal, cal.start, cal.end):
        if cal.start <= w.day <= cal.end:
            counted[w.day.year, "peak"] += 1
            by_year[w.day.year].append(
                f"Cao điểm {w.peak.name}: {fmt_date(w.first)} – {fmt_date(w.last)}"
            )
    for ev in cal.dated_events(cal.start, cal.end):
        lunar = ev.event.lunar
        source = f" (âm lịch {lunar[0]}/{lunar[1]})" if lunar else ""
        counted[ev.day.year, "event"] += 1
        by_year[ev.day.year].append(f"Sự kiện {ev.title}{source}: {fmt_date(ev.day)}")
    for b in dated_blackouts(cal.config, cal.start, cal.end):
        lf, lt = b.blackout.lunar_from, b.blackout.lunar_to
        source = f" (âm lịch {lf[0]}/{lf[1]} – {lt[0]}/{lt[1]})" if lf and lt else ""
        year = min(max(b.start, cal.start), cal.end).year
        by_year[year].append(
            f"Nghỉ đăng {b.blackout.name}{source}: {fmt_date(b.start)} – {fmt_date(b.end)}"
        )
    posts = Counter((d.slot_at.astimezone(cal.tz).year, d.channel) for d in desired)
    out = []
    for year in range(cal.start.year, cal.end.year + 1):
        counts = [f"{ch} {n}" for (y, ch), n in posts.items() if y == year]
        total = sum(n for (y, _), n in posts.items() if y == year)
        out.append(
            f"Năm {year}: {total} bài" + (f" ({', '.join(counts)})" if counts else "")
            + f", {counted[year, 'peak']} đợt cao điểm, {counted[year, 'event']} sự kiện"
        )  # fmt: skip
        out += [f"  {line}" for line in by_year.get(year, [])]
    return out


def _bulletin_line(cal: WardCalendar) -> str:
    b = cal.config.bulletin
    days = ", ".join(WEEKDAY_NAMES[d] for d in b.weekdays)
    times = ", ".join(f"{t:%H:%M}" for t in sorted(b.times))
    if not b.tts:
        audio = "không tạo âm thanh"
    elif shutil.which(b.tts):
        audio = f"âm thanh giọng đọc máy ({b.tts})"
    else:
        audio = f"chưa có '{b.tts}' nên chỉ có TXT và DOCX (cài: sudo apt-get install espeak-ng)"
    return f"Bản tin loa (loa bulletin): {times}, {days}; đọc {b.pace} tiếng mỗi phút; {audio}"


def run(ctx: Context) -> int:
    cal = ctx.calendar
    require_templates(cal)  # templates compile and render a sample of every kind
    cfg = cal.config
    out = console()
    out.print(f"[green]✓[/] {cal.path}: hợp lệ")
    out.print(f"Đơn vị: {cfg.ward.name} ({cfg.ward.province}) — mã '{cal.unit}'")
    out.print(f"Thời gian: {fmt_date(cal.start)} – {fmt_date(cal.end)}, múi giờ {cfg.timezone}")
    for cid, pool in cal.pools.items():
        c = cal.campaigns[cid]
        dated = sum(1 for p in cal.peaks if p.campaign == cid) + len(c.events)
        out.print(
            f"Chiến dịch {c.name} ({fmt_date(max(c.start, cal.start))} – "
            f"{fmt_date(min(c.end, cal.end))}): {len(pool.slogans)} khẩu hiệu, "
            f"{len(pool.facts)} thẻ số liệu, {dated} ngày cao điểm và sự kiện"
        )
    for s in cfg.slots:
        days = ", ".join(WEEKDAY_NAMES[d] for d in s.weekdays)
        out.print(
            f"Khung giờ {s.time:%H:%M}: {days}"
            + (f" ({', '.join(s.channels)})" if s.channels else "")
        )
    out.print(_bulletin_line(cal))
    desired = desired_posts(cal, cal.start, cal.end)
    for line in _year_lines(cal, desired):
        out.print(line)
    per_channel = Counter(d.channel for d in desired)
    kinds = ", ".join(f"{ch}: {n}" for ch, n in per_channel.items()) or "không có"
    out.print(f"Kế hoạch cả giai đoạn: {len(desired)} bài ({kinds})")
    for line in expiries(cal):
        out.print(line)
    from campaigns.render.contrast import contrast_lines  # Pillow: only when checking

    legible, illegible = contrast_lines(cal)
    out.print(legible)
    for warning in [*warnings(cal), *illegible]:
        out.print(f"[yellow]Cảnh báo:[/] {escape(warning)}")
    return 0

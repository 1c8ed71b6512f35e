"""The report's wording: a ``Report`` becomes a ``Document`` in formal administrative
Vietnamese (header, title, sections I-III, recipients, signature, appendix of posts)."""

from __future__ import annotations

from collections import Counter

from campaigns.report.blocks import (
    Block,
    Bullet,
    Document,
    Heading,
    Para,
    Subheading,
    Table,
    fmt_int,
    fmt_pct,
)
from campaigns.report.letterhead import joined, letterhead
from campaigns.report.model import Report, Tally
from campaigns.store.lifecycle import LABELS
from campaigns.timeutil import fmt_date, fmt_local

BODY_ROWS = 20  # longer lists of unpublished posts go to the appendix


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def compose(report: Report) -> Document:
    body: list[Block] = [
        Para(
            f"Thực hiện chế độ báo cáo theo Kế hoạch tuyên truyền {joined(report.campaigns)}, "
            f"{report.ward.issuing_unit} báo cáo kết quả công tác tuyên truyền trên các nền "
            f"tảng số và các kênh thông tin của đơn vị {report.period.label} như sau:"
        ),
        Heading("I. KẾT QUẢ THỰC HIỆN"),
        *_results(report),
        Heading("II. HẠN CHẾ, NGUYÊN NHÂN"),
        *_limits(report),
        Heading(f"III. PHƯƠNG HƯỚNG, NHIỆM VỤ {report.period.next_label}"),
        *_next(report),
        Para(f"Trên đây là báo cáo kết quả công tác tuyên truyền {report.period.label} "
             f"của {report.ward.issuing_unit}./."),
    ]  # fmt: skip
    appendix_title = f"DANH SÁCH BÀI ĐĂNG {report.period.label.upper()}"
    note = (
        f"(Kèm theo Báo cáo kết quả công tác tuyên truyền {report.period.label} "
        f"của {report.ward.issuing_unit})"
    )
    return Document(letterhead(report), tuple(body), appendix_title, note, tuple(_appendix(report)))


def _summary(report: Report) -> str:
    t = report.totals
    pending = f", {fmt_int(t.pending)} bài chưa đăng" if t.pending else ""
    return (
        f"Trong {report.period.during}, đã lên lịch {fmt_int(t.planned)} bài tuyên "
        f"truyền trên {len(report.channels)} kênh; đã đăng {fmt_int(t.published)} bài "
        f"(đạt {fmt_pct(t.published, t.planned)} kế hoạch); {fmt_int(t.failed)} bài đăng "
        f"không thành công, {fmt_int(t.missed)} bài quá giờ chưa đăng (bỏ lỡ), "
        f"{fmt_int(t.cancelled)} bài hủy{pending}."
    )


def _tally_cells(t: Tally) -> tuple[str, ...]:
    return tuple(
        fmt_int(n) for n in (t.planned, t.published, t.failed, t.missed, t.cancelled, t.pending)
    )


def _results(report: Report) -> list[Block]:
    if report.empty:
        return [
            Para(
                f"Trong {report.period.during}, không có bài tuyên truyền nào được lên "
                "lịch hoặc đăng trên các kênh của đơn vị; chưa có số liệu để báo cáo."
            )
        ]
    out: list[Block] = [Subheading("1. Kết quả chung"), Para(_summary(report))]
    out.append(Subheading("2. Kết quả đăng bài theo kênh"))
    header: tuple[str, ...] = (
        "STT",
        "Kênh",
        "Kế hoạch",
        "Đã đăng",
        "Lỗi",
        "Bỏ lỡ",
        "Hủy",
        "Chưa đăng",
    )
    rows: tuple[tuple[str, ...], ...] = tuple(
        (str(i), f"{c.label} ({c.channel})", *_tally_cells(c.tally))
        for i, c in enumerate(report.channels, 1)
    )
    total = ("", "Tổng cộng", *_tally_cells(report.totals))
    widths = (0.7, 2.6, 0.9, 0.9, 0.6, 0.7, 0.6, 0.9)
    out.append(Table(header, rows, widths, numeric=(2, 3, 4, 5, 6, 7), total=total))
    out.append(Subheading("3. Các đợt cao điểm tuyên truyền"))
    if report.peaks:
        rows = tuple(
            (str(i), p.name, fmt_date(p.day) if p.day else "", fmt_int(p.tally.planned),
             fmt_int(p.tally.published), fmt_int(p.tally.not_done + p.tally.pending))
            for i, p in enumerate(report.peaks, 1)
        )  # fmt: skip
        header = ("STT", "Đợt cao điểm", "Ngày", "Kế hoạch", "Đã đăng", "Chưa đạt")
        out.append(Table(header, rows, (0.7, 3.2, 1.1, 0.9, 0.9, 0.9), numeric=(3, 4, 5)))
    else:
        out.append(Para("Trong kỳ báo cáo không có đợt cao điểm tuyên truyền."))
    out.append(Subheading("4. Khẩu hiệu và số liệu đã tuyên truyền"))
    if report.contents:
        rows = tuple(
            (str(i), c.label, "Khẩu hiệu" if c.kind == "slogan" else "Số liệu",
             fmt_int(c.published), ", ".join(c.channels))
            for i, c in enumerate(report.contents, 1)
        )  # fmt: skip
        header = ("STT", "Nội dung", "Loại", "Số lần đăng", "Kênh")
        out.append(Table(header, rows, (0.7, 4.0, 0.9, 0.9, 1.4), numeric=(3,)))
    else:
        out.append(Para("Chưa có khẩu hiệu, số liệu nào được đăng trong kỳ."))
    out.append(Subheading("5. Mức độ tương tác"))
    out += _engagement(report)
    return out


def _engagement(report: Report) -> list[Block]:
    t = report.totals
    if report.engagement_at is None:
        return [Para("Chưa có số liệu tương tác (các kênh chưa cung cấp hoặc chưa cập nhật).")]
    when = fmt_local(report.engagement_at, report.tz)
    return [
        Para(
            f"Tính đến {when[11:]} ngày {when[:10]}, {fmt_int(report.engagement_posts)} bài "
            f"đã đăng có số liệu tương tác, với tổng cộng {fmt_int(t.reactions)} lượt bày tỏ "
            f"cảm xúc, {fmt_int(t.comments)} bình luận và {fmt_int(t.shares)} lượt chia sẻ "
            "(chi tiết từng bài ở phụ lục)."
        )
    ]


def _limits(report: Report) -> list[Block]:
    if not report.shortfalls:
        if report.empty:
            return [Para("Không có bài nào theo kế hoạch trong kỳ báo cáo.")]
        return [Para("Các bài theo kế hoạch đều đã được đăng; không có bài lỗi hoặc bỏ lỡ.")]
    n = len(report.shortfalls)
    reasons = Counter(s.reason for s in report.shortfalls).most_common(5)
    out: list[Block] = [
        Para(f"Còn {fmt_int(n)} bài chưa đăng được theo kế hoạch. Nguyên nhân chủ yếu:"),
        *[
            Bullet(
                f"{_upper_first(reason)} ({fmt_int(count)} bài)"
                + (";" if i < len(reasons) else ".")
            )
            for i, (reason, count) in enumerate(reasons, 1)
        ],
    ]
    if n <= BODY_ROWS:
        out.append(_shortfall_table(report))
    else:
        out.append(Para(f"Danh sách chi tiết {fmt_int(n)} bài ở mục 2 của phụ lục."))
    return out


def _shortfall_table(report: Report) -> Table:
    rows = tuple(
        (str(i), fmt_local(s.due_at, report.tz), s.channel,
         _upper_first(LABELS.get(s.status, s.status)), _upper_first(s.reason))
        for i, s in enumerate(report.shortfalls, 1)
    )  # fmt: skip
    header = ("STT", "Thời gian", "Kênh", "Tình trạng", "Nguyên nhân")
    return Table(header, rows, (0.7, 1.5, 1.0, 1.0, 3.6))


def _next(report: Report) -> list[Block]:
    o = report.outlook
    labels = report.channel_labels
    channels = "; ".join(f"{labels.get(ch, ch)}: {fmt_int(n)} bài" for ch, n in o.by_channel)
    out: list[Block] = [
        Bullet(
            f"Tiếp tục tuyên truyền thường xuyên, liên tục {joined(report.campaigns)} trên "
            "các nền tảng số; bám sát các khẩu hiệu, số liệu mục tiêu của Nghị quyết."
        ),
        Bullet(
            f"Trong {o.period.during} đã lên lịch {fmt_int(o.planned)} bài ({channels})."
            if o.planned
            else f"Lập lịch và trình duyệt các bài tuyên truyền {o.period.label} trước ngày "
            f"{fmt_date(o.period.start)}."
        ),
    ]
    for name, day in o.peaks:
        out.append(Bullet(f"Tập trung tuyên truyền đợt cao điểm {name} ({fmt_date(day)})."))
    for name, day in o.events:
        out.append(Bullet(f"Đưa tin {name} ({fmt_date(day)})."))
    if report.shortfalls:
        out.append(
            Bullet(
                "Khắc phục các nguyên nhân làm bài bị lỗi, bỏ lỡ; kiểm tra kết nối các kênh "
                "và duyệt bài trước giờ đăng."
            )
        )
    return out


def _appendix(report: Report) -> list[Block]:
    out: list[Block] = [Subheading("1. Các bài đã đăng"), *_published(report)]
    if len(report.shortfalls) > BODY_ROWS:
        out += [Subheading("2. Các bài chưa đăng được theo kế hoạch"), _shortfall_table(report)]
    return out


def _published(report: Report) -> list[Block]:
    rows = report.published
    if not rows:
        return [Para("Không có bài nào được đăng trong kỳ.")]
    header = ("STT", "Thời gian", "Kênh", "Nội dung", "Liên kết", "Cảm xúc", "Bình luận", "Chia sẻ")
    when = (
        f"Số liệu tương tác tính đến {fmt_local(report.engagement_at, report.tz)}."
        if report.engagement_at
        else "Chưa có số liệu tương tác."
    )

    def n(v: int | None) -> str:
        return fmt_int(v) if v is not None else ""

    table = tuple(
        (str(i), fmt_local(r.due_at, report.tz), r.channel, r.text, r.url or "",
         n(r.reactions), n(r.comments), n(r.shares))
        for i, r in enumerate(rows, 1)
    )  # fmt: skip
    widths = (0.6, 1.3, 0.9, 4.0, 2.6, 0.8, 0.8, 0.8)
    return [Para(when, italic=True), Table(header, table, widths, numeric=(5, 6, 7))]

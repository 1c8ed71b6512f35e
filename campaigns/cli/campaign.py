"""``loa campaign import``: a plan (text, DOCX, PDF) read into a draft campaign file."""

from __future__ import annotations

import argparse
import re
import tempfile
from pathlib import Path

from campaigns.cli.commands import help_of
from campaigns.cli.context import Context
from campaigns.cli.output import console, print_json
from campaigns.cli.parser import Parser, Subparsers
from campaigns.errors import UserError
from campaigns.failures import unwritable
from campaigns.importer import import_plan
from campaigns.importer.draft import draft_toml, written_dates
from campaigns.importer.model import Plan
from campaigns.text import nfc

_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")  # the campaign id is the file's name
_SLUG_HINT = "chữ thường không dấu, số, '-' hoặc '_', ví dụ kh-quy-1-2026.toml"


def register(sub: Subparsers) -> None:
    group = sub.add_parser("campaign", help=help_of("campaign"))
    gsub = group.add_subparsers(dest="campaign_command", metavar="LỆNH", parser_class=Parser)
    group.set_defaults(func=lambda ctx: _usage(group))

    p = gsub.add_parser(
        "import",
        help="đọc một kế hoạch (.txt, .docx, .pdf) thành bản nháp tệp chiến dịch",
        description="Đọc kế hoạch tuyên truyền và viết bản nháp tệp chiến dịch: khẩu hiệu "
        "nguyên văn, các ngày cần tuyên truyền, thời gian, cơ quan ban hành, kèm dòng nguồn "
        "của từng mục. Mục chưa chắc chắn được để dạng chú thích. Đọc lại rồi kiểm tra bằng "
        "loa check.",
    )
    p.add_argument("plan", type=Path, metavar="KẾ_HOẠCH", help="tệp kế hoạch (.txt, .docx, .pdf)")
    p.add_argument("--out", type=Path, metavar="TỆP.toml", help="tệp chiến dịch sẽ viết")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    p.add_argument("--force", action="store_true", help="ghi đè nếu tệp --out đã có")
    p.add_argument(
        "--dates-only",
        action="store_true",
        help="kế hoạch không có khẩu hiệu: chỉ lấy thời gian, cơ quan ban hành và các ngày",
    )
    p.set_defaults(func=run_import)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def run_import(ctx: Context) -> int:
    args = ctx.args
    out: Path | None = args.out
    if out is None and not args.json:
        raise UserError("Cần --out TỆP.toml (hoặc --json để chỉ in kết quả).")
    campaign_id = _campaign_id(out) if out else ""
    if out and out.exists() and not args.force:
        raise UserError(f"Tệp {out} đã có; dùng --force để ghi đè.")
    plan = import_plan(args.plan)
    if not plan.sure_slogans() and not args.dates_only:
        raise UserError(
            f"Không tìm thấy khẩu hiệu nào trong {args.plan} (cần mục như “Khẩu hiệu tuyên "
            "truyền:”); không viết gì. Nếu kế hoạch không có khẩu hiệu, dùng --dates-only "
            "để chỉ lấy thời gian, cơ quan ban hành và các ngày."
        )
    if not plan.sure_slogans() and not written_dates(plan):
        raise UserError(
            f"Không tìm thấy khẩu hiệu hay ngày cần tuyên truyền nào (trong thời gian của kế "
            f"hoạch) trong {args.plan}: chiến dịch sẽ không có gì để đăng; không viết gì."
        )
    if out:
        _write(out, draft_toml(plan, campaign_id, args.plan.name))
    if args.json:
        print_json(plan.as_json())
    elif out:
        _summary(plan, out)
    return 0


def _campaign_id(out: Path) -> str:
    stem = nfc(out.stem)
    if out.suffix != ".toml" or not _SLUG.fullmatch(stem):
        raise UserError(f"Tên tệp {out.name} không dùng được làm mã chiến dịch ({_SLUG_HINT}).")
    return stem


def _write(out: Path, text: str) -> None:
    """Write the draft once the campaign loader accepts it: what Loa writes, Loa loads."""
    import campaigns.config  # noqa: F401  (the content loader is imported through it)
    from campaigns.content.load import load_campaign

    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / out.name
        probe.write_text(text, encoding="utf-8")
        load_campaign(probe)
    tmp = out.with_name(f".{out.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise unwritable(exc, f"tệp {out}") from None


def _summary(plan: Plan, out: Path) -> None:
    sure_s, sure_d = len(plan.sure_slogans()), len(written_dates(plan))
    unsure = len(plan.slogans) - sure_s + len(plan.dates) - sure_d
    console().print(
        f"Đã viết {out}: {sure_s} khẩu hiệu, {sure_d} ngày cần tuyên truyền"
        + (f", {unsure} mục chưa chắc (để dạng chú thích)" if unsure else "")
        + f". Đọc lại, rồi thêm '{out.stem}' vào campaigns trong calendar.toml và chạy loa check."
    )

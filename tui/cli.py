"""``loa tui``: registered through the ``loa.commands`` entry point, so the CLI and the
daemon never import Textual (it is imported only when the command runs)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from campaigns.cli.context import Context
    from campaigns.cli.parser import Subparsers


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "tui",
        help="mở giao diện làm việc trong terminal (lịch, hàng đợi, bài đăng, kênh, tự động đăng)",
        description="Giao diện của cán bộ phụ trách: lịch tháng, hàng đợi, sửa và duyệt bài, "
        "kênh đăng, tự động đăng (loa daemon), báo cáo. Phím 1–5 đổi màn hình, Ctrl+P mở "
        "danh sách lệnh.",
    )
    p.add_argument(
        "--image", choices=["auto", "halfcell", "off"], default="auto",
        help="cách xem trước ảnh: auto (sixel/kitty nếu terminal hỗ trợ), halfcell, off",
    )  # fmt: skip
    p.set_defaults(func=run, creates_db=True)  # the officer may add posts there


def run(ctx: Context) -> int:
    from campaigns.cli.context import actor
    from tui.app import create_app

    calendar = ctx.calendar  # validated before the database opens
    app = create_app(calendar, ctx.store, actor=actor("tui"), image_mode=ctx.args.image)
    app.run()
    return 0

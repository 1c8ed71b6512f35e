"""``loa channels``: list the ward's channels, check their connections, store their secrets.

loa channels list                 channels, types, and which secrets are present
loa channels check [TÊN]          connect: identity, token expiry, masked token
loa channels set-token TÊN        prompt for the channel's secrets (not echoed)
"""

from __future__ import annotations

import getpass
import warnings

from rich.markup import escape
from rich.table import Table

from campaigns.cli.commands import help_of
from campaigns.cli.context import Context
from campaigns.cli.output import console, err_console
from campaigns.cli.parser import Subparsers
from campaigns.config.model import Channel
from campaigns.errors import UserError
from campaigns.secrets import SecretStore, env_name
from campaigns.timeutil import fmt_local
from publishers import registry
from publishers.channels import ChannelSpec, open_channels
from publishers.errors import PublishError
from publishers.http import mask


def register(sub: Subparsers) -> None:
    p = sub.add_parser("channels", help=help_of("channels"))
    csub = p.add_subparsers(dest="channels_command", metavar="LỆNH", title="lệnh")
    ls = csub.add_parser("list", help="liệt kê các kênh và mã đã nhập")
    ls.set_defaults(func=run_list)
    ck = csub.add_parser("check", help="kết nối thử: tài khoản, hạn mã truy cập")
    ck.add_argument("name", nargs="?", metavar="TÊN", help="tên kênh (mặc định: mọi kênh đang bật)")
    ck.set_defaults(func=run_check)
    st = csub.add_parser("set-token", help="nhập mã truy cập, mật khẩu ứng dụng của một kênh")
    st.add_argument("name", metavar="TÊN", help="tên kênh")
    st.add_argument("--field", metavar="KHÓA", help="chỉ nhập một khóa (ví dụ: page_token)")
    st.set_defaults(func=run_set_token)
    p.set_defaults(func=lambda ctx: run_list(ctx))


def _channel(ctx: Context, name: str) -> Channel:
    for ch in ctx.calendar.config.channels:
        if ch.name == name:
            return ch
    known = ", ".join(c.name for c in ctx.calendar.config.channels)
    raise UserError(f"không có kênh tên '{name}' trong calendar.toml (có: {known})")


def run_list(ctx: Context) -> int:
    store = SecretStore()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        classes = registry.load_all()
    for w in caught:
        err_console().print(f"[yellow]Cảnh báo:[/] {w.message}")
    table = Table("Kênh", "Loại", "Bật", "Mã / mật khẩu", show_lines=False)
    for ch in ctx.calendar.config.channels:
        cls = classes.get(ch.type)
        if cls is None:
            table.add_row(
                ch.name, ch.type, "có" if ch.enabled else "không", "[red]không nạp được[/]"
            )
            continue
        parts = []
        for field in cls.secrets:
            if field.managed:
                continue
            where = store.source(ch.name, field.key)
            state = {"env": "có (biến môi trường)", "file": "có"}.get(where, "[red]thiếu[/]")
            parts.append(f"{field.key}: {state}")
        table.add_row(
            ch.name,
            f"{ch.type} ({cls.label})",
            "có" if ch.enabled else "không",
            ", ".join(parts) or "không cần",
        )
    out = console()
    out.print(table)
    out.print(f"Tệp mã: {store.path}")
    return 0


def run_check(ctx: Context) -> int:
    cal = ctx.calendar
    chosen = [_channel(ctx, ctx.args.name)] if ctx.args.name else cal.channels
    specs = [ChannelSpec(c.name, c.type, c.settings) for c in cal.config.channels]
    out, failed = console(), 0
    broken: dict[str, str] = {}  # a channel that cannot be opened is one failed line
    opened = open_channels(specs, SecretStore(), broken=broken)
    try:
        for ch in chosen:
            reason = broken.get(ch.name)
            if reason is None:
                try:
                    who = opened[ch.name].check()
                except PublishError as exc:
                    reason = exc.message
                except Exception as exc:  # a bug in one publisher: say so, check the others
                    reason = f"lỗi không mong đợi khi kiểm tra ({type(exc).__name__}: {exc})"
            if reason is not None:
                failed += 1
                out.print(f"[red]✗[/] {ch.name}: {escape(reason)}")
                continue
            expiry = (
                f"hết hạn {fmt_local(who.expires_at, cal.tz, with_zone=True)}"
                if who.expires_at
                else "không có hạn"
            )
            token = f", mã {who.token_hint}" if who.token_hint else ""
            out.print(f"[green]✓[/] {ch.name}: {who.name} (id {who.id}), {expiry}{token}")
            for note in who.notes:
                out.print(f"    {note}")
    finally:
        for publisher in opened.values():
            publisher.close()
    return 1 if failed else 0


def run_set_token(ctx: Context) -> int:
    ch = _channel(ctx, ctx.args.name)
    cls = registry.load(ch.type)
    fields = [f for f in cls.secrets if not f.managed]
    if ctx.args.field:
        fields = [f for f in cls.secrets if f.key == ctx.args.field]
        if not fields:
            keys = ", ".join(f.key for f in cls.secrets) or "không có"
            raise UserError(f"loại kênh '{ch.type}' không có khóa '{ctx.args.field}' (có: {keys})")
    if not fields:
        console().print(f"Kênh '{ch.name}' ({cls.label}) không cần mã truy cập.")
        return 0
    store = SecretStore()
    values: dict[str, str] = {}
    for field in fields:
        current = store.get(ch.name, field.key)
        hint = f" [hiện có {mask(current)}, Enter để giữ]" if current else ""
        value = getpass.getpass(f"{field.label} ({field.key}){hint}: ").strip()
        if value:
            values[field.key] = value
    if not values:
        console().print("Không có gì thay đổi.")
        return 0
    # a new refresh token makes the old access token meaningless: refresh on next use
    managed = {f.key: "" for f in cls.secrets if f.managed}
    store.set(ch.name, {**(managed if "refresh_token" in values else {}), **values})
    out = console()
    for key in values:
        out.print(f"[green]✓[/] đã lưu {key} của kênh '{ch.name}' ({mask(values[key])})")
        if store.source(ch.name, key) == "env":
            out.print(
                f"    Lưu ý: biến môi trường {env_name(ch.name, key)} đang ghi đè giá trị này."
            )
    out.print(
        f"Tệp mã: {store.path} (chỉ người dùng này đọc được). "
        f"Kiểm tra: loa channels check {ch.name}"
    )
    return 0

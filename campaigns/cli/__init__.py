"""The ``loa`` command. Exit codes: 0 ok, 2 bad input or configuration, 1 runtime failure.

Each command lives in a module with ``register(subparsers)``; add new ones to COMMANDS.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Sequence
from importlib.metadata import entry_points
from pathlib import Path
from typing import Protocol

import platformdirs
from rich.markup import escape

from campaigns import __version__
from campaigns.cli import (
    bulletin,
    campaign,
    channels,
    check,
    content,
    daemon,
    engagement,
    init,
    plan,
    posts,
    preview,
    print_cmd,
    report,
)
from campaigns.cli.context import Context
from campaigns.cli.output import err_console
from campaigns.cli.parser import Parser, Subparsers
from campaigns.daemon.logs import guard
from campaigns.errors import LoaError
from campaigns.failures import translate
from campaigns.private import private_dir, private_opener
from campaigns.secrets import scrub
from campaigns.store.db import database_url, shown

COMMANDS = [
    init, check, campaign, content, plan, posts, channels, preview, print_cmd, bulletin, report,
    engagement, daemon,
]  # fmt: skip
COMMAND_GROUP = "loa.commands"


class CommandModule(Protocol):
    def register(self, sub: Subparsers) -> None: ...


def build_parser() -> Parser:
    parser = Parser(
        prog="loa",
        description="Loa — lịch tuyên truyền và đăng bài cho phường, xã.",
        epilog="Ví dụ: loa check · loa plan --from 01/01/2026 --to 31/12/2026 · loa posts list",
    )
    parser.add_argument("--version", action="version", version=f"loa {__version__}",
                        help="hiện phiên bản")  # fmt: skip
    parser.add_argument(
        "--calendar", metavar="TỆP", help="tệp lịch (mặc định ./calendar.toml, biến LOA_CALENDAR)"
    )
    parser.add_argument(
        "--db", metavar="URL", help="cơ sở dữ liệu (mặc định SQLite; biến LOA_DATABASE_URL)"
    )
    sub = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=Parser, title="lệnh")
    for module in COMMANDS:
        module.register(sub)
    for plugin in plugin_commands():
        plugin.register(sub)
    return parser


def plugin_commands() -> list[CommandModule]:
    """Commands from other packages (the TUI registers ``loa tui`` this way), so the
    engine never imports them; a broken one is a warning, not a crash."""
    found: list[CommandModule] = []
    for ep in entry_points(group=COMMAND_GROUP):
        try:
            found.append(ep.load())
        except Exception as exc:  # a plugin's bug must not take the CLI down
            err_console().print(f"[yellow]Cảnh báo:[/] bỏ qua lệnh bổ sung '{ep.name}' ({exc}).")
    return found


def _crash_log(exc: BaseException) -> Path:
    path = private_dir(Path(platformdirs.user_log_dir("loa"))) / "crash.log"
    with open(path, "a", encoding="utf-8", opener=private_opener) as f:
        f.write(scrub("".join(traceback.format_exception(exc))))
    return path


def _said(exc: LoaError) -> int:
    # the message may quote a file or a value: '[' in it is text, not markup
    err_console().print(f"[red]Lỗi:[/] {escape(exc.message)}", markup=True, highlight=False)
    return exc.exit_code


def main(argv: Sequence[str] | None = None) -> int:
    err = err_console()
    guard()  # a warning logged by any library goes through the secret filter too
    args = None
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help()
            return 2
        return int(args.func(Context(args)))
    except LoaError as exc:
        return _said(exc)
    except KeyboardInterrupt:
        err.print("Đã dừng.")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bad day (full disk, read-only database) or a bug
        failure = translate(exc, shown(database_url(getattr(args, "db", None))))
        if failure is not None:
            return _said(failure)
        if os.environ.get("LOA_DEBUG"):
            raise
        try:
            where = f" Chi tiết ghi ở {_crash_log(exc)}."
        except OSError:  # the disk that failed may be the one the report goes to
            where = ""
        err.print(f"[red]Lỗi không mong đợi:[/] {type(exc).__name__}.{where}")
        return 1

"""The ``loa`` command. Exit codes: 0 ok, 2 bad input or configuration, 1 runtime failure.

Each command lives in a module with ``register(subparsers)``; add new ones to the table in
``campaigns.cli.commands`` (only the command being run is imported).
"""

from __future__ import annotations

import importlib
import os
import sys
import traceback
from collections.abc import Sequence
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from campaigns import __version__
from campaigns.cli.commands import COMMANDS
from campaigns.cli.parser import Parser, Subparsers
from campaigns.errors import LoaError

if TYPE_CHECKING:
    from rich.console import Console

COMMAND_GROUP = "loa.commands"


class CommandModule(Protocol):
    def register(self, sub: Subparsers) -> None: ...


def build_parser(argv: Sequence[str] | None = None) -> Parser:
    """The parser; only the command named in ``argv`` is imported and registered in full,
    the others are listed by name and help (all of them when ``argv`` is None)."""
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
    wanted = _command_in(argv)
    registered: set[str] = set()
    for name, (module, help_text) in COMMANDS.items():
        if name in registered:
            continue
        if wanted is None or COMMANDS.get(wanted, ("",))[0] == module:
            found: CommandModule = importlib.import_module(module)
            before = set(sub.choices)
            found.register(sub)
            registered |= set(sub.choices) - before
        else:
            sub.add_parser(name, help=help_text)
    for plugin in plugin_commands():
        plugin.register(sub)
    return parser


def _command_in(argv: Sequence[str] | None) -> str | None:
    """The command ``argv`` names ("" for none or an unknown one; None without ``argv``:
    every command, as for a full parser)."""
    if argv is None:
        return None
    skip = False
    for token in argv:
        if skip:
            skip = False
        elif token in ("--calendar", "--db"):
            skip = True  # its value follows
        elif not token.startswith("-"):
            return token if token in COMMANDS else ""
    return ""


def plugin_commands() -> list[CommandModule]:
    """Commands from other packages (the TUI registers ``loa tui`` this way), so the
    engine never imports them; a broken one is a warning, not a crash."""
    found: list[CommandModule] = []
    for ep in entry_points(group=COMMAND_GROUP):
        try:
            found.append(ep.load())
        except Exception as exc:  # a plugin's bug must not take the CLI down
            _err().print(f"[yellow]Cảnh báo:[/] bỏ qua lệnh bổ sung '{ep.name}' ({exc}).")
    return found


def _err() -> Console:
    from campaigns.cli.output import err_console

    return err_console()


def _crash_log(exc: BaseException) -> Path:
    import platformdirs

    from campaigns.private import private_dir, private_opener
    from campaigns.secrets import scrub

    path = private_dir(Path(platformdirs.user_log_dir("loa"))) / "crash.log"
    with open(path, "a", encoding="utf-8", opener=private_opener) as f:
        f.write(scrub("".join(traceback.format_exception(exc))))
    return path


def _said(exc: LoaError) -> int:
    from rich.markup import escape

    # the message may quote a file or a value: '[' in it is text, not markup
    _err().print(f"[red]Lỗi:[/] {escape(exc.message)}", markup=True, highlight=False)
    return exc.exit_code


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. Only what the command needs is imported: ``loa --help`` reads
    the command table and nothing else."""
    argv = sys.argv[1:] if argv is None else list(argv)
    args = None
    try:
        parser = build_parser(argv)
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help()
            return 2
        from campaigns.cli.context import Context
        from campaigns.daemon.logs import guard

        guard()  # a warning logged by any library goes through the secret filter too
        return int(args.func(Context(args)))
    except LoaError as exc:
        return _said(exc)
    except KeyboardInterrupt:
        _err().print("Đã dừng.")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bad day (full disk, read-only database) or a bug
        from campaigns.failures import translate
        from campaigns.store.db import database_url, shown

        failure = translate(exc, shown(database_url(getattr(args, "db", None))))
        if failure is not None:
            return _said(failure)
        if os.environ.get("LOA_DEBUG"):
            raise
        try:
            where = f" Chi tiết ghi ở {_crash_log(exc)}."
        except OSError:  # the disk that failed may be the one the report goes to
            where = ""
        _err().print(f"[red]Lỗi không mong đợi:[/] {type(exc).__name__}.{where}")
        return 1

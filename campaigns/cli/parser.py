"""argparse, speaking Vietnamese: help, usage and errors (errors become a UserError, exit 2)."""

from __future__ import annotations

import argparse
import re
from datetime import date
from typing import TYPE_CHECKING, Any, NoReturn

from campaigns.errors import UserError
from campaigns.timeutil import check_year, parse_date

_ERRORS = [
    (r"the following arguments are required: (.*)", r"thiếu đối số bắt buộc: \1"),
    (r"unrecognized arguments: (.*)", r"không hiểu đối số: \1"),
    (r"one of the arguments (.*) is required", r"cần một trong các đối số: \1"),
    (r"argument (\S+): not allowed with argument (.*)", r"đối số \1 không dùng cùng với \2"),
    (r"argument (\S+): expected one argument", r"đối số \1 cần một giá trị"),
    (r"argument (\S+): expected at least one argument", r"đối số \1 cần ít nhất một giá trị"),
    (
        r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)",
        r"đối số \1: lựa chọn \2 không hợp lệ (chọn một trong: \3)",
    ),
    (r"argument (\S+): invalid (\w+) value: (.*)", r"đối số \1: giá trị \3 không hợp lệ"),
    (r"ambiguous option: (\S+) could match (.*)", r"tùy chọn \1 không rõ: có thể là \2"),
    (r"argument (\S+): (.*)", r"đối số \1: \2"),
]


def translate(message: str) -> str:
    for pattern, replacement in _ERRORS:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "Cách dùng: " if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "đối số"
        self._optionals.title = "tùy chọn"
        self.add_argument("-h", "--help", action="help", help="hiện trợ giúp này rồi thoát")

    def error(self, message: str) -> NoReturn:
        raise UserError(f"{translate(message)}. Xem: {self.prog} --help")


# Post ids are 32-bit integers on PostgreSQL; a larger number names no post and would
# overflow the database driver, so it is refused with the other absurd numbers.
MAX_NUMBER = 2**31 - 1


def day(text: str) -> date:
    """An argparse type: 2026-04-07 or 07/04/2026, in the years Loa plans."""
    try:
        parsed = parse_date(text)
        check_year(parsed.year)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return parsed


def year_number(text: str) -> int:
    """An argparse type: a year Loa plans (2026)."""
    if not (text.isascii() and text.isdigit()):
        raise argparse.ArgumentTypeError(f"'{text}' không phải năm (ví dụ 2026)")
    try:
        check_year(int(text))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return int(text)


def positive_int(text: str) -> int:
    """An argparse type: a post id or a count, 1 to MAX_NUMBER, ASCII digits only."""
    if not (text.isascii() and text.isdigit()) or int(text) <= 0:
        raise argparse.ArgumentTypeError(f"'{text}' không phải số nguyên dương")
    if int(text) > MAX_NUMBER:
        raise argparse.ArgumentTypeError(f"'{text}' quá lớn (tối đa {MAX_NUMBER})")
    return int(text)


def seconds(text: str) -> float:
    """An argparse type: a wait in seconds, 0 to an hour (not nan or infinity)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' không phải số giây") from None
    if not 0 <= value <= 3600:  # nan fails both comparisons
        raise argparse.ArgumentTypeError(f"'{text}': cần số giây từ 0 đến 3600")
    return value


if TYPE_CHECKING:
    Subparsers = argparse._SubParsersAction[Parser]
else:  # subscripting it fails at run time on Python 3.11
    Subparsers = argparse._SubParsersAction

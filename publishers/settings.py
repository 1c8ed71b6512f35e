"""Channel settings declared as data, so config validation and the TUI's forms share one source.

A publisher lists its ``Setting``s (what goes in ``[channels.settings]`` of calendar.toml)
and its ``SecretField``s (what ``loa channels set-token`` stores). ``check_settings``
returns located problems in Vietnamese; ``resolve_settings`` applies defaults and types.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from publishers.http import is_loopback_url

SettingType = Literal["str", "int", "float", "bool", "url", "path", "list"]

_TYPE_NAMES: dict[str, str] = {
    "str": "một chuỗi văn bản",
    "int": "một số nguyên",
    "float": "một số",
    "bool": "true hoặc false",
    "url": 'một địa chỉ "https://…"',
    "path": "đường dẫn một thư mục",
    "list": "một danh sách chuỗi [...]",
}


@dataclass(frozen=True, slots=True)
class Setting:
    """One key of a channel's ``settings`` table."""

    key: str
    type: SettingType
    label: str  # Vietnamese, shown in the TUI form
    required: bool = False
    default: Any = None
    help: str = ""
    choices: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SecretField:
    """One secret of a channel, kept out of calendar.toml (``loa channels set-token``)."""

    key: str
    label: str
    required: bool = True
    managed: bool = False  # written by the publisher itself (e.g. a rotated token)


def _type_ok(setting: Setting, value: Any) -> bool:
    match setting.type:
        case "str" | "path" | "url":
            return isinstance(value, str)
        case "int":
            return isinstance(value, int) and not isinstance(value, bool)
        case "float":
            return isinstance(value, int | float) and not isinstance(value, bool)
        case "bool":
            return isinstance(value, bool)
        case "list":
            return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return False  # pragma: no cover


def check_settings(declared: Sequence[Setting], values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Problems as ``(key, Vietnamese message)``; empty when the table is valid."""
    problems: list[tuple[str, str]] = []
    known = {s.key: s for s in declared}
    for key in values:
        if key not in known:
            problems.append(
                (key, f"khóa '{key}' không dùng cho loại kênh này (có: {', '.join(known)})")
            )
    for s in declared:
        if s.key not in values:
            if s.required:
                problems.append((s.key, f"thiếu '{s.key}' ({s.label})"))
            continue
        value = values[s.key]
        if not _type_ok(s, value):
            problems.append((s.key, f"cần {_TYPE_NAMES[s.type]}"))
            continue
        if s.choices and value not in s.choices:
            problems.append((s.key, f"chỉ nhận một trong: {', '.join(s.choices)}"))
        if s.type == "url" and (value or s.required):
            problem = url_problem(value)
            if problem:
                problems.append((s.key, problem))
    return problems


def url_problem(url: str) -> str | None:
    """Why ``url`` is not acceptable as a base URL, or None."""
    lowered = url.lower()
    if lowered.startswith("https://") and len(lowered) > len("https://"):
        return None
    if lowered.startswith("http://"):
        if is_loopback_url(url):
            return None
        return "phải dùng https:// (chỉ máy nội bộ 127.0.0.1/localhost mới được dùng http://)"
    return 'cần một địa chỉ bắt đầu bằng "https://"'


def resolve_settings(declared: Sequence[Setting], values: Mapping[str, Any]) -> dict[str, Any]:
    """Declared defaults overlaid with ``values``; raises ValueError with the first problem."""
    problems = check_settings(declared, values)
    if problems:
        key, message = problems[0]
        raise ValueError(f"{key}: {message}")
    resolved = {s.key: s.default for s in declared}
    resolved.update(values)
    return resolved

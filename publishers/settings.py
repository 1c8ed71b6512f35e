"""Channel settings declared as data, so config validation and the TUI's forms share one source.

A publisher lists its ``Setting``s (what goes in ``[channels.settings]`` of calendar.toml)
and its ``SecretField``s (what ``loa channels set-token`` stores). ``check_settings``
returns located problems in Vietnamese; ``resolve_settings`` applies defaults and types.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

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


_EXAMPLE = 'cần một địa chỉ dạng "https://ten-mien.vn"'


def url_problem(url: str) -> str | None:
    """Why ``url`` is not acceptable as a base URL, or None: it must parse, name a host
    (and a numeric port if any), use https (http only on loopback, as ``require_secure``
    rules) and carry no credentials, query, fragment or spaces."""
    shown = f'"{url}"'
    if not url.strip():
        return f"chưa có địa chỉ: {_EXAMPLE}"
    if any(c.isspace() or not c.isprintable() for c in url):
        return f"{shown} có dấu cách hoặc ký tự điều khiển: {_EXAMPLE}"
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError for a port that is not a number
    except ValueError as exc:
        return f"{shown} không phải địa chỉ hợp lệ ({_url_error(str(exc))}): {_EXAMPLE}"
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http"):
        return f'{shown}: {_EXAMPLE} (bắt đầu bằng "https://")'
    if not parts.hostname:
        return f"{shown} thiếu tên máy chủ: {_EXAMPLE}"
    if not _host_ok(parts.hostname):
        return f"{shown} có tên máy chủ '{parts.hostname}' không hợp lệ: {_EXAMPLE}"
    if port == 0:
        return f"{shown} không phải địa chỉ hợp lệ ({_url_error('port')}): {_EXAMPLE}"
    if parts.username is not None or parts.password is not None:
        return (
            f"địa chỉ không được chứa tên đăng nhập hay mật khẩu: {_EXAMPLE}; "
            "mật khẩu nhập bằng lệnh 'loa channels set-token'"
        )
    if parts.query or parts.fragment:
        return f"{shown} không được có phần '?…' hay '#…': {_EXAMPLE}"
    if scheme == "http" and not is_loopback_url(url):
        return "phải dùng https:// (chỉ máy nội bộ 127.0.0.1/localhost mới được dùng http://)"
    return None


_LABEL = re.compile(r"^(?!-)[\w-]{1,63}(?<!-)$")  # \w: Vietnamese letters too (IDNA)


def _host_ok(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    if re.fullmatch(r"[\d.]+", host):
        return False  # looks like an IPv4 address but is not one
    labels = host.removesuffix(".").split(".")
    return len(host) <= 253 and all(_LABEL.match(label) for label in labels)


def _url_error(text: str) -> str:
    if "IPv6" in text:
        return "ngoặc [ ] của địa chỉ IPv6 chưa đóng hoặc sai"
    if "Port" in text or "port" in text:
        return "cổng sau dấu ':' phải là số từ 1 đến 65535"
    return text


def resolve_settings(declared: Sequence[Setting], values: Mapping[str, Any]) -> dict[str, Any]:
    """Declared defaults overlaid with ``values``; raises ValueError with the first problem."""
    problems = check_settings(declared, values)
    if problems:
        key, message = problems[0]
        raise ValueError(f"{key}: {message}")
    resolved = {s.key: s.default for s in declared}
    resolved.update(values)
    return resolved

"""Read a TOML file and validate it against a pydantic model, with located Vietnamese errors."""

from __future__ import annotations

import copy
import difflib
import re
import tomllib
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from campaigns.config.locate import LineMap, dotted
from campaigns.errors import ConfigError, Problem
from campaigns.text import nfc_tree

M = TypeVar("M", bound=BaseModel)


class TomlSource:
    """A parsed TOML file that can locate its keys for error messages."""

    def __init__(self, path: Path, text: str, data: dict[str, Any]) -> None:
        self.path = path
        self.text = text
        self.data = data
        self._lines: LineMap | None = None
        self.pruned = Pruned()  # what ``validate_all`` took out of the model's data

    @classmethod
    def read(cls, path: Path) -> TomlSource:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise ConfigError(path, [Problem("không tìm thấy tệp")]) from None
        except OSError as exc:
            raise ConfigError(path, [Problem(f"không đọc được tệp ({exc.strerror})")]) from None
        text = decode_utf8(path, raw)
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(path, [_syntax_problem(str(exc), text)]) from None
        return cls(path, text, nfc_tree(data))

    def line_of(self, loc: tuple[str | int, ...]) -> int | None:
        """The line of ``loc`` of the validated model (see ``problem``)."""
        return self._line(self.pruned.original(loc))

    def _line(self, loc: tuple[str | int, ...]) -> int | None:
        if self._lines is None:
            self._lines = LineMap(self.text)
        return self._lines.line_of(loc)

    def problem(self, loc: tuple[str | int, ...], message: str) -> Problem:
        """A problem at ``loc`` of the validated model (list indexes shifted by pruning
        are mapped back to the file's)."""
        return self._at(self.pruned.original(loc), message)

    def _at(self, loc: tuple[str | int, ...], message: str) -> Problem:
        return Problem(message, line=self._line(loc), key=dotted(loc) or None)

    def validate(self, model: type[M]) -> M:
        try:
            return model.model_validate(self.data)
        except ValidationError as exc:
            problems = [self._translate(err, model) for err in exc.errors()]
            raise ConfigError(self.path, problems) from None

    def validate_all(
        self, model: type[M], rounds: int = 5
    ) -> tuple[M | None, list[Problem], Pruned]:
        """Validate, and on errors validate again without the keys in error, so the checks
        that need a valid model can still run and the officer sees every error of the
        file in one run. Returns the model (None if pruning could not save it), the
        problems found, and what was pruned (to hide the later checks' echoes of it)."""
        data = copy.deepcopy(self.data)
        problems: list[Problem] = []
        pruned = self.pruned = Pruned()
        for _ in range(rounds):
            try:
                return model.model_validate(data), problems, pruned
            except ValidationError as exc:
                errors = exc.errors()
            before = len(pruned.locs)
            located = [(err, pruned.original(_file_location(data, err["loc"]))) for err in errors]
            for err, loc in located:  # every error of this round, then take them out
                if not pruned.covers(loc):
                    problems.append(self._at(loc, _message(err, loc, model)))
            for err, loc in located:  # a missing key goes with its table or list item
                pruned.prune(data, loc[:-1] if err["type"] == "missing" else loc)
            if len(pruned.locs) == before:  # nothing more to take out: give up
                break
        return None, problems, pruned

    def _translate(self, err: ErrorDetails, model: type[BaseModel]) -> Problem:
        loc = _file_location(self.data, err["loc"])
        return self.problem(loc, _message(err, loc, model))


class Pruned:
    """Keys removed from a copy of a file's data after their error was reported. A removed
    list item shifts the copy's indexes: ``original`` maps a location in the copy back to
    the file's, so every message names the file's own key."""

    def __init__(self) -> None:
        self.locs: list[tuple[str | int, ...]] = []  # in the file's coordinates
        self.names: set[str] = set()  # names/ids of removed list items (a channel, a peak)
        self._kept: dict[tuple[str | int, ...], list[int]] = {}  # list path -> file indexes

    def covers(self, loc: tuple[str | int, ...]) -> bool:
        return any(loc[: len(p)] == p for p in self.locs)

    def original(self, loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
        out: list[str | int] = []
        for step in loc:
            kept = self._kept.get(tuple(out))
            if kept is not None and isinstance(step, int) and 0 <= step < len(kept):
                step = kept[step]
            out.append(step)
        return tuple(out)

    def prune(self, data: Any, loc: tuple[str | int, ...]) -> None:
        """Remove ``loc`` (the file's coordinates) from ``data`` (the copy)."""
        if not loc or self.covers(loc):
            return
        node: Any = data
        path: list[str | int] = []
        for step in loc[:-1]:
            node = self._step(node, tuple(path), step)
            if node is None:
                return
            path.append(step)
        last = loc[-1]
        if isinstance(node, dict) and last in node:
            del node[last]
        elif isinstance(node, list) and isinstance(last, int):
            kept = self._kept.setdefault(tuple(path), list(range(len(node))))
            if last not in kept:
                return
            item = node.pop(kept.index(last))
            kept.remove(last)
            if isinstance(item, dict):
                self.names |= {str(item[k]) for k in ("name", "id") if k in item}
        else:
            return
        self.locs.append(loc)

    def _step(self, node: Any, path: tuple[str | int, ...], step: str | int) -> Any:
        if isinstance(node, dict):
            return node.get(step)
        if isinstance(node, list) and isinstance(step, int):
            kept = self._kept.get(path, list(range(len(node))))
            return node[kept.index(step)] if step in kept else None
        return None

    def hides(self, problem: Problem) -> bool:
        """A later check's problem that may only echo something pruned: in the same list
        item (``peaks[1]``) or table (``ward``) as a pruned key, or naming a pruned item."""
        key = problem.key or ""
        for loc in self.locs:
            scope = dotted(loc[:2] if len(loc) > 1 and isinstance(loc[1], int) else loc[:1])
            if key == scope or key.startswith((scope + ".", scope + "[")):
                return True
        return any(f"'{n}'" in problem.message for n in self.names)


# Steps pydantic adds to an error's location ("function-after[_day(), date]", "list[str]"),
# not keys of the file; a key the officer typed ("[", "a[1") is kept.
_VALIDATOR_STEP = re.compile(r"^[\w-]+\[.*\]$")


def _file_location(data: object, loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """The error's location in the file: pydantic's own steps dropped, a key of the file
    kept even when it looks like one ('[' is a valid TOML key)."""
    kept: list[str | int] = []
    node: object = data
    for step in loc:
        in_list = isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)
        if in_list or (isinstance(node, dict) and step in node):
            node = node[step]  # type: ignore[index]
        elif isinstance(step, str) and _VALIDATOR_STEP.match(step):
            continue
        else:
            node = None
        kept.append(step)
    return tuple(kept)


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_RESAVE = "mở tệp bằng trình soạn thảo và lưu lại với mã hóa UTF-8"


def decode_utf8(path: Path, raw: bytes) -> str:
    """The text of a UTF-8 file; a leading BOM (what Windows Notepad writes) is dropped.
    UTF-16, NUL bytes and other encodings are refused with the line and what to do."""
    if raw.startswith(_UTF16_BOMS):
        raise ConfigError(path, [Problem(f"tệp đang mã hóa UTF-16: {_RESAVE}", line=1)])
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        message = f"tệp chứa ký tự NUL (byte 0), không phải tệp văn bản UTF-8: {_RESAVE}"
        raise ConfigError(path, [Problem(message, line=line)])
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError(path, [Problem(f"tệp phải mã hóa UTF-8: {_RESAVE}", line=line)]) from None


def _syntax_problem(text: str, source: str = "") -> Problem:
    """tomllib (3.11) puts the position in the message: '... (at line 6, column 15)', or
    '(at end of document)': the last line of ``source``."""
    m = re.search(r"\(at line (\d+), column (\d+)\)", text)
    detail = re.sub(r"\s*\(at [^)]*\)$", "", text)
    explained = _explain_syntax(detail)
    if m is None:
        line = max(1, len(source.splitlines())) if "end of document" in text else None
        return Problem(f"cú pháp TOML sai ở cuối tệp: {explained}", line=line)
    return Problem(f"cú pháp TOML sai ở cột {m.group(2)}: {explained}", line=int(m.group(1)))


_TWICE = "khóa hoặc bảng này đã khai báo ở trên: bỏ bớt một chỗ"
_BACKSLASH = "dấu '\\' trong chuỗi \"...\" phải viết thành '\\\\' (hoặc dùng chuỗi '...')"
# tomllib's messages (Python 3.11 _parser.py), what each means for someone editing by hand
_SYNTAX: list[tuple[str, str]] = [
    (r"Illegal character '\\n'", 'chuỗi chưa có dấu " đóng trước khi hết dòng'),
    (r"Illegal character '(.+)'", "ký tự điều khiển {0} không được phép: xóa ký tự đó"),
    (r"Found invalid character '(.+)'", "ký tự {0} không hợp lệ ở đây"),
    (r"Unterminated string", 'chuỗi chưa có dấu " đóng'),
    (r"Unclosed array", "danh sách [...] chưa có dấu ] đóng"),
    (r"Unclosed inline table", "bảng {...} chưa có dấu } đóng"),
    (r"Invalid value", 'giá trị không hợp lệ (văn bản phải đặt trong dấu ngoặc kép "...")'),
    (r"Invalid statement", "dòng không hợp lệ: cần dạng khóa = giá trị, hoặc [tên bảng]"),
    (r"Expected '=' after a key", "thiếu dấu = sau tên khóa"),
    (r"Expected newline or end of document", "còn ký tự thừa sau giá trị: mỗi khóa một dòng"),
    (r"Expected '\]' at the end of a table", "tên bảng thiếu dấu ] đóng"),
    (r"Expected '\]\]' at the end of an array", "tên bảng thiếu dấu ]] đóng"),
    (r"Invalid initial character for a key", "tên khóa bắt đầu bằng ký tự không hợp lệ"),
    (r"Invalid date or datetime", "ngày giờ không có thật hoặc sai dạng (ví dụ 2026-04-07)"),
    (r"Cannot declare|Cannot overwrite|Cannot mutate|Cannot redefine|Duplicate", _TWICE),
    (r"Unescaped '\\'|Invalid hex value|Escaped character", _BACKSLASH),
]


def _explain_syntax(detail: str) -> str:
    for pattern, meaning in _SYNTAX:
        if m := re.match(pattern, detail):
            return meaning.replace("{0}", m.group(1)) if m.groups() else meaning
    return detail


_TYPES = {
    "string_type": "cần một chuỗi văn bản",
    "int_type": "cần một số nguyên",
    "float_type": "cần một số",
    "bool_type": "cần true hoặc false",
    "list_type": "cần một danh sách [...]",
    "dict_type": "cần một bảng",
    "model_type": "cần một bảng",
    "model_attributes_type": "cần một bảng",
    "date_type": "cần một ngày",
    "time_type": 'cần một giờ dạng "07:30"',
    "tuple_type": "cần một danh sách",
}


def _message(err: ErrorDetails, loc: tuple[str | int, ...], model: type[BaseModel]) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return "thiếu khóa bắt buộc"
    if kind == "extra_forbidden":
        known = _known_keys(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), known, n=1) if loc else []
        hint = f" — có phải ý bạn là '{close[0]}'?" if close else ""
        return f"khóa không được hỗ trợ{hint} (các khóa hợp lệ: {', '.join(sorted(known))})"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    if kind in _TYPES:
        return f"{_TYPES[kind]}, nhận được {_shown(err.get('input'))}"
    if kind == "literal_error":
        choices = str(ctx.get("expected", "")).replace(" or ", " hoặc ")
        return f"cần một trong: {choices}; nhận được {_shown(err.get('input'))}"
    if kind == "greater_than_equal":
        return f"cần một số ≥ {ctx.get('ge')}, nhận được {_shown(err.get('input'))}"
    if kind == "less_than_equal":
        return f"cần một số ≤ {ctx.get('le')}, nhận được {_shown(err.get('input'))}"
    if kind == "string_too_short":
        return "không được để trống"
    if kind == "too_short":
        return f"cần ít nhất {ctx.get('min_length')} mục"
    if kind == "string_too_long":
        return f"dài quá {ctx.get('max_length')} ký tự"
    if kind == "string_pattern_mismatch":
        return (
            f"{_shown(err.get('input'))} không hợp lệ: chỉ dùng chữ thường không dấu, "
            "số, '-' và '_' (ví dụ \"kien-an\")"
        )
    return f"giá trị không hợp lệ: {_shown(err.get('input'))}"


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "một bảng"
    if isinstance(value, list):
        return "một danh sách"
    return str(value)


def _known_keys(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """Valid keys at ``loc`` by walking the model's fields."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if field is None:
            return []
        current = _inner_model(field.annotation)
        if current is None:
            return []
    fields = current.model_fields
    return [f.alias or name for name, f in fields.items()]


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None

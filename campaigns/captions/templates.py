"""Caption templates: bundled under ``assets/templates/captions/``, overridable by the officer.

A template is ``<channel type>/<field>.txt`` (``.html`` for the website body, which is
autoescaped); ``<field>.2.txt`` … ``<field>.9.txt`` are variants the posts of a channel take in
turn (the planner numbers each post, ``pick`` takes its variant), so a year of captions is not
one boilerplate. The officer's folder (``[captions] folder``) holds files with the same names;
any file there wins over the bundled one; it must be UTF-8 and inside that folder once links
are followed. Rendering is sandboxed with strict undefined, and a template that recurses
forever is stopped, so a mistake is an error found by ``loa check``/``loa plan``, never at
posting time.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    Template,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    select_autoescape,
)
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment

from campaigns.assets import asset

FIELDS: dict[str, tuple[str, ...]] = {
    "facebook": ("text",),
    "zalo": ("title", "author", "description", "body"),
    "website": ("title", "html", "excerpt"),
    "outbox": ("text",),
}
SINGLE_LINE = {"title", "author", "description", "excerpt"}


MAX_VARIANTS = 9  # "text.txt", "text.2.txt" … "text.9.txt"


def template_name(channel_type: str, field: str, n: int = 1) -> str:
    """The file of a field's template; ``n`` > 1 names its n-th variant ("text.2.txt")."""
    stem, ext = ("body", "html") if field == "html" else (field, "txt")
    return f"{channel_type}/{stem}.{ext}" if n == 1 else f"{channel_type}/{stem}.{n}.{ext}"


def variants(folder: str | None, channel_type: str, field: str) -> list[str]:
    """The templates a field rotates among, in order. When the officer's folder has the
    field's main file, only the officer's variants of it count (an officer who rewrote the
    caption does not see the bundled wording come back); otherwise the bundled variants,
    each replaced by the officer's file of the same name."""
    names = [template_name(channel_type, field, n) for n in range(1, MAX_VARIANTS + 1)]
    mine = [n for n in names if folder and _present(Path(folder) / n)]
    if names[0] in mine:
        return mine
    bundled = _bundled_names(str(bundled_dir()))
    return [n for n in names if n in mine or n in bundled] or names[:1]


def pick(folder: str | None, channel_type: str, field: str, variant: int | None) -> str:
    """The template of a post whose planned caption variant is ``variant`` (None: the
    first, as for posts planned before variants)."""
    found = variants(folder, channel_type, field)
    return found[(variant or 0) % len(found)]


def _present(path: Path) -> bool:
    return path.is_file() or path.is_symlink()


@lru_cache(maxsize=4)
def _bundled_names(root: str) -> frozenset[str]:
    base = Path(root)
    return frozenset(p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file())


def bundled_dir() -> Path:
    return asset("templates", "captions")


MAX_TEMPLATE_BYTES = 1024 * 1024


class TemplateFileError(TemplateError):
    """A template file that cannot be used as is (encoding, place, size, recursion)."""

    def __init__(self, message: str, lineno: int | None = None) -> None:
        super().__init__(message)
        self.lineno = lineno


class OfficerLoader(FileSystemLoader):
    """The officer's folder: files must be UTF-8 (a BOM is dropped), of sane size, and
    inside the folder once symbolic links are followed (a link to /etc/passwd would be
    published). A name it does not hold falls through to the bundled templates."""

    def __init__(self, folder: str) -> None:
        super().__init__(folder)
        self.root = Path(folder).resolve()

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        path = Path(self.root, *split_template_path(template))
        if not path.is_symlink() and not path.exists():
            raise TemplateNotFound(template)
        try:
            real = path.resolve(strict=True)
        except (RuntimeError, OSError):  # a link loop (RuntimeError in Python 3.11), or broken
            raise TemplateFileError("là liên kết hỏng hoặc trỏ vòng về chính nó") from None
        if not real.is_relative_to(self.root):
            raise TemplateFileError(
                f"là liên kết tới '{real}', ngoài thư mục mẫu: chép nội dung mẫu vào tệp này"
            )
        if not real.is_file():
            raise TemplateFileError("không phải một tệp")
        if real.stat().st_size > MAX_TEMPLATE_BYTES:
            raise TemplateFileError(f"tệp lớn quá {MAX_TEMPLATE_BYTES // 1024} KB")
        raw = real.read_bytes()
        try:
            text = raw.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise TemplateFileError(
                "tệp phải mã hóa UTF-8: mở bằng trình soạn thảo và lưu lại với mã hóa UTF-8", line
            ) from None
        mtime = real.stat().st_mtime_ns
        return text, str(path), lambda: _mtime(real) == mtime


def _mtime(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


class SafeTemplate(Template):
    """A template whose runaway recursion (it includes itself, a macro calls itself) is a
    template error naming the line, not a crash."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        try:
            return super().render(*args, **kwargs)
        except RecursionError as exc:
            line = _line_from_traceback(exc, self.name or "")
            raise TemplateFileError(
                "mẫu gọi lại chính nó mãi không dừng (ví dụ {% include %} chính tệp này): "
                "bỏ lệnh gọi đó",
                line,
            ) from None


class _Environment(SandboxedEnvironment):
    """Sandboxed, with ``SafeTemplate``s; a template nested too deeply to compile (thousands
    of brackets) is a syntax error rather than a crash of the parser."""

    template_class = SafeTemplate

    def compile(
        self,
        source: Any,
        name: str | None = None,
        filename: str | None = None,
        raw: bool = False,
        defer_init: bool = False,
    ) -> Any:
        try:
            return super().compile(source, name, filename, raw, defer_init)  # type: ignore[call-overload]
        except RecursionError:
            message = "lồng nhau quá sâu (quá nhiều ngoặc hoặc khối lồng vào nhau)"
            raise TemplateSyntaxError(message, 1, name, filename) from None


@lru_cache(maxsize=8)
def environment(folder: str | None) -> SandboxedEnvironment:
    loaders: list[BaseLoader] = [OfficerLoader(folder)] if folder else []
    loaders.append(FileSystemLoader(str(bundled_dir())))
    env = _Environment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["sentence"] = sentence
    env.filters["headline"] = headline
    return env


def sentence(text: object) -> str:
    """First letter upper case, the rest untouched (Jinja's ``capitalize`` lowers it)."""
    s = str(text)
    return s[:1].upper() + s[1:]


def headline(text: object, limit: int = 150) -> str:
    """The first line of ``text`` within ``limit`` characters, cut between words with "…"
    (an own post's text as a title)."""
    first = str(text).strip().split("\n", 1)[0].strip()
    if len(first) <= limit:
        return first
    cut = first[: limit - 1].rsplit(" ", 1)[0] or first[: limit - 1]
    return cut.rstrip(" ,;:-") + "…"


def source_of(folder: str | None, name: str) -> str:
    """Where a template comes from, for messages: the officer's file or the bundled one."""
    if folder and ((Path(folder) / name).is_file() or (Path(folder) / name).is_symlink()):
        return str(Path(folder) / name)
    return f"{name} (mẫu có sẵn)"


def describe(exc: TemplateError, folder: str | None, name: str) -> str:
    """A Vietnamese line naming the template and the line of a template error."""
    where = source_of(folder, name)
    line = getattr(exc, "lineno", None)
    if line is None:
        line = _line_from_traceback(exc, name)
    at = f", dòng {line}" if line else ""
    if isinstance(exc, TemplateSyntaxError):
        return f"mẫu chú thích {where}{at}: sai cú pháp ({exc.message})"
    if isinstance(exc, TemplateNotFound):
        return f"không tìm thấy mẫu chú thích {where}"
    return f"mẫu chú thích {where}{at}: {_explain(exc)}"


def syntax_problems(folder: str | None) -> list[str]:
    """Compile every template (the officer's first): one message per broken template."""
    env = environment(folder)
    out = []
    for channel_type, fields in FIELDS.items():
        for field in fields:
            for name in variants(folder, channel_type, field):
                try:
                    env.get_template(name)
                except TemplateError as exc:
                    out.append(describe(exc, folder, name))
    return out


def _line_from_traceback(exc: BaseException, name: str) -> int | None:
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.replace("\\", "/").endswith(name):
            line = frame.lineno
    return line


def _explain(exc: TemplateError) -> str:
    text = str(exc.message or exc)
    if "is undefined" in text or "has no attribute" in text:
        return f"dùng biến không có ({text}); xem danh sách biến trong README.md"
    if "unsafe" in text or "access to attribute" in text:
        return f"thao tác không được phép trong mẫu ({text})"
    return text

"""Caption templates: bundled under ``assets/templates/captions/``, overridable by the officer.

A template is ``<channel type>/<field>.txt`` (``.html`` for the website body, which is
autoescaped). The officer's folder (``[captions] folder``) holds files with the same names;
any file there wins over the bundled one. Rendering is sandboxed with strict undefined, so a
typo is an error found by ``loa check``/``loa plan``, never at posting time.
"""

from __future__ import annotations

import traceback
from functools import lru_cache
from pathlib import Path

from jinja2 import (
    ChoiceLoader,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    select_autoescape,
)
from jinja2.sandbox import SandboxedEnvironment

from campaigns.assets import asset

FIELDS: dict[str, tuple[str, ...]] = {
    "facebook": ("text",),
    "zalo": ("title", "author", "description", "body"),
    "website": ("title", "html", "excerpt"),
    "outbox": ("text",),
}
SINGLE_LINE = {"title", "author", "description", "excerpt"}


def template_name(channel_type: str, field: str) -> str:
    return f"{channel_type}/body.html" if field == "html" else f"{channel_type}/{field}.txt"


def bundled_dir() -> Path:
    return asset("templates", "captions")


@lru_cache(maxsize=8)
def environment(folder: str | None) -> SandboxedEnvironment:
    loaders = [FileSystemLoader(folder)] if folder else []
    loaders.append(FileSystemLoader(str(bundled_dir())))
    env = SandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["sentence"] = sentence
    return env


def sentence(text: object) -> str:
    """First letter upper case, the rest untouched (Jinja's ``capitalize`` lowers it)."""
    s = str(text)
    return s[:1].upper() + s[1:]


def source_of(folder: str | None, name: str) -> str:
    """Where a template comes from, for messages: the officer's file or the bundled one."""
    if folder and (Path(folder) / name).is_file():
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
            name = template_name(channel_type, field)
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

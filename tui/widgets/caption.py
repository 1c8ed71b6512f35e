"""The caption editor: one box per caption field, a live length counter, the channel's rules.

Attributes down: the caption view and a ``check`` function (the channel's validation).
Messages up: ``CaptionEditor.Save`` with the fields the officer changed.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Button, Input, Static, TextArea

from tui.engine import CaptionField, CaptionView

Check = Callable[[dict[str, str]], list[str]]


def counter(value: str, limit: int | None) -> Text:
    n = len(value.strip())
    if limit is None:
        return Text(f"{n} ký tự", style="dim")
    over = n > limit
    text = Text(f"{n}/{limit} ký tự", style="bold red" if over else "dim")
    if over:
        text.append(f" — thừa {n - limit}", style="bold red")
    return text


class CaptionEditor(Vertical):
    class Save(Message):
        def __init__(self, values: dict[str, str | None]) -> None:
            self.values = values
            super().__init__()

    def __init__(self, view: CaptionView, check: Check, *, read_only: bool = False) -> None:
        super().__init__(id="caption-editor")
        self.view = view
        self.check = check
        self.read_only = read_only

    def compose(self) -> ComposeResult:
        for f in self.view.fields:
            mark = " (đã sửa tay)" if f.edited else ""
            yield Static(Text(f"{f.label}{mark}"), classes="field-label")
            if f.single_line:
                yield Input(f.value, id=f"cap-{f.name}", compact=True, disabled=self.read_only)
            else:
                area = TextArea(f.value, id=f"cap-{f.name}", soft_wrap=True, compact=True)
                area.read_only = self.read_only
                yield area
            yield Static(counter(f.value, f.limit), id=f"count-{f.name}", classes="counter")
        yield Static(id="caption-problems")
        if not self.read_only:
            yield Button("Lưu chú thích (Ctrl+S)", id="save-caption", variant="primary",
                         compact=True)  # fmt: skip

    def on_mount(self) -> None:
        self.recheck()

    def values(self) -> dict[str, str]:
        out = {}
        for f in self.view.fields:
            widget = self.query_one(f"#cap-{f.name}")
            out[f.name] = widget.text if isinstance(widget, TextArea) else str(widget.value)  # type: ignore[attr-defined]
        return out

    def changed(self) -> dict[str, str | None]:
        """The fields the officer changed and has not saved yet."""
        return {
            name: value
            for name, value in self.values().items()
            if value.strip() != self.field(name).value.strip()
        }

    def field(self, name: str) -> CaptionField:
        return next(f for f in self.view.fields if f.name == name)

    def recheck(self) -> list[str]:
        values = self.values()
        for name, value in values.items():
            self.query_one(f"#count-{name}", Static).update(counter(value, self.field(name).limit))
        problems = self.check(values)
        box = self.query_one("#caption-problems", Static)
        box.set_class(bool(problems), "-error")
        box.update(
            Text("\n".join(f"✘ {p}" for p in problems) if problems else "✔ Chú thích hợp lệ.")
        )
        return problems

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _changed(self) -> None:
        self.recheck()

    @on(Button.Pressed, "#save-caption")
    def save(self) -> None:
        if self.recheck():
            self.app.notify(
                "Chưa lưu: chú thích còn lỗi (xem dòng đỏ).", severity="error", timeout=8
            )
            return
        changed = self.changed()
        if not changed:
            self.app.notify("Chú thích không có gì thay đổi.")
            return
        self.post_message(self.Save(changed))

"""Dialogs: a yes/no question before a move that cannot be undone (cancel, publish now),
and a one-line answer (the link of a post found on its channel)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static


class Confirm(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,c", "answer(True)", "có"),
        Binding("n,k,escape", "answer(False)", "không"),
    ]

    def __init__(self, question: str, yes: str = "Đồng ý (c)") -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(Text(self.question), id="question")
            with Horizontal(id="confirm-buttons"):
                yield Button(self.yes, id="yes", variant="error", compact=True)
                yield Button("Thôi (k)", id="no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class AskText(ModalScreen[str | None]):
    """One line of text, or None when the officer backs out."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "thôi")]

    def __init__(self, question: str, placeholder: str = "", ok: str = "Đồng ý") -> None:
        super().__init__()
        self.question = question
        self.placeholder = placeholder
        self.ok = ok

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(Text(self.question), id="question")
            yield Input(placeholder=self.placeholder, id="answer")
            with Horizontal(id="confirm-buttons"):
                yield Button(self.ok, id="yes", variant="primary", compact=True)
                yield Button("Thôi (Esc)", id="no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#answer", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self._done()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "yes":
            self._done()
        else:
            self.dismiss(None)

    def _done(self) -> None:
        value = self.query_one("#answer", Input).value.strip()
        self.dismiss(value or None)

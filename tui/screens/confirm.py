"""Dialogs: a yes/no question before a move that cannot be undone (publish now), the same
with an optional reason (cancel), a one-line answer (the link of a post found on its
channel) and a choice among a few named answers (save / discard / stay)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on
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


class ConfirmReason(ModalScreen[str | None]):
    """Yes with an optional reason ("" when none is typed), or None for no. The "no" button
    has the focus, as in ``Confirm``; Tab reaches the reason, Enter there says yes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,c", "answer(True)", "có"),
        Binding("n,k,escape", "answer(False)", "không"),
    ]

    def __init__(self, question: str, yes: str, placeholder: str = "Lý do (không bắt buộc)"):
        super().__init__()
        self.question = question
        self.yes = yes
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(Text(self.question), id="question")
            yield Input(placeholder=self.placeholder, id="answer", compact=True)
            with Horizontal(id="confirm-buttons"):
                yield Button(self.yes, id="yes", variant="error", compact=True)
                yield Button("Thôi (k)", id="no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, value: bool) -> None:
        self.dismiss(self.query_one("#answer", Input).value.strip() if value else None)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_answer(True)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_answer(event.button.id == "yes")


class Choice(ModalScreen[str | None]):
    """One of a few answers, each a button with its own key ("Lưu (l)" is chosen by l);
    Esc chooses none (None)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "none", "thôi")]

    def __init__(self, question: str, answers: list[tuple[str, str, str]]) -> None:
        """``answers``: (value, button text, key)."""
        super().__init__()
        self.question = question
        self.answers = answers

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(Text(self.question), id="question")
            with Horizontal(id="confirm-buttons"):
                for value, text, _ in self.answers:
                    yield Button(text, id=f"choice-{value}", compact=True)

    def on_mount(self) -> None:
        self.query(Button).last().focus()  # the last answer is the safe one

    def action_none(self) -> None:
        self.dismiss(None)

    def on_key(self, event: events.Key) -> None:
        for value, _, key in self.answers:
            if event.character == key:
                event.stop()
                self.dismiss(value)
                return

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("choice-"))

"""Textual's own words in the footer, said in Vietnamese (a Select's open list, the palette)."""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.dom import DOMNode
from textual.widgets._select import SelectOverlay

WORDS = {"Dismiss menu": "đóng danh sách", "Exit the command palette": "đóng bảng lệnh"}
SPEAKERS: tuple[type[DOMNode], ...] = (SelectOverlay, CommandPalette)


def vietnamese() -> None:
    """Give Textual's shown bindings Vietnamese descriptions (once is enough; idempotent)."""
    for cls in SPEAKERS:
        said: list[BindingType] = []
        for b in cls.BINDINGS:
            binding = b if isinstance(b, Binding) else Binding(*b)
            said.append(
                replace(binding, description=WORDS.get(binding.description, binding.description))
            )
        cls.BINDINGS = said
        cls._merged_bindings = cls._merge_bindings()

"""How statuses, channels and kinds look in the terminal (symbols, styles, words)."""

from __future__ import annotations

from rich.text import Text

from campaigns.store.models import KIND_LABELS, STATUS_LABELS

SYMBOLS = {
    "draft": ("○", "dim"),
    "approved": ("●", "bold #4ea1ff"),
    "publishing": ("◐", "bold yellow"),
    "published": ("✔", "bold green"),
    "failed": ("✘", "bold red"),
    "missed": ("!", "bold #ff8c1a"),
    "cancelled": ("×", "dim"),
    "superseded": ("", ""),
}
LEGEND_ORDER = ("draft", "approved", "published", "failed", "missed")


def symbol(status: str) -> Text:
    sym, style = SYMBOLS.get(status, ("?", ""))
    return Text(sym, style=style)


def status_text(status: str) -> Text:
    sym, style = SYMBOLS.get(status, ("?", ""))
    label = STATUS_LABELS.get(status, status)
    return Text(f"{sym} {label}".strip(), style=style)


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def legend() -> Text:
    out = Text()
    for status in LEGEND_ORDER:
        if out:
            out.append("  ")
        out.append_text(status_text(status))
    return out


def short_channel(name: str) -> str:
    """'facebook' -> 'F', 'bang-tin' -> 'B': one capital letter for the month grid."""
    return name[:1].upper()


def clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"

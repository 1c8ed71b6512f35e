"""How statuses, channels and kinds look in the terminal (symbols, styles, words)."""

from __future__ import annotations

from rich.text import Text

from campaigns.store.lifecycle import MAYBE_LIVE_LABEL, Status, describe, label
from campaigns.store.models import KIND_LABELS

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
MAYBE_LIVE = ("?", "bold #ffcc00")  # an attempt's outcome is unknown: the post may be live
LEGEND_ORDER = ("draft", "approved", "published", "failed", "missed", "cancelled")


def look(status: str, maybe_live: bool = False) -> tuple[str, str]:
    """The symbol and style of a post's state (the "may be live" flag wins while the
    post is still on its way; a failed post keeps its own look)."""
    if maybe_live and status in (Status.APPROVED, Status.PUBLISHING):
        return MAYBE_LIVE
    return SYMBOLS.get(status, ("?", ""))


def symbol(status: str, maybe_live: bool = False) -> Text:
    sym, style = look(status, maybe_live)
    return Text(sym, style=style)


def status_text(status: str, maybe_live: bool = False) -> Text:
    sym, style = look(status, maybe_live)
    return Text(f"{sym} {describe(status, maybe_live)}".strip(), style=style)


def status_label(status: str, maybe_live: bool = False) -> str:
    """Short, for table cells (the symbol tells failed from waiting)."""
    if not maybe_live:
        return label(status)
    return MAYBE_LIVE_LABEL if look(status, maybe_live) == MAYBE_LIVE else "cần kiểm tra"


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

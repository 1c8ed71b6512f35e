"""Write a ``Document`` as Markdown: the same wording as the DOCX, for reading and pasting."""

from __future__ import annotations

from pathlib import Path

from campaigns.report.blocks import Block, Bullet, Document, Heading, Para, Subheading, Table


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(t: Table) -> list[str]:
    align = ["---:" if i in t.numeric else "---" for i in range(len(t.header))]
    lines = ["| " + " | ".join(_cell(h) for h in t.header) + " |", "| " + " | ".join(align) + " |"]
    for row in t.rows:
        lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
    if t.total:
        lines.append("| " + " | ".join(f"**{_cell(c)}**" if c else "" for c in t.total) + " |")
    return [*lines, ""]


def _blocks(blocks: tuple[Block, ...]) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Heading):
            out += [f"## {b.text}", ""]
        elif isinstance(b, Subheading):
            out += [f"### {b.text}", ""]
        elif isinstance(b, Para):
            out += [f"*{b.text}*" if b.italic else b.text, ""]
        elif isinstance(b, Bullet):
            out += [f"- {b.text}", ""]
        else:
            out += _table(b)
    return out


def render_markdown(d: Document) -> str:
    h = d.head
    lines = [
        f"{h.upper_unit}  ",
        f"**{h.unit}**  ",
        f"{h.number}",
        "",
        f"**{h.party}**  ",
        *([f"**{h.motto}**  "] if h.motto else []),
        f"*{h.place_date}*",
        "",
        f"# {h.title}",
        "",
        f"**{h.subtitle}**",
        "",
        *_blocks(d.body),
        "**Nơi nhận:**",
        "",
        *[f"- {r}" for r in h.recipients],
        "",
        f"**{h.sign_for}**  ",
        *([f"**{h.sign_title}**"] if h.sign_title else []),
        "",
        "---",
        "",
        "## PHỤ LỤC",
        "",
        f"**{d.appendix_title}**",
        "",
        f"*{d.appendix_note}*",
        "",
        *_blocks(d.appendix),
    ]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def write_markdown(d: Document, path: Path) -> None:
    path.write_text(render_markdown(d), encoding="utf-8")

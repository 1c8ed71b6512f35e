"""Join a plan's wrapped lines into paragraphs.

Plans copied from PDFs and Word files break sentences over several lines (and often put a
blank line between them); a paragraph starts at a list marker, a heading, a short label
ending in ":", "Thực hiện…", or after a line that ended a sentence and a line that does not
continue it.
"""

from __future__ import annotations

import re

from campaigns.importer.model import Para
from campaigns.text import nfc

MARKER = re.compile(
    r"(?:[-+•–*]\s*(?=\S)|\d{1,2}(?:\.\d{1,2})*[.)]\s|\(\d{1,2}\)|[IVXLC]{1,5}\s*[.\-–/]\s)"
)
_SEPARATOR = re.compile(r"[-–_*=.\s]+|\d{1,3}")  # rules, lone asterisks and page numbers
_OPENING = re.compile(r"(?:Thực hiện|Căn cứ|Nơi nhận)\b")
_ENDS_SENTENCE = re.compile(r"[.!?:;]\W*$")
_GLUE = ".,;:!?)”’"  # a line starting with these continues the previous one without a space


def is_caps(text: str) -> bool:
    """A heading in capitals ("KẾ HOẠCH", "V. MỘT SỐ KHẨU HIỆU")."""
    return text.isupper() and sum(c.isalpha() for c in text[:8]) >= 2


def _is_label(line: str) -> bool:
    """A short capitalised line ending in ':' ("Khẩu hiệu tuyên truyền:") opens a block."""
    return line[0].isupper() and line.endswith(":") and len(line.split()) <= 8


def clean(line: str) -> str:
    return nfc(line).replace("**", "").replace("\u00a0", " ").strip()


def paragraphs(lines: list[str]) -> list[Para]:
    out: list[Para] = []
    start = 0
    text = ""
    starts: list[tuple[int, int]] = []
    caps = False  # the open paragraph is a heading in capitals: the next line starts anew

    def close() -> None:
        nonlocal text, starts
        if text:
            out.append(Para(start, text, tuple(starts)))
        text, starts = "", []

    for number, raw in enumerate(lines, 1):
        line = clean(raw)
        if not line:
            continue
        if _SEPARATOR.fullmatch(line):
            close()
            continue
        new = (
            not text
            or MARKER.match(line) is not None
            or _OPENING.match(line) is not None
            or is_caps(line)
            or caps
            or _is_label(line)
            or (
                _ENDS_SENTENCE.search(text) is not None
                and not line[0].islower()
                and line[0] not in _GLUE
            )
        )
        line = re.sub(r"\s+", " ", line)
        if new:
            close()
            start, caps = number, is_caps(line)
        elif line[0] not in _GLUE:
            text += " "
        starts.append((len(text), number))
        text += line
    close()
    return out

"""Slogans, verbatim, from the plan's slogan section.

A section opens with a header such as "V. MỘT SỐ KHẨU HIỆU TUYÊN TRUYỀN", "Khẩu hiệu tuyên
truyền:", "Nội dung khẩu hiệu:" or "Định hướng một số thông điệp tuyên truyền"; its slogans
follow as a list ("-", "+", "•", "1." … "10."), inline "(1) …!; (2) …!", or prose separated
by ";" (after the colon or in the next paragraph). The section ends at the next heading,
at a list item of another kind or out of sequence, or at the first paragraph that is not
an item once items were found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from campaigns.importer.model import FoundSlogan, Para
from campaigns.importer.paragraphs import is_caps

HEADER = re.compile(
    r"(?:(?:[IVXLC]{1,5}|\d{1,2}(?:\.\d{1,2})*)\s*[.\-–/)]\s*)?"
    r"(?:(?:một số|các|định hướng(?: một số)?|nội dung(?: các)?)\s+)?"
    r"(?:khẩu hiệu|thông điệp)(?:\s+(?:tuyên truyền|chính|cổ động|chủ đề))*"
    r"\s*(?::\s*(?P<rest>.*))?",
    re.IGNORECASE,
)
_ITEM = re.compile(
    r"(?P<marker>[-+•–*](?=\s*\S)|(?P<num>\d{1,2})[.)](?=\s)|\((?P<paren>\d{1,2})\)\.?)\s*(?P<body>.+)"
)
_INLINE_NUMBER = re.compile(r"\(\d{1,2}\)\.?\s*")
_SEMICOLON = re.compile(r";\s*")
_HEADING = re.compile(r"(?:[IVXLC]{1,5}\s*[.\-–/]\s|Nơi nhận)")
_QUOTES = {"“": "”", '"': '"', "‘": "’", "«": "»", "'": "'"}
MAX_WORDS = 30


def find_slogans(paras: list[Para]) -> list[FoundSlogan]:
    found: list[FoundSlogan] = []
    i = 0
    while i < len(paras):
        header = HEADER.fullmatch(paras[i].text)
        if header is None:
            i += 1
            continue
        rest = (header.group("rest") or "").strip()
        if rest:
            found.extend(_split(paras[i], header.start("rest")))
        i = _section(paras, i + 1, found, inline=bool(rest))
    return _unique(found)


def _section(paras: list[Para], i: int, found: list[FoundSlogan], inline: bool) -> int:
    """Read the items after a header; return the index of the first paragraph past them."""
    kind: str | None = None
    last_number = 0
    while i < len(paras):
        para = paras[i]
        if _HEADING.match(para.text) or (is_caps(para.text) and kind is not None):
            break
        if kind is None and HEADER.fullmatch(para.text):  # "III. KHẨU HIỆU" then "Khẩu hiệu:"
            return i
        item = _ITEM.fullmatch(para.text)
        if item is None:
            if kind is None and not inline:  # prose right under the header: "a; b; c"
                found.extend(_split(para, 0))
                return i + 1
            break
        this_kind = "num" if item.group("num") else "paren" if item.group("paren") else "bullet"
        if kind is not None and this_kind != kind:
            break
        number = item.group("num") or item.group("paren")
        if number is not None:
            if int(number) != last_number + 1:
                break
            last_number = int(number)
        kind = this_kind
        found.extend(_split(para, item.start("body")))
        i += 1
    return i


def _split(para: Para, start: int) -> Iterator[FoundSlogan]:
    """The text from ``start``: several slogans when numbered inline "(1) …; (2) …", or
    separated by ";"; each numbered by the source line it starts on."""
    text = para.text[start:]
    separator = _INLINE_NUMBER if len(_INLINE_NUMBER.findall(text)) >= 2 else _SEMICOLON
    offset = 0
    for cut in [*separator.finditer(text), None]:
        end = cut.start() if cut else len(text)
        slogan = strip_slogan(text[offset:end])
        if sum(c.isalpha() for c in slogan) >= 3:
            words = len(slogan.split())
            doubt = f"dài {words} từ, có thể không phải khẩu hiệu" if words > MAX_WORDS else None
            yield FoundSlogan(slogan, para.line_at(start + offset), doubt)
        offset = cut.end() if cut else end


def strip_slogan(text: str) -> str:
    """The slogan without list punctuation around it nor quotes that wrap all of it."""
    text = text.strip().rstrip(";,").strip()
    if len(text) >= 2 and text[0] in _QUOTES:
        close = _QUOTES[text[0]]
        inner = text[1:]
        for tail in ("", "!", "."):
            if inner.endswith(close + tail) and close not in inner[: -len(close + tail)]:
                body = inner[: -len(close + tail)]
                if text[0] not in body:
                    return (body + tail).strip()
    return text


def _unique(found: list[FoundSlogan]) -> list[FoundSlogan]:
    seen: set[str] = set()
    out: list[FoundSlogan] = []
    for slogan in found:
        if slogan.text not in seen:
            seen.add(slogan.text)
            out.append(slogan)
    return out

"""Fit text in a box by measuring: the largest size that fits, with balanced line breaks.

Lines break only between words (``campaigns.render.words``: a Vietnamese word of several
syllables, a proper noun or an officer's tie is never split). A slogan's " - " joints are
the preferred places to break, then ", " (the mark stays at the end of its line, so the
wording is kept exactly); lines are balanced, and a last line holding a single word is
avoided when the text has more words than lines. Sizes are searched from the largest down;
the chosen layout is checked against the real ink boxes, so the text never overflows its
box and no accent is clipped. Cards, posters and banners all fit their text here.

``fit`` and ``Block.draw`` are the only ways text meets a face: both hold the FreeType lock.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from PIL import ImageDraw

from campaigns.render.fonts import font, serialised
from campaigns.render.words import loose, shown, syllables, units

DASHES = ("-", "–", "—")
COMMAS = (",", ";", ":")
JOINT = (0.4, -0.2, -0.4)  # cost of a break after a plain word, a comma, a dash
ALONE = 0.5  # cost of a line holding one word (x2 at the end, x2 for one syllable)
MIXED = 1.0  # cost of a line running across a " - " but not made of whole parts
SHRINK = 6.0  # cost of giving up the whole size (trade at most 30%)
Box = tuple[int, int, int, int]  # left, top, right, bottom


@dataclass(frozen=True)
class Block:
    """Lines of one font size placed in a box; ``ink`` is the union of their ink boxes."""

    lines: tuple[str, ...]
    weight: str
    size: int
    baselines: tuple[tuple[int, int], ...]  # (x, y) per line, anchor set by ``anchor``
    anchor: str
    ink: Box
    shrunk: bool  # below the readable minimum asked for

    @serialised
    def draw(self, draw: ImageDraw.ImageDraw, fill: str) -> None:
        f = font(self.weight, self.size)
        for line, xy in zip(self.lines, self.baselines, strict=True):
            draw.text(xy, line, font=f, fill=fill, anchor=self.anchor)


def fit(
    text: str,
    box: Box,
    weight: str,
    *,
    max_size: int,
    readable: int,
    floor: int = 8,
    spacing: float = 1.2,
    max_lines: int = 12,
    align: str = "center",
    valign: str = "middle",
) -> Block:
    """The text laid out in ``box``; the same arguments give the same (immutable) block, so
    a footer or header repeated on every card is fitted once."""
    return _fit(text, tuple(box), weight, max_size, readable, floor, spacing, max_lines,
                align, valign)  # fmt: skip


@lru_cache(maxsize=2048)
@serialised
def _fit(
    text: str, box: Box, weight: str, max_size: int, readable: int, floor: int,
    spacing: float, max_lines: int, align: str, valign: str,
) -> Block:  # fmt: skip
    # a label on one line is never broken: no need to know its words
    words = [shown(p) for p in syllables(text)] if max_lines == 1 else list(units(text))
    if not words:
        raise ValueError("empty text")
    width, height = box[2] - box[0], box[3] - box[1]
    if max_lines > 1 and max(_widths(tuple(words), weight, floor)[0]) > width:
        words = list(loose(text))  # a word wider than the box even at the floor size
    if max_lines == 1:
        return _one_line(words, box, weight, max_size, readable, floor, spacing, align, valign)
    lo, hi, best = floor, max(floor, max_size), None
    while lo <= hi:  # largest size whose greedy layout fits (monotone in the size)
        mid = (lo + hi) // 2
        if _lines_needed(tuple(words), weight, mid, width) <= _lines_room(
            mid, spacing, height, max_lines
        ):
            best, lo = mid, mid + 1
        else:
            hi = mid - 1
    size, k = _nicest(
        words, weight, best or floor, width, lambda z: _lines_room(z, spacing, height, max_lines)
    )
    while True:
        lines, _ = _balanced(tuple(words), weight, size, width, k)
        block = _place(lines, weight, size, spacing, box, align, valign, readable)
        if _inside(block.ink, box) or size <= floor:
            return block
        size -= 1
        k = _lines_needed(tuple(words), weight, size, width)


def _one_line(
    words: list[str], box: Box, weight: str, max_size: int, readable: int, floor: int,
    spacing: float, align: str, valign: str,
) -> Block:  # fmt: skip
    """A label on one line: the size from its measured width, then checked on the ink."""
    width, height = box[2] - box[0], box[3] - box[1]
    line = " ".join(words)
    natural = sum(_widths(tuple(words), weight, REF)[0]) + _ref_width(" ", weight) * (
        len(words) - 1
    )
    size = max(floor, min(max_size, int(width * REF / max(natural, 1)), int(height / 1.25)))
    while True:
        block = _place([line], weight, size, spacing, box, align, valign, readable)
        if _inside(block.ink, box) or size <= floor:
            return block
        size -= 1


def _nicest(
    words: list[str], weight: str, largest: int, width: int, room: Callable[[int], int]
) -> tuple[int, int]:
    """Trade up to 12% of the size, or one more line, for better breaks (at separators,
    no orphan word). Returns the size and the number of lines."""
    best = (largest, _lines_needed(tuple(words), weight, largest, width))
    best_score = float("inf")
    sizes = sorted({max(1, round(largest * (1 - 0.02 * j))) for j in range(16)}, reverse=True)
    for size in sizes:
        need = _lines_needed(tuple(words), weight, size, width)
        for k in (need, need + 1):
            if k > len(words) or k > room(size):
                continue
            _, cost = _balanced(tuple(words), weight, size, width, k)
            score = cost + SHRINK * (largest - size) / largest
            if score < best_score - 1e-9:
                best, best_score = (size, k), score
    return best


REF = 200  # widths are measured once at this size and scaled (checked on the real ink)


@lru_cache(maxsize=8192)
def _ref_width(word: str, weight: str) -> float:
    return font(weight, REF).getlength(word)


def _widths(words: tuple[str, ...], weight: str, size: int) -> tuple[list[float], float]:
    k = size / REF
    return [_ref_width(w, weight) * k for w in words], _ref_width(" ", weight) * k


@lru_cache(maxsize=4096)
def _lines_needed(words: tuple[str, ...], weight: str, size: int, width: int) -> int:
    ws, space = _widths(words, weight, size)
    if max(ws) > width:
        return 10**6
    lines, current = 1, -space
    for w in ws:
        if current + space + w > width:
            lines, current = lines + 1, w
        else:
            current += space + w
    return lines


def _lines_room(size: int, spacing: float, height: int, max_lines: int) -> int:
    # the first line takes one font size (ascenders/accents to descenders), the rest one pitch
    pitch = size * spacing
    room = 1 + int((height - size * 1.25) // pitch) if height >= size * 1.25 else 0
    return min(room, max_lines)


@lru_cache(maxsize=4096)
def _balanced(
    words: tuple[str, ...], weight: str, size: int, width: int, k: int
) -> tuple[tuple[str, ...], float]:
    """Exactly ``k`` lines minimising raggedness, preferring joints, avoiding orphans."""
    n = len(words)
    k = min(k, n)
    ws, space = _widths(words, weight, size)
    joint = [2 if w.endswith(DASHES) else 1 if w.endswith(COMMAS) else 0 for w in words]
    has_joint = any(joint[:-1])
    inf = float("inf")
    prefix = [0.0]
    for w in ws:
        prefix.append(prefix[-1] + w)

    def cost(i: int, j: int, w: float) -> float:  # words[i:j] on one line, ``w`` wide
        c = ((width - w) / width) ** 2
        if j - i == 1 and n > 1:  # a lone word on a line; a lone syllable is worse
            c += (2.0 if j == n else 1.0) * (1.0 if " " in words[i] else 2.0) * ALONE
        if j < n and has_joint:  # a break after " - " is best, after ", " good
            c += JOINT[joint[j - 1]]
        whole = (i == 0 or joint[i - 1] == 2) and (j == n or joint[j - 1] == 2)
        if not whole and 2 in joint[i : j - 1]:  # "làm việc - Khỏe": across a " - "
            c += MIXED
        return c

    # best[m][j]: the cheapest m lines holding words[:j], and where its last line starts
    best = [[inf] * (n + 1) for _ in range(k + 1)]
    start = [[0] * (n + 1) for _ in range(k + 1)]
    best[0][0] = 0.0
    for j in range(1, n + 1):
        for i in range(j - 1, -1, -1):  # longer and longer last lines, while they fit
            w = prefix[j] - prefix[i] + space * (j - i - 1)
            if w > width:
                break
            c = cost(i, j, w)
            for m in range(1, min(k, j) + 1):
                total = best[m - 1][i] + c
                if total <= best[m][j]:  # on a tie the earlier start, as before
                    best[m][j], start[m][j] = total, i
    if best[k][n] == inf:
        return ((" ".join(words),) if k == 1 else _greedy(words, ws, space, width)), inf
    cuts, j = [], n
    for m in range(k, 0, -1):
        i = start[m][j]
        cuts.append(" ".join(words[i:j]))
        j = i
    return tuple(cuts[::-1]), best[k][n]


def _greedy(words: tuple[str, ...], ws: list[float], space: float, width: int) -> tuple[str, ...]:
    lines: list[list[str]] = [[]]
    current = -space
    for word, w in zip(words, ws, strict=True):
        if lines[-1] and current + space + w > width:
            lines.append([])
            current = -space
        lines[-1].append(word)
        current += space + w
    return tuple(" ".join(line) for line in lines)


def _place(
    lines: Sequence[str], weight: str, size: int, spacing: float, box: Box,
    align: str, valign: str, readable: int,
) -> Block:  # fmt: skip
    f = font(weight, size)
    pitch = round(size * spacing)
    ascent, descent = f.getmetrics()
    block_h = ascent + descent + pitch * (len(lines) - 1)
    top = box[1] if valign == "top" else box[1] + (box[3] - box[1] - block_h) // 2
    if valign == "bottom":
        top = box[3] - block_h
    x = {"left": box[0], "right": box[2]}.get(align, (box[0] + box[2]) // 2)
    anchor = {"left": "ls", "right": "rs"}.get(align, "ms")
    baselines = tuple((x, top + ascent + pitch * i) for i in range(len(lines)))
    inks = [f.getbbox(line, anchor=anchor) for line in lines]
    ink: Box = tuple(
        int(v)
        for v in (  # type: ignore[assignment]
            min(b[0] + x for b, (x, _) in zip(inks, baselines, strict=True)),
            min(b[1] + y for b, (_, y) in zip(inks, baselines, strict=True)),
            max(b[2] + x for b, (x, _) in zip(inks, baselines, strict=True)),
            max(b[3] + y for b, (_, y) in zip(inks, baselines, strict=True)),
        )
    )
    return Block(tuple(lines), weight, size, baselines, anchor, ink, size < readable)


def _inside(ink: Box, box: Box) -> bool:
    return ink[0] >= box[0] and ink[1] >= box[1] and ink[2] <= box[2] and ink[3] <= box[3]

"""Lines break only between Vietnamese words, on every card, poster and banner.

The check reads each drawn block's lines back as the text's syllables and asks the word
segmenter (``word_gaps``, before Loa's own rules) whether a line ends inside a word.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

import pytest

from campaigns.render import fit as fitmod
from campaigns.render import printing
from campaigns.render.cards import Card, draw_card
from campaigns.render.content import card_for
from campaigns.render.fit import Block, fit
from campaigns.render.formats import BUILTIN
from campaigns.render.printing import POSTERS, banner_format, draw_banner
from campaigns.render.theme import theme_of
from campaigns.render.words import NBSP, model_spelling, syllables, units, word_gaps
from tests.render.helpers import all_items, post_for

# the issue's examples: the words that were cut in half
ISSUE_WORDS = [
    "trạm y tế", "chăm sóc", "tương lai", "Việt Nam", "bắt đầu",
    "làm việc", "hạnh phúc", "bảo vệ", "Tổ quốc",
]  # fmt: skip
SIZES = {f.name: (f.width, f.height) for f in BUILTIN.values()} | {
    f.name: f.pixels for f in (*POSTERS, banner_format(5.0, 0.8), banner_format(3.0, 0.6))
}


def bad_breaks(lines: tuple[str, ...]) -> list[str]:
    """Each line end that falls inside a segmented word or an issue example, as 'a / b'."""
    text = " ".join(lines)
    pieces = syllables(text)
    inside = word_gaps(text) | _issue_gaps(pieces)
    bad, at = [], -1
    for line, following in pairwise(lines):
        at += len(line.split())
        if at in inside:
            bad.append(f"{line.split()[-1]} / {following.split()[0]}")
    return bad


def _issue_gaps(pieces: list[str]) -> set[int]:
    bare = [p.strip(",.!?“”-").lower() for p in pieces]
    gaps: set[int] = set()
    for word in ISSUE_WORDS:
        parts = word.lower().split()
        for i in range(len(pieces) - len(parts) + 1):
            if bare[i : i + len(parts)] == parts:
                gaps.update(range(i, i + len(parts) - 1))
    return gaps


def cards(cal) -> list[Card]:
    """Every bundled slogan and fact: a fact as its card and its wording as a slogan card."""
    out = []
    for item in all_items(cal):
        out.append(card_for(cal, post_for(cal, item)))
        if item.kind == "fact":
            out.append(replace(out[-1], kind="slogan", text=item.text))
    return out


def drawn_blocks(card: Card, name: str, theme, monkeypatch) -> list[Block]:
    width, height = SIZES[name]
    if not name.startswith("bang-ron"):
        return list(draw_card(card, width, height, theme).blocks)
    seen: list[Block] = []

    def spy(*args, **kwargs) -> Block:
        seen.append(fit(*args, **kwargs))
        return seen[-1]

    monkeypatch.setattr(printing, "fit", spy)
    draw_banner(card, width, height, theme)
    return seen


@pytest.mark.parametrize("name", sorted(SIZES))
def test_no_line_ends_inside_a_word_in_any_format(cal, name, monkeypatch) -> None:
    theme = theme_of(cal)
    bad = {}
    for card in cards(cal):
        for block in drawn_blocks(card, name, theme, monkeypatch):
            if breaks := bad_breaks(block.lines):
                bad[" / ".join(block.lines)] = breaks
    assert not bad, bad


def test_the_issue_poster_keeps_its_words(cal) -> None:
    item = next(i for i in all_items(cal) if i.id == "s06")
    card = card_for(cal, post_for(cal, item))
    lines = draw_card(card, *POSTERS[0].pixels, theme_of(cal)).main[-1].lines
    assert " ".join(lines) == item.text
    shown = " / ".join(lines)
    for cut in ("làm / việc", "bảo / vệ", "hạnh / phúc", "Tổ / quốc"):
        assert cut not in shown
    assert lines[0] == "Khỏe để học -"  # the first joint is a break


@pytest.mark.parametrize("word", ISSUE_WORDS)
def test_the_issue_examples_are_single_units(cal, word) -> None:
    texts = [i.text for i in all_items(cal)] + [getattr(i, "label", "") for i in all_items(cal)]
    text = next(t for t in texts if word in t)
    assert any(word in unit for unit in units(text)), units(text)


def test_fitting_at_plain_spaces_would_be_caught(cal, monkeypatch) -> None:
    """The old fitter (a break at any space) cut the s06 poster: the check sees it."""
    item = next(i for i in all_items(cal) if i.id == "s06")
    card = card_for(cal, post_for(cal, item))
    monkeypatch.setattr(fitmod, "units", lambda text: tuple(syllables(text)))
    forget()
    try:
        found = [bad_breaks(b.lines) for b in draw_card(card, 1080, 1350, theme_of(cal)).blocks]
        for w in range(300, 900, 40):
            block = fit(item.text, (0, 0, w, 2000), "bold", max_size=90, readable=10)
            found.append(bad_breaks(block.lines))
    finally:
        forget()
    assert any(found)


def forget() -> None:
    for cached in (fitmod._fit, fitmod._lines_needed, fitmod._balanced):
        cached.cache_clear()


@pytest.mark.parametrize("width", range(180, 700, 40))
@pytest.mark.parametrize("tie", ["~", NBSP])
def test_a_tie_is_never_split_and_shows_as_a_space(width, tie) -> None:
    text = f"Học tập và làm{tie}theo{tie}tư tưởng, đạo đức, phong cách Hồ Chí Minh"
    block = fit(text, (0, 0, width, 3000), "bold", max_size=60, readable=8)
    assert any("làm theo tư tưởng," in line for line in block.lines), block.lines
    assert not any(tie in line for line in block.lines)


@pytest.mark.parametrize("width", range(200, 900, 50))
def test_a_proper_noun_is_never_split(width) -> None:
    block = fit("Xây dựng thành phố Hồ Chí Minh văn minh, hiện đại, nghĩa tình",
                (0, 0, width, 3000), "bold", max_size=60, readable=8)  # fmt: skip
    assert any("Hồ Chí Minh" in line for line in block.lines), block.lines


def test_breaks_prefer_the_comma_joints() -> None:
    text = "Ăn sạch, sống xanh, tập thể dục mỗi ngày"
    block = fit(text, (0, 0, 420, 3000), "bold", max_size=60, readable=8)
    assert block.lines[0].endswith(","), block.lines


def test_units_keep_punctuation_with_its_word() -> None:
    assert units("Khỏe để bảo vệ Tổ quốc !") == ("Khỏe", "để", "bảo vệ", "Tổ quốc !")
    assert units("chăm sóc “ sức khỏe ”") == ("chăm sóc", "“ sức khỏe ”")


def test_a_header_in_capitals_is_not_one_proper_noun() -> None:
    assert units("NGÀY SỨC KHỎE TOÀN DÂN") == ("NGÀY", "SỨC KHỎE", "TOÀN DÂN")


def test_the_lexicon_holds_in_any_case() -> None:
    assert units("Trạm y tế cấp xã")[0] == "Trạm y tế"


def test_the_model_spelling_moves_tone_marks_one_for_one() -> None:
    assert model_spelling("Khỏe, hòa thuận, thủy lợi, quý, hoàn") == (
        "Khoẻ, hoà thuận, thuỷ lợi, quý, hoàn"
    )


def test_a_unit_wider_than_the_box_at_the_floor_size_breaks_at_its_spaces() -> None:
    box = (0, 0, 60, 400)
    block = fit("Thành~phố~Hồ~Chí~Minh", box, "bold", max_size=40, readable=8)
    assert len(block.lines) > 1
    assert box[0] <= block.ink[0] and block.ink[2] <= box[2] and block.ink[3] <= box[3]


def test_a_tilde_not_between_two_characters_is_kept() -> None:
    assert units("đạt ~95% dân số") == ("đạt", "~95%", "dân số")

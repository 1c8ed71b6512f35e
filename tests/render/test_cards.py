"""Every slogan and fact card of the campaign in every format: inside the safe area,
readable, and the message box within its region."""

from __future__ import annotations

import pytest

from campaigns.config.load import load_calendar
from campaigns.render.cards import draw_card
from campaigns.render.content import card_for
from campaigns.render.formats import BUILTIN
from campaigns.render.theme import theme_of
from tests.conftest import CALENDAR
from tests.render.helpers import all_items, post_for

CAL = load_calendar(CALENDAR)
ITEMS = all_items(CAL)
PEAKS = [p.name for p in CAL.config.peaks]


def _inside(inner: tuple[int, int, int, int], outer: tuple[int, int, int, int]) -> bool:
    return (
        outer[0] <= inner[0]
        and outer[1] <= inner[1]
        and inner[2] <= outer[2]
        and inner[3] <= outer[3]
    )


@pytest.mark.parametrize("fmt", sorted(BUILTIN))
@pytest.mark.parametrize("item", ITEMS, ids=lambda i: i.id)
def test_card_text_is_inside_the_safe_area_and_readable(item, fmt) -> None:
    f = BUILTIN[fmt]
    card = card_for(CAL, post_for(CAL, item))
    drawn = draw_card(card, f.width, f.height, theme_of(CAL))
    for block in drawn.blocks:
        assert _inside(block.ink, drawn.safe), (block.lines, block.ink, drawn.safe)
    for block in drawn.main:
        assert not block.shrunk, f"{item.id} {fmt}: {block.lines} at {block.size}px"
        assert block.size >= round(0.018 * f.width)


@pytest.mark.parametrize("fmt", sorted(BUILTIN))
@pytest.mark.parametrize("peak", PEAKS)
def test_peak_day_cards_fit_every_format(peak, fmt) -> None:
    f = BUILTIN[fmt]
    slogans = [i for i in ITEMS if i.kind == "slogan"]
    longest = max(slogans, key=lambda s: len(s.text))
    card = card_for(CAL, post_for(CAL, longest, kind="peak", peak=peak))
    assert card.kind == "peak" and card.day and card.title == peak
    drawn = draw_card(card, f.width, f.height, theme_of(CAL))
    for block in drawn.blocks:
        assert _inside(block.ink, drawn.safe)
    assert not any(b.shrunk for b in drawn.main)


def test_a_fact_card_shows_the_number_and_its_wording() -> None:
    fact = next(i for i in ITEMS if i.id == "bhyt-2026")
    card = card_for(CAL, post_for(CAL, fact))
    assert (card.kind, card.headline, card.qualifier) == ("fact", "95%", "trên")
    assert card.text == "dân số có bảo hiểm y tế năm 2026"


def test_an_edited_fact_becomes_a_text_card() -> None:
    fact = next(i for i in ITEMS if i.kind == "fact")
    post = post_for(CAL, fact)
    from dataclasses import replace

    card = card_for(CAL, replace(post, text="Mọi người dân được khám sức khỏe miễn phí."))
    assert card.kind == "slogan"

"""Each planned post's design: a year of the bundled calendar shows variety on every channel
(no two consecutive posts alike, almost no image repeated), deterministically."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from itertools import pairwise
from pathlib import Path

from campaigns.config import load_calendar
from campaigns.planning import desired_posts
from campaigns.planning.designs import DesignChooser
from campaigns.render import cache, designs
from campaigns.render.content import card_for
from campaigns.render.formats import formats_for
from campaigns.render.layouts import styled
from campaigns.render.theme import theme_of
from tests.render.helpers import make_photo


def by_channel(posts):
    out = defaultdict(list)
    for p in posts:
        out[p.channel].append(p)
    return out


def image_keys(cal, posts) -> list[str]:
    """The render cache's key of each post's image: equal keys are byte-identical images,
    different keys are drawn apart (without drawing: the key is what the image hashes)."""
    theme = theme_of(cal)
    keys = []
    for p in posts:
        card, t = styled(card_for(cal, p), theme)
        fmt = formats_for(cal, p.channel)[0]
        keys.append(cache.key_of(card, fmt, t.digest(), "fonts"))
    return keys


def test_a_year_never_shows_the_same_design_twice_in_a_row_on_a_channel(cal) -> None:
    posts = desired_posts(cal, date(2026, 1, 1), date(2026, 12, 31))
    for channel, mine in by_channel(posts).items():
        same = [(a.slot_key, a.design) for a, b in pairwise(mine) if a.design == b.design]
        assert same == [], channel
        layouts = Counter(designs.parse(p.design).layout for p in mine)
        assert len(layouts) >= 4, layouts  # poster, banner, quote, big number (and day)


def test_a_year_repeats_under_a_tenth_of_its_images_on_each_channel(cal) -> None:
    posts = desired_posts(cal, date(2026, 1, 1), date(2026, 12, 31))
    for channel, mine in by_channel(posts).items():
        keys = image_keys(cal, mine)
        repeats = len(keys) - len(set(keys))
        assert repeats / len(keys) < 0.10, (channel, repeats, len(keys))
        # and the same content does change from one repeat to the next
        items = Counter(p.content_id for p in mine)
        assert max(items.values()) >= 5


def test_designs_of_a_sub_range_match_the_whole_year(cal) -> None:
    whole = desired_posts(cal, date(2026, 1, 1), date(2026, 12, 31))
    part = desired_posts(cal, date(2026, 9, 1), date(2026, 9, 30))
    assert [p.design for p in part] == [
        p.design for p in whole if date(2026, 9, 1) <= p.slot_at.date() <= date(2026, 9, 30)
    ]


def test_the_officers_photos_join_the_rotation(calendar_file: Path) -> None:
    for name in ("cho.jpg", "tram-y-te.jpg"):
        make_photo(calendar_file.parent / "anh" / name)
    text = calendar_file.read_text("utf-8").replace(
        "[rotation]", '[theme]\nphotos = "anh"\n\n[rotation]'
    )
    calendar_file.write_text(text, "utf-8")
    cal = load_calendar(calendar_file)
    posts = desired_posts(cal, date(2026, 1, 1), date(2026, 6, 30))
    photos = Counter(designs.parse(p.design).background for p in posts if "anh-nen" in p.design)
    assert set(photos) == {"cho.jpg", "tram-y-te.jpg"}


def test_the_chooser_skips_the_previous_design_and_this_items_recent_ones() -> None:
    chooser = DesignChooser()
    day = date(2026, 1, 5)
    first = chooser.choose("facebook", "s01", "slogan", None, day)[0]
    second = chooser.choose("facebook", "s01", "slogan", None, day)[0]
    assert first != second
    seen = {first, second}
    for _ in range(len(designs.designs_for("slogan")) - 2):
        seen.add(chooser.choose("facebook", "s01", "slogan", None, day)[0])
    assert len(seen) == len(designs.designs_for("slogan"))  # every design before a repeat
    # a year later the first designs are fresh again
    assert chooser.choose("facebook", "s01", "slogan", None, date(2027, 1, 6))[0] == first
    fact = chooser.choose("facebook", "bhyt", "fact", None, day)[0]
    assert designs.parse(fact).layout in designs.LAYOUTS


def test_caption_variants_count_the_channels_posts(cal) -> None:
    posts = desired_posts(cal, date(2026, 1, 1), date(2026, 3, 31))
    for mine in by_channel(posts).values():
        assert [p.variant for p in mine] == list(range(len(mine)))


def test_a_held_post_changes_no_other_posts_design(cal) -> None:
    whole = desired_posts(cal, date(2026, 3, 1), date(2026, 3, 31))
    held = whole[10]
    again = desired_posts(
        cal, date(2026, 3, 1), date(2026, 3, 31), {held.slot_key: held.content_id}
    )
    assert held not in again and len(again) == len(whole) - 1
    assert [(p.design, p.variant) for p in again] == [
        (p.design, p.variant) for p in whole if p is not held
    ]

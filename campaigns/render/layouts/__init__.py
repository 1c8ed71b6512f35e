"""The card layouts, by name (``campaigns.render.designs`` names them and their backgrounds).

    styled(card, theme) -> (card, theme)   the design applied: the background's colours, the
                                           banner's red and gold, the photo and its focus
    draw(card, width, height, theme)       the card drawn in its layout (theme from styled)

Every layout fits its text with ``campaigns.render.fit``, so Vietnamese words stay whole.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from campaigns.config.images import list_photos
from campaigns.render import designs
from campaigns.render.cards import Card, Drawn, draw_card
from campaigns.render.layouts import banner, day, number, photo, quote
from campaigns.render.layouts.grounds import ground, red_and_gold
from campaigns.render.theme import Theme

DRAW: dict[str, Callable[[Card, int, int, Theme], Drawn]] = {
    designs.POSTER: draw_card,
    designs.BANNER: banner.draw,
    designs.PHOTO: photo.draw,
    designs.NUMBER: number.draw,
    designs.QUOTE: quote.draw,
    designs.DAY: day.draw,
}


def styled(card: Card, theme: Theme) -> tuple[Card, Theme]:
    """The card and theme as its design draws them. A design that cannot show the card
    (a layout for another kind, a photo no longer in the folder) falls back to the poster
    on the same background."""
    info = designs.LAYOUTS.get(card.layout)
    base = replace(theme, photos=None, photo_focus=())  # the folder itself shapes no image
    if info is None or card.kind not in info.kinds:
        card = replace(card, layout=designs.POSTER)
    if card.layout == designs.PHOTO:
        name = card.background
        if theme.photos is None or name not in list_photos(theme.photos):
            return replace(card, layout=designs.POSTER, background=designs.GRADIENT), base
        focus = next(((x, y) for n, x, y in theme.photo_focus if n == name), (0.5, 0.5))
        return card, replace(base, photo=theme.photos / name, focus=focus, background_image=None)
    if card.background not in designs.BACKGROUNDS:
        card = replace(card, background=designs.GRADIENT)
    if card.layout == designs.BANNER:
        base = red_and_gold(base)
    return card, ground(base, card.background)


def draw(card: Card, width: int, height: int, theme: Theme) -> Drawn:
    """``card`` in its layout; ``theme`` as ``styled`` gave it."""
    return DRAW[card.layout](card, width, height, theme)

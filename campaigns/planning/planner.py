"""From slots and rotation to the posts the calendar wants, ready for the store."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime

from campaigns.config.load import WardCalendar
from campaigns.planning.designs import DesignChooser
from campaigns.planning.rotation import Rotation, cycle_order
from campaigns.planning.slots import expand_slots
from campaigns.render.designs import photo_names

# a slot's kind decides the post's kind for special days; otherwise the content does
_POST_KIND = {"peak-day": "peak", "event": "event"}
# slots whose ``prefer`` list is a promise, and the kind of content each needs
PROMISED = {"peak-day": "slogan", "event": None}


@dataclass(frozen=True, slots=True)
class DesiredPost:
    slot_key: str
    slot_at: datetime  # aware UTC
    channel: str
    campaign: str
    content_id: str
    kind: str  # slogan | fact | peak | event
    text: str
    peak: str | None
    event: str | None
    design: str | None = None  # "<layout>/<background>" of its card (None: the poster)
    variant: int | None = None  # its caption template variant, counted per channel


def rotation_of(cal: WardCalendar) -> Rotation:
    """The calendar's rotation: every campaign's items, each within its campaign's period."""
    spans = {
        item.id: (pool.campaign.start, pool.campaign.end)
        for pool in cal.pools.values()
        for item in pool.items
    }
    return Rotation(cycle_order(list(cal.pools.values())), cal.config.rotation.window_days, spans)


def desired_posts(
    cal: WardCalendar,
    start: date,
    end: date,
    fixed: Mapping[str, str] | None = None,
) -> list[DesiredPost]:
    """The posts wanted between ``start`` and ``end`` (clamped to the calendar's period).

    Rotation always runs from the period's start, so any sub-range gives the same answer.
    ``fixed`` maps slot keys already taken by posts the planner must not touch to their
    content id; those slots are skipped and their content counts as used.
    """
    fixed = fixed or {}
    start, end = max(start, cal.start), min(end, cal.end)
    if end < start:
        return []
    owners = {item.id: cid for cid, pool in cal.pools.items() for item in pool.items}
    rotation = rotation_of(cal)
    chooser = DesignChooser(photo_names(cal))
    slots = expand_slots(cal, cal.start, end)
    for slot in slots:
        if slot.kind in PROMISED and slot.key not in fixed:
            peak = slot.peak if slot.kind == "peak-day" else None
            rotation.promise(slot.channel, slot.at.date(), slot.prefer, PROMISED[slot.kind], peak)
    out: list[DesiredPost] = []
    for slot in slots:
        day = slot.at.date()
        taken = fixed.get(slot.key)
        if taken is not None:
            rotation.use(slot.channel, taken, day)
            # a held post advances the designs as if planned: approving one changes no other
            found = cal.item(taken)
            held_kind = _POST_KIND.get(slot.kind, found[1].kind if found else "slogan")
            chooser.choose(slot.channel, taken, held_kind, slot.peak, day)
            continue
        item = rotation.pick(
            slot.channel, day, slot.prefer, PROMISED.get(slot.kind),
            promised=slot.kind in PROMISED, peak=slot.peak if slot.kind != "event" else None,
        )  # fmt: skip
        if item is None:
            continue  # nothing valid that day (every item expired)
        kind = _POST_KIND.get(slot.kind, item.kind)
        design, variant = chooser.choose(slot.channel, item.id, kind, slot.peak, day)
        if day < start:
            continue  # chosen only for rotation and designs: before the range
        out.append(
            DesiredPost(
                slot_key=slot.key,
                slot_at=slot.at.astimezone(UTC),
                channel=slot.channel,
                campaign=owners[item.id],
                content_id=item.id,
                kind=kind,
                text=item.text,
                peak=slot.peak,
                event=slot.event,
                design=design,
                variant=variant,
            )
        )
    return out

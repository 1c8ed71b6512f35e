"""The raw rows as CSV: UTF-8 with a BOM so Excel shows the accents right, times in the
ward's zone with their offset, Vietnamese status labels next to the codes."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from campaigns.report.model import Report
from campaigns.store.lifecycle import LABELS
from campaigns.store.models import KIND_LABELS

ENCODING = "utf-8-sig"  # writes the BOM Excel needs

POST_COLUMNS = (
    "id", "due_at", "channel", "kind", "kind_label", "content_id", "text", "peak", "event",
    "status", "status_label", "reason", "url", "external_id", "reactions", "comments",
    "shares", "engagement_at",
)  # fmt: skip


def _n(value: int | None) -> str:
    return "" if value is None else str(value)


def post_rows(report: Report) -> list[dict[str, Any]]:
    tz = report.tz
    return [
        {
            "id": r.id,
            "due_at": r.due_at.astimezone(tz).isoformat(),
            "channel": r.channel,
            "kind": r.kind,
            "kind_label": KIND_LABELS.get(r.kind, r.kind),
            "content_id": r.content_id,
            "text": r.text,
            "peak": r.peak or "",
            "event": r.event or "",
            "status": r.status,
            "status_label": LABELS.get(r.status, r.status),
            "reason": r.reason,
            "url": r.url or "",
            "external_id": r.external_id or "",
            "reactions": _n(r.reactions),
            "comments": _n(r.comments),
            "shares": _n(r.shares),
            "engagement_at": r.engagement_at.astimezone(tz).isoformat() if r.engagement_at else "",
        }
        for r in report.rows
    ]


def write_rows(path: Path, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding=ENCODING, newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(columns), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)


def write_csv(report: Report, path: Path) -> None:
    write_rows(path, POST_COLUMNS, post_rows(report))

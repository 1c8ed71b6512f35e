"""Read a propaganda plan (plain text, DOCX or PDF) into a draft campaign.

Pure functions over the plan's lines; every item found keeps the number of the source line
it starts on, so the officer can check it against the plan. Nothing is invented: an item the
importer is unsure of is kept aside with the reason (``doubt``) and written commented out.
"""

from __future__ import annotations

from pathlib import Path

from campaigns.importer.dates import find_dates
from campaigns.importer.header import find_header
from campaigns.importer.model import Plan
from campaigns.importer.paragraphs import paragraphs
from campaigns.importer.reading import check_vietnamese, read_lines
from campaigns.importer.slogans import find_slogans

__all__ = ["Plan", "extract", "import_plan"]


def extract(lines: list[str]) -> Plan:
    """Everything the importer finds in a plan's lines (line 1 is ``lines[0]``)."""
    paras = paragraphs(lines)
    header = find_header(paras)
    return Plan(
        header=header,
        slogans=tuple(find_slogans(paras)),
        dates=tuple(find_dates(paras, header.year)),
    )


def import_plan(path: Path) -> Plan:
    """Read ``path`` and extract it; bad input is a UserError with one Vietnamese line."""
    lines = read_lines(path)
    check_vietnamese(lines, path)
    return extract(lines)

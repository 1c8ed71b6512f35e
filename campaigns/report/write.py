"""``write_report(report, fmt, path)``: one entry point for every output format."""

from __future__ import annotations

from pathlib import Path

from campaigns.report.compose import compose
from campaigns.report.csv_writer import write_csv
from campaigns.report.docx_writer import write_docx
from campaigns.report.markdown import write_markdown
from campaigns.report.model import Report

FORMATS = ("docx", "md", "csv")


def write_report(report: Report, fmt: str, path: Path) -> Path:
    """Write ``report`` to ``path`` (its folder is created); return the path."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        write_csv(report, path)
    elif fmt == "md":
        write_markdown(compose(report), path)
    else:
        write_docx(compose(report), path)
    return path


def default_name(report: Report, fmt: str) -> str:
    """'bao-cao-kien-an-2026-Q2.docx'."""
    return f"bao-cao-{report.ward.id}-{report.period.short}.{fmt}"

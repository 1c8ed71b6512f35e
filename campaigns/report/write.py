"""``write_report(report, fmt, path)``: one entry point for every output format."""

from __future__ import annotations

from pathlib import Path

from campaigns.report.model import Report

FORMATS = ("docx", "md", "csv")


def write_report(report: Report, fmt: str, path: Path) -> Path:
    """Write ``report`` to ``path`` (its folder is created); return the path."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    # writers are imported on use: python-docx costs every ``loa`` command ~30 ms otherwise
    if fmt == "csv":
        from campaigns.report.csv_writer import write_csv

        write_csv(report, path)
        return path
    from campaigns.report.compose import compose

    if fmt == "md":
        from campaigns.report.markdown import write_markdown

        write_markdown(compose(report), path)
    else:
        from campaigns.report.docx_writer import write_docx

        write_docx(compose(report), path)
    return path


def default_name(report: Report, fmt: str) -> str:
    """'bao-cao-kien-an-2026-Q2.docx'."""
    return f"bao-cao-{report.ward.id}-{report.period.short}.{fmt}"

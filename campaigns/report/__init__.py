"""Results: the quarterly (or any period's) report, and the engagement it quotes.

``build_report(store, cal, period, as_of)`` computes a ``Report``;
``write_report(report, fmt, path)`` writes it as DOCX, Markdown or CSV.
"""

from campaigns.report.figures import build_report
from campaigns.report.model import Report
from campaigns.report.period import Period, between, parse_quarter, quarter, quarter_of, year
from campaigns.report.write import FORMATS, default_name, write_report

__all__ = [
    "FORMATS",
    "Period",
    "Report",
    "between",
    "build_report",
    "default_name",
    "parse_quarter",
    "quarter",
    "quarter_of",
    "write_report",
    "year",
]

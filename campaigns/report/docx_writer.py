"""Write a ``Document`` as DOCX (python-docx) in the layout of a Party document: A4,
Times New Roman 14, the two-column header, numbered sections, "Nơi nhận" and the signature
side by side, then the appendix. The officer edits, numbers and signs it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from docx import Document as new_document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

from campaigns.report.blocks import Block, Bullet, Document, Heading, Para, Subheading, Table

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 11
TEXT_WIDTH_CM = 16.0  # A4 21 cm less margins 3 (left) and 2 (right)
LANDSCAPE_WIDTH_CM = 24.7
CELL_STYLE = "Loa Table Text"
CELL_STYLE_ID = "LoaTableText"

CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


def _font(run: Any, size: float | None = None) -> None:
    """Only what differs from the paragraph's style: every extra XML property costs
    python-docx an ordered insert, and a year's tables have thousands of runs."""
    if size and size != BODY_PT:
        run.font.size = Pt(size)


def _para(
    container: Any,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: float | None = None,
    align: Any = None,
    indent: bool = False,
    after: float = 6,
    style_id: str | None = None,
) -> Any:
    p = container.add_paragraph()
    if style_id is not None:
        p._p.style = style_id  # by id: python-docx looks a name up in every style each time
    else:
        fmt = p.paragraph_format
        fmt.space_before, fmt.space_after = Pt(0), Pt(after)
        if indent:
            fmt.first_line_indent = Cm(1.0)
    if align is not None:
        p.alignment = align
    if text:
        run = p.add_run(text)
        if bold:
            run.bold = True
        if italic:
            run.italic = True
        if underline:
            run.underline = True
        _font(run, size)
    return p


def _cell(cell: Any) -> Any:
    """A table cell without its default empty paragraph."""
    cell._element.remove(cell.paragraphs[0]._element)
    return cell


def _widths(table: Any, widths: list[Any]) -> None:
    """Fix column widths in both places Word and LibreOffice read them."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _setup(doc: Any) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(BODY_PT)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    cell = doc.styles.add_style(CELL_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    assert cell.style_id == CELL_STYLE_ID
    cell.base_style = normal
    cell.font.size = Pt(TABLE_PT)
    cell.paragraph_format.space_before = cell.paragraph_format.space_after = Pt(0)


def _letterhead(doc: Any, d: Document) -> None:
    h = d.head
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    # the State national name needs the wider right column
    _widths(table, [Cm(6.0), Cm(10.0)] if h.motto else [Cm(7.6), Cm(8.4)])
    left, right = (_cell(c) for c in table.rows[0].cells)
    _para(left, h.upper_unit, size=12, align=CENTER, after=0)
    _para(left, h.unit, bold=True, size=13, align=CENTER, after=0)
    _para(left, "*" if not h.motto else "", align=CENTER, after=0)
    _para(left, h.number, size=13, align=CENTER, after=0)
    if h.motto:  # a State document: national name, then the underlined motto
        _para(right, h.party, bold=True, size=12, align=CENTER, after=0)
        _para(right, h.motto, bold=True, underline=True, size=13, align=CENTER, after=6)
    else:
        _para(right, h.party, bold=True, underline=True, size=15, align=CENTER, after=6)
    _para(right, h.place_date, italic=True, align=CENTER, after=0)
    _para(doc, "", after=6)
    _para(doc, h.title, bold=True, size=16, align=CENTER, after=0)
    _para(doc, h.subtitle, bold=True, align=CENTER, after=0)
    _para(doc, "-----", align=CENTER, after=12)


def _table(doc: Any, t: Table, text_width: float) -> None:
    """The table's rows are written as one XML fragment, parsed once: python-docx's
    ``add_row`` and ``add_paragraph`` per cell cost most of a year's report."""
    table = doc.add_table(rows=0, cols=len(t.header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    weights = t.widths or tuple(1.0 for _ in t.header)
    twips = []
    for column, w in zip(table.columns, weights, strict=True):
        column.width = Cm(text_width * w / sum(weights))
        twips.append(int(column.width.twips))
    rows = [t.header, *t.rows] + ([t.total] if t.total else [])
    last = len(rows) - 1
    xml = []
    for r, values in enumerate(rows):
        strong = r == 0 or (t.total is not None and r == last)
        cells = []
        for c, (width, value) in enumerate(zip(twips, values, strict=True)):
            align = "center" if r == 0 or c == 0 else "right" if c in t.numeric else None
            cells.append(_cell_xml(value, width, align, strong))
        header = "<w:trPr><w:tblHeader/></w:trPr>" if r == 0 else ""  # repeated on each page
        xml.append(f"<w:tr>{header}{''.join(cells)}</w:tr>")
    fragment = parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(xml)}</w:tbl>")
    table._tbl.extend(list(fragment))
    _para(doc, "", after=0)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _cell_xml(text: str, width: int, align: str | None, bold: bool) -> str:
    jc = f'<w:jc w:val="{align}"/>' if align else ""
    run = ""
    if text:
        shown = escape(_NOT_XML.sub("", text))
        props = "<w:rPr><w:b/></w:rPr>" if bold else ""
        run = f'<w:r>{props}<w:t xml:space="preserve">{shown}</w:t></w:r>'
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="{CELL_STYLE_ID}"/>{jc}</w:pPr>{run}</w:p></w:tc>'
    )


def _blocks(doc: Any, blocks: tuple[Block, ...], text_width: float = TEXT_WIDTH_CM) -> None:
    for b in blocks:
        if isinstance(b, Heading):
            _para(doc, b.text, bold=True, align=JUSTIFY, indent=True, after=6)
        elif isinstance(b, Subheading):
            _para(doc, b.text, bold=True, italic=True, align=JUSTIFY, indent=True)
        elif isinstance(b, Para):
            _para(doc, b.text, italic=b.italic, align=JUSTIFY, indent=True)
        elif isinstance(b, Bullet):
            _para(doc, f"- {b.text}", align=JUSTIFY, indent=True)
        else:
            _table(doc, b, text_width)


def _signature(doc: Any, d: Document) -> None:
    h = d.head
    table = doc.add_table(rows=1, cols=2)
    _widths(table, [Cm(8.5), Cm(7.5)])
    left, right = (_cell(c) for c in table.rows[0].cells)
    p = _para(left, after=0)
    run = p.add_run("Nơi nhận:")
    run.bold, run.italic, run.underline = True, True, True
    _font(run, 12)
    for line in h.recipients:
        _para(left, f"- {line}", size=11, after=0)
    _para(right, h.sign_for, bold=True, align=CENTER, after=0)
    if h.sign_title:
        _para(right, h.sign_title, bold=True, align=CENTER, after=0)
    for _ in range(4):  # room for the signature and the seal; the name goes below
        _para(right, "", after=0)


def _appendix(doc: Any, d: Document) -> None:
    # the list of posts is wide: it gets a landscape section of its own
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    _para(doc, "PHỤ LỤC", bold=True, align=CENTER, after=0)
    _para(doc, d.appendix_title, bold=True, align=CENTER, after=0)
    _para(doc, d.appendix_note, italic=True, align=CENTER)
    _blocks(doc, d.appendix, LANDSCAPE_WIDTH_CM)


def write_docx(document: Document, path: Path) -> None:
    doc = new_document()
    _setup(doc)
    _letterhead(doc, document)
    _blocks(doc, document.body)
    _signature(doc, document)
    _appendix(doc, document)
    doc.core_properties.title = f"{document.head.title} {document.head.subtitle}"
    doc.core_properties.language = "vi-VN"
    doc.save(str(path))

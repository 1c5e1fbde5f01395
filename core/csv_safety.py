"""Spreadsheet formula injection: every CSV the site writes is made safe here, in one place.

A spreadsheet opening a CSV runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and, in
some, a tab or carriage return) as a formula, so a reader's search for ``=HYPERLINK(...)`` would
become a live link in the "Searches with no results" report. Following OWASP, such a text cell is
written with a leading single quote, which spreadsheets show as text and do not evaluate.

Every CSV export in the admin (Wagtail's reports, ours, the snippet listings, form submissions)
goes through ``SpreadsheetExportMixin.write_csv_row``; ``install()`` (called from the app's
``ready()``) wraps that one method, so exports added later are covered without opting in. XLSX is
left alone: Wagtail already stores formula-looking cells there as text.

The round trip stays lossless: genuine numbers (int, float, Decimal) are written as they are (a
``-3`` cannot hide a formula), and ``restore()`` undoes ``neutralise()`` exactly, for the course
import to read back an exported file. A text that already starts with quotes before a trigger
character gets one more quote, so a title such as ``'=x`` survives export and import too.
"""

import decimal
import re

# Quotes, then a character a spreadsheet reads as the start of a formula.
_NEEDS_QUOTE = re.compile(r"^'*[=+\-@\t\r]")
_ADDED_QUOTE = re.compile(r"^'+[=+\-@\t\r]")


def neutralise(value):
    """The cell to write for `value`: text a spreadsheet could run gets a leading quote."""
    if isinstance(value, str) and _NEEDS_QUOTE.match(value):
        return "'" + value
    return value


def restore(text: str) -> str:
    """The value `neutralise()` was given, from the cell it wrote (text from a CSV file)."""
    if _ADDED_QUOTE.match(text):
        return text[1:]
    return text


def is_number(value) -> bool:
    return isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool)


def install() -> None:
    """Make Wagtail's CSV export (every view using SpreadsheetExportMixin) write safe cells."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin.write_csv_row, "neutralises_formulas", False):
        return
    original = SpreadsheetExportMixin.write_csv_row

    def write_csv_row(self, writer, row_dict):
        # Preprocess here (as the original does) so the check sees the text actually written,
        # and the original type tells a genuine number from text.
        cells = {}
        for field, value in row_dict.items():
            cell = self.preprocess_field_value(field, value, self.FORMAT_CSV)
            cells[field] = cell if is_number(value) else neutralise(cell)
        return writer.writerow(cells)

    write_csv_row.neutralises_formulas = True
    write_csv_row.__wrapped__ = original
    SpreadsheetExportMixin.write_csv_row = write_csv_row

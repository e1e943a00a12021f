"""The workbook embedded in a native chart holds text as text, never as a formula.

python-pptx writes a chart's data with XlsxWriter, whose ``write()`` turns a
string starting with ``=`` into a formula and one that looks like a web
address into a hyperlink. A category or series name from content
(``=HYPERLINK("http://evil", "click")``, ``=cmd|' /C calc'!A0``) would then be
a live formula when someone opens "Edit Data" in PowerPoint. Here every
string is written with ``write_string``: the cell holds exactly the label.
"""

from __future__ import annotations

from contextlib import contextmanager

from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter

#: First characters that make a spreadsheet run what follows.
FORMULA_START = ("=", "+", "-", "@")


class _TextSheet:
    """A worksheet whose ``write`` and ``write_column`` store strings as strings."""

    def __init__(self, sheet) -> None:
        self._sheet = sheet

    def __getattr__(self, name):
        return getattr(self._sheet, name)

    def write(self, row, col, value, *args):
        if isinstance(value, str):
            return self._sheet.write_string(row, col, value, *args)
        return self._sheet.write(row, col, value, *args)

    def write_column(self, row, col, data, *args):
        for i, value in enumerate(data):
            self.write(row + i, col, value, *args)
        return 0


class TextWorkbookWriter(CategoryWorkbookWriter):
    """python-pptx's category workbook writer, with formulas and auto-links turned off."""

    @contextmanager
    def _open_worksheet(self, xlsx_file):
        from xlsxwriter import Workbook
        workbook = Workbook(xlsx_file, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False})
        worksheet = workbook.add_worksheet()
        yield workbook, _TextSheet(worksheet)
        workbook.close()


class TextChartData(CategoryChartData):
    """Category chart data whose embedded workbook keeps every label as text."""

    @property
    def _workbook_writer(self):
        return TextWorkbookWriter(self)

"""Tables read from data files (CSV and Excel) for chart data and figure values.

A content file may take numbers from a file beside it: ``{csv: file}`` or
``{xlsx: file, sheet: name, range: A1:D5}``. This module reads such a file
into a :class:`Grid` — a header row, then one row per label — and knows how
to name each cell for a message (``row 3, column 'b'``, ``cell C3``). It knows
nothing about YAML: problems are raised as :class:`DataFileError` naming the
key of the content file they concern (``sheet``, ``range``, ``cell``...), and
the loader turns them into located errors.

openpyxl is imported only when an Excel file is read.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Optional

from deckgen.errors import Loc, did_you_mean, one_of

#: Data files larger than this are refused before they are parsed.
MAX_BYTES = 20 * 1024 * 1024
#: At most this many rows and columns are read from a sheet or CSV file.
MAX_ROWS = 20_000
MAX_COLS = 500

_RANGE = re.compile(r"^\s*([A-Za-z]{1,3})([1-9][0-9]{0,6})\s*:\s*([A-Za-z]{1,3})([1-9][0-9]{0,6})\s*$")
_CELL = re.compile(r"^\s*([A-Za-z]{1,3})([1-9][0-9]{0,6})\s*$")
_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:[,_]\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?$"
                     r"|^[+-]?\.\d+(?:[eE][+-]?\d+)?$")


#: Characters XML 1.0 (so every output) cannot hold; tab, CR and LF are fine in a cell.
_UNHOLDABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class DataFileError(Exception):
    """A problem with a data file; ``key`` is the content file's key it concerns."""

    def __init__(self, message: str, key: str = "", hint: str = "",
                 loc: Optional[Loc] = None) -> None:
        super().__init__(message)
        self.message = message
        self.key = key
        self.hint = hint
        self.loc = loc


@dataclass(frozen=True)
class Cell:
    """One cell: its value as stored, and how to name it in a message."""

    value: object           # str, int, float, None (empty), or a date
    where: str              # "row 3, column 'b' of 'data.csv'" or "cell C3 of sheet ..."
    loc: Optional[Loc] = None   # the place in a text file (CSV), when there is one


@dataclass(frozen=True)
class Grid:
    """A table: ``header[0]`` heads the label column, ``header[1:]`` the value columns."""

    name: str                     # the file as the content file names it
    header: tuple[str, ...]
    labels: tuple[str, ...]       # first cell of each data row
    rows: tuple[tuple[Cell, ...], ...]   # the value cells of each data row

    @property
    def columns(self) -> tuple[str, ...]:
        """Return the names of the value columns."""
        return self.header[1:]

    def column_index(self, name: str) -> int:
        """Return the index of value column ``name``, or raise naming the columns there are."""
        wanted = name.strip()
        for i, h in enumerate(self.columns):
            if h == wanted:
                return i
        lower = [h.lower() for h in self.columns]
        if wanted.lower() in lower:
            return lower.index(wanted.lower())
        raise DataFileError(f"found the column '{wanted}', which is not in '{self.name}'; "
                            f"allowed: {one_of(self.columns)}", "column",
                            did_you_mean(wanted, self.columns))

    def row_index(self, label: str) -> int:
        """Return the index of the data row labelled ``label``, or raise naming the labels."""
        wanted = label.strip()
        for i, lab in enumerate(self.labels):
            if lab == wanted:
                return i
        lower = [lab.lower() for lab in self.labels]
        if wanted.lower() in lower:
            return lower.index(wanted.lower())
        shown = self.labels if len(self.labels) <= 12 else self.labels[:12]
        more = "" if len(self.labels) <= 12 else f" (and {len(self.labels) - 12} more)"
        raise DataFileError(f"found the row '{wanted}', which is not a label in the first "
                            f"column of '{self.name}'; allowed: {one_of(shown)}{more}", "row",
                            did_you_mean(wanted, self.labels))


def number(value: object) -> Optional[float]:
    """Return the number a cell holds (``1,234`` written as text too), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        text = value.strip()
        if _NUMBER.match(text):
            v = float(text.replace(",", "").replace("_", ""))
            exact = v.is_integer() and "." not in text and "e" not in text.lower()
            return int(v) if exact else v
    return None


def label(value: object) -> str:
    """Return a cell as a label or heading: ``2020`` not ``2020.0``, dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _check_size(path: Path, name: str) -> None:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise DataFileError(f"the file '{name}' is {size:,} bytes; allowed: at most "
                            f"{MAX_BYTES:,} bytes", "file")


def read_csv(path: Path, name: str) -> list[list[Cell]]:
    """Return the non-blank rows of a UTF-8 CSV file as cells that know their line."""
    _check_size(path, name)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (UnicodeDecodeError, OSError):
        raise DataFileError(f"the file '{name}' cannot be read as UTF-8 CSV; allowed: a "
                            "UTF-8 CSV file", "file") from None
    reader = csv.reader(io.StringIO(text))
    rows: list[list[Cell]] = []
    header: list[str] = []
    try:
        for raw in reader:
            if not any(c.strip() for c in raw):
                continue
            line = reader.line_num
            if not header:
                header = [c.strip() for c in raw]
            cells = []
            for c, value in enumerate(raw[:MAX_COLS]):
                col = header[c] if c < len(header) and header[c] else f"{c + 1}"
                where = f"row {len(rows) + 1}, column '{col}' of '{name}'"
                bad = _UNHOLDABLE.search(value)
                if bad:     # a NUL, U+FFFE, U+FFFF ...: reported, not dropped without a word
                    raise DataFileError(f"found the character U+{ord(bad.group()):04X} in "
                                        f"{where}; allowed: printable text (no output can "
                                        "hold it)", "file", loc=Loc(str(path), line, c + 1))
                cells.append(Cell(value.strip(), where, Loc(str(path), line, c + 1)))
            rows.append(cells)
            if len(rows) > MAX_ROWS + 1:        # the header row and MAX_ROWS rows of data
                raise DataFileError(f"the file '{name}' has more than {MAX_ROWS:,} rows; "
                                    f"allowed: at most {MAX_ROWS:,}", "file")
    except csv.Error as exc:
        raise DataFileError(f"the file '{name}' is not valid CSV ({exc}, line "
                            f"{reader.line_num}); allowed: a comma-separated file", "file") from None
    return rows


def parse_range(text: str) -> tuple[int, int, int, int]:
    """Return (first column, first row, last column, last row) of ``A1:D5``, 1-based."""
    m = _RANGE.match(text)
    if not m:
        raise DataFileError(f"found the range '{text.strip()}'; allowed: a cell range such as "
                            "A1:D5 (top-left cell, a colon, bottom-right cell)", "range")
    c1, r1, c2, r2 = _col(m.group(1)), int(m.group(2)), _col(m.group(3)), int(m.group(4))
    if c2 < c1 or r2 < r1:
        raise DataFileError(f"found the range '{text.strip()}'; allowed: the top-left cell "
                            "first, such as A1:D5", "range")
    if (r2 - r1 + 1) > MAX_ROWS or (c2 - c1 + 1) > MAX_COLS:
        raise DataFileError(f"found the range '{text.strip()}'; allowed: at most {MAX_ROWS:,} "
                            f"rows and {MAX_COLS} columns", "range")
    return c1, r1, c2, r2


def parse_cell(text: str) -> tuple[int, int]:
    """Return (column, row) of a cell reference such as ``B3``, 1-based."""
    m = _CELL.match(text)
    if not m:
        raise DataFileError(f"found the cell '{text.strip()}'; allowed: a cell reference such "
                            "as B3 (column letters, then the row number)", "cell")
    return _col(m.group(1)), int(m.group(2))


def _col(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n


def col_letters(n: int) -> str:
    """Return the spreadsheet letters of 1-based column ``n`` (1 -> A, 28 -> AB)."""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _damaged_errors() -> tuple:
    import zipfile
    import zlib
    from xml.etree.ElementTree import ParseError
    out = [ParseError, zipfile.BadZipFile, zlib.error, KeyError, ValueError, TypeError, OSError,
           EOFError, IndexError, AttributeError]
    try:
        from lxml.etree import LxmlError
        out.append(LxmlError)
    except ImportError:
        pass
    return tuple(out)


_DAMAGED = _damaged_errors()


class Workbook:
    """An Excel workbook opened read-only, for reading sheets by name."""

    def __init__(self, path: Path, name: str) -> None:
        _check_size(path, name)
        import warnings
        import zipfile
        import openpyxl
        self.name = name
        try:
            with warnings.catch_warnings():
                # openpyxl warns about data validation and other features it
                # does not read; they do not matter for reading numbers.
                warnings.simplefilter("ignore")
                self.book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except _DAMAGED as exc:
            raise DataFileError(f"the file '{name}' cannot be read as an Excel workbook "
                                f"({type(exc).__name__}); allowed: an .xlsx file saved by "
                                "Excel, LibreOffice or another spreadsheet program", "file") from None

    def close(self) -> None:
        """Release the file."""
        self.book.close()

    def sheet(self, sheet: Optional[str]):
        """Return the named worksheet (the first one when ``sheet`` is None)."""
        names = list(self.book.sheetnames)
        if sheet is None:
            return self.book[names[0]]
        if sheet in names:
            return self.book[sheet]
        folded = [n.lower().strip() for n in names]
        if sheet.lower().strip() in folded:
            return self.book[names[folded.index(sheet.lower().strip())]]
        raise DataFileError(f"found the sheet '{sheet}', which is not in '{self.name}'; "
                            f"allowed: {one_of(names)}", "sheet", _near(sheet, names))

    def _damaged(self, exc: Exception) -> DataFileError:
        return DataFileError(f"the file '{self.name}' cannot be read as an Excel workbook "
                             f"(a damaged part: {type(exc).__name__}); allowed: an .xlsx file "
                             "saved by Excel, LibreOffice or another spreadsheet program", "file")

    def rows(self, ws, bounds: Optional[tuple[int, int, int, int]] = None) -> list[list[Cell]]:
        """Return the cells of ``bounds`` (or the sheet's filled area), row by row."""
        try:    # read-only workbooks parse a sheet only now
            return self._rows(ws, bounds)
        except DataFileError:
            raise
        except _DAMAGED as exc:
            raise self._damaged(exc) from None

    def _rows(self, ws, bounds: Optional[tuple[int, int, int, int]] = None) -> list[list[Cell]]:
        where = f"of sheet '{ws.title}' in '{self.name}'"
        if bounds is None:
            values = []
            for row in ws.iter_rows(values_only=True):
                values.append(list(row[:MAX_COLS]))
                if len(values) > MAX_ROWS + 1:   # the header row and MAX_ROWS rows of data
                    raise DataFileError(f"sheet '{ws.title}' of '{self.name}' has more than "
                                        f"{MAX_ROWS:,} rows; allowed: at most {MAX_ROWS:,} "
                                        "(give a 'range')", "sheet")
            # trim empty rows and columns around the data
            top = next((i for i, r in enumerate(values) if any(_filled(v) for v in r)), None)
            if top is None:
                return []
            bottom = max(i for i, r in enumerate(values) if any(_filled(v) for v in r))
            body = values[top:bottom + 1]
            width = max(len(r) for r in body)
            left = min(next((j for j, v in enumerate(r) if _filled(v)), width) for r in body)
            right = max((j for r in body for j, v in enumerate(r) if _filled(v)), default=0)
            c1, r1 = left + 1, top + 1
            grid = [[r[j] if j < len(r) else None for j in range(left, right + 1)] for r in body]
        else:
            c1, r1, c2, r2 = bounds
            grid = [list(r) for r in ws.iter_rows(min_row=r1, max_row=r2, min_col=c1,
                                                   max_col=c2, values_only=True)]
            width = c2 - c1 + 1
            grid += [[None] * width for _ in range(r2 - r1 + 1 - len(grid))]
            grid = [r + [None] * (width - len(r)) for r in grid]
        return [[Cell(v, f"cell {col_letters(c1 + j)}{r1 + i} {where}")
                 for j, v in enumerate(row)] for i, row in enumerate(grid)]

    def cell(self, ws, column: int, row: int) -> Cell:
        """Return one cell of a worksheet."""
        try:
            got = list(ws.iter_rows(min_row=row, max_row=row, min_col=column, max_col=column,
                                    values_only=True))
        except _DAMAGED as exc:
            raise self._damaged(exc) from None
        value = got[0][0] if got and got[0] else None
        return Cell(value, f"cell {col_letters(column)}{row} of sheet '{ws.title}' in "
                           f"'{self.name}'")


def _filled(v: object) -> bool:
    return v is not None and not (isinstance(v, str) and not v.strip())


def _near(word: str, choices) -> str:
    return did_you_mean(word, choices) or did_you_mean(word, [c.lower() for c in choices])


def grid(rows: list[list[Cell]], name: str, what: str) -> Grid:
    """Return rows as a :class:`Grid`: the first row is the header, the first column labels.

    ``what`` names where the rows came from (``'data.csv'``, ``range A1:D5``)
    in the message for a table too small to use.
    """
    if len(rows) < 2 or len(rows[0]) < 2:
        raise DataFileError(f"found {len(rows)} row{'s' if len(rows) != 1 else ''} in {what}; "
                            "allowed: a header row and at least one data row, with a label "
                            "column and at least one number column", "file")
    header = tuple(label(c.value) for c in rows[0])
    width = len(header)
    body = []
    labels = []
    for r in rows[1:]:
        labels.append(label(r[0].value) if r else "")
        cells = list(r[1:width])
        # a short CSV row: the missing cells are empty, named like the others
        for j in range(len(cells) + 1, width):
            loc = r[-1].loc if r and r[-1].loc else None
            cells.append(Cell("", f"row {len(body) + 2}, column '{header[j]}' of '{name}'",
                              Loc(loc.file, loc.line, j + 1) if loc else None))
        body.append(tuple(cells))
    return Grid(name, header, tuple(labels), tuple(body))


def cell_number_or_gap(cell: Cell) -> Optional[float]:
    """Return the number in a cell, or None for an empty cell (a gap in a chart's series);
    raise, naming the cell, for one that holds something else."""
    if not _filled(cell.value):
        return None
    return cell_number(cell)


def cell_number(cell: Cell, column: str = "") -> float:
    """Return the number in a cell, or raise naming the cell and what it holds."""
    value = number(cell.value)
    if value is not None:
        return value
    if not _filled(cell.value):
        raise DataFileError(f"{cell.where} is empty; allowed: a number (a formula counts "
                            "only as its value saved in the file)", "cell", loc=cell.loc)
    shown = label(cell.value)
    shown = shown if len(shown) <= 40 else shown[:37] + "..."
    raise DataFileError(f"found '{shown}' in {cell.where}; allowed: a number", "cell",
                        loc=cell.loc)

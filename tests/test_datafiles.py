"""Chart data and figure values read from CSV and Excel files, and their located errors."""

from __future__ import annotations

import pytest

from deckgen.content.datafiles import col_letters, parse_range
from deckgen.errors import ErrorList
from deckgen.content.loader import load


@pytest.fixture
def data(tmp_path):
    """A CSV file and a workbook (sheets 'Spending' and 'Notes') in tmp_path."""
    import openpyxl
    (tmp_path / "data.csv").write_text("year,Defence,Health\n2022,40.1,180\n\n2023,42.5,n/a\n")
    (tmp_path / "spans.csv").write_text("option,low,high,mid\nA,1,3,2\nB,2,5,3\n")
    (tmp_path / "blank.csv").write_text("year,exports\n2022,\n2023,\n")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Spending"
    ws.append([None])                      # a blank first row: the table starts at B2
    for row in [["year", "Defence", "Health"], [2022, 40.1, 180], [2023, 42.5, "n/a"],
                [2024, 45, "1,190"]]:
        ws.append([None] + row)
    ws["F9"] = "=SUM(C3:C5)"               # a formula openpyxl saved without its value
    wb.create_sheet("Notes")["A1"] = "hello"
    wb.save(tmp_path / "budget.xlsx")
    (tmp_path / "broken.xlsx").write_text("not a workbook")
    return tmp_path


def _load(write, text):
    return load(write(text))


def test_csv_columns_pick_and_order_series(write, data):
    c = _load(write, """
        title: T
        charts:
          - {id: c1, data: {csv: spans.csv, columns: [high, low]}}
          - {id: c2, data: {csv: spans.csv, columns: [low, high]}}
          - {id: c3, data: {csv: spans.csv, columns: [MID]}}
        """)
    c1, c2, c3 = c.charts
    assert [s.name for s in c1.data.series] == ["high", "low"] and not c1.data.ranges
    assert c2.data.ranges and c2.data.series[0].values == ((1, 3), (2, 5))
    assert c3.data.series[0].name == "mid" and c3.data.series[0].values == (2, 3)


def test_xlsx_chart_data_from_the_filled_area_and_from_a_range(write, data):
    c = _load(write, """
        title: T
        charts:
          - {id: all, data: {xlsx: budget.xlsx, columns: [Defence]}}
          - {id: part, data: {xlsx: budget.xlsx, sheet: spending, range: "B2:C4"}}
        """)
    whole, part = c.charts
    assert whole.data.categories == ("2022", "2023", "2024")
    assert whole.data.series[0].values == (40.1, 42.5, 45)
    assert part.data.categories == ("2022", "2023")
    assert [(s.name, s.values) for s in part.data.series] == [("Defence", (40.1, 42.5))]


def test_figure_values_from_csv_and_xlsx(write, data):
    c = _load(write, """
        title: T
        figures:
          - {id: f1, value: {csv: data.csv, row: "2022", column: health}}
          - {id: f2, value: {xlsx: budget.xlsx, sheet: Spending, cell: C4}}
          - {id: f3, value: {xlsx: budget.xlsx, row: 2024, column: Health}}
        """)
    assert [f.value for f in c.figures] == [180, 42.5, 1190]


ERRORS = {
    "csv column missing": (
        "charts:\n  - {id: c, data: {csv: data.csv, columns: [Defense]}}",
        "{f}:3:45: charts[0].data.columns[0]: found the column 'Defense', which is not in "
        "'data.csv'; allowed: 'Defence' or 'Health' (did you mean 'Defence'?)"),
    "csv cell not a number": (
        "charts:\n  - {id: c, data: {csv: data.csv}}",
        "{d}/data.csv:4:3: charts[0].data.csv: found 'n/a' in row 3, column 'Health' of "
        "'data.csv'; allowed: a number"),
    "csv data unknown key": (
        "charts:\n  - {id: c, data: {csv: data.csv, sheet: one}}",
        "{f}:3:35: charts[0].data.sheet: unknown key 'sheet'; allowed: 'csv' or 'columns'"),
    "sheet missing": (
        "charts:\n  - {id: c, data: {xlsx: budget.xlsx, sheet: Spendng}}",
        "{f}:3:46: charts[0].data.sheet: found the sheet 'Spendng', which is not in "
        "'budget.xlsx'; allowed: 'Spending' or 'Notes' (did you mean 'Spending'?)"),
    "range the wrong way round": (
        "charts:\n  - {id: c, data: {xlsx: budget.xlsx, range: D1:A4}}",
        "{f}:3:46: charts[0].data.range: found the range 'D1:A4'; allowed: the top-left "
        "cell first, such as A1:D5"),
    "range not a range": (
        "charts:\n  - {id: c, data: {xlsx: budget.xlsx, range: A1-D4}}",
        "{f}:3:46: charts[0].data.range: found 'A1-D4'; allowed: a cell range such as A1:D5"),
    "cell in range not a number": (
        "charts:\n  - {id: c, data: {xlsx: budget.xlsx, range: B2:D4}}",
        "{f}:3:46: charts[0].data.range: found 'n/a' in cell D4 of sheet 'Spending' in "
        "'budget.xlsx'; allowed: a number"),
    "xlsx column missing": (
        "charts:\n  - {id: c, data: {xlsx: budget.xlsx, columns: [Helth]}}",
        "{f}:3:49: charts[0].data.columns[0]: found the column 'Helth', which is not in "
        "'budget.xlsx'; allowed: 'Defence' or 'Health' (did you mean 'Health'?)"),
    "sheet too small": (
        "charts:\n  - {id: c, data: {xlsx: budget.xlsx, sheet: Notes}}",
        "{f}:3:26: charts[0].data.xlsx: found 1 row in sheet 'Notes' of 'budget.xlsx'; "
        "allowed: a header row and at least one data row, with a label column and at least "
        "one number column"),
    "not a workbook": (
        "charts:\n  - {id: c, data: {xlsx: broken.xlsx}}",
        "{f}:3:26: charts[0].data.xlsx: the file 'broken.xlsx' cannot be read as an Excel "
        "workbook (BadZipFile); allowed: an .xlsx file saved by Excel, LibreOffice or another "
        "spreadsheet program"),
    "old Excel format": (
        "charts:\n  - {id: c, data: {xlsx: data.csv}}",
        "{f}:3:26: charts[0].data.xlsx: found the file 'data.csv'; allowed: '.xlsx' or "
        "'.xlsm' files"),
    "row missing": (
        "figures:\n  - {id: f, value: {csv: data.csv, row: '2021', column: Health}}",
        "{f}:3:41: figures[0].value.row: found the row '2021', which is not a label in the "
        "first column of 'data.csv'; allowed: '2022' or '2023' (did you mean '2023'?)"),
    "value column missing": (
        "figures:\n  - {id: f, value: {csv: data.csv, row: '2022', column: Defense}}",
        "{f}:3:57: figures[0].value.column: found the column 'Defense', which is not in "
        "'data.csv'; allowed: 'Defence' or 'Health' (did you mean 'Defence'?)"),
    "value cell not a number": (
        "figures:\n  - {id: f, value: {csv: data.csv, row: '2023', column: Health}}",
        "{d}/data.csv:4:3: figures[0].value.csv: found 'n/a' in row 3, column 'Health' of "
        "'data.csv'; allowed: a number"),
    "value without column": (
        "figures:\n  - {id: f, value: {csv: data.csv, row: '2023'}}",
        "{f}:3:20: figures[0].value: the key 'column' is missing; allowed: a csv value needs "
        "'column' (text)"),
    "xlsx cell empty": (
        "figures:\n  - {id: f, value: {xlsx: budget.xlsx, cell: F9}}",
        "{f}:3:46: figures[0].value.cell: cell F9 of sheet 'Spending' in 'budget.xlsx' is "
        "empty; allowed: a number (a formula counts only as its value saved in the file)"),
    "xlsx cell and row": (
        "figures:\n  - {id: f, value: {xlsx: budget.xlsx, cell: B3, row: '2022'}}",
        "{f}:3:55: figures[0].value.row: found 'row' beside 'cell'; allowed: either 'cell' "
        "(such as B3) or both 'row' and 'column'"),
    "xlsx value sheet missing": (
        "figures:\n  - {id: f, value: {xlsx: budget.xlsx, sheet: Notez, cell: A1}}",
        "{f}:3:47: figures[0].value.sheet: found the sheet 'Notez', which is not in "
        "'budget.xlsx'; allowed: 'Spending' or 'Notes' (did you mean 'Notes'?)"),
    "value from an unknown kind of file": (
        "figures:\n  - {id: f, value: {tsv: data.tsv}}",
        "{f}:3:20: figures[0].value: found a mapping; allowed: a number, a range [low, high], "
        "{{csv: file, row: label, column: name}} or {{xlsx: file, sheet: name, cell: B3}}"),
    "every cell a gap": (
        "charts:\n  - {id: c, data: {csv: blank.csv}}",
        "{d}/blank.csv:2:2: charts[0].data: every value cell is empty (the first: row 2, column 'exports' of "
        "'blank.csv'); allowed: "
        "at least one number to chart (an empty cell is a gap)"),
    "data file outside the folder": (
        "figures:\n  - {id: f, value: {xlsx: ../budget.xlsx, cell: A1}}",
        "{f}:3:27: figures[0].value.xlsx: found the path '../budget.xlsx', which leaves the "
        "content folder; allowed: files inside the folder of the content file"),
}


@pytest.mark.parametrize("case", ERRORS, ids=list(ERRORS))
def test_located_errors(write, data, run, case):
    body, expected = ERRORS[case]
    f = write("title: T\n" + body + "\n")
    code, out, err = run("validate", f)
    assert code == 2
    assert err.splitlines() == [expected.format(f=f, d=data), "1 problem found."]


def test_every_problem_in_data_files_is_listed_at_once(write, data):
    f = write("""
        title: T
        charts:
          - {id: c, data: {xlsx: budget.xlsx, sheet: Nope}}
        figures:
          - {id: f, value: {csv: data.csv, row: nope, column: nope}}
        """)
    with pytest.raises(ErrorList) as info:
        load(f)
    assert [(e.loc.line, e.path) for e in info.value.errors] == [
        (3, "charts[0].data.sheet"), (5, "figures[0].value.row"), (5, "figures[0].value.column")]


def test_cell_references():
    assert parse_range("B2:AA10") == (2, 2, 27, 10)
    assert [col_letters(n) for n in (1, 26, 27, 52, 703)] == ["A", "Z", "AA", "AZ", "AAA"]


def test_a_file_that_is_not_a_picture_is_refused(write, run, tmp_path):
    (tmp_path / "photo.jpg").write_text("not a jpeg")
    f = write("""
        title: T
        sections:
          - title: S
            slides:
              - {image: photo.jpg, alt: A photo}
        """)
    code, out, err = run("validate", f)
    assert err.splitlines()[0] == (
        f"{f}:5:17: sections[0].slides[0].image: found the file 'photo.jpg', but it is not a "
        "picture deckgen can read; allowed: a JPG file saved by an image program")

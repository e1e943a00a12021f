"""The content format: key declarations, cross-checks and :func:`load`.

The keys and their meanings follow ``spec/content-format.md`` (the contract
with users' files). Every problem in a file is collected and raised at once
as an :class:`~deckgen.errors.ErrorList`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from deckgen.content import model as m
from deckgen.content.datafiles import (DataFileError, Grid, Workbook, cell_number,
                                       cell_number_or_gap, grid, parse_cell, parse_range,
                                       read_csv)
from deckgen.content.grammar import (Any_, Bool, ContentPath, Ctx, Date, Enum, Field, Id, Int,
                                     INVALID, ListOf, MAX_TEXT, Number, NumberOrRange, Pattern,
                                     Record, RefTo, Text, Type, ci_pattern, clean_text,
                                     json_schema_document, number_schema, range_schema,
                                     read_number, resolve_inside)
from deckgen.content.labels import LABELS
from deckgen.content.pictures import SvgError, check_svg
from deckgen.content.urls import safe_url
from deckgen.content.yamlsafe import Node, read_yaml
from deckgen.content.yardstick import (A_WORD_OF, SHORT_NAMES, YARDSTICKS, by_meaning,
                                       other_yardstick, parse_likelihood, percent_of,
                                       word_in_band, words)
from deckgen.errors import ContentError, ErrorList, did_you_mean, one_of

IMPACTS = ("low", "medium", "high", "critical")
CONFIDENCE = ("low", "moderate", "high")
CHART_TYPES = ("bar", "column", "stacked", "pie", "doughnut", "line", "range")
LAYOUTS = ("bullets", "two-column", "chart", "figure", "image", "table", "quote", "full-image")
QUESTION_TYPES = ("choice", "multi", "true-false", "numeric", "short", "order", "match")
BLOCKS = ("title", "question", "bluf", "context", "figures", "charts", "timeline",
          "concerns", "constraints", "responses", "outlook", "objectives", "sections",
          "discussion", "sources", "quiz", "agenda")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".svg")
XLSX_SUFFIXES = (".xlsx", ".xlsm")


class LikelihoodType(Type):
    """A yardstick word or a probability, resolved on the file's yardstick."""

    describe = "a yardstick word or a probability such as 0.3, '30%' or '25-35%'"

    def convert(self, node, ctx, path):
        if node.kind != "scalar" or node.is_null:
            return ctx.wrong(node, path, self._allowed(ctx))
        result = parse_likelihood(node.text, ctx.yardstick)
        if isinstance(result, str):
            allowed = self._allowed(ctx)
            if result:
                return ctx.error(node, path, f"found '{node.text}', {result}; allowed: {allowed}")
            return self._not_on_yardstick(node, ctx, path, allowed)
        return result

    @staticmethod
    def _not_on_yardstick(node, ctx: Ctx, path: str, allowed: str) -> object:
        # A word of the other yardstick is named as such, with the nearest word of this
        # one by the middle of its band; a common phrasing is matched by what it means
        # ('probably not' is 'unlikely', not 'probable'); spelling only when neither.
        ys, text = ctx.yardstick, node.text.strip()
        there = other_yardstick(text, ys)
        if there is not None:
            word = word_in_band(there.nearest, ys, text)
            return ctx.error(node, path, (
                f"found '{text}', which is {A_WORD_OF[there.other]} "
                f"({percent_of(there.band)}), not a word of the {SHORT_NAMES[ys]} yardstick "
                f"({ys}) this file uses; allowed: the nearest {SHORT_NAMES[ys]} word, "
                f"'{word}' ({percent_of(there.nearest)}), or set 'yardstick: {there.other}' "
                f"at the top of the file to use {SHORT_NAMES[there.other]} words"))
        meant = by_meaning(text, ys)
        if meant is not None:
            word = word_in_band(meant, ys, text)
            return ctx.wrong(node, path, allowed,
                             f"did you mean '{word}', {percent_of(meant)}?")
        return ctx.wrong(node, path, allowed, did_you_mean(text, words(ys)))

    @staticmethod
    def _allowed(ctx: Ctx) -> str:
        return (f"a word of the {ctx.yardstick} yardstick ({one_of(words(ctx.yardstick))}) "
                "or a probability such as 0.3, '30%' or '25-35%'")

    def json_schema(self, defs):
        # The schema cannot see which yardstick the file chose, so it offers the
        # words of every yardstick; the loader checks the word against the chosen one.
        every = list(dict.fromkeys(w for y in YARDSTICKS for w in words(y)))
        return {"anyOf": [{"enum": every},
                          {"type": "string", "pattern": ci_pattern(every)},
                          {"type": "number", "minimum": 0, "maximum": 100},
                          {"type": "string", "pattern": _PERCENT}]}

    def doc_type(self):
        return ("a word of the file's yardstick (`phia`: " + ", ".join(words("phia")) +
                "; `icd203`: " + ", ".join(words("icd203")) + "), or a probability: "
                "`0.3`, `\"30%\"`, `\"25-35%\"`")


# a percentage or range as the yardstick module reads it ("30%", "25-35%", "25 to 35")
_PERCENT = r"^\s*\d+(?:\.\d+)?\s*%?\s*(?:(?:-|–|to)\s*\d+(?:\.\d+)?\s*%?)?\s*$"


SOURCE_REF = Field(RefTo("source", many=True), "a source id, or a list of them",
                   example="[rusi-2024, kent-1964]")
NOTES = Field(Text(), "speaker notes", example="Pause here and ask the room.")

_point_fields: dict[str, Field] = {}
POINT = Record("point", m.Point, _point_fields, shorthand="text",
               doc="A bullet: text, or a mapping with nested points.")
_point_fields.update({
    "text": Field(Text(), "the point", required=True,
                  example="Seoul keeps **lethal aid** off the table"),
    "points": Field(ListOf(POINT), "nested points",
                    example="[First sub-point, Second sub-point]"),
    "notes": NOTES,
    "source": SOURCE_REF,
})
POINTS = ListOf(POINT, single=True)

class Url(Pattern):
    """A web address, rebuilt by :func:`deckgen.content.urls.safe_url` (quotes %-encoded)."""

    def convert(self, node, ctx, path):
        text = super().convert(node, ctx, path)
        if text is INVALID:
            return text
        safe = safe_url(text)
        if safe is None:
            return ctx.wrong(node, path, "a web address starting https://, http:// or mailto: "
                                         "with a host name")
        return safe


SOURCE = Record("source", m.Source, {
    "id": Field(Id("source"), "the id other blocks cite", required=True, example="rusi-2024"),
    "title": Field(Text(), "title of the work",
                   example="South Korea Navigates the Moscow-Pyongyang Axis"),
    "author": Field(Text(), "author or authors", example="Sang Hun Seok"),
    "publisher": Field(Text(), "publisher", example="RUSI"),
    "date": Field(Date(), "publication date", example='"2024-11"'),
    "url": Field(Url(r"^(https?://|mailto:)\S+$", "a web address starting https://, http:// or mailto:"),
                 "web address", example="https://www.rusi.org/"),
    "notes": NOTES,
    "source": SOURCE_REF,
}, doc="A work the content cites; blocks name it by `id` in their `source` key.")

JUDGEMENT = Record("judgement", m.Judgement, {
    "text": Field(Text(), "the judgement", required=True,
                  example="Seoul sends combat troops to Ukraine"),
    "likelihood": Field(LikelihoodType(), "how likely, on the yardstick",
                        example="highly unlikely"),
    "confidence": Field(Enum(*CONFIDENCE), "analytic confidence", example="moderate"),
    "notes": NOTES,
    "source": SOURCE_REF,
}, shorthand="text", doc="A key judgement: text, or a mapping with its likelihood and "
   "confidence.")


def _result(result, loc):
    """A data-file record's value is what its ``post`` computed from the file."""
    return result


def _data_error(exc: DataFileError, node: Node, ctx: Ctx, path: str, keys: dict) -> object:
    """Record a data-file problem at the key it concerns; return INVALID.

    ``keys`` maps the problem's kind (``file``, ``sheet``, ``range``, ``cell``,
    ``row``, ``column``) to the YAML key written for it; a cell of a CSV file
    is located in the CSV file itself.
    """
    key = keys.get(exc.key, exc.key)
    knode = node.get(key) or node
    kpath = f"{path}.{key}" if node.get(key) is not None else path
    return ctx.error(exc.loc or knode.loc, kpath, exc.message, exc.hint)


def _grid_columns(g: Grid, values, node, ctx, path) -> object:
    """Return the indexes of the value columns named in ``columns`` (default: all)."""
    names = values.get("columns")
    if names is None:
        return list(range(len(g.columns)))
    cnode = node.get("columns")
    picked, ok = [], True
    for i, name in enumerate(names):
        try:
            picked.append(g.column_index(name))
        except DataFileError as exc:
            ctx.error(cnode.items[i], f"{path}.columns[{i}]", exc.message, exc.hint)
            ok = False
    return picked if ok else INVALID


def _grid_chart(g: Grid, values, node, ctx, path, cell_key: str) -> object:
    """Return the ChartData of a grid: labels from its first column, a series per column."""
    cols = _grid_columns(g, values, node, ctx, path)
    if cols is INVALID:
        return INVALID
    series = []
    names = [g.columns[c] for c in cols]
    ranges = [n.lower() for n in names] == ["low", "high"]
    # an empty cell is a gap in a series (drawn as a gap in line and column charts); a
    # range needs both its ends, and a chart type that needs every value says so at load
    read = cell_number if ranges else cell_number_or_gap
    gaps = []
    try:
        for c in cols:
            vals = []
            for row in g.rows:
                vals.append(read(row[c]))
                if vals[-1] is None:
                    gaps.append((row[c].loc, row[c].where))
            series.append(tuple(vals))
    except DataFileError as exc:
        return _data_error(exc, node, ctx, path, {"cell": cell_key, "file": cell_key})
    if series and all(v is None for vals in series for v in vals):
        loc, where = gaps[0]
        return ctx.error(loc or node.loc, path, f"every value cell is empty (the first: {where}); "
                         "allowed: at least one number to chart (an empty cell is a gap)")
    cats = tuple(clean_text(x) for x in g.labels)
    if ranges:
        return m.ChartData(cats, (m.Series("", tuple(zip(series[0], series[1]))),), ranges=True)
    return m.ChartData(cats, tuple(m.Series(clean_text(n), v) for n, v in zip(names, series)),
                       gaps=tuple(gaps))


def _csv_data_post(values, node, ctx, path):
    name = node.get("csv").text.strip()
    try:
        g = grid(read_csv(values["csv"], name), name, f"'{name}'")
    except DataFileError as exc:
        return _data_error(exc, node, ctx, path, {"file": "csv", "cell": "csv"})
    data = _grid_chart(g, values, node, ctx, path, "csv")
    return INVALID if data is INVALID else {"result": data}


def _open_sheet(values, node, ctx, path):
    """Return (workbook, worksheet) for an xlsx record, or INVALID with the error recorded."""
    name = node.get("xlsx").text.strip()
    try:
        book = Workbook(values["xlsx"], name)
    except DataFileError as exc:
        return _data_error(exc, node, ctx, path, {"file": "xlsx"})
    try:
        return book, book.sheet(values.get("sheet"))
    except DataFileError as exc:
        book.close()
        return _data_error(exc, node, ctx, path, {"file": "xlsx"})


def _xlsx_data_post(values, node, ctx, path):
    opened = _open_sheet(values, node, ctx, path)
    if opened is INVALID:
        return INVALID
    book, ws = opened
    name = node.get("xlsx").text.strip()
    cell_key = "range" if "range" in values else "xlsx"
    try:
        bounds = parse_range(values["range"]) if "range" in values else None
        what = (f"range {values['range'].strip()} of sheet '{ws.title}' in '{name}'" if bounds
                else f"sheet '{ws.title}' of '{name}'")
        g = grid(book.rows(ws, bounds), name, what)
    except DataFileError as exc:
        return _data_error(exc, node, ctx, path, {"file": cell_key, "cell": cell_key})
    finally:
        book.close()
    data = _grid_chart(g, values, node, ctx, path, cell_key)
    return INVALID if data is INVALID else {"result": data}


def _grid_value(g: Grid, values, node, ctx, path):
    """Return the number at (row label, column name) of a grid, or INVALID."""
    try:
        r = g.row_index(values["row"])
    except DataFileError as exc:
        ctx.error(node.get("row"), f"{path}.row", exc.message, exc.hint)
        r = None
    try:
        c = g.column_index(values["column"])
    except DataFileError as exc:
        return _data_error(exc, node, ctx, path, {})
    if r is None:
        return INVALID
    try:
        return cell_number(g.rows[r][c])
    except DataFileError as exc:
        # a CSV cell is located in the CSV file; an Excel cell at the file's key
        return _data_error(exc, node, ctx, path, {"cell": "csv" if "csv" in values else "xlsx"})


def _csv_value_post(values, node, ctx, path):
    name = node.get("csv").text.strip()
    try:
        g = grid(read_csv(values["csv"], name), name, f"'{name}'")
    except DataFileError as exc:
        return _data_error(exc, node, ctx, path, {"file": "csv", "cell": "csv"})
    value = _grid_value(g, values, node, ctx, path)
    return INVALID if value is INVALID else {"result": value}


def _xlsx_value_post(values, node, ctx, path):
    has_cell = "cell" in values
    has_rc = "row" in values or "column" in values
    if has_cell and has_rc:
        extra = "row" if "row" in values else "column"
        return ctx.error(node.get(extra), f"{path}.{extra}", f"found '{extra}' beside 'cell'; "
                         "allowed: either 'cell' (such as B3) or both 'row' and 'column'")
    if not has_cell and not ("row" in values and "column" in values):
        missing = "column" if "row" in values else "row" if "column" in values else "cell"
        return ctx.error(node, path, f"the key '{missing}' is missing; allowed: an xlsx value "
                         "needs 'cell' (such as B3), or 'row' and 'column'")
    opened = _open_sheet(values, node, ctx, path)
    if opened is INVALID:
        return INVALID
    book, ws = opened
    name = node.get("xlsx").text.strip()
    try:
        if has_cell:
            col, row = parse_cell(values["cell"])
            value = cell_number(book.cell(ws, col, row))
        else:
            g = grid(book.rows(ws), name, f"sheet '{ws.title}' of '{name}'")
            value = _grid_value(g, values, node, ctx, path)
    except DataFileError as exc:
        return _data_error(exc, node, ctx, path, {"file": "xlsx"})
    finally:
        book.close()
    return INVALID if value is INVALID else {"result": value}


_COLUMNS = Field(ListOf(Text(), min_items=1), "the value columns to use, by their header, in "
                 "this order (default: every column after the labels)",
                 example="[Budget, Actual]")
_CELL_RANGE = Pattern(r"^\s*[A-Za-z]{1,3}[1-9][0-9]{0,6}\s*:\s*[A-Za-z]{1,3}[1-9][0-9]{0,6}\s*$",
                      "a cell range such as A1:D5")
_CELL_REF = Pattern(r"^\s*[A-Za-z]{1,3}[1-9][0-9]{0,6}\s*$", "a cell such as B3")

CSV_DATA = Record("csv data", _result, {
    "csv": Field(ContentPath((".csv",)), "a UTF-8 CSV file inside the content file's folder",
                 required=True, example="data/spending.csv"),
    "columns": _COLUMNS,
}, post=_csv_data_post, doc="Chart data from a CSV file: a header row, the labels in the "
   "first column, one series per further column, named by its header. Value columns "
   "named exactly `low` and `high` give range data.")

XLSX_DATA = Record("xlsx data", _result, {
    "xlsx": Field(ContentPath(XLSX_SUFFIXES), "an Excel workbook inside the content file's "
                  "folder", required=True, example="data/budget.xlsx"),
    "sheet": Field(Text(), "the sheet's name (default: the first sheet)", example="Spending"),
    "range": Field(_CELL_RANGE, "the cells to read, header row and label column included "
                   "(default: the sheet's filled area)", example="A1:D5"),
    "columns": _COLUMNS,
}, post=_xlsx_data_post, doc="Chart data from a sheet of an Excel workbook, laid out as for "
   "CSV: a header row, the labels in the first column, a series per further column. "
   "Formulas count as the value saved in the file.")

CSV_VALUE = Record("csv value", _result, {
    "csv": Field(ContentPath((".csv",)), "a UTF-8 CSV file inside the content file's folder",
                 required=True, example="data/spending.csv"),
    "row": Field(Text(), "the row's label (its first cell)", required=True, example='"2024"'),
    "column": Field(Text(), "the column's header", required=True, example="Defence"),
}, post=_csv_value_post, doc="A figure's value read from one cell of a CSV file, found by "
   "the label in its first column and the header of its column.")

XLSX_VALUE = Record("xlsx value", _result, {
    "xlsx": Field(ContentPath(XLSX_SUFFIXES), "an Excel workbook inside the content file's "
                  "folder", required=True, example="data/budget.xlsx"),
    "sheet": Field(Text(), "the sheet's name (default: the first sheet)", example="Spending"),
    "cell": Field(_CELL_REF, "the cell to read", example="B3"),
    "row": Field(Text(), "the row's label in the sheet's first column (with 'column')",
                 example='"2024"'),
    "column": Field(Text(), "the column's header in the sheet's first row (with 'row')",
                    example="Defence"),
}, post=_xlsx_value_post, doc="A figure's value read from an Excel sheet: one `cell`, or the "
   "cell at a `row` label and `column` header.",
   json_extra={"oneOf": [{"required": ["cell"], "not": {"anyOf": [{"required": ["row"]},
                                                                 {"required": ["column"]}]}},
                         {"required": ["row", "column"], "not": {"required": ["cell"]}}]})


class FigureValueType(Type):
    """A figure's value: a number, a range, or one cell of a CSV or Excel file."""

    describe = "a number, a range [low, high], or a cell of a CSV or Excel file"

    def convert(self, node, ctx, path):
        if node.kind == "map":
            keys = [k.text for k, _ in node.items]
            if "csv" in keys:
                return CSV_VALUE.convert(node, ctx, path)
            if "xlsx" in keys:
                return XLSX_VALUE.convert(node, ctx, path)
            return ctx.wrong(node, path, "a number, a range [low, high], {csv: file, row: "
                             "label, column: name} or {xlsx: file, sheet: name, cell: B3}")
        return NumberOrRange().convert(node, ctx, path)

    def json_schema(self, defs):
        return {"anyOf": [number_schema(), range_schema(), CSV_VALUE.json_schema(defs),
                          XLSX_VALUE.json_schema(defs)]}

    def doc_type(self):
        return (f"a number, a range `[low, high]`, a {CSV_VALUE.doc_type()} or an "
                f"{XLSX_VALUE.doc_type()}")

    def children(self):
        return (CSV_VALUE, XLSX_VALUE)


FIGURE = Record("figure", m.Figure, {
    "id": Field(Id("figure"), "the id charts, items and slides use", required=True,
                example="fig-shells"),
    "label": Field(Text(), "what the number counts", example="Artillery shells sent since 2023"),
    "value": Field(FigureValueType(), "a number or [low, high], or a cell of a data file",
                   required=True, example="[1.7, 5.5]"),
    "unit": Field(Text(), "unit shown after the number", example="USD bn"),
    "as_of": Field(Date(), "when the number was true", example='"2024-10"'),
    "notes": NOTES,
    "source": SOURCE_REF,
}, doc="A key number, shown as a big-number card.")


class ChartDataType(Type):
    """Chart data in any of the spec's four shapes, made into :class:`ChartData`."""

    describe = ("a mapping {label: number}, {label: [low, high]}, "
                "{categories: [...], series: {name: [numbers]}}, {csv: path} or "
                "{xlsx: path, sheet: name, range: A1:D5}")

    def convert(self, node, ctx, path):
        if node.kind != "map" or not node.items:
            return ctx.wrong(node, path, self.describe)
        keys = [k.text for k, _ in node.items]
        if "csv" in keys:
            return CSV_DATA.convert(node, ctx, path)
        if "xlsx" in keys:
            return XLSX_DATA.convert(node, ctx, path)
        if "categories" in keys or "series" in keys:
            return self._multi(node, ctx, path)
        cats, values, ranges = [], [], None
        for key, child in node.items:
            kpath = f"{path}.{key.text}"
            if child.kind == "seq":
                value = NumberOrRange().convert(child, ctx, kpath)
                is_range = True
            else:
                value = read_number(child)
                is_range = False
                if value is None:
                    ctx.wrong(child, kpath, "a number, or [low, high] for range data")
                    value = INVALID
            if ranges is None:
                ranges = is_range
            elif ranges != is_range and value is not INVALID:
                return ctx.error(child, kpath, f"found {child.describe()} among "
                                 f"{'ranges' if ranges else 'single numbers'}; allowed: all "
                                 "values numbers, or all values [low, high] ranges")
            if value is INVALID:
                continue
            cats.append(clean_text(key.text))
            values.append(value)
        if len(values) != len(node.items):
            return INVALID
        return m.ChartData(tuple(cats), (m.Series("", tuple(values)),), bool(ranges))

    def _multi(self, node, ctx, path):
        ok = True
        for key, _ in node.items:
            if key.text not in ("categories", "series"):
                ctx.error(key, f"{path}.{key.text}", f"unknown key '{key.text}'; allowed: "
                          "'categories' and 'series'", did_you_mean(key.text, ["categories", "series"]))
                ok = False
        cnode, snode = node.get("categories"), node.get("series")
        if cnode is None or snode is None:
            missing = "categories" if cnode is None else "series"
            return ctx.error(node, path, f"the key '{missing}' is missing; allowed: data with "
                             "both 'categories' and 'series'")
        cats = ListOf(Text(), min_items=1).convert(cnode, ctx, f"{path}.categories")
        if snode.kind != "map" or not snode.items:
            return ctx.wrong(snode, f"{path}.series", "a mapping {series name: [numbers]}")
        series = []
        for key, child in snode.items:
            spath = f"{path}.series.{key.text}"
            if child.kind != "seq":
                ctx.wrong(child, spath, "a list of numbers, one per category")
                ok = False
                continue
            nums = []
            for i, n in enumerate(child.items):
                v = read_number(n)
                if v is None:
                    ctx.wrong(n, f"{spath}[{i}]", "a number")
                    ok = False
                nums.append(v)
            if cats is not INVALID and len(nums) != len(cats):
                ctx.error(child, spath, f"found {len(nums)} values for {len(cats)} categories; "
                          "allowed: one value per category")
                ok = False
            series.append(m.Series(clean_text(key.text), tuple(nums)))
        if not ok or cats is INVALID:
            return INVALID
        return m.ChartData(tuple(cats), tuple(series))

    def json_schema(self, defs):
        reserved = {"propertyNames": {"not": {"enum": ["csv", "xlsx", "categories", "series"]}}}
        multi = {"type": "object", "required": ["categories", "series"],
                 "additionalProperties": False, "properties": {
                     "categories": {"type": "array", "items": Text().json_schema(defs),
                                    "minItems": 1, "description": "the labels, in order"},
                     "series": {"type": "object", "minProperties": 1,
                                "additionalProperties": {"type": "array",
                                                         "items": number_schema()},
                                "description": "{series name: [one number per category]}"}}}
        return {"anyOf": [
            {"type": "object", "minProperties": 1, "additionalProperties": number_schema(),
             **reserved},
            {"type": "object", "minProperties": 1, "additionalProperties": range_schema(),
             **reserved},
            multi, CSV_DATA.json_schema(defs), XLSX_DATA.json_schema(defs)]}

    def doc_type(self):
        return ("`{label: number}`, `{label: [low, high]}`, `{categories: [...], series: "
                f"{{name: [numbers]}}}}`, {CSV_DATA.doc_type()} or {XLSX_DATA.doc_type()}")

    def children(self):
        return (CSV_DATA, XLSX_DATA)


#: Chart types that draw an empty cell as a gap; the others need every value.
GAP_TYPES = ("bar", "column", "stacked", "line")


def _chart_post(values, node, ctx, path):
    data = values.get("data")
    ctype = values.get("type", "")
    if data is not None and data.gaps and ctype and ctype not in GAP_TYPES:
        loc, where = data.gaps[0]
        dnode = node.get("data")
        return ctx.error(loc or dnode.loc, f"{path}.data", f"{where} is empty; allowed: a "
                         f"number in every cell for a {ctype} chart (an empty cell is a gap "
                         f"only in {', '.join(GAP_TYPES[:-1])} or {GAP_TYPES[-1]} charts)")
    if data is not None and ctype:
        if ctype == "range" and not data.ranges:
            return ctx.error(node.get("type"), f"{path}.type", "found 'range' for data of single "
                             "numbers; allowed: 'range' needs {label: [low, high]} data")
        if data.ranges and ctype != "range":
            return ctx.error(node.get("type"), f"{path}.type", f"found '{ctype}' for range "
                             "data; allowed: 'range' (or leave type out)")
        if ctype in ("pie", "doughnut") and len(data.series) > 1:
            return ctx.error(node.get("type"), f"{path}.type", f"found '{ctype}' for "
                             f"{len(data.series)} series; allowed: one series for a {ctype} chart "
                             "(use 'column' or 'stacked')")
        if ctype in ("pie", "doughnut") and any(v < 0 for v in data.series[0].values):
            return ctx.error(node.get("type"), f"{path}.type", f"found '{ctype}' for data with "
                             "negative numbers; allowed: 'bar' or 'column'")
        if ctype in ("pie", "doughnut") and not any(data.series[0].values):
            # no slice has a size: nothing to draw (the PDF's chart library refuses it)
            return ctx.error(node.get("data"), f"{path}.data", f"found only zeros for a {ctype} "
                             "chart; allowed: at least one value above 0")
    return values


CHART = Record("chart", m.Chart, {
    "id": Field(Id("chart"), "the id items and slides use", required=True,
                example="chart-poll"),
    "type": Field(Enum(*CHART_TYPES), "chart type; left out, one is picked from the data",
                  example="column"),
    "title": Field(Text(), "chart title", example="Public opinion on lethal aid"),
    "unit": Field(Text(), "unit of the values", example='"%"'),
    "data": Field(ChartDataType(), "the numbers", required=True,
                  example="{Oppose: 74.2, Favour: 20.5}"),
    "takeaway": Field(Text(), "the one-line message; the slide's headline",
                      example="Three in four oppose sending lethal arms"),
    "notes": NOTES,
    "source": SOURCE_REF,
}, post=_chart_post, doc="A native, editable chart. `data` takes one of five shapes; "
   "the chart `type` must suit the data (`range` for `[low, high]` data, one series for "
   "`pie` and `doughnut`).")

EVENT = Record("event", m.Event, {
    "date": Field(Date(), "when", required=True, example='"2024-10-23"'),
    "text": Field(Text(), "what happened", required=True,
                  example="North Korean troops reported in Kursk"),
    "notes": NOTES,
    "source": SOURCE_REF,
}, doc="One dated event on the timeline.")

ITEM = Record("item", m.Item, {
    "id": Field(Id("item"), "an id for this item", example="r-troops"),
    "title": Field(Text(), "short title", required=True, example="Voters reject lethal aid"),
    "detail": Field(Text(), "one or two sentences",
                    example="Polls show three in four against sending arms."),
    "points": Field(POINTS, "supporting points", example="[A supporting point]"),
    "impact": Field(Enum(*IMPACTS), "how much it matters", example="high"),
    "likelihood": Field(LikelihoodType(), "how likely (responses)", example='"25-35%"'),
    "evidence": Field(RefTo("figure", "chart", many=True), "figure or chart ids",
                      example="[fig-poll, chart-poll]"),
    "notes": NOTES,
    "source": SOURCE_REF,
}, shorthand="title", doc="A concern, constraint or response: text (its title), or a mapping.")


def _table_post(values, node, ctx, path):
    cols = values.get("columns", ())
    for i, row in enumerate(values.get("rows", ())):
        if len(row) != len(cols):
            rnode = node.get("rows").items[i]
            return ctx.error(rnode, f"{path}.rows[{i}]", f"found {len(row)} cells for "
                             f"{len(cols)} columns; allowed: one cell per column")
    return values


def _table(columns, rows, loc, notes="", source=()):
    return m.Table(columns, rows)


def _quote(text, loc, by="", notes="", source=()):
    return m.Quote(text, by)


class Cell(Type):
    """A table cell: any scalar, kept exactly as written."""

    describe = "text or a number"

    def convert(self, node, ctx, path):
        if node.kind != "scalar":
            return ctx.wrong(node, path, "text or a number in each cell")
        if len(node.text) > MAX_TEXT:
            return ctx.error(node, path, f"found text of {len(node.text):,} characters; allowed: "
                             f"at most {MAX_TEXT:,} characters in one cell")
        return clean_text(node.text)

    def json_schema(self, defs):
        return {"type": ["string", "number", "boolean", "null"]}


TABLE = Record("table", _table, {
    "columns": Field(ListOf(Text(), min_items=1), "column headings", required=True,
                     example="[Term, Range]"),
    "rows": Field(ListOf(ListOf(Cell())), "rows of cells, one cell per column", required=True,
                  example='[[remote, "0-5 %"], [unlikely, "25-35 %"]]'),
    "notes": NOTES,
    "source": SOURCE_REF,
}, post=_table_post, doc="A table on a slide: headings and rows of cells.")

QUOTE = Record("quote", _quote, {
    "text": Field(Text(), "the quotation", required=True,
                  example="Seoul is highly unlikely to send troops"),
    "by": Field(Text(), "who said it", example="RUSI commentary (2024)"),
    "notes": NOTES,
    "source": SOURCE_REF,
}, shorthand="text", doc="A quotation set large: text, or `{text, by}`.")


#: The most pixels a picture may have (a 10,000 × 8,000 photo); the size is read from
#: the header, so a small file that would inflate to gigabytes is refused unread.
MAX_PIXELS = 80_000_000


class ImagePath(ContentPath):
    """A picture file inside the content folder that deckgen can place on a slide."""

    def __init__(self) -> None:
        super().__init__(IMAGE_SUFFIXES)

    def convert(self, node, ctx, path):
        if node.kind != "scalar" or node.is_null:
            return ctx.wrong(node, path, self.describe)
        text = node.text.strip()
        target = resolve_inside(text, node, ctx, path)
        if target is INVALID:
            return INVALID
        if target.suffix.lower() == ".svg":
            # drawn here (resvg), so a file it cannot draw stops the load, not the build
            try:
                check_svg(target, ctx.folder)
            except SvgError as exc:
                return ctx.error(node, path, f"found the SVG file '{text}', {exc.found}; "
                                 f"allowed: {exc.allowed}")
            return target
        if target.suffix.lower() not in IMAGE_SUFFIXES:
            return ctx.error(node, path, f"found the file '{text}'; allowed: "
                             f"{one_of(IMAGE_SUFFIXES)} files")
        from PIL import Image, UnidentifiedImageError
        kind = target.suffix.lstrip('.').upper()
        cut = ""
        try:
            # the header is what the deck writer reads (for the size); a file
            # that has none would stop the build with a traceback
            with Image.open(target) as im:
                width, height = im.size
                if width * height > MAX_PIXELS:   # a decompression bomb, or a poster scan
                    return ctx.error(node, path, f"found the picture '{text}' of {width:,} × "
                                     f"{height:,} pixels; allowed: at most {MAX_PIXELS:,} pixels "
                                     "(scale it down in an image program)")
                cut = " (it may be cut short)"     # the header is fine; now the data
                im.verify()     # every chunk present, with a right checksum (PNG)
            if kind in ("JPG", "JPEG", "GIF", "BMP", "TIF", "TIFF"):
                with Image.open(target) as im:   # a cut-off file fails to decode
                    im.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                    im.load()
        except Image.DecompressionBombError:
            return ctx.error(node, path, f"found the picture '{text}', which would unpack to "
                             f"far more pixels than it should; allowed: at most "
                             f"{MAX_PIXELS:,} pixels (scale it down in an image program)")
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
            return ctx.error(node, path, f"found the file '{text}', but it is not a picture "
                             f"deckgen can read{cut}; allowed: a {kind} "
                             "file saved by an image program")
        return target

_LAYOUT_KEYS = {"chart": "chart", "figure": "figure", "image": "image",
                "table": "table", "quote": "quote", "two-column": "left", "bullets": "points",
                "full-image": "image"}

# keys that belong to some layouts only: a column heading on a bullets slide is a mistake
_LAYOUT_ONLY = {"left_title": ("two-column",), "right_title": ("two-column",),
                "caption": ("image", "full-image"), "credit": ("image", "full-image")}


class Minutes(Type):
    """A time in minutes: a number above 0, at most a day."""

    describe = "a number of minutes above 0, such as 5 or 2.5"

    def convert(self, node, ctx, path):
        value = read_number(node)
        if value is None or not 0 < value <= 1440:
            return ctx.wrong(node, path, "a number of minutes above 0 and at most 1440, "
                             "such as 5 or 2.5")
        return value

    def json_schema(self, defs):
        return {"type": "number", "exclusiveMinimum": 0, "maximum": 1440}

    def doc_type(self):
        return "minutes (a number above 0)"


def _slide_post(values, node, ctx, path):
    layout = values.get("layout")
    if not layout:
        for name in ("chart", "figure", "image", "table", "quote"):
            if name in values:
                layout = name
                break
        else:
            layout = "two-column" if ("left" in values or "right" in values) else "bullets"
    need = _LAYOUT_KEYS[layout]
    if need not in values and not (layout == "two-column" and "right" in values):
        if layout == "bullets" and ("title" in values):
            pass  # a title-only slide is allowed: a section break
        else:
            return ctx.error(node, path, f"the key '{need}' is missing; allowed: a slide with "
                             f"layout '{layout}' needs '{need}'")
    if layout in ("image", "full-image") and not values.get("alt"):
        return ctx.error(node, path, "the key 'alt' is missing; allowed: an image slide needs "
                         "'alt', a sentence saying what the picture shows")
    for key, layouts in _LAYOUT_ONLY.items():
        if key in values and layout not in layouts:
            return ctx.error(node.get(key), f"{path}.{key}", f"found '{key}' on a slide with "
                             f"layout '{layout}'; allowed: '{key}' on {' or '.join(layouts)} "
                             "slides")
    if values.get("alt") and "image" in values:
        alt = values["alt"]
        if alt.lower() == Path(alt).name.lower() and Path(alt).suffix.lower() in IMAGE_SUFFIXES:
            return ctx.error(node.get("alt"), f"{path}.alt", f"found the file name '{alt}'; "
                             "allowed: a sentence saying what the picture shows")
    values["layout"] = layout
    return values


def _slide_rules() -> dict:
    """Return the JSON Schema form of what ``_slide_post`` checks across keys."""
    rules = [{"if": {"properties": {"layout": {"const": layout}}, "required": ["layout"]},
              "then": {"required": [need]}}
             for layout, need in _LAYOUT_KEYS.items() if layout not in ("two-column", "bullets")]
    rules.append({"if": {"properties": {"layout": {"const": "two-column"}},
                         "required": ["layout"]},
                  "then": {"anyOf": [{"required": ["left"]}, {"required": ["right"]}]}})
    rules.append({"if": {"properties": {"layout": {"const": "image"}}, "required": ["layout"]},
                  "then": {"required": ["alt"]}})
    rules.append({"if": {"properties": {"layout": {"const": "full-image"}},
                         "required": ["layout"]},
                  "then": {"required": ["alt"]}})
    content = ("title", "points", "left", "right", "chart", "figure", "image", "table", "quote")
    return {"dependentRequired": {"image": ["alt"]}, "allOf": rules,
            "anyOf": [{"required": [k]} for k in content]}


SLIDE = Record("slide", m.Slide, {
    "title": Field(Text(), "slide title", example="Two different questions"),
    "layout": Field(Enum(*LAYOUTS), "slide layout; left out, it follows from the keys",
                    example="two-column"),
    "points": Field(POINTS, "bullets", example="[First point, Second point]"),
    "left": Field(POINTS, "left column (two-column)", example="[Likelihood, About the world]"),
    "right": Field(POINTS, "right column (two-column)",
                   example="[Confidence, About the evidence]"),
    "chart": Field(RefTo("chart"), "a chart id", example="chart-poll"),
    "figure": Field(RefTo("figure"), "a figure id", example="fig-shells"),
    "image": Field(ImagePath(), "a picture (PNG, JPEG, GIF, BMP, TIFF or SVG) inside the "
                   "content folder, scaled to fit without distortion", example="images/map.png"),
    "alt": Field(Text(), "what the image shows (required with an image)",
                 example="Map of the Korean peninsula with the border marked"),
    "table": Field(TABLE, "{columns, rows}", example="{columns: [A, B], rows: [[1, 2]]}"),
    "quote": Field(QUOTE, "{text, by}", example="{text: Words matter, by: Sherman Kent}"),
    "keep": Field(Enum("together"), "'together': keep the slide's points on one slide when they "
                  "fit at the theme's minimum size (deckgen build --report says when not)",
                  example="together"),
    "left_title": Field(Text(), "heading over the left column (two-column)", example="For"),
    "right_title": Field(Text(), "heading over the right column (two-column)",
                         example="Against"),
    "hidden": Field(Bool(), "true: a hidden slide (kept for questions; PowerPoint skips it in "
                    "the show), left out of the slide handouts", example="true"),
    "caption": Field(Text(), "a line about the picture, under it (image, full-image)",
                     example="The demilitarised zone seen from the south"),
    "credit": Field(Text(), "who made the picture, set small at its edge (image, full-image)",
                    example='"Photo: Jane Doe, CC BY 4.0"'),
    "duration": Field(Minutes(), "minutes to spend on this slide, said in its speaker notes "
                      "and the run sheet", example="3"),
    "notes": NOTES,
    "source": SOURCE_REF,
}, post=_slide_post, doc="A free slide. Its layout follows from its keys (`chart`, `figure`, "
   "`image`, `table`, `quote`, `left`/`right`, else bullets) or is named in `layout`; an image "
   "needs `alt`. `full-image` fills the slide with the picture, the title on a band.",
   json_extra=_slide_rules())

SECTION = Record("section", m.Section, {
    "title": Field(Text(), "section title", required=True, example="The yardstick"),
    "slides": Field(ListOf(SLIDE), "the slides",
                    example="[{title: Why it matters, points: [One, Two]}]"),
    "duration": Field(Minutes(), "minutes for the whole section, said in its opening slide's "
                      "notes and the run sheet", example="10"),
    "notes": NOTES,
    "source": SOURCE_REF,
}, doc="A section of free slides; its title opens it.")


def _scalar_text(node: Node) -> str:
    return clean_text(node.text) if node.kind == "scalar" and not node.is_null else ""


def _near_option(text: str, options) -> str:
    """Return "did you mean 'Blue'?" for the option nearest to text, ignoring case."""
    import difflib
    lower = {o.lower(): o for o in options}
    near = difflib.get_close_matches(text.lower(), list(lower), n=1, cutoff=0.6)
    return f"did you mean '{lower[near[0]]}'?" if near else ""


def _question_post(values, node, ctx, path):
    qtype = values.get("type")
    if qtype is None:
        return values
    answer = values.get("answer")
    options = values.get("options", ())
    apath = f"{path}.answer"
    if answer is None:
        if qtype == "order" and options:
            values["answer"] = tuple(options)
            return values
        return ctx.error(node, path, f"the key 'answer' is missing; allowed: a '{qtype}' "
                         "question needs 'answer'")
    points = values.get("points")
    if points is not None and points <= 0:
        return ctx.error(node.get("points"), f"{path}.points", f"found {node.get('points').text}; "
                         "allowed: a number of marks above 0")
    if options and qtype in ("numeric", "short", "match"):
        return ctx.error(node.get("options"), f"{path}.options", f"found options for a '{qtype}' "
                         "question; allowed: options only for 'choice', 'multi', 'true-false' and "
                         "'order' questions")
    twice = next((o for i, o in enumerate(options) if o in options[:i]), None)
    if twice is not None:
        return ctx.error(node.get("options"), f"{path}.options", f"found '{twice}' twice; "
                         "allowed: different options")
    if qtype == "true-false" and options and sorted(o.lower() for o in options) != ["false", "true"]:
        return ctx.error(node.get("options"), f"{path}.options", f"found {one_of(options)}; "
                         "allowed: 'True' and 'False', or no options")

    def text_in_options(n: Node, p: str):
        t = _scalar_text(n)
        if not t:
            return ctx.wrong(n, p, "an option's text")
        if t not in options:
            return ctx.error(n, p, f"found '{t}', which is not among the options; allowed: "
                             f"{one_of(options)}", _near_option(t, options))
        return t

    if qtype in ("choice", "multi") and len(options) < 2:
        return ctx.error(node, path, f"found {len(options)} options; allowed: a '{qtype}' "
                         "question needs at least two options")
    if qtype == "choice":
        if answer.kind != "scalar":
            return ctx.wrong(answer, apath, "one option's text")
        result = text_in_options(answer, apath)
    elif qtype == "multi":
        nodes = answer.items if answer.kind == "seq" else [answer]
        if not nodes:
            return ctx.error(answer, apath, "found no right answer; allowed: a list of one or "
                             "more options' texts")
        got = [text_in_options(n, f"{apath}[{i}]") for i, n in enumerate(nodes)]
        result = INVALID if INVALID in got else tuple(got)
        twice = next((i for i, t in enumerate(got) if t is not INVALID and t in got[:i]), None)
        if result is not INVALID and twice is not None:
            return ctx.error(nodes[twice], f"{apath}[{twice}]", f"found '{got[twice]}' twice; "
                             "allowed: each right option once")
    elif qtype == "true-false":
        result = Bool().convert(answer, ctx, apath)
    elif qtype == "numeric":
        result = NumberOrRange().convert(answer, ctx, apath)
    elif qtype == "short":
        result = ListOf(Text(), single=True, min_items=1).convert(answer, ctx, apath)
    elif qtype == "order":
        result = ListOf(Text(), min_items=2).convert(answer, ctx, apath)
        if result is not INVALID and options and sorted(result) != sorted(options):
            extra = [t for t in dict.fromkeys(result) if t not in options]
            missing = [o for o in options if o not in result]
            twice = [t for t in dict.fromkeys(result) if result.count(t) > 1]
            found = "; ".join(part for part in (
                extra and f"{one_of(extra)} {'is' if len(extra) == 1 else 'are'} not an option",
                twice and f"{one_of(twice)} twice",
                missing and f"{one_of(missing)} missing") if part)
            return ctx.error(answer, apath, f"found an order whose items differ from the "
                             f"options ({found}); allowed: the options, each once, in the right "
                             "order", _near_option(extra[0], missing) if extra and missing else "")
        if result is not INVALID and not options:
            values["options"] = tuple(result)
    else:  # match
        if answer.kind != "map" or len(answer.items) < 2:
            return ctx.wrong(answer, apath, "a mapping of at least two pairs {left: right}")
        pairs = {}
        for k, v in answer.items:
            right = _scalar_text(v)
            if not right:
                return ctx.wrong(v, f"{apath}.{k.text}", "text")
            pairs[clean_text(k.text)] = right
        result = pairs
    if result is INVALID:
        return INVALID
    values["answer"] = result
    return values


def _question_rules() -> dict:
    """Return the JSON Schema form of the answer each question type takes.

    The loader's ``_question_post`` is the full check (an answer must be
    among the options, an order must use every option); this is the part of
    it an editor can show while typing.
    """
    def when(qtype: str, then: dict) -> dict:
        return {"if": {"properties": {"type": {"const": qtype}}, "required": ["type"]},
                "then": then}
    text = Text().json_schema({})
    options = {"options": {"type": "array", "minItems": 2}}
    return {"allOf": [
        when("choice", {"required": ["options", "answer"], "properties": {
            **options, "answer": text}}),
        when("multi", {"required": ["options", "answer"], "properties": {
            **options, "answer": {"anyOf": [text, {"type": "array", "items": text,
                                                   "minItems": 1}]}}}),
        when("true-false", {"required": ["answer"], "properties": {
            "answer": Bool().json_schema({})}}),
        when("numeric", {"required": ["answer"], "properties": {
            "answer": {"anyOf": [number_schema(), range_schema()]}}}),
        when("short", {"required": ["answer"], "properties": {
            "answer": {"anyOf": [text, {"type": "array", "items": text, "minItems": 1}]}}}),
        when("order", {"anyOf": [{"required": ["answer"]}, {"required": ["options"]}],
                       "properties": {"answer": {"type": "array", "items": text,
                                                 "minItems": 2}}}),
        when("match", {"required": ["answer"], "properties": {
            "answer": {"type": "object", "minProperties": 2,
                       "additionalProperties": text}}}),
    ]}


QUESTION = Record("question", m.Question, {
    "type": Field(Enum(*QUESTION_TYPES), "question type", required=True, example="choice"),
    "prompt": Field(Text(), "the question", required=True,
                    example="Which PHIA term covers 40-50 %?"),
    "options": Field(ListOf(Text()), "choices (choice, multi, order)",
                     example="[unlikely, realistic possibility, likely]"),
    "answer": Field(Any_(), "the right answer; its form depends on the type: an option's "
                    "text (choice), a list of them (multi), true or false (true-false), a "
                    "number or [low, high] (numeric), a text or list of texts (short), the "
                    "options in order (order), a mapping {left: right} (match)",
                    example="realistic possibility"),
    "explanation": Field(Text(), "shown in the answer key",
                         example="On the PHIA yardstick it is 40-50 %."),
    "points": Field(Number(), "marks", example="2"),
    "notes": NOTES,
    "source": SOURCE_REF,
}, post=_question_post, doc="An authored quiz question.", json_extra=_question_rules())

QUIZ = Record("quiz", m.Quiz, {
    "title": Field(Text(), "quiz title", example="Quick check"),
    "auto": Field(Bool(), "add questions generated from the content (default true)",
                  example="false"),
    "count": Field(Int(1), "at most this many questions", example="10"),
    "seed": Field(Int(0), "makes shuffling repeatable", example="7"),
    "questions": Field(ListOf(QUESTION), "authored questions",
                       example='[{type: true-false, prompt: "Likelihood is confidence.", '
                               'answer: false}]'),
    "notes": NOTES,
    "source": SOURCE_REF,
}, doc="The quiz that goes with the deck.")

#: Blocks the composer may continue over slides, so ``keep`` may name them.
KEEP_BLOCKS = ("bluf", "context", "figures", "timeline", "concerns", "constraints", "responses",
               "outlook", "objectives", "discussion")


def _keep(**kw):
    kw.pop("loc", None)
    return tuple(b for b in KEEP_BLOCKS if kw.get(b) == "together")


KEEP = Record("keep", _keep, {
    b: Field(Enum("together"), f"'together': keep '{b}' on one slide when it fits at the "
             "theme's minimum sizes", example="together") for b in KEEP_BLOCKS
}, doc="Blocks to keep on one slide (`concerns: together`). The composer then picks the "
   "variant and sizes (never below the theme's minimums) that hold the whole block on one "
   "slide; when none can, the block continues and `deckgen build --report` says so.")

#: Blocks whose built-in slide title a ``headlines`` entry may replace.
HEADLINE_BLOCKS = ("agenda", "question", "bluf", "context", "figures", "timeline", "concerns",
                   "constraints", "responses", "outlook", "objectives", "discussion", "sources")
#: Blocks a ``durations`` entry may time (sections and free slides take ``duration``).
DURATION_BLOCKS = ("title", "agenda", "objectives", "question", "bluf", "context", "figures",
                   "charts", "timeline", "concerns", "constraints", "responses", "outlook",
                   "discussion", "sources", "quiz")


def _mapping(**kw):
    kw.pop("loc", None)
    return kw


HEADLINES = Record("headlines", _mapping, {
    b: Field(Text(), f"the title of the '{b}' slides, replacing the built-in one",
             example="Two worries shape every ally's planning") for b in HEADLINE_BLOCKS
}, doc="Action titles for storyline blocks (`concerns: Two worries shape every ally's "
   "planning`), replacing the built-in labels; continued slides add (2/2).")

DURATIONS = Record("durations", _mapping, {
    b: Field(Minutes(), f"minutes for the '{b}' block, said in the notes of its first slide",
             example="5") for b in DURATION_BLOCKS
}, doc="Minutes per storyline block (`concerns: 5`). The time is said in the speaker notes of "
   "the block's first slide, and `deckgen build --report` prints the run sheet.")

TOP: dict[str, Field] = {
    "kind": Field(Enum("briefing", "lecture"), "picks the default storyline", example="lecture"),
    "title": Field(Text(), "deck title", required=True, example="Reading a Strategic Assessment"),
    "subtitle": Field(Text(), "subtitle", example="Probability language and evidence"),
    "authors": Field(ListOf(Text(), single=True), "author or authors, on the title slide",
                     example="[Ada Analyst, Ben Lecturer]"),
    "organisation": Field(Text(), "organisation, on the title slide", example="Department of War Studies"),
    "date": Field(Date(), "the deck's date, on the title slide", example='"2025-03"'),
    "classification": Field(Text(), "banner on every slide and page", example="OFFICIAL"),
    "language": Field(Pattern(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,7}$",
                              "a BCP 47 language tag such as en-GB or ko-KR"),
                      "language of the deck's text (default en-GB)",
                      example="en-GB"),
    "theme": Field(Text(), "a built-in theme's name, or a path to a theme .yaml file; "
                   "deckgen build --theme wins", example="default"),
    "yardstick": Field(Enum(*YARDSTICKS), "probability scale for likelihood words",
                       example="phia"),
    "question": Field(Text(), "the question the briefing answers",
                      example="How is Seoul likely to respond?"),
    "bluf": Field(ListOf(JUDGEMENT), "key judgements",
                  example="[{text: Seoul sends troops, likelihood: highly unlikely}]"),
    "context": Field(ListOf(POINT), "background", example="[A background point]"),
    "figures": Field(ListOf(FIGURE), "key numbers",
                     example="[{id: fig-poll, label: Against lethal aid, value: 74.2, "
                             'unit: "%"}]'),
    "charts": Field(ListOf(CHART), "charts, shown where referenced, the rest after figures",
                    example="[{id: chart-poll, data: {Oppose: 74.2, Favour: 20.5}}]"),
    "timeline": Field(ListOf(EVENT), "dated events, drawn as a timeline",
                      example='[{date: "2024-06", text: Treaty signed}]'),
    "concerns": Field(ListOf(ITEM), "what worries the subject",
                      example="[{title: Troops in Ukraine, impact: high}]"),
    "constraints": Field(ListOf(ITEM), "what limits its options",
                         example="[Voters reject lethal aid]"),
    "responses": Field(ListOf(ITEM), "likely responses",
                       example="[{title: Defensive systems first, likelihood: likely}]"),
    "outlook": Field(ListOf(POINT), "conclusion", example="[What to watch next]"),
    "objectives": Field(ListOf(Text()), "learning objectives",
                        example="[Read a PHIA term as a range]"),
    "sections": Field(ListOf(SECTION), "free-form slides",
                      example="[{title: Basics, slides: [{title: One, points: [x]}]}]"),
    "discussion": Field(ListOf(Text()), "seminar questions",
                        example='["Should assessments give numbers?"]'),
    "sources": Field(ListOf(SOURCE), "the works the content cites", example="[{id: kent-1964, title: Words of "
                                                        "Estimative Probability}]"),
    "quiz": Field(QUIZ, "the quiz", example="{auto: true, count: 5}"),
    "outline": Field(ListOf(Enum(*BLOCKS)), "the order of the blocks, replacing the "
                     "storyline's",
                     example="[title, objectives, sections, sources]"),
    "keep": Field(KEEP, "blocks to keep on one slide", example="{timeline: together}"),
    "agenda": Field(Bool(), "true: an agenda slide after the title (and the objectives) "
                    "listing the sections and main blocks", example="true"),
    "headlines": Field(HEADLINES, "action titles replacing the blocks' built-in titles",
                       example="{concerns: Two worries shape every ally's planning}"),
    "durations": Field(DURATIONS, "minutes per storyline block", example="{concerns: 5}"),
    "labels": Field(LABELS, "deckgen's own words in other wording, replacing the "
                    "language's", example='{bluf: Bottom line up front, page: "p. {n}/{total}"}'),
}


def _content(**kw):
    kw.pop("loc")
    return kw


TOP_RECORD = Record("content file", _content, TOP, doc="The top level of a content file.")

REFERENCE_INTRO = """\
# Content reference

<!-- Generated by `deckgen schema --markdown` from the declarations the loader
     uses (deckgen/content/loader.py, deckgen/content/course.py); edit those, not this file. -->

Every key deckgen reads, with its type, what it means and an example. What
the keys are for, and the rules that span several keys (ids, storylines,
likelihoods), are in [content-format.md](content-format.md). The same
declarations give the JSON Schema that `deckgen schema` prints, so an editor
can complete keys and flag mistakes as you type (see the README).

Where a type says *text*, inline `**bold**`, `*italic*` and `[label](https://...)`
are allowed. Any key may be left empty unless it is required.
"""


def content_json_schema() -> dict:
    """Return the JSON Schema (draft 2020-12) of a content file."""
    return json_schema_document(
        TOP_RECORD, "deckgen content file",
        "One YAML file that deckgen turns into a deck, handouts and a quiz. Generated by "
        "'deckgen schema'. The schema checks each key's shape; deckgen also checks what "
        "spans keys: ids and references, likelihood words of the chosen yardstick, files and "
        "the data in them.")


def load(path: Path | str, display: str | None = None) -> m.Content:
    """Read and validate one content file.

    Returns the :class:`~deckgen.model.Content`. Raises
    :class:`~deckgen.errors.ErrorList` with every problem found.
    """
    path = Path(path)
    file = display or str(path)
    root = read_yaml(path, file)
    ctx = Ctx(file=file, folder=path.parent)
    if root.kind != "map":
        raise ErrorList([ContentError(f"found {root.describe()} at the top of the file; "
                                      "allowed: a mapping of keys such as 'title:'", root.loc)])
    ynode = root.get("yardstick")
    if ynode is not None:
        ys = Enum(*YARDSTICKS).convert(ynode, Ctx(file, path.parent), "yardstick")
        if ys is not INVALID:
            ctx.yardstick = ys
    values = TOP_RECORD.convert(root, ctx, "")
    _check_refs(ctx)
    if values is not INVALID:
        _check_outline(values, root, ctx)
    if ctx.errors:
        ctx.errors.sort(key=lambda e: (e.loc.line, e.loc.col) if e.loc else (0, 0))
        raise ErrorList(ctx.errors)
    values["file"] = path
    values["locs"] = {k.text: v.loc for k, v in root.items}
    return m.Content(**values)


def _check_refs(ctx: Ctx) -> None:
    for ref, kinds in ctx.refs:
        found = ctx.ids.get(ref.id)
        if found is not None and found[0] in kinds:
            continue
        what = " or ".join(kinds)
        candidates = sorted(i for i, (k, _) in ctx.ids.items() if k in kinds)
        allowed = one_of(candidates) if candidates else f"no {what} ids are defined"
        if found is not None:
            msg = f"found '{ref.id}', which is the id of a {found[0]}, not of a {what}"
        else:
            msg = f"found '{ref.id}', which is not the id of any {what}"
        ctx.errors.append(ContentError(f"{msg}; allowed: {allowed}", ref.loc, ref.path,
                                       did_you_mean(ref.id, candidates)))


def _check_outline(values: dict, root: Node, ctx: Ctx) -> None:
    onode = root.get("outline")
    for i, name in enumerate(values.get("outline", ())):
        present = name in ("title", "agenda") or bool(values.get(name))
        if not present:
            ctx.errors.append(ContentError(
                f"found '{name}', but the file has no '{name}' block; allowed: blocks the "
                "file has", onode.items[i].loc, f"outline[{i}]"))

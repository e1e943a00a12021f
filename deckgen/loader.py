"""The content format: key declarations, cross-checks and :func:`load`.

The keys and their meanings follow ``spec/content-format.md`` (the contract
with users' files). Every problem in a file is collected and raised at once
as an :class:`~deckgen.errors.ErrorList`.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from . import model as m
from .errors import ContentError, ErrorList, Loc, did_you_mean, one_of
from .schema import (INVALID, Any_, Bool, ContentPath, Ctx, Date, Enum, Field, Id, Int,
                     ListOf, Number, NumberOrRange, Pattern, Record, RefTo, Text, Type,
                     clean_text, read_number, resolve_inside)
from .yamlsafe import Node, read_yaml
from .yardstick import YARDSTICKS, parse_likelihood, words

IMPACTS = ("low", "medium", "high", "critical")
CONFIDENCE = ("low", "moderate", "high")
CHART_TYPES = ("bar", "column", "stacked", "pie", "doughnut", "line", "range")
LAYOUTS = ("bullets", "two-column", "chart", "figure", "image", "table", "quote")
QUESTION_TYPES = ("choice", "multi", "true-false", "numeric", "short", "order", "match")
BLOCKS = ("title", "question", "bluf", "context", "figures", "charts", "timeline",
          "concerns", "constraints", "responses", "outlook", "objectives", "sections",
          "discussion", "sources", "quiz")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff")


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
            return ctx.wrong(node, path, allowed, did_you_mean(node.text, words(ctx.yardstick)))
        return result

    @staticmethod
    def _allowed(ctx: Ctx) -> str:
        return (f"a word of the {ctx.yardstick} yardstick ({one_of(words(ctx.yardstick))}) "
                "or a probability such as 0.3, '30%' or '25-35%'")


SOURCE_REF = Field(RefTo("source", many=True), "a source id, or a list of them")
NOTES = Field(Text(), "speaker notes")

_point_fields: dict[str, Field] = {}
POINT = Record("point", m.Point, _point_fields, shorthand="text",
               doc="text, or a mapping with nested points")
_point_fields.update({
    "text": Field(Text(), "the point", required=True),
    "points": Field(ListOf(POINT), "nested points"),
    "notes": NOTES,
    "source": SOURCE_REF,
})
POINTS = ListOf(POINT, single=True)

SOURCE = Record("source", m.Source, {
    "id": Field(Id("source"), "the id other blocks cite", required=True),
    "title": Field(Text(), "title of the work"),
    "author": Field(Text(), "author or authors"),
    "publisher": Field(Text(), "publisher"),
    "date": Field(Date(), "publication date"),
    "url": Field(Pattern(r"^(https?://|mailto:)\S+$", "a web address starting https://"),
                 "web address"),
    "notes": NOTES,
    "source": SOURCE_REF,
})

JUDGEMENT = Record("judgement", m.Judgement, {
    "text": Field(Text(), "the judgement", required=True),
    "likelihood": Field(LikelihoodType(), "how likely, on the yardstick"),
    "confidence": Field(Enum(*CONFIDENCE), "analytic confidence"),
    "notes": NOTES,
    "source": SOURCE_REF,
}, shorthand="text")

FIGURE = Record("figure", m.Figure, {
    "id": Field(Id("figure"), "the id charts, items and slides use", required=True),
    "label": Field(Text(), "what the number counts"),
    "value": Field(NumberOrRange(), "a number or [low, high]", required=True),
    "unit": Field(Text(), "unit shown after the number"),
    "as_of": Field(Date(), "when the number was true"),
    "notes": NOTES,
    "source": SOURCE_REF,
})


class ChartDataType(Type):
    """Chart data in any of the spec's four shapes, made into :class:`ChartData`."""

    describe = ("a mapping {label: number}, {label: [low, high]}, "
                "{categories: [...], series: {name: [numbers]}} or {csv: path}")

    def convert(self, node, ctx, path):
        if node.kind != "map" or not node.items:
            return ctx.wrong(node, path, self.describe)
        keys = [k.text for k, _ in node.items]
        if keys == ["csv"]:
            return self._csv(node.get("csv"), ctx, f"{path}.csv")
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

    def _csv(self, node, ctx, path):
        target = ContentPath((".csv",)).convert(node, ctx, path)
        if target is INVALID:
            return INVALID
        name = node.text.strip()
        try:
            text = target.read_text(encoding="utf-8-sig")
        except (UnicodeDecodeError, OSError):
            return ctx.error(node, path, f"the file '{name}' cannot be read as UTF-8 CSV; "
                             "allowed: a UTF-8 CSV file")
        rows = [r for r in csv.reader(io.StringIO(text)) if any(c.strip() for c in r)]
        if len(rows) < 2 or len(rows[0]) < 2:
            return ctx.error(node, path, f"found {len(rows)} rows in '{name}'; allowed: a header "
                             "row and at least one data row, with a label column and a number column")
        header = [h.strip() for h in rows[0]]
        cats, cols = [], [[] for _ in header[1:]]
        for r, row in enumerate(rows[1:], start=2):
            cats.append(clean_text(row[0]))
            for c in range(1, len(header)):
                cell = row[c].strip() if c < len(row) else ""
                v = read_number(Node("scalar", Loc(name, r, c + 1), text=cell))
                if v is None:
                    return ctx.error(Loc(str(target), r, c + 1), path,
                                     f"found '{cell}' in column '{header[c]}' of '{name}'; "
                                     "allowed: a number in every cell after the label column")
                cols[c - 1].append(v)
        lower = [h.lower() for h in header[1:]]
        if lower == ["low", "high"]:
            pairs = tuple(zip(cols[0], cols[1]))
            return m.ChartData(tuple(cats), (m.Series("", pairs),), ranges=True)
        return m.ChartData(tuple(cats), tuple(m.Series(h, tuple(col))
                                              for h, col in zip(header[1:], cols)))


def _chart_post(values, node, ctx, path):
    data = values.get("data")
    ctype = values.get("type", "")
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
    return values


CHART = Record("chart", m.Chart, {
    "id": Field(Id("chart"), "the id items and slides use", required=True),
    "type": Field(Enum(*CHART_TYPES), "chart type; left out, one is picked from the data"),
    "title": Field(Text(), "chart title"),
    "unit": Field(Text(), "unit of the values"),
    "data": Field(ChartDataType(), "the numbers", required=True),
    "takeaway": Field(Text(), "the one-line message; the slide's headline"),
    "notes": NOTES,
    "source": SOURCE_REF,
}, post=_chart_post)

EVENT = Record("event", m.Event, {
    "date": Field(Date(), "when", required=True),
    "text": Field(Text(), "what happened", required=True),
    "notes": NOTES,
    "source": SOURCE_REF,
})

ITEM = Record("item", m.Item, {
    "id": Field(Id("item"), "an id for this item"),
    "title": Field(Text(), "short title", required=True),
    "detail": Field(Text(), "one or two sentences"),
    "points": Field(POINTS, "supporting points"),
    "impact": Field(Enum(*IMPACTS), "how much it matters"),
    "likelihood": Field(LikelihoodType(), "how likely (responses)"),
    "evidence": Field(RefTo("figure", "chart", many=True), "figure or chart ids"),
    "notes": NOTES,
    "source": SOURCE_REF,
}, shorthand="title")


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
        return clean_text(node.text)


TABLE = Record("table", _table, {
    "columns": Field(ListOf(Text(), min_items=1), "column headings", required=True),
    "rows": Field(ListOf(ListOf(Cell())), "rows of cells", required=True),
    "notes": NOTES,
    "source": SOURCE_REF,
}, post=_table_post)

QUOTE = Record("quote", _quote, {
    "text": Field(Text(), "the quotation", required=True),
    "by": Field(Text(), "who said it"),
    "notes": NOTES,
    "source": SOURCE_REF,
}, shorthand="text")

_LAYOUT_KEYS = {"chart": "chart", "figure": "figure", "image": "image",
                "table": "table", "quote": "quote", "two-column": "left", "bullets": "points"}


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
    if layout == "image" and not values.get("alt"):
        return ctx.error(node, path, "the key 'alt' is missing; allowed: an image slide needs "
                         "'alt', a sentence saying what the picture shows")
    if values.get("alt") and "image" in values:
        alt = values["alt"]
        if alt.lower() == Path(alt).name.lower() and Path(alt).suffix.lower() in IMAGE_SUFFIXES:
            return ctx.error(node.get("alt"), f"{path}.alt", f"found the file name '{alt}'; "
                             "allowed: a sentence saying what the picture shows")
    values["layout"] = layout
    return values


SLIDE = Record("slide", m.Slide, {
    "title": Field(Text(), "slide title"),
    "layout": Field(Enum(*LAYOUTS), "slide layout; left out, it follows from the keys"),
    "points": Field(POINTS, "bullets"),
    "left": Field(POINTS, "left column (two-column)"),
    "right": Field(POINTS, "right column (two-column)"),
    "chart": Field(RefTo("chart"), "a chart id"),
    "figure": Field(RefTo("figure"), "a figure id"),
    "image": Field(ContentPath(IMAGE_SUFFIXES), "an image file inside the content folder"),
    "alt": Field(Text(), "what the image shows"),
    "table": Field(TABLE, "{columns, rows}"),
    "quote": Field(QUOTE, "{text, by}"),
    "notes": NOTES,
    "source": SOURCE_REF,
}, post=_slide_post)

SECTION = Record("section", m.Section, {
    "title": Field(Text(), "section title", required=True),
    "slides": Field(ListOf(SLIDE), "the slides"),
    "notes": NOTES,
    "source": SOURCE_REF,
})


def _scalar_text(node: Node) -> str:
    return clean_text(node.text) if node.kind == "scalar" and not node.is_null else ""


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
    if len(set(options)) != len(options):
        return ctx.error(node.get("options"), f"{path}.options", "found the same option twice; "
                         "allowed: different options")

    def text_in_options(n: Node, p: str):
        t = _scalar_text(n)
        if not t:
            return ctx.wrong(n, p, "an option's text")
        if t not in options:
            return ctx.error(n, p, f"found '{t}', which is not among the options; allowed: "
                             f"{one_of(options)}", did_you_mean(t, options))
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
    elif qtype == "true-false":
        result = Bool().convert(answer, ctx, apath)
    elif qtype == "numeric":
        result = NumberOrRange().convert(answer, ctx, apath)
    elif qtype == "short":
        result = ListOf(Text(), single=True, min_items=1).convert(answer, ctx, apath)
    elif qtype == "order":
        result = ListOf(Text(), min_items=2).convert(answer, ctx, apath)
        if result is not INVALID and options and sorted(result) != sorted(options):
            return ctx.error(answer, apath, "found an order whose items differ from the "
                             "options; allowed: the options, each once, in the right order")
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


QUESTION = Record("question", m.Question, {
    "type": Field(Enum(*QUESTION_TYPES), "question type", required=True),
    "prompt": Field(Text(), "the question", required=True),
    "options": Field(ListOf(Text()), "choices (choice, multi, order)"),
    "answer": Field(Any_(), "the right answer; its form depends on the type"),
    "explanation": Field(Text(), "shown in the answer key"),
    "points": Field(Number(), "marks"),
    "notes": NOTES,
    "source": SOURCE_REF,
}, post=_question_post)

QUIZ = Record("quiz", m.Quiz, {
    "title": Field(Text(), "quiz title"),
    "auto": Field(Bool(), "add questions generated from the content (default true)"),
    "count": Field(Int(1), "at most this many questions"),
    "seed": Field(Int(0), "makes shuffling repeatable"),
    "questions": Field(ListOf(QUESTION), "authored questions"),
    "notes": NOTES,
    "source": SOURCE_REF,
})

TOP: dict[str, Field] = {
    "kind": Field(Enum("briefing", "lecture"), "picks the default storyline"),
    "title": Field(Text(), "deck title", required=True),
    "subtitle": Field(Text(), "subtitle"),
    "authors": Field(ListOf(Text(), single=True), "text or list of text"),
    "organisation": Field(Text(), "organisation"),
    "date": Field(Date(), "YYYY, YYYY-MM or YYYY-MM-DD"),
    "classification": Field(Text(), "banner on every slide and page"),
    "language": Field(Pattern(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$",
                              "a BCP 47 language tag such as en-GB or ko-KR"), "BCP 47 tag"),
    "theme": Field(Text(), "theme name or path"),
    "yardstick": Field(Enum(*YARDSTICKS), "probability scale for likelihood words"),
    "question": Field(Text(), "the question the briefing answers"),
    "bluf": Field(ListOf(JUDGEMENT), "key judgements"),
    "context": Field(ListOf(POINT), "background"),
    "figures": Field(ListOf(FIGURE), "key numbers"),
    "charts": Field(ListOf(CHART), "charts"),
    "timeline": Field(ListOf(EVENT), "events"),
    "concerns": Field(ListOf(ITEM), "what worries the subject"),
    "constraints": Field(ListOf(ITEM), "what limits its options"),
    "responses": Field(ListOf(ITEM), "likely responses"),
    "outlook": Field(ListOf(POINT), "conclusion"),
    "objectives": Field(ListOf(Text()), "learning objectives"),
    "sections": Field(ListOf(SECTION), "free-form slides"),
    "discussion": Field(ListOf(Text()), "seminar questions"),
    "sources": Field(ListOf(SOURCE), "sources"),
    "quiz": Field(QUIZ, "quiz"),
    "outline": Field(ListOf(Enum(*BLOCKS)), "block order"),
}


def _content(**kw):
    kw.pop("loc")
    return kw


TOP_RECORD = Record("content file", _content, TOP)


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
        present = name == "title" or bool(values.get(name))
        if not present:
            ctx.errors.append(ContentError(
                f"found '{name}', but the file has no '{name}' block; allowed: blocks the "
                "file has", onode.items[i].loc, f"outline[{i}]"))

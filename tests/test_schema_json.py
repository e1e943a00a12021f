"""The JSON Schema and the reference: generated from the loader's declarations, and agreeing with it.

An editor (yaml-language-server) reads YAML 1.2, so ``2024`` is a number and
``true`` a boolean there; :func:`editor_view` types scalars the same way
before validating, so these tests see what an editor sees.
"""

from __future__ import annotations

import json
import math
import re

import jsonschema
import pytest

from deckgen.cli.schema import render
from deckgen.content.course import COURSE_RECORD, course_json_schema, load_course
from deckgen.errors import ErrorList
from deckgen.content.loader import TOP_RECORD, content_json_schema, load
from deckgen.content.grammar import INVALID, Ctx, records
from deckgen.content.yamlsafe import parse_yaml, read_yaml

from .conftest import CONTENT, ROOT, SPEC_ONLY

LECTURES = [lec.path for lec in load_course(ROOT / "content" / "course" / "course.yaml").lectures]


def editor_view(node):
    """Return a node tree as JSON values typed by the YAML 1.2 core schema."""
    if node.kind == "map":
        return {k.text: editor_view(v) for k, v in node.items}
    if node.kind == "seq":
        return [editor_view(v) for v in node.items]
    t = node.text
    if not node.plain:
        return t
    if t in ("", "~", "null", "Null", "NULL"):
        return None
    if t in ("true", "True", "TRUE"):
        return True
    if t in ("false", "False", "FALSE"):
        return False
    if re.fullmatch(r"[-+]?[0-9]+", t):
        return int(t)
    if re.fullmatch(r"0o[0-7]+", t):
        return int(t[2:], 8)
    if re.fullmatch(r"0x[0-9a-fA-F]+", t):
        return int(t, 16)
    if re.fullmatch(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?", t):
        return float(t)
    if re.fullmatch(r"[-+]?\.(inf|Inf|INF)", t):
        return -math.inf if t.startswith("-") else math.inf
    return t


@pytest.fixture(scope="module")
def validator():
    schema = content_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def schema_errors(validator, path) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(editor_view(read_yaml(path)))]


def test_the_schema_is_draft_2020_12_with_a_description_on_every_key():
    schema = content_json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    bare = []

    def walk(node, where):
        # a mapping of known keys is an object that allows no other keys
        if isinstance(node, dict):
            if node.get("type") == "object" and node.get("additionalProperties") is False:
                bare.extend(f"{where}.{k}" for k, sub in node["properties"].items()
                            if not sub.get("description"))
            for k, v in node.items():
                walk(v, k if k not in ("anyOf", "allOf", "oneOf", "properties") else where)
        elif isinstance(node, list):
            for v in node:
                walk(v, where)

    walk(schema, "content file")
    assert bare == []
    # every key of every record the loader declares is in the schema
    for rec in records(TOP_RECORD):
        props = (schema if rec is TOP_RECORD else schema["$defs"][rec.slug])
        obj = props if "properties" in props else next(a for a in props["anyOf"] if "properties" in a)
        assert list(obj["properties"]) == list(rec.fields), rec.name


@pytest.mark.parametrize("path", CONTENT + SPEC_ONLY + LECTURES, ids=lambda p: p.name)
def test_every_example_and_fixture_is_valid_against_the_schema(validator, path):
    assert schema_errors(validator, path) == []


def test_the_course_file_is_valid_against_the_course_schema():
    schema = course_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    v = jsonschema.Draft202012Validator(schema)
    assert list(v.iter_errors(editor_view(read_yaml(ROOT / "content/course/course.yaml")))) == []
    assert not v.is_valid({"title": "T", "lectures": []})
    assert not v.is_valid({"title": "T", "lectures": ["a.yaml"], "defaults": {"colour": "x"}})


# Files on which the loader and the schema must agree. Each is (YAML, whether
# it is valid). Files named in the YAML (pic.png, data.csv) are made first.
AGREE = {
    "minimal": ("title: T", True),
    "missing title": ("subtitle: S", False),
    "unknown top-level key": ("title: T\nconsterns: [x]", False),
    "unknown nested key": ("title: T\nconcerns:\n  - {title: X, impcat: high}", False),
    "figure value not a number": ("title: T\nfigures:\n  - {id: f1, value: lots}", False),
    "figure value range of three": ("title: T\nfigures:\n  - {id: f1, value: [1, 2, 3]}", False),
    "figure without value": ("title: T\nfigures:\n  - {id: f1, label: L}", False),
    "impact not a word": ("title: T\nconcerns:\n  - {title: X, impact: severe}", False),
    "impact in capitals": ("title: T\nconcerns:\n  - {title: X, impact: High}", True),
    "confidence not a word": ("title: T\nbluf:\n  - {text: X, confidence: certain}", False),
    "month 13": ("title: T\ndate: 2024-13", False),
    "year as a number": ("title: T\ndate: 2024", True),
    "likelihood not a word": ("title: T\nbluf:\n  - {text: X, likelihood: maybe}", False),
    "likelihood words spaced and capitalised": (
        "title: T\nbluf:\n  - {text: X, likelihood: Highly   Likely}", True),
    "likelihood as numbers": (
        "title: T\nbluf:\n  - {text: X, likelihood: 0.3}\n  - {text: Y, likelihood: '25-35%'}",
        True),
    "chart type not known": ("title: T\ncharts:\n  - {id: c, type: pie3d, data: {a: 1}}", False),
    "chart data mixes numbers and ranges": (
        "title: T\ncharts:\n  - {id: c, data: {a: 1, b: [1, 2]}}", False),
    "chart data without series": (
        "title: T\ncharts:\n  - {id: c, data: {categories: [a, b]}}", False),
    "chart data several series": (
        "title: T\ncharts:\n  - {id: c, data: {categories: [a], series: {s: [1]}}}", True),
    "chart data empty": ("title: T\ncharts:\n  - {id: c, data: {}}", False),
    "csv data with an unknown key": (
        "title: T\ncharts:\n  - {id: c, data: {csv: data.csv, sheet: x}}", False),
    "csv data with columns": (
        "title: T\ncharts:\n  - {id: c, data: {csv: data.csv, columns: [b]}}", True),
    "xlsx range written wrongly": (
        "title: T\ncharts:\n  - {id: c, data: {xlsx: book.xlsx, range: A1-D5}}", False),
    "figure from csv": (
        "title: T\nfigures:\n  - {id: f, value: {csv: data.csv, row: '2021', column: b}}", True),
    "figure from csv without column": (
        "title: T\nfigures:\n  - {id: f, value: {csv: data.csv, row: '2021'}}", False),
    "figure from xlsx with cell and row": (
        "title: T\nfigures:\n  - {id: f, value: {xlsx: book.xlsx, cell: B2, row: '2021'}}", False),
    "image slide without alt": (
        "title: T\nsections:\n  - title: S\n    slides:\n      - image: pic.png", False),
    "image slide with alt": (
        "title: T\nsections:\n  - title: S\n    slides:\n      - {image: pic.png, alt: A dot}",
        True),
    "svg image": (
        "title: T\nsections:\n  - title: S\n    slides:\n      - {image: pic.svg, alt: A dot}",
        True),
    "chart layout without chart": (
        "title: T\nsections:\n  - title: S\n    slides:\n      - {title: X, layout: chart}", False),
    "empty slide": ("title: T\nsections:\n  - title: S\n    slides:\n      - {notes: N}", False),
    "table without columns": (
        "title: T\nsections:\n  - title: S\n    slides:\n      - table: {columns: [], rows: []}",
        False),
    "table cell a mapping": (
        "title: T\nsections:\n  - title: S\n    slides:\n"
        "      - table: {columns: [a], rows: [[{b: 1}]]}", False),
    "table cells empty or numbers": (
        "title: T\nsections:\n  - title: S\n    slides:\n"
        "      - table: {columns: [a, b], rows: [[1.5, ~]]}", True),
    "quiz count 0": ("title: T\nquiz: {count: 0}", False),
    "quiz auto yes": ("title: T\nquiz: {auto: yes, count: 3}", True),
    "choice with one option": (
        "title: T\nquiz:\n  questions:\n    - {type: choice, prompt: P, options: [a], answer: a}",
        False),
    "true-false answer maybe": (
        "title: T\nquiz:\n  questions:\n    - {type: true-false, prompt: P, answer: maybe}", False),
    "numeric answer in words": (
        "title: T\nquiz:\n  questions:\n    - {type: numeric, prompt: P, answer: ten}", False),
    "match answer a list": (
        "title: T\nquiz:\n  questions:\n    - {type: match, prompt: P, answer: [a, b]}", False),
    "url without https": ("title: T\nsources:\n  - {id: s, url: www.example.org}", False),
    "language not a tag": ("title: T\nlanguage: english_uk", False),
    "id with a space": ("title: T\nfigures:\n  - {id: fig one, value: 1}", False),
    "outline with an unknown block": ("title: T\noutline: [title, intro]", False),
    "yardstick not known": ("title: T\nyardstick: nato", False),
    "bluf a mapping": ("title: T\nbluf: {text: X}", False),
    "a null point": ("title: T\ncontext: [~]", False),
    "YAML 1.1 surprises stay text": (
        "title: NO\nsubtitle: 12:30\ndiscussion: [yes, 1e3, 0x1F]", True),
    "optional keys left empty": ("title: T\nsubtitle:\norganisation: ~", True),
    "numbers with separators": ("title: T\nfigures:\n  - {id: f, value: '8,000,000'}", True),
    "shorthands": ("title: T\nbluf: [A]\ncontext: [B]\nconcerns: [C]\nauthors: One", True),
}

# What only deckgen can check: ids, files and the data in them, the chosen
# yardstick, and sizes that must match across keys. The schema accepts these.
LOADER_ONLY = {
    "dangling reference": "title: T\nconcerns:\n  - {title: X, evidence: [nope]}",
    "duplicate id": "title: T\nfigures:\n  - {id: f, value: 1}\n  - {id: f, value: 2}",
    "missing csv file": "title: T\ncharts:\n  - {id: c, data: {csv: none.csv}}",
    "csv column not in the file": "title: T\ncharts:\n  - {id: c, data: {csv: data.csv, columns: [z]}}",
    "word of the other yardstick": "title: T\nbluf:\n  - {text: X, likelihood: very likely}",
    "table row too short": ("title: T\nsections:\n  - title: S\n    slides:\n"
                            "      - table: {columns: [a, b], rows: [[1]]}"),
    "series length": "title: T\ncharts:\n  - {id: c, data: {categories: [a, b], series: {s: [1]}}}",
    "range low above high": "title: T\nfigures:\n  - {id: f, value: [5, 1]}",
}


def _files(folder):
    (folder / "data.csv").write_text("year,a,b\n2020,1,2\n2021,3,4\n")
    from PIL import Image
    Image.new("RGB", (4, 3), "navy").save(folder / "pic.png")
    (folder / "pic.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    import openpyxl
    wb = openpyxl.Workbook()
    wb.active.append(["year", "a"])
    wb.active.append([2021, 5])
    wb.save(folder / "book.xlsx")


def _loads(path) -> bool:
    try:
        load(path)
    except ErrorList:
        return False
    return True


def test_schema_and_loader_agree(validator, tmp_path):
    _files(tmp_path)
    disagree = []
    for name, (text, valid) in AGREE.items():
        f = tmp_path / f"{re.sub(r'[^a-z0-9]+', '-', name)}.yaml"
        f.write_text(text + "\n")
        loader_ok = _loads(f)
        schema_ok = not schema_errors(validator, f)
        if (loader_ok, schema_ok) != (valid, valid):
            disagree.append(f"{name}: expected {valid}, loader {loader_ok}, schema {schema_ok}")
    assert disagree == []


def test_what_only_the_loader_checks(validator, tmp_path):
    _files(tmp_path)
    for name, text in LOADER_ONLY.items():
        f = tmp_path / "x.yaml"
        f.write_text(text + "\n")
        assert not _loads(f), name
        assert schema_errors(validator, f) == [], name


def test_every_key_has_a_meaning_and_an_example_that_both_accept(tmp_path):
    """Each declared example converts with its own type and validates with its schema."""
    _files(tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "images").mkdir()
    (tmp_path / "data" / "spending.csv").write_text("year,Defence\n2024,1\n")
    (tmp_path / "data" / "budget.xlsx").write_bytes((tmp_path / "book.xlsx").read_bytes())
    (tmp_path / "images" / "map.png").write_bytes((tmp_path / "pic.png").read_bytes())
    for week in ("week-1.yaml", "week-2.yaml"):
        (tmp_path / week).write_text("title: T\n")
    defs: dict = {}
    for root in (TOP_RECORD, COURSE_RECORD):
        for rec in records(root):
            for key, field in rec.fields.items():
                where = f"{rec.name}.{key}"
                assert field.doc, f"{where} has no meaning"
                assert field.example, f"{where} has no example"
                node = parse_yaml(f"{key}: {field.example}\n").get(key)
                ctx = Ctx(file="example", folder=tmp_path)
                value = field.type.convert(node, ctx, key)
                assert value is not INVALID and ctx.errors == [], (where, [e.render() for e in ctx.errors])
                sub = field.type.json_schema(defs)
                v = jsonschema.Draft202012Validator({**sub, "$defs": defs})
                assert v.is_valid(editor_view(node)), where


@pytest.mark.parametrize("doc,args", [
    ("content-reference.md", {"markdown": True}),
    ("content.schema.json", {}),
    ("course.schema.json", {"course": True}),
])
def test_the_committed_docs_are_up_to_date(doc, args):
    flag = {"markdown": " --markdown", "course": " --course"}.get(next(iter(args), ""), "")
    assert (ROOT / "docs" / doc).read_text(encoding="utf-8") == render(**args), (
        f"docs/{doc} is out of date: run 'deckgen schema{flag} -o docs/{doc}'")


def test_the_reference_lists_every_key_with_type_meaning_and_example():
    text = render(markdown=True)
    for root in (TOP_RECORD, COURSE_RECORD):
        for rec in records(root):
            for key, field in rec.fields.items():
                row = next((ln for ln in text.splitlines()
                            if ln.startswith(f"| `{key}`") and field.doc.replace("|", "\\|") in ln), None)
                assert row is not None, f"{rec.name}.{key}"
                assert f"`{key}: " in row


def test_schema_command_prints_json(run):
    code, out, err = run("schema")
    assert code == 0 and err == ""
    assert json.loads(out)["title"] == "deckgen content file"


def test_schema_command_refuses_two_outputs(run):
    code, out, err = run("schema", "--markdown", "--course")
    assert code == 2
    assert err.strip() == ("--course: found both --markdown and --course; allowed: one of them "
                           "(the Markdown reference covers course files too)")

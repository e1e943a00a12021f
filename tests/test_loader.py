"""Loading valid content: values, shorthands, likelihoods and chart data."""

import pytest

from deckgen.errors import ErrorList
from deckgen.content.loader import load
from deckgen.content.markup import Run, parse, plain
from deckgen.content.yardstick import parse_likelihood

from .conftest import BRIEFING, CONTENT, SPEC_ONLY


@pytest.mark.parametrize("path", CONTENT + SPEC_ONLY, ids=lambda p: p.name)
def test_every_example_and_spec_only_file_loads(path):
    c = load(path)
    assert c.title


def test_yaml_11_surprises_do_not_reach_text(write):
    c = load(write("""
        title: NO
        subtitle: 12:30
        organisation: on
        discussion: [yes, 1e3, 0x1F]
        """))
    assert (c.title, c.subtitle, c.organisation) == ("NO", "12:30", "on")
    assert c.discussion == ("yes", "1e3", "0x1F")


def test_plain_strings_are_shorthands(write):
    c = load(write("""
        title: T
        bluf: [A judgement]
        context: [A point]
        concerns: [A concern]
        authors: One Author
        """))
    assert c.bluf[0].text == "A judgement" and c.bluf[0].likelihood is None
    assert c.context[0].text == "A point"
    assert c.concerns[0].title == "A concern"
    assert c.authors == ("One Author",)


@pytest.mark.parametrize("written,yardstick,word,low,high", [
    ("likely", "phia", "likely", 0.55, 0.75),
    ("Probable", "phia", "likely", 0.55, 0.75),
    ("0.3", "phia", "unlikely", 0.30, 0.30),
    ("30%", "phia", "unlikely", 0.30, 0.30),
    ("25-35%", "phia", "unlikely", 0.25, 0.35),
    ("92%", "phia", "highly likely", 0.92, 0.92),   # between bands: the nearest word
    ("roughly even chance", "icd203", "roughly even chance", 0.45, 0.55),
    ("highly probable", "icd203", "very likely", 0.80, 0.95),
    ("0.5", "icd203", "roughly even chance", 0.5, 0.5),
])
def test_likelihoods_resolve_to_ranges(written, yardstick, word, low, high):
    lk = parse_likelihood(written, yardstick)
    assert (lk.word, lk.low, lk.high) == (word, pytest.approx(low), pytest.approx(high))


def test_the_briefing_resolves_its_likelihoods():
    c = load(BRIEFING)
    by_id = {r.id: r.likelihood for r in c.responses}
    assert by_id["r-troops"].word == "highly unlikely"
    assert all(lk is not None for lk in by_id.values())


def test_inline_markup():
    assert parse("a **b** *c* [d](https://e.org)") == (
        Run("a "), Run("b", bold=True), Run(" "), Run("c", italic=True), Run(" "),
        Run("d", url="https://e.org"))
    assert plain("2*3*4 is *not* [x](https://y.z)") == "2*3*4 is not x"


def test_chart_data_shapes(write, tmp_path):
    (tmp_path / "data.csv").write_text("year,a,b\n2020,1,2\n2021,3,4\n")
    (tmp_path / "span.csv").write_text("option,low,high\nA,1,2\n")
    c = load(write("""
        title: T
        charts:
          - {id: one, data: {x: 1, y: 2.5}}
          - {id: rng, data: {x: [1, 2]}}
          - id: multi
            data: {categories: [p, q], series: {s1: [1, 2], s2: [3, 4]}}
          - {id: csv, data: {csv: data.csv}}
          - {id: csvr, data: {csv: span.csv}}
        """))
    one, rng, multi, csv, csvr = c.charts
    assert one.data.categories == ("x", "y") and one.data.series[0].values == (1, 2.5)
    assert rng.data.ranges and rng.data.series[0].values == ((1, 2),)
    assert [s.name for s in multi.data.series] == ["s1", "s2"]
    assert csv.data.categories == ("2020", "2021")
    assert [(s.name, s.values) for s in csv.data.series] == [("a", (1, 3)), ("b", (2, 4))]
    assert csvr.data.ranges and csvr.data.series[0].values == ((1, 2),)


def test_slide_layout_follows_from_keys(write):
    c = load(write("""
        title: T
        charts: [{id: c1, data: {a: 1}}]
        sections:
          - title: S
            slides:
              - {title: A, points: [x]}
              - {title: B, left: [x], right: [y]}
              - {title: C, chart: c1}
              - {title: D, quote: {text: Q, by: W}}
              - {title: E, table: {columns: [a], rows: [[1]]}}
        """))
    assert [s.layout for s in c.sections[0].slides] == ["bullets", "two-column", "chart",
                                                        "quote", "table"]


def test_xml_unsafe_characters_written_as_escapes_are_reported_not_dropped(write):
    # issue 16: dropping them silently changed the text without a word
    p = write('title: "bad\\x01char"\n')
    with pytest.raises(ErrorList) as e:
        load(p)
    assert e.value.errors[0].render() == (
        f"{p}:1:8: found the character U+0001, written as an escape; allowed: printable text "
        "(slides, handouts and workbooks cannot hold it; remove the escape)")

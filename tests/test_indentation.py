"""Indentation mistakes, said in plain words: which line, how far off, and where it fits.

The parser's own words ("did not find expected key", "mapping values are not
allowed in this context") never reach the user for these.
"""

import pytest

from deckgen.content.indentation import explain, read_line
from deckgen.content.yamlsafe import parse_yaml
from deckgen.errors import ErrorList


def errors_of(text: str) -> list[str]:
    with pytest.raises(ErrorList) as info:
        parse_yaml(text, "f.yaml")
    return [e.render() for e in info.value.errors]


CASES = {
    "a key under a key that has its value": (
        "title: A\nsubtitle: B\n  date: 2024\n",
        "f.yaml:3:3: line 3 is indented 2 spaces, further than 'subtitle' on line 2 (0 spaces), "
        "but 'subtitle' already has its value, so nothing can go under it; allowed: 'date' lined "
        "up with 'subtitle' (0 spaces), or, if line 3 is more of the text of 'subtitle', that "
        "whole text in quotes"),
    "one space too far at the top": (
        "title: A\n subtitle: B\n",
        "f.yaml:2:2: line 2 is indented 1 space, further than 'title' on line 1 (0 spaces), but "
        "'title' already has its value, so nothing can go under it; allowed: 'subtitle' lined up "
        "with 'title' (0 spaces), or, if line 2 is more of the text of 'title', that whole text "
        "in quotes"),
    "after a block of text": (
        "title: A\nnotes: |\n  a: b\n    c: d\n subtitle: x\n",
        "f.yaml:5:2: line 5 is indented 1 space, further than 'notes' on line 2 (0 spaces), but "
        "'notes' already has its value, so nothing can go under it; allowed: 'subtitle' lined up "
        "with 'notes' (0 spaces)"),
    "a list item back at the margin": (
        "title: A\ncontext:\n  - One\n  - Two\n- Three\n",
        "f.yaml:5:1: line 5 is a list item indented 0 spaces, less than the item above it on "
        "line 4 (2 spaces), and the items of one list start in the same column; allowed: "
        "2 spaces, lined up with the list item on line 4"),
    "a nested list item between two lists": (
        "title: A\nconcerns:\n  - title: X\n    points:\n      - a\n      - b\n     - c\n",
        "f.yaml:7:6: line 7 is a list item indented 5 spaces, less than the item above it on "
        "line 6 (6 spaces), and the items of one list start in the same column; allowed: "
        "6 spaces, lined up with the list item on line 6, or 2 spaces, lined up with the list "
        "item on line 3"),
    "a list item under a key with a value": (
        "title: A\nconcerns:\n  - title: X\n    - title: Y\n",
        "f.yaml:4:5: line 4 is a list item lined up with 'title' on line 3, which already has its "
        "value, so no list can start there; allowed: 2 spaces, lined up with the list item on "
        "line 3, for a new item of that list"),
    "a key on the dash of a list item": (
        "title: A\nconcerns:\n  - title: X\n    detail: D\n  impact: high\n",
        "f.yaml:5:3: line 5 ('impact') is lined up with the '-' of the list item on line 3, where "
        "only a new item ('- …') can start; allowed: 4 spaces, lined up with 'detail' on line 4, "
        "or 0 spaces, lined up with 'concerns' on line 2"),
    "a top-level key left indented after a list": (
        "title: A\ncontext:\n  - One\n  subtitle: B\n",
        "f.yaml:4:3: line 4 ('subtitle') is lined up with the '-' of the list item on line 3, "
        "where only a new item ('- …') can start; allowed: 0 spaces, lined up with 'context' on "
        "line 2"),
    "a key one space short in a mapping": (
        "title: A\nquiz:\n  title: Q\n  # a comment\n\n auto: false\n",
        "f.yaml:6:2: line 6 ('auto') is indented 1 space, which lines up with no key above it "
        "(the keys of one block start in the same column); allowed: 2 spaces, lined up with "
        "'title' on line 3, or 0 spaces, lined up with 'quiz' on line 2"),
    "a key short of its list item": (
        "title: A\nquiz:\n  questions:\n    - type: choice\n      prompt: P\n     options: [a]\n",
        "f.yaml:6:6: line 6 ('options') is indented 5 spaces, which lines up with no key above "
        "it (the keys of one block start in the same column); allowed: 6 spaces, lined up with "
        "'prompt' on line 5, or 2 spaces, lined up with 'questions' on line 3"),
    "a list item indented further than the one above": (
        'a:\n  - "x"\n   - "y"\n',
        "f.yaml:3:4: line 3 is a list item indented 3 spaces, further than the item above it on "
        "line 2 (2 spaces), and the items of one list start in the same column; allowed: "
        "2 spaces, lined up with the list item on line 2"),
    "a list item without its dash": (
        "objectives:\n  - One thing.\n  Another thing.\n  - A third.\n",
        "f.yaml:3:3: line 3 is text lined up with the list item on line 2, but has no '- '; "
        "allowed: '- ' before it to make it an item of that list, or 4 spaces to make it more "
        "of the text of the item on line 2"),
    "the last list item without its dash": (
        "objectives:\n  - One thing.\n  Another thing.\n",
        "f.yaml:3:3: line 3 is text lined up with the list item on line 2, but has no '- '; "
        "allowed: '- ' before it to make it an item of that list, or 4 spaces to make it more "
        "of the text of the item on line 2"),
    "a tab after a list item": (
        "title: A\nbluf:\n  - x\n\t- y\n",
        "f.yaml:4:1: found a tab character in the indentation; allowed: spaces only (YAML does "
        "not allow tabs for indentation; put 2 spaces here to line up with the list item on "
        "line 3)"),
    "a tab after a key with a value": (
        "title: A\n\tsubtitle: B\n",
        "f.yaml:2:1: found a tab character in the indentation; allowed: spaces only (YAML does "
        "not allow tabs for indentation; put no indentation here, to line up with 'title' on "
        "line 1)"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_an_indentation_mistake_says_which_line_and_where_it_fits(name):
    text, expected = CASES[name]
    assert errors_of(text) == [expected]


def test_text_with_a_colon_keeps_the_quoting_advice():
    assert errors_of("title: Graham's verdict: Manila\n") == [
        "f.yaml:1:24: YAML syntax error: mapping values are not allowed in this context (text "
        "that starts with * [ { & ! or contains ': ' must be in quotes, e.g. title: \"*Italic* "
        "at the start\")"]


def test_lines_are_read_as_keys_items_and_text():
    assert read_line(1, "  - title: X  # note").key == "title"
    assert read_line(1, "  - title: X").keycol == 4
    assert read_line(1, "    -   x").kind == "item"
    assert read_line(1, "  'a b': c").key == "a b"
    assert read_line(1, "  just text").kind == "text"
    assert read_line(1, "   # c").kind == ""


def test_nothing_to_explain_gives_nothing():
    assert explain(["title: A", "subtitle: B"], 2) is None      # lined up: not indentation
    assert explain(["title: A"], 5) is None

"""The hardened YAML reader: located nodes, and every refusal with its place."""

import pytest

from deckgen.errors import ErrorList
from deckgen.content.yamlsafe import MAX_BYTES, MAX_DEPTH, parse_yaml, read_yaml


def errors_of(text: str) -> list[str]:
    with pytest.raises(ErrorList) as info:
        parse_yaml(text, "f.yaml")
    return [e.render() for e in info.value.errors]


def test_scalars_keep_the_text_as_written():
    root = parse_yaml("a: NO\nb: 12:30\nc: 0x1F\nd: 2024-10-18\ne: 'yes'\n", "f.yaml")
    got = {k.text: (v.text, v.plain) for k, v in root.items}
    assert got == {"a": ("NO", True), "b": ("12:30", True), "c": ("0x1F", True),
                   "d": ("2024-10-18", True), "e": ("yes", False)}


def test_nodes_know_line_and_column():
    root = parse_yaml("title: x\nlist:\n  - one\n  - two\n", "f.yaml")
    seq = root.get("list")
    assert [(n.loc.line, n.loc.col) for n in seq.items] == [(3, 5), (4, 5)]


def test_duplicate_key():
    assert errors_of("a: 1\nb: 2\na: 3\n") == [
        "f.yaml:3:1: duplicate key 'a'; allowed: each key once per mapping (first given at line 1)"]


def test_anchor_and_alias():
    assert errors_of("x: &a 1\ny: *a\n") == [
        "f.yaml:1:4: found the anchor '&a'; allowed: no anchors or aliases",
        "f.yaml:2:4: found the alias '*a'; allowed: no anchors or aliases (write the value out; "
        "text that starts with '*' must be in quotes)"]


def test_tags_are_refused():
    assert errors_of("x: !!python/object:os.system 1\n") == [
        "f.yaml:1:4: found the tag 'tag:yaml.org,2002:python/object:os.system'; allowed: no YAML tags"]


def test_tab_in_indentation():
    assert errors_of("a:\n\t- b\n") == [
        "f.yaml:2:1: found a tab character in the indentation; allowed: spaces only "
        "(YAML does not allow tabs for indentation; put 2 spaces here to go under 'a' on line 1)"]
    assert errors_of("\ta: b\n") == [
        "f.yaml:1:1: found a tab character in the indentation; allowed: spaces only "
        "(YAML does not allow tabs for indentation)"]


def test_control_character():
    assert errors_of("a: b\x07c\n") == [
        "f.yaml:1:5: found the control character U+0007; allowed: printable text "
        "(remove it)"]


def test_depth_is_capped_before_recursion():
    deep = "[" * 5000 + "]" * 5000
    assert errors_of(deep) == [
        f"f.yaml:1:{MAX_DEPTH + 1}: nesting is deeper than {MAX_DEPTH} levels; allowed: at most {MAX_DEPTH}"]


def test_size_is_capped(tmp_path):
    p = tmp_path / "big.yaml"
    p.write_bytes(b"a: " + b"x" * (MAX_BYTES + 10) + b"\n")
    with pytest.raises(ErrorList) as info:
        read_yaml(p, "big.yaml")
    assert info.value.errors[0].render() == (
        f"big.yaml: file is {MAX_BYTES + 14:,} bytes; allowed: at most {MAX_BYTES:,} bytes")


def test_second_document():
    assert errors_of("a: 1\n---\nb: 2\n") == [
        "f.yaml:2:1: found a second YAML document ('---'); allowed: one document per file"]


def test_syntax_error_hints_at_quotes():
    assert errors_of("title: *Italic* start\n") == [
        "f.yaml:1:15: YAML syntax error: did not find expected alphabetic or numeric character "
        "(text that starts with * [ { & ! or contains ': ' must be in quotes, "
        "e.g. title: \"*Italic* at the start\")"]


def test_not_utf8(tmp_path):
    p = tmp_path / "latin1.yaml"
    p.write_bytes(b"title: caf\xe9\n")
    with pytest.raises(ErrorList) as info:
        read_yaml(p, "latin1.yaml")
    assert info.value.errors[0].render() == (
        "latin1.yaml:1:11: found bytes that are not UTF-8; allowed: UTF-8 text (save the file as UTF-8)")


def test_deep_block_nesting_is_capped():
    text = "".join("  " * i + f"k{i}:\n" for i in range(60)) + "  " * 60 + "x\n"
    errs = errors_of(text)
    assert errs == [f"f.yaml:{MAX_DEPTH + 1}:{2 * MAX_DEPTH + 1}: nesting is deeper than "
                    f"{MAX_DEPTH} levels; allowed: at most {MAX_DEPTH}"]


def test_brackets_in_quotes_and_comments_do_not_count():
    text = "a: '" + "[" * 100 + "'\nb: \"" + "{" * 100 + "\"  # " + "[" * 100 + "\n"
    root = parse_yaml(text, "f.yaml")
    assert root.get("a").text == "[" * 100


def test_syntax_error_after_carriage_return_line_breaks():
    # YAML counts a lone \r as a line break; the hint lookup must too
    assert errors_of("a: 1\rb: 2\rc\rd: [") == [
        "f.yaml:4:1: YAML syntax error: could not find expected ':' (text that starts with "
        "* [ { & ! or contains ': ' must be in quotes, e.g. title: \"*Italic* at the start\")"]

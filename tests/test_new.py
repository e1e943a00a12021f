"""``deckgen new``: a starter file with every block, commented, valid and buildable."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from pptx import Presentation

from deckgen.build.pipeline import build
from deckgen.cli.new import starter, title_from
from deckgen.content.loader import TOP, content_json_schema, load
from deckgen.content.yamlsafe import read_yaml


@pytest.mark.parametrize("kind", ["briefing", "lecture"])
def test_the_starter_has_every_block_commented_and_builds(run, tmp_path, kind):
    code, out, err = run("new", "my-first-talk", "--kind", kind, "--out", tmp_path)
    assert code == 0, err
    f = tmp_path / "my-first-talk.yaml"
    assert out.splitlines() == [
        f"wrote {f} (a {kind} with every block; edit it, then: deckgen build {f})",
        f"wrote {tmp_path / 'deckgen.content.grammar.json'} (lets editors complete keys and flag "
        "mistakes; see the README)"]
    text = f.read_text()
    keys = [k.text for k, _ in read_yaml(f).items]
    # every top-level key is present, except outline, which is there as a comment
    assert set(keys) == set(TOP) - {"outline"}
    assert re.search(r"^# outline: \[", text, re.M)
    # every block has a comment line right above it
    lines = text.splitlines()
    for block in ("bluf", "context", "figures", "charts", "timeline", "concerns", "objectives",
                  "sections", "discussion", "sources", "quiz"):
        i = lines.index(f"{block}:")
        assert lines[i - 1].startswith("#"), block
    assert text.startswith("# yaml-language-server: $schema=deckgen.schema.json\n")
    content = load(f)
    assert content.kind == kind and content.title == "My First Talk"
    result = build(f, tmp_path / "out", formats=["pptx"])
    assert result.warnings == []
    titles = [s.shapes.title.text for s in Presentation(result.files[0]).slides if s.shapes.title]
    assert titles[0] == "My First Talk" and len(titles) > 15


@pytest.mark.parametrize("command", ["new", "schema"])
def test_help_explains_itself_with_an_example(run, command, capsys):
    with pytest.raises(SystemExit) as info:
        run(command, "--help")
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert f"deckgen {command}" in out.split("examples:")[1]


def test_the_schema_written_beside_it_is_deckgens(run, tmp_path):
    run("new", "talk", "--out", tmp_path)
    written = json.loads((tmp_path / "deckgen.content.grammar.json").read_text())
    assert written == content_json_schema()
    # a second file in the same folder keeps the schema that is there
    (tmp_path / "deckgen.content.grammar.json").write_text("{}")
    code, out, err = run("new", "talk-2", "--out", tmp_path)
    assert code == 0 and len(out.splitlines()) == 1
    assert (tmp_path / "deckgen.content.grammar.json").read_text() == "{}"


def test_new_does_not_overwrite(run, tmp_path):
    run("new", "talk.yaml", "--out", tmp_path)
    f = tmp_path / "talk.yaml"
    f.write_text("title: Mine\n")
    code, out, err = run("new", "talk", "--out", tmp_path)
    assert code == 2
    assert err.strip() == (f"{f}: the file exists already; allowed: a new name, or --force to "
                           "replace it")
    assert f.read_text() == "title: Mine\n"
    code, out, err = run("new", "talk", "--out", tmp_path, "--force")
    assert code == 0 and "kind: briefing" in f.read_text()


def test_new_refuses_a_path_as_name(run, tmp_path):
    code, out, err = run("new", "../talk", "--out", tmp_path)
    assert code == 2
    assert err.strip() == ("NAME: found the name '../talk'; allowed: a file name of letters, "
                           "digits, spaces, '-', '_' and '.', without folders (give the folder "
                           "with --out DIR)")


def test_any_title_is_safe_yaml(tmp_path):
    f = tmp_path / "x.yaml"
    f.write_text(starter("briefing", 'A "quoted": *title* # not a comment', "x.yaml",
                         date(2025, 3, 1)))
    c = load(f)
    assert c.title == 'A "quoted": *title* # not a comment' and c.date == "2025-03"
    assert title_from("week_1-intro") == "Week 1 Intro"


@pytest.mark.parametrize("name, title", [
    ("second-thomas-shoal", "Second Thomas Shoal"),
    ("history-of-the-cold-war", "History of the Cold War"),
    ("the_end-of-an-era", "The End of an Era"),
    ("NATO-and-the-baltic", "NATO and the Baltic"),
    ("week 3  intro", "Week 3 Intro"),
])
def test_the_title_is_the_name_set_as_a_title(name, title):
    assert title_from(name) == title


def test_new_second_thomas_shoal_is_titled_so(tmp_path, run):
    code, out, _ = run("new", "second-thomas-shoal", "--out", tmp_path)
    assert code == 0
    assert load(tmp_path / "second-thomas-shoal.yaml").title == "Second Thomas Shoal"

"""Hostile input: mutated example files never crash deckgen, hang it, or write outside --out.

Hypothesis mutates the example content files — dropping keys, changing
types, inserting control characters, huge strings, deep nesting, odd
Unicode, and raw edits of the YAML text — and every result must be either a
built deck or a located DeckgenError with exit code 2: never a traceback,
never longer than a bounded time, never a file outside the output folder.

The number of cases per test is DECKGEN_FUZZ_CASES (default 40; CI runs
thousands).
"""

from __future__ import annotations

import copy
import os
import shutil
import signal
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deckgen.cli.main import main
from deckgen.content.yamlsafe import MAX_BYTES

from .conftest import CONTENT

CASES = int(os.environ.get("DECKGEN_FUZZ_CASES", "40"))
SECONDS_PER_CASE = 30
SOURCES = {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in CONTENT}
TEXTS = {p.name: p.read_text(encoding="utf-8") for p in CONTENT}

ODD = ["\u202e", "\u200b", "\u0301", "\ufeff", "😀", "서울", "\u0000", "\x07", "\x1b[31m",
       "\ud7ff", "\U0010fffd", "ﷺ", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\t", "\r", "\x85", "'", '"', "*", "&a", "!!",
       "{", "[", "- ", ": ", "#", "%", "@", "`", "|", ">"]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40),
    st.sampled_from(ODD), st.just("x" * 200_000), st.just("9" * 400),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)),
    max_leaves=12)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, prefix + (i,))


def _parent(doc, path):
    node = doc
    for step in path[:-1]:
        node = node[step]
    return node


@st.composite
def mutated_documents(draw):
    name = draw(st.sampled_from(sorted(SOURCES)))
    doc = copy.deepcopy(SOURCES[name])
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(doc) if p]
        path = draw(st.sampled_from(paths))
        parent = _parent(doc, path)
        key = path[-1]
        action = draw(st.sampled_from(["drop", "replace", "control", "huge", "deep", "odd"]))
        if action == "drop":
            del parent[key]
        elif action == "replace":
            parent[key] = draw(values)
        elif action == "control":
            parent[key] = str(parent[key]) + "".join(draw(st.lists(st.sampled_from(
                [chr(c) for c in range(0, 32)] + ["\x7f", "\ufffe"]), min_size=1, max_size=3)))
        elif action == "huge":
            # past the loader's size cap (MAX_BYTES), but not so far that two or three
            # "huge" steps on one value multiply into gigabytes the test itself must write
            text = str(parent[key])
            times = draw(st.integers(100, 3000))
            parent[key] = text * max(1, min(times, 2 * MAX_BYTES // max(len(text), 1)))
        elif action == "deep":
            deep = "x"
            for _ in range(draw(st.integers(10, 300))):
                deep = [deep]
            parent[key] = deep
        else:
            parent[key] = draw(st.sampled_from(ODD)) + str(parent[key]) + draw(st.sampled_from(ODD))
        if not doc or not isinstance(doc, dict):
            break
    return name, doc


@st.composite
def mutated_texts(draw):
    name = draw(st.sampled_from(sorted(TEXTS)))
    text = TEXTS[name]
    for _ in range(draw(st.integers(1, 4))):
        pos = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate-line", "indent"]))
        if action == "insert":
            text = text[:pos] + draw(st.one_of(st.sampled_from(ODD), st.text(max_size=8))) + text[pos:]
        elif action == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 40)):]
        elif action == "duplicate-line":
            lines = text.split("\n")
            i = min(pos, len(lines) - 1) % max(len(lines), 1)
            lines.insert(i, lines[i])
            text = "\n".join(lines)
        else:
            lines = text.split("\n")
            i = pos % max(len(lines), 1)
            lines[i] = draw(st.sampled_from(["  ", "\t", " "])) + lines[i]
            text = "\n".join(lines)
    return name, text


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    base = tmp_path_factory.mktemp("fuzz")
    content = base / "content"
    shutil.copytree(Path(CONTENT[0]).parent, content)
    return base


def _run_case(workspace: Path, text: str, capsys) -> None:
    content = workspace / "content"
    f = content / "case.yaml"
    f.write_text(text, encoding="utf-8", errors="surrogatepass")
    out = workspace / "out"
    shutil.rmtree(out, ignore_errors=True)
    before = {p for p in workspace.rglob("*")}
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(SECONDS_PER_CASE)
    try:
        code = main(["build", str(f), "--out", str(out), "--formats", "pptx"])
    except _Timeout:
        pytest.fail(f"a case took longer than {SECONDS_PER_CASE} s:\n{text[:2000]}")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    err = capsys.readouterr().err
    assert "Traceback" not in err, f"{err}\n---\n{text[:3000]}"
    assert code in (0, 2), err
    if code == 0:
        assert (out / "case" / "case.pptx").is_file()
    else:
        first = err.splitlines()[0]
        assert first.startswith(str(f)), first      # located: the file, then line:column
    after = {p for p in workspace.rglob("*")}
    new = {p for p in after - before if out not in p.parents and p != out}
    assert not new, f"files written outside the output folder: {sorted(new)}"


@settings(max_examples=CASES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(case=mutated_documents())
def test_mutated_content_builds_or_fails_with_a_located_error(case, workspace, capsys):
    name, doc = case
    try:
        text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    except (yaml.YAMLError, UnicodeEncodeError):
        return
    _run_case(workspace, text, capsys)


@settings(max_examples=CASES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(case=mutated_texts())
def test_edited_yaml_text_builds_or_fails_with_a_located_error(case, workspace, capsys):
    _run_case(workspace, case[1], capsys)

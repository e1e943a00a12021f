"""The code's structure: stage packages, no import cycles, few lazy imports, complete writers."""

from __future__ import annotations

import ast
from pathlib import Path

from deckgen.deck import design as design_module
from deckgen.deck.model import KINDS as SLIDE_KINDS
from deckgen.deck.storyline import STORYLINES, TITLES, _Planner
from deckgen.handout import blocks as hb
from deckgen.handout import docx as hdocx
from deckgen.handout import pdf as hpdf
from deckgen.handout.reading import _Builder

from .conftest import ROOT

PACKAGE = ROOT / "deckgen"


def _modules() -> dict[str, Path]:
    mods = {}
    for f in PACKAGE.rglob("*.py"):
        parts = list(f.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        mods[".".join(parts)] = f
    return mods


def _graph() -> dict[str, set[str]]:
    """Return module -> deckgen modules it imports, counting imports inside functions.

    Importing ``a.b.c`` runs package ``a.b`` first, so each module also depends
    on its package (that is how package ``__init__`` s tie modules into knots).
    """
    mods = _modules()
    graph = {m: set() for m in mods}
    for m, f in mods.items():
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("deckgen"):
                for a in node.names:
                    full = f"{node.module}.{a.name}"
                    graph[m].add(full if full in mods else node.module)
            elif isinstance(node, ast.Import):
                graph[m].update(a.name for a in node.names if a.name.startswith("deckgen"))
        parent = m.rsplit(".", 1)[0]
        if parent in mods and parent != m:
            graph[m].add(parent)
    return {m: {t for t in ts if t in mods and t != m} for m, ts in graph.items()}


def _cycle(graph) -> list[str]:
    """Return one import cycle as a list of modules, or [] when there is none."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m):
        state[m] = 1
        stack.append(m)
        for t in sorted(graph[m]):
            if state.get(t) == 1:
                return stack[stack.index(t):] + [t]
            if t not in state:
                found = visit(t)
                if found:
                    return found
        stack.pop()
        state[m] = 2
        return []

    for m in sorted(graph):
        if m not in state:
            found = visit(m)
            if found:
                return found
    return []


def test_the_import_graph_has_no_cycles():
    assert _cycle(_graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_the_package_reads_like_the_pipeline():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 6, top
    stages = {"content", "theme", "text", "layout", "deck", "render", "handout", "quiz",
              "build", "cli"}
    assert stages <= {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}


def test_few_imports_inside_functions_each_saying_why():
    lazy = []
    for f in PACKAGE.rglob("*.py"):
        lines = f.read_text(encoding="utf-8").splitlines()
        tree = ast.parse("\n".join(lines))
        seen = set()
        for fn in ast.walk(tree):
            if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(fn):
                if (isinstance(node, ast.ImportFrom) and (node.module or "").startswith("deckgen")
                        and node.lineno not in seen):
                    seen.add(node.lineno)
                    above = lines[node.lineno - 2].strip()
                    lazy.append((f.relative_to(ROOT).as_posix(), node.lineno, above))
    assert len(lazy) <= 20, lazy
    assert [x for x in lazy if not x[2].startswith("#")] == []


def test_every_slide_kind_has_a_design():
    for kind in SLIDE_KINDS:
        name = kind.kind.replace("-", "_") + "_slide"
        assert callable(getattr(design_module._Designer, name, None)), kind.kind


def test_every_storyline_block_is_planned_and_written_in_the_reading_handout():
    blocks = {b for order in STORYLINES.values() for b in order}
    for block in blocks:
        assert callable(getattr(_Planner, block, None)), block
        method = "charts_block" if block == "charts" else block
        assert callable(getattr(_Builder, method, None)), block
        if block not in ("title", "sections"):
            assert block in TITLES, block


def test_every_handout_block_kind_is_drawn_by_both_formats():
    for kind in hb.KINDS:
        name = kind.__name__.lower()
        method = {"para": "para_block"}.get(name, name)
        assert callable(getattr(hpdf._Renderer, method, None)), ("pdf", kind.__name__)
        assert callable(getattr(hdocx._Writer, name, None)) or \
            callable(getattr(hdocx._Writer, method, None)), ("docx", kind.__name__)

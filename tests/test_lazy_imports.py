"""A build imports only what it needs: no charts library or PDF library for a deck."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import BRIEFING, ROOT

HEAVY = ("matplotlib", "typst", "docx", "openpyxl", "fontTools", "pdfplumber", "pikepdf")


def _modules_after(args: list[str], tmp_path) -> set:
    code = (
        "import json, sys\n"
        "from deckgen.cli.main import main\n"
        f"code = main({args!r})\n"
        "print(json.dumps([code, sorted(sys.modules)]))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                          text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    status, modules = json.loads(done.stdout.splitlines()[-1])
    assert status == 0, done.stderr
    return set(modules) | {m.split(".")[0] for m in modules}


def test_a_deck_build_imports_no_charts_or_pdf_library(tmp_path):
    loaded = _modules_after(["build", str(BRIEFING), "--formats", "pptx", "--out",
                             str(tmp_path / "o")], tmp_path)
    assert "pptx" in loaded
    assert sorted(set(HEAVY) & loaded) == []
    # nor the handout and quiz packages, whose commands' options are not set up
    assert sorted(m for m in loaded if m.startswith(("deckgen.handout", "deckgen.quiz.assemble",
                                                     "deckgen.quiz.generate"))) == []


def test_help_imports_no_format_package(tmp_path):
    loaded = _modules_after(["validate", str(BRIEFING)], tmp_path)
    assert sorted(set(HEAVY) & loaded) == []
    assert "pptx" not in loaded

"""Shared test helpers: write content files, run the command line."""

from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from deckgen.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
CONTENT = sorted((ROOT / "content").glob("*.yaml"))
SPEC_ONLY = sorted((ROOT / "tests" / "fixtures" / "spec_only").glob("*.yaml"))
BRIEFING = ROOT / "content" / "south-korea-briefing.yaml"


@pytest.fixture
def write(tmp_path):
    """Return a function that writes dedented YAML to tmp_path/NAME and returns its path."""
    def _write(text: str, name: str = "deck.yaml") -> Path:
        p = tmp_path / name
        p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return p
    return _write


@pytest.fixture
def run(capsys):
    """Return a function that runs ``deckgen ARGS`` and returns (code, stdout, stderr)."""
    def _run(*args: str):
        code = main([str(a) for a in args])
        out = capsys.readouterr()
        return code, out.out, out.err
    return _run


def soffice() -> str | None:
    """Return the LibreOffice command, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


requires_soffice = pytest.mark.skipif(
    soffice() is None and not os.environ.get("DECKGEN_REQUIRE_SOFFICE"),
    reason="LibreOffice (soffice) is not installed; .ci/run installs it and makes these required")


def to_pdf(pptx: Path, out_dir: Path, timeout: int = 180) -> Path:
    """Convert a pptx to PDF with LibreOffice in its own profile; return the PDF path.

    soffice can exit 0 without writing anything, so the PDF's existence and
    its ``%PDF-`` header are checked rather than the exit code alone.
    """
    exe = soffice()
    assert exe, "LibreOffice is required for this test (DECKGEN_REQUIRE_SOFFICE is set)"
    profile = out_dir / "lo-profile"
    subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out_dir), str(pptx)],
                   check=False, timeout=timeout, capture_output=True)
    pdf = out_dir / (pptx.stem + ".pdf")
    assert pdf.exists(), f"LibreOffice wrote no PDF for {pptx}"
    assert pdf.read_bytes()[:5] == b"%PDF-", f"{pdf} is not a PDF"
    return pdf


# -- every deck the tests build is also opened by LibreOffice ---------------------
# (tests/test_zz_every_deck_opens.py converts them at the end of the session)

import deckgen.build.pipeline as _build_module  # noqa: E402

BUILT_DECKS: list[Path] = []
_write_outputs = _build_module.write_outputs


def _recording_write_outputs(*args, **kwargs):
    files = _write_outputs(*args, **kwargs)
    BUILT_DECKS.extend(p for p in files if p.suffix == ".pptx")
    return files


_build_module.write_outputs = _recording_write_outputs

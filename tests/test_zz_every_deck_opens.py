"""LibreOffice opens and converts every deck the other tests built.

Runs last (file order). Each deck still on disk is converted to PDF by
LibreOffice headless in its own profile with a timeout, and the PDF must
exist and start with ``%PDF-`` (soffice can exit 0 without writing one).
In CI (DECKGEN_REQUIRE_SOFFICE set) every deck is converted; elsewhere a
sample of 12 keeps the local run short.
"""

import os
import subprocess

import pytest

from .conftest import BUILT_DECKS, requires_soffice, soffice


@requires_soffice
def test_libreoffice_opens_every_deck_built_in_the_tests(tmp_path):
    decks = sorted({p for p in BUILT_DECKS if p.exists()})
    if not decks:
        pytest.skip("no deck was built in this run (run with the rest of the suite)")
    if not os.environ.get("DECKGEN_REQUIRE_SOFFICE"):
        decks = decks[:: max(len(decks) // 12, 1)][:12]
    failed = []
    for start in range(0, len(decks), 25):
        batch = decks[start:start + 25]
        out = tmp_path / f"batch{start}"
        out.mkdir()
        # one folder per batch: decks of different tests may share a name
        links = []
        for i, deck in enumerate(batch):
            link = out / f"d{i:03d}.pptx"
            link.symlink_to(deck)
            links.append(link)
        subprocess.run([soffice(), f"-env:UserInstallation=file://{tmp_path}/profile",
                        "--headless", "--convert-to", "pdf", "--outdir", str(out)]
                       + [str(p) for p in links], capture_output=True, timeout=900)
        for link, deck in zip(links, batch):
            pdf = out / (link.stem + ".pdf")
            if not pdf.exists() or pdf.read_bytes()[:5] != b"%PDF-":
                failed.append(str(deck))
    assert not failed, f"LibreOffice could not convert: {failed}"
    assert len(decks) >= 1

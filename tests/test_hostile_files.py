"""Hostile files beside the content: mutated pictures, data files, fonts, SVG and masters.

The YAML fuzz tests (test_hostile_input.py) mutate the content file; these
mutate the files it points at — a PNG and a JPEG picture, an SVG, a CSV and
an Excel workbook of chart data, a theme's font file and an organisation's
master — byte by byte: flipped bytes, truncation, inserted and repeated
runs, zeroed ranges. Every build must end with the deck written or a located
error (exit 2, the first line naming a file with its position), never a
traceback or a hang, and a failed build leaves the previous output as it was.

Cases per test: DECKGEN_FUZZ_FILE_CASES, else a tenth of DECKGEN_FUZZ_CASES
(each case is a whole build), at least 15.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deckgen.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
CASES = int(os.environ.get("DECKGEN_FUZZ_FILE_CASES",
                           max(15, int(os.environ.get("DECKGEN_FUZZ_CASES", "40")) // 10)))
SECONDS = 60


def _png() -> bytes:
    return (ROOT / "content" / "images" / "phia-yardstick.png").read_bytes()


def _jpeg() -> bytes:
    from PIL import Image
    buf = io.BytesIO()
    Image.new("RGB", (320, 180), (40, 90, 160)).save(buf, "JPEG", quality=80)
    return buf.getvalue()


def _xlsx() -> bytes:
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Service", "Budget"])
    for row in (["Army", 12.5], ["Navy", 9.8], ["Air force", 11.0]):
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180" viewBox="0 0 320 180">'
       b'<rect width="320" height="180" fill="#1F3864"/><circle cx="160" cy="90" r="60" '
       b'fill="#C96A1B"/><text x="20" y="40" font-size="24" fill="#fff">Map</text></svg>')
CSV = b"year,exports\n2019,2.9\n2020,-3.5\n2021,4.3\n2022,2.6\n"

def _slide(picture: str) -> str:
    return ("kind: lecture\nsections:\n  - title: Pictures\n    slides:\n"
            f"      - {{title: A picture, image: {picture}, alt: A map of the region}}\n")


#: name -> (file name, original bytes, the content file's YAML, the theme's YAML or None)
TARGETS = {
    "png": ("picture.png", _png, _slide("picture.png"),
            None),
    "jpeg": ("picture.jpg", _jpeg, _slide("picture.jpg"),
             None),
    "svg": ("picture.svg", lambda: SVG, _slide("picture.svg"), None),
    "csv": ("exports.csv", lambda: CSV, "charts:\n  - {id: exports, title: Exports, unit: '%', "
            "data: {csv: exports.csv}}\n", None),
    "xlsx": ("budget.xlsx", _xlsx, "charts:\n  - {id: budget, title: Budget, "
             "data: {xlsx: budget.xlsx}}\n", None),
    "font": ("Fuzzed-Regular.ttf", lambda: (ROOT / "deckgen" / "fonts" /
                                           "LiberationSans-Regular.ttf").read_bytes(),
             "", "extends: default\nfonts: {body: Fuzzed Sans}\n"
                 "font_files: {body: Fuzzed-Regular.ttf}\n"),
    "master": ("org.pptx", lambda: (ROOT / "tests" / "fixtures" / "masters" /
                                    "ministry.pptx").read_bytes(),
               "", "extends: default\nmaster: org.pptx\n"
                   "layouts: {title: Ministry Cover, content: Ministry Content}\n"),
}


@st.composite
def mutations(draw, data: bytes):
    """A few byte-level edits of ``data``."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "truncate", "insert", "repeat", "zero"]))
        n = len(out)
        if n == 0:
            break
        at = draw(st.integers(0, n - 1))
        if kind == "flip":
            for k in range(draw(st.integers(1, 16))):
                i = (at + k * draw(st.integers(1, 97))) % n
                out[i] ^= draw(st.integers(1, 255))
        elif kind == "truncate":
            del out[at:]
        elif kind == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "repeat":
            span = out[at:at + draw(st.integers(1, 256))]
            out[at:at] = span * draw(st.integers(2, 40))
        else:
            out[at:at + draw(st.integers(1, 512))] = bytes(min(512, n - at))
    return bytes(out)


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout


def _build(folder: Path, content: Path, theme: Path | None, out: Path) -> int:
    args = ["build", str(content), "--out", str(out), "--formats", "pptx,handout-docx", "--force"]
    if theme is not None:
        args += ["--theme", str(theme)]
    return main(args)


@pytest.fixture(scope="module", params=sorted(TARGETS))
def target(request, tmp_path_factory):
    """A folder with the content file, its theme and the good file, built once."""
    name = request.param
    file_name, original, content_yaml, theme_yaml = TARGETS[name]
    folder = tmp_path_factory.mktemp(name)
    good = original()
    (folder / file_name).write_bytes(good)
    content = folder / "case.yaml"
    content.write_text("title: Hostile files\n" + (content_yaml or "question: Does it hold?\n"),
                       encoding="utf-8")
    theme = None
    if theme_yaml:
        theme = folder / "theme.yaml"
        theme.write_text(theme_yaml, encoding="utf-8")
    out = folder / "out"
    assert _build(folder, content, theme, out) == 0, name     # the good file builds
    return name, folder, file_name, good, content, theme, out


@settings(max_examples=CASES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_a_mutated_file_builds_or_fails_with_a_located_error(target, data, capsys):
    name, folder, file_name, good, content, theme, out = target
    bad = data.draw(mutations(good), label=f"mutated {file_name}")
    (folder / file_name).write_bytes(bad)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    capsys.readouterr()
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(SECONDS)
    try:
        code = _build(folder, content, theme, out)
    except _Timeout:
        pytest.fail(f"a mutated {file_name} took longer than {SECONDS} s")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
        (folder / file_name).write_bytes(good)
    err = capsys.readouterr().err
    assert "Traceback" not in err and "a bug in deckgen" not in err, err
    assert code in (0, 2), err
    if code == 2:
        first = err.splitlines()[0]
        assert first.startswith(str(folder)), first       # names the file, then line:column
        after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
        assert after == before, "a failed build changed the previous output"

"""The HTML deck and ``deckgen serve``, checked in a real browser (issue 19).

The browser tests drive the system Chromium (``/usr/bin/chromium``, or
``DECKGEN_CHROMIUM``) with Playwright for Python; Playwright's own browser
download is not used. axe-core is read from ``DECKGEN_AXE`` or from
``.cache/node_modules/axe-core/axe.min.js`` in the repository, put there by

    npm install --prefix .cache axe-core

Without a browser, Playwright or axe-core these tests skip; with
``DECKGEN_REQUIRE_BROWSER=1`` (as CI sets it) they fail instead.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((REPO / "content").glob("*.yaml"))
REQUIRE = os.environ.get("DECKGEN_REQUIRE_BROWSER", "") not in ("", "0")
WAIT = 60.0


def _missing(why: str):
    if REQUIRE:
        pytest.fail(f"{why} (DECKGEN_REQUIRE_BROWSER is set, so this is a failure)")
    pytest.skip(why)


def _chromium() -> str | None:
    exe = os.environ.get("DECKGEN_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return exe if exe and Path(exe).exists() else None


def _axe() -> Path | None:
    env = os.environ.get("DECKGEN_AXE")
    path = Path(env) if env else REPO / ".cache" / "node_modules" / "axe-core" / "axe.min.js"
    return path if path.is_file() else None


def _norm(text: str) -> str:
    return " ".join(text.split())


# -- fixtures -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright for Python is not installed (pip install playwright)")
    exe = _chromium()
    if exe is None:
        _missing("no Chromium found (apt install chromium, or set DECKGEN_CHROMIUM)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 720})
    pg = ctx.new_page()
    yield pg
    ctx.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every example built as pptx and html: name -> (html path, pptx path, placed deck)."""
    from deckgen.build.pipeline import build
    out = tmp_path_factory.mktemp("html")
    decks = {}
    for f in EXAMPLES:
        build(f, out, formats=["pptx", "html"])
        decks[f.stem] = (out / f.stem / f"{f.stem}.html", out / f.stem / f"{f.stem}.pptx")
    return decks


def _pptx_titles(path: Path) -> list[str]:
    """The titles of the slides the show shows (hidden ones, show="0", are not on the page)."""
    from pptx import Presentation
    titles = []
    for slide in Presentation(str(path)).slides:
        if slide._element.get("show") == "0":
            continue
        shape = slide.shapes.title
        titles.append(_norm(shape.text_frame.text if shape is not None else ""))
    return titles


def _open(page, path: Path, hash_: str = ""):
    page.goto(path.as_uri() + hash_)
    page.wait_for_function("window.deckgen !== undefined")


# -- without a browser ----------------------------------------------------------------------------
def test_html_is_a_format_but_not_a_default():
    from deckgen.build.formats import WRITERS, default_formats
    assert "html" in WRITERS and "html" not in default_formats()


@pytest.mark.parametrize("example", [f.stem for f in EXAMPLES])
def test_the_page_is_self_contained(built, example):
    from deckgen.content.loader import load
    html_path, _ = built[example]
    text = html_path.read_text(encoding="utf-8")
    content = load(REPO / "content" / f"{example}.yaml")
    assert f'<html lang="{content.language}">' in text
    assert "<link" not in text and "<script src" not in text and "@import" not in text
    assert re.findall(r'\bsrc="(?!data:)', text) == []
    assert re.findall(r"url\((?!data:)", text) == []
    # only the faces the slides use: the default theme draws with Carlito alone
    families = set(re.findall(r"font-family:'(dg-[^']+)';font-weight", text))
    assert families <= {"dg-Carlito", "dg-DeckgenHangul"}
    assert len(text) < 3_000_000, "the fonts should be cut down to the characters used"


def test_hidden_slides_are_left_out():
    from deckgen.build.pipeline import resolve_theme
    from deckgen.content.loader import load
    from deckgen.deck.design import design
    from deckgen.deck.storyline import plan
    from deckgen.render.html import render_html
    content = load(EXAMPLES[0])
    theme = resolve_theme(content, None)
    placed = design(plan(content, theme), theme)
    already = sum(ps.hidden for ps in placed.slides)     # the example's own hidden slides
    assert not placed.slides[1].hidden
    n = len(placed.slides) - already
    placed.slides[1].hidden = True
    text = render_html(placed, theme, content, subset=False)
    assert text.count('<section class="slide"') == n - 1
    assert f'id="slide-{n - 1}"' in text and f'id="slide-{n}"' not in text


# -- in the browser -------------------------------------------------------------------------------
@pytest.mark.parametrize("example", [f.stem for f in EXAMPLES])
def test_headings_match_the_pptx_slide_titles(page, built, example):
    html_path, pptx_path = built[example]
    _open(page, html_path)
    got = page.evaluate("""() => [...document.querySelectorAll('section.slide')].map(s => {
        const h = s.querySelector('h1, h2');
        return [h ? h.textContent : '', s.getAttribute('aria-label'), s.id];
    })""")
    titles = _pptx_titles(pptx_path)
    assert [_norm(h) for h, _, _ in got] == titles
    assert [label for _, label, _ in got] == [f"Slide {n}: {t}" for n, t in enumerate(titles, 1)]
    assert [i for _, _, i in got] == [f"slide-{n}" for n in range(1, len(titles) + 1)]


def test_keys_move_through_the_slides_and_the_hash_follows(page, built):
    html_path, pptx_path = built["south-korea-briefing"]
    total = len(_pptx_titles(pptx_path))
    _open(page, html_path, "#5")

    def state():
        return page.evaluate("""() => [location.hash,
            [...document.querySelectorAll('section.slide')]
              .filter(s => getComputedStyle(s).display !== 'none').map(s => s.id)]""")

    assert state() == ["#5", ["slide-5"]]
    for key, want in [("ArrowRight", 6), ("PageDown", 7), ("Space", 8), ("ArrowLeft", 7),
                      ("PageUp", 6), ("End", total), ("ArrowRight", total), ("Home", 1),
                      ("ArrowLeft", 1)]:
        page.keyboard.press(key)
        assert state() == [f"#{want}", [f"slide-{want}"]], key
    page.evaluate("location.hash = '#12'")
    page.wait_for_function("location.hash === '#12'")
    page.wait_for_function("document.querySelector('#slide-12').classList.contains('current')")
    # the stage is scaled to the window
    box = page.locator("#slide-12 .stage").bounding_box()
    assert abs(box["width"] - 1280) < 2 and abs(box["height"] - 720) < 2
    page.set_viewport_size({"width": 640, "height": 600})
    box = page.locator("#slide-12 .stage").bounding_box()
    assert abs(box["width"] - 640) < 2 and abs(box["height"] - 360) < 2


def test_p_shows_the_speaker_notes(page, built):
    html_path, _ = built["south-korea-briefing"]
    _open(page, html_path, "#4")
    notes = page.locator("#slide-4 aside.notes")
    assert not notes.is_visible()
    page.keyboard.press("p")
    assert notes.is_visible()
    assert "Notes" in notes.inner_text()
    assert page.get_attribute("#notes-btn", "aria-pressed") == "true"
    page.click("#notes-btn")
    assert not notes.is_visible()


def test_nothing_is_fetched(browser, built):
    for example in built:
        html_path, _ = built[example]
        ctx = browser.new_context()
        page = ctx.new_page()
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.route(re.compile(r"^(https?|wss?|ftp)://"), lambda route: route.abort())
        _open(page, html_path)
        for _ in range(40):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("p")
        page.emulate_media(media="print")
        page.evaluate("document.fonts.ready.then(() => document.fonts.size)")
        ctx.close()
        others = [u for u in requests if u != html_path.as_uri() and not u.startswith("data:")]
        assert others == [], f"{example} asked for {others}"


def test_charts_are_named_svg_and_pictures_have_alt_text(page, built):
    html_path, _ = built["intro-to-strategic-assessment"]
    _open(page, html_path)
    charts = page.evaluate("""() => [...document.querySelectorAll('svg.ch')].map(
        s => [s.getAttribute('role'), s.getAttribute('aria-label')])""")
    assert charts and all(role == "img" and name for role, name in charts)
    pics = page.evaluate("""() => [...document.querySelectorAll('img')].map(
        i => [i.getAttribute('alt'), i.naturalWidth > 0 || i.src.startsWith('data:')])""")
    assert pics and all(alt is not None for alt, _ in pics)
    assert any(alt for alt, _ in pics)


@pytest.mark.parametrize("example", [f.stem for f in EXAMPLES])
def test_print_gives_one_slide_a_page(page, built, example):
    pdfplumber = pytest.importorskip("pdfplumber")
    html_path, pptx_path = built[example]
    _open(page, html_path)
    out = html_path.with_suffix(".pdf")
    page.pdf(path=str(out), prefer_css_page_size=True, print_background=True)
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == len(_pptx_titles(pptx_path))
        first = pdf.pages[0]
        assert abs(first.width / first.height - 16 / 9) < 0.01


@pytest.mark.parametrize("example", [f.stem for f in EXAMPLES])
def test_axe_finds_nothing_serious(page, built, example):
    axe = _axe()
    if axe is None:
        _missing("axe-core is not installed (npm install --prefix .cache axe-core, or set DECKGEN_AXE)")
    html_path, _ = built[example]
    _open(page, html_path)
    page.add_script_tag(path=str(axe))
    run = """async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '));
    }"""
    assert page.evaluate(run) == [], "on screen"
    # every slide at once (as printed), so colour contrast is checked on all of them
    page.emulate_media(media="print")
    assert page.evaluate(run) == [], "printed"


# -- deckgen serve --------------------------------------------------------------------------------
class Served:
    def __init__(self, folder: Path, *extra: str) -> None:
        src = REPO / "content" / "south-korea-briefing.yaml"
        self.file = folder / "talk.yaml"
        shutil.copy(src, self.file)
        env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        self.proc = subprocess.Popen([sys.executable, "-m", "deckgen", "serve", str(self.file),
                                      "--port", "0", *extra], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, env=env, cwd=folder)
        line = self.proc.stdout.readline()
        m = re.search(r"http://([\d.]+):(\d+)/\S*", line)
        if not m:
            self.proc.kill()
            raise AssertionError(f"serve printed {line!r}; stderr: {self.proc.stderr.read()}")
        self.url, self.host, self.port = m.group(0), m.group(1), int(m.group(2))

    def edit(self, old: str, new: str) -> None:
        text = self.file.read_text(encoding="utf-8")
        assert old in text
        self.file.write_text(text.replace(old, new, 1), encoding="utf-8")

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture
def served(tmp_path):
    s = Served(tmp_path)
    yield s
    s.close()


def _wait_text(page, text: str, timeout: float = WAIT) -> float:
    """Wait until ``text`` is in the page; return the seconds it took."""
    start = time.perf_counter()
    page.wait_for_function("t => document.body.textContent.includes(t)", arg=text,
                           timeout=timeout * 1000)
    return time.perf_counter() - start


def test_serve_updates_the_open_page_within_a_second_without_a_reload(page, served):
    page.goto(served.url + "#4")
    page.wait_for_function("window.deckgen !== undefined")
    page.evaluate("window.sameDocument = 42")
    time.sleep(0.3)     # the page's event stream is open
    times, before = [], "Seoul sends **combat"
    for word in ("regiments", "battalions", "brigades"):
        start = time.perf_counter()
        served.edit(before, f"Seoul sends {word} of **combat")
        before = f"Seoul sends {word} of **combat"
        _wait_text(page, f"Seoul sends {word} of")
        times.append(time.perf_counter() - start)
    print(f"serve: save -> page updated in {', '.join(f'{t:.2f}' for t in times)} s")
    assert max(times) < 1.5, times
    assert page.evaluate("window.sameDocument") == 42, "the page was reloaded"
    assert page.evaluate("location.hash") == "#4"
    assert page.locator("#slide-4").is_visible()


def test_serve_follow_jumps_to_the_first_changed_slide(page, tmp_path):
    s = Served(tmp_path, "--follow")
    try:
        page.goto(s.url + "#2")
        page.wait_for_function("window.deckgen !== undefined")
        time.sleep(0.3)
        s.edit("Seoul sends **combat", "Seoul sends lots of **combat")
        _wait_text(page, "Seoul sends lots of")
        page.wait_for_function("location.hash === '#4'", timeout=WAIT * 1000)
    finally:
        s.close()


def test_serve_listens_on_loopback_only(served):
    assert served.host == "127.0.0.1"
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            addr, port = local.rsplit(":", 1)
            if state == "0A" and int(port, 16) == served.port:
                listening.append(addr)
    if listening:
        assert listening == ["0100007F"], listening
    # and not on any other address of this machine
    others = set()
    try:
        others = {a[4][0] for a in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
    except OSError:
        pass
    for addr in others - {"127.0.0.1"}:
        if addr.startswith("127."):
            continue
        with socket.socket() as sock:
            sock.settimeout(2)
            assert sock.connect_ex((addr, served.port)) != 0, f"serve answers on {addr}"


def test_serve_shows_the_located_problem_and_keeps_the_last_good_deck(page, served):
    page.goto(served.url + "#3")
    page.wait_for_function("window.deckgen !== undefined")
    time.sleep(0.3)
    served.edit('impact: "critical"', 'impact: "hgh"')
    page.wait_for_selector("#problem:not([hidden])", timeout=WAIT * 1000)
    shown = page.inner_text("#problem")
    check = subprocess.run([sys.executable, "-m", "deckgen", "validate", str(served.file)],
                           capture_output=True, text=True, cwd=REPO,
                           env=dict(os.environ, PYTHONPATH=str(REPO)))
    assert check.returncode == 2
    assert _norm(shown) == _norm(check.stderr)
    assert re.search(r"talk\.yaml:\d+:\d+: concerns\[0\]\.impact: found 'hgh'", shown)
    # the last good deck is still there, on the same slide
    assert page.locator("#slide-3").is_visible()
    assert page.evaluate("location.hash") == "#3"
    served.edit('impact: "hgh"', 'impact: "critical"')
    page.wait_for_selector("#problem", state="hidden", timeout=WAIT * 1000)
    # a page opened while the file is broken shows the problem too
    served.edit('impact: "critical"', 'impact: "hgh"')
    page.wait_for_selector("#problem:not([hidden])", timeout=WAIT * 1000)
    page.goto(served.url + "#2")
    assert "found 'hgh'" in page.inner_text("#problem")
    assert page.locator("#slide-2").is_visible()

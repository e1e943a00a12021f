"""``deckgen serve``: show the HTML deck in a browser and update it on every save."""

from __future__ import annotations

import json
import sys
import threading
import time
import traceback
from pathlib import Path
from deckgen.build.batch import Options, kind_of
from deckgen.build.changes import ChangeFeed
from deckgen.build.incremental import inputs_of
from deckgen.build.pipeline import Build, resolve_theme
from deckgen.content.loader import load
from deckgen.errors import DeckgenError
from deckgen.render.html import _Fonts, _Writer, render_html, visible_slides
from deckgen.theme.theme import load_theme

NAME = "serve"
HELP = "show decks in a browser, updated as their files are saved"
DESCRIPTION = ("Serve the HTML deck of a content file (or of every content file in a folder)\n"
               "on this computer only (127.0.0.1) and update open pages within a second of a\n"
               "save, on the slide being viewed. A problem in a file is shown in the page,\n"
               "located as 'deckgen validate' prints it, and the last good deck stays.")
EPILOG = """\
examples:
  deckgen serve talk.yaml
      prints http://127.0.0.1:PORT/talk/ (a free port); open it, edit, save
  deckgen serve content/ --port 8000
      lists every content file in the folder at http://127.0.0.1:8000/
  deckgen serve talk.yaml --follow
      after a save, jump to the first slide that changed

Keys in the page: Right, Page Down, Space forward; Left, Page Up back; Home, End;
p shows the speaker notes. Nothing is written to disk; 'deckgen build --formats
html' writes the same page as a file. Ctrl-C stops.
"""

HOST = "127.0.0.1"     # never another interface: the page shows unpublished content


def add_arguments(p) -> None:
    p.add_argument("target", metavar="FILE|DIR", help="a content file (.yaml) or a folder of them")
    p.add_argument("--port", type=int, default=0, metavar="P",
                   help="port to listen on (default 0: a free port, printed)")
    p.add_argument("--follow", action="store_true",
                   help="after a save, show the first slide that changed")
    p.add_argument("--theme", metavar="T", help="theme name or path to a theme .yaml "
                   "(wins over the file's own 'theme:')")
    p.add_argument("--strict", action="store_true",
                   help="treat low theme contrast as an error, as 'build --strict'")
    p.add_argument("--quiz-slides", action="store_true",
                   help="end each deck with the quiz, as 'build --quiz-slides'")
    p.add_argument("--interval", type=float, default=0.5, metavar="S",
                   help="seconds between looks at the files when file events are not "
                        "available (default 0.5)")


class LiveDeck:
    """One content file: its last good page, its current problem, and who is watching."""

    def __init__(self, path: Path, options) -> None:
        self.path = path
        self.name = path.stem
        self.options = options
        self.sections: list[str] = []
        self.placed = self.theme = self.content = None
        self.error = ""
        self.version = 0
        self.changed = 0
        self.inputs: set = {path.resolve()}
        self.cond = threading.Condition()

    def rebuild(self) -> None:
        """Build the deck again; on a problem keep the last good slides and record the error."""
        error, changed = "", 0
        try:
            content = load(self.path)
            theme = resolve_theme(content, self.options.theme, self.options.strict)
            placed = Build(content, theme, quiz_slides=self.options.quiz_slides).placed
            writer = _Writer(placed, theme, _Fonts())
            sections = [writer.slide(ps, n) for n, ps in enumerate(visible_slides(placed), 1)]
            try:
                self.inputs = inputs_of(content, theme)
            except OSError:
                self.inputs = {self.path.resolve()}
        except DeckgenError as exc:
            error = exc.render()
        except Exception:      # a bug: show it in the page too, and keep serving
            error = "deckgen: this is a bug in deckgen, not in your file:\n" + traceback.format_exc()
        with self.cond:
            if not error:
                old = self.sections
                changed = next((i + 1 for i, (a, b) in enumerate(zip(old, sections)) if a != b),
                               0 if len(old) == len(sections) else min(len(old), len(sections)) + 1)
                self.sections = sections
                self.placed, self.theme, self.content = placed, theme, content
            if error or changed or error != self.error or self.version == 0:
                self.changed = min(changed, len(self.sections)) if changed else 0
                self.error = error
                self.version += 1
                self.cond.notify_all()

    def page(self) -> str:
        with self.cond:
            placed, theme, content, error = self.placed, self.theme, self.content, self.error
        if theme is None:
            theme = load_theme("default")
        html = render_html(placed, theme, content, live=f"/{self.name}/events", error=error,
                           all_faces=True)
        return html

    def fragment(self) -> str:
        with self.cond:
            return "\n".join(self.sections)

    def message(self, follow: bool) -> str:
        return json.dumps({"version": self.version, "error": self.error or None,
                           "changed": self.changed or None, "follow": follow,
                           "fragment": f"/{self.name}/slides?v={self.version}"})


class Server:
    """The decks and the HTTP server that shows them (on 127.0.0.1 only)."""

    def __init__(self, target: Path, options, port: int = 0, follow: bool = False,
                 interval: float = 0.5, out=None) -> None:
        self.target = Path(target)
        self.options = options
        self.follow = follow
        self.out = out or sys.stdout
        self.decks: dict[str, LiveDeck] = {}
        self.stop = threading.Event()
        self.feed = ChangeFeed(interval)
        self._scan()
        self.httpd = self._make_server(port)
        self.port = self.httpd.server_address[1]

    @property
    def url(self) -> str:
        base = f"http://{HOST}:{self.port}/"
        return base + f"{self.target.stem}/" if self.target.is_file() else base

    def _files(self) -> list[Path]:
        if self.target.is_file():
            return [self.target]
        return [f for f in sorted(self.target.iterdir())
                if f.suffix.lower() in (".yaml", ".yml") and kind_of(f) == "content"]

    def _scan(self) -> None:
        for f in self._files():
            if f.stem not in self.decks:
                deck = LiveDeck(f, self.options)
                deck.rebuild()
                self.decks[f.stem] = deck
        self._watch()

    def _watch(self) -> None:
        files = set().union(*(d.inputs for d in self.decks.values())) if self.decks else set()
        self.feed.watch(files, [self.target] if self.target.is_dir() else [])

    # -- watching ---------------------------------------------------------------------------------
    def watch_loop(self) -> None:
        while True:
            seen = self.feed.next(self.stop)
            if seen is None:
                return
            clock = time.strftime("%H:%M:%S")
            for deck in list(self.decks.values()):
                if seen & deck.inputs:
                    started = time.perf_counter()
                    deck.rebuild()
                    state = "problem" if deck.error else "updated"
                    print(f"[{clock}] {state} {deck.path} ({time.perf_counter() - started:.2f} s)",
                          file=self.out, flush=True)
                    if deck.error:
                        print(deck.error, file=sys.stderr, flush=True)
            if self.target.is_dir():
                self._scan()
            else:
                self._watch()

    # -- HTTP -------------------------------------------------------------------------------------
    def _make_server(self, port: int):
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:    # quiet: the terminal shows rebuilds
                pass

            def _send(self, body: str, ctype: str = "text/html; charset=utf-8",
                      status: int = 200) -> None:
                data = body.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:    # noqa: N802 - the http.server name
                path = self.path.split("?", 1)[0]
                parts = [p for p in path.split("/") if p]
                if not parts:
                    if server.target.is_file():
                        self.send_response(302)
                        self.send_header("Location", server.url)
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return
                    return self._send(server.index())
                deck = server.decks.get(parts[0])
                if deck is None or len(parts) > 2:
                    return self._send("not found", "text/plain; charset=utf-8", 404)
                what = parts[1] if len(parts) == 2 else ""
                if what == "":
                    return self._send(deck.page())
                if what == "slides":
                    return self._send(deck.fragment())
                if what == "events":
                    return self._events(deck)
                return self._send("not found", "text/plain; charset=utf-8", 404)

            def _events(self, deck: LiveDeck) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-store")
                self.send_header("Connection", "keep-alive")
                self.end_headers()
                self.close_connection = True
                seen = deck.version
                try:
                    self.wfile.write(b"retry: 500\n\n")
                    self.wfile.flush()
                    while not server.stop.is_set():
                        with deck.cond:
                            deck.cond.wait_for(lambda: deck.version != seen or server.stop.is_set(),
                                               timeout=15)
                            fresh = deck.version != seen
                            seen = deck.version
                            msg = deck.message(server.follow)
                        if fresh:
                            self.wfile.write(f"event: deck\ndata: {msg}\n\n".encode("utf-8"))
                        else:
                            self.wfile.write(b": still here\n\n")
                        self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError, OSError):
                    return

        class Quiet(ThreadingHTTPServer):
            daemon_threads = True
            allow_reuse_address = True

            def handle_error(self, request, client_address) -> None:
                pass       # a browser closing its connection is not worth a traceback

        return Quiet((HOST, port), Handler)

    def index(self) -> str:
        import html
        items = "".join(
            f'<li><a href="/{html.escape(n)}/">{html.escape(d.content.title if d.content else n)}</a>'
            f'{" — has a problem" if d.error else ""}</li>'
            for n, d in sorted(self.decks.items()))
        return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                f"<title>deckgen serve: {html.escape(str(self.target))}</title></head>"
                f"<body><main><h1>Decks in {html.escape(str(self.target))}</h1>"
                f"<ul>{items or '<li>No content files here yet.</li>'}</ul></main></body></html>")

    def serve_forever(self) -> None:
        watcher = threading.Thread(target=self.watch_loop, daemon=True, name="deckgen-serve-watch")
        watcher.start()
        try:
            self.httpd.serve_forever(poll_interval=0.2)
        finally:
            self.close()

    def close(self) -> None:
        self.stop.set()
        for d in self.decks.values():
            with d.cond:
                d.cond.notify_all()
        self.feed.close()
        self.httpd.server_close()


def run(args) -> int:
    target = Path(args.target)
    if not target.exists():
        raise DeckgenError(f"found no file or folder '{args.target}'", path="FILE|DIR")
    if not 0 <= args.port <= 65535:
        raise DeckgenError(f"found the port {args.port}; allowed: 0 to 65535", path="--port")
    options = Options(formats=("html",), theme=args.theme, strict=args.strict,
                      quiz_slides=args.quiz_slides)
    try:
        server = Server(target, options, port=args.port, follow=args.follow,
                        interval=max(0.05, args.interval))
    except OSError as exc:
        raise DeckgenError(f"could not listen on {HOST}:{args.port}: {exc.strerror or exc}",
                           path="--port", hint="try another port, or 0 for a free one")
    for deck in server.decks.values():
        if deck.error:
            print(deck.error, file=sys.stderr, flush=True)
    print(f"serving {server.url} ({server.feed.backend}); Ctrl-C stops", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\ndeckgen: stopped serving.", file=sys.stderr)
    return 0

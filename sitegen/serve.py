"""`sitegen serve`: build, serve on 127.0.0.1 (or `--bind`), rebuild on every change and reload the browser.

A failed rebuild keeps the last good site on screen with the errors laid over every page (or an
error page while no build has succeeded yet), so the volunteer sees file, line and fix at once.

Every rebuild reloads the pages that listen on livereload's socket. A page that was reloading
just then (a second save right after the first) is not listening yet; each served page therefore
tells, when it connects, which rebuild it shows (`_BUILD_SCRIPT`, a livereload.js plugin whose
`analyze` goes into the `info` message), and one that shows another than the newest (an older
one, or one of an earlier `sitegen serve`) is reloaded at once. The admin is never reloaded: it
reads and writes the files itself, and a reload would close the form a volunteer is filling in
(or cut short the CMS writing a save, which is what starts the rebuild).
"""

from __future__ import annotations

import html
import json
import logging
import mimetypes
import os
import socket
import sys
import time
import traceback
from pathlib import Path
from typing import Callable, Iterable

import livereload.server
from livereload import Server
from livereload.handlers import LiveReloadHandler
from livereload.watcher import Watcher
from tornado.ioloop import IOLoop

from sitegen.admin import ADMIN_DIR
from sitegen.build import BuildFailed, build, builtin_theme_dirs
from sitegen.i18n import DEFAULT_LANGUAGE, Strings, load_strings
from sitegen.report import brief_warnings

WATCHED = ("site.yaml", "content", "themes")
LOOPBACK = "127.0.0.1"  # the default: only this computer sees the preview
ANY_ADDRESS = "0.0.0.0"  # `--bind 0.0.0.0`: phones on the same Wi-Fi too
# The watched files are compared every POLL_MS, or less often when comparing costs more than
# POLL_SHARE of one core: livereload walks every file, ~1.5 ms for the example but ~65 ms for
# 1,000 products, which polled every 150 ms kept a core 40 % busy while nothing changed.
POLL_MS = 50
POLL_SHARE = 0.1
OVERLAY_ID = "sitegen-errors"
_OVERLAY_STYLE = (
    "position:fixed;left:0;right:0;bottom:0;max-height:75vh;overflow:auto;z-index:2147483647;"
    "margin:0;padding:1em;background:#fff4f2;color:#4a0d00;border-top:5px solid #c62800;"
    "font:16px/1.45 system-ui,sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.25)"
)

# Defined before livereload.js loads (its snippet goes in after this one, and loads the script
# later), which takes every window.LiveReloadPlugin* as a plugin and sends what `analyze` returns.
_PLUGIN = ("<script>(function(p){p.identifier='sitegen';p.version='1';p.prototype.%s;"
           "window.LiveReloadPluginSitegen=p})(function(){})</script>")
_BUILD_SCRIPT = _PLUGIN % "analyze=function(){return{build:'%s'}}"
_ADMIN_SCRIPT = _PLUGIN % "reload=function(){return true}"  # a plugin that takes every reload as done
_RELOAD = {"command": "reload", "path": "*", "liveCSS": False, "liveImg": False}

StartResponse = Callable[[str, list[tuple[str, str]]], object]


class Preview:
    """The preview server's state: where the site is, and the errors of the newest build, if any."""

    def __init__(self, project: Path, output: Path, base_url: str, cache_dir: Path | None):
        self.project, self.output, self.base_url, self.cache_dir = project, output, base_url, cache_dir
        self.errors: tuple[str, ...] = ()
        self.warnings: tuple[str, ...] = ()
        self.strings = load_strings(builtin_theme_dirs(), DEFAULT_LANGUAGE)
        self.session = os.urandom(6).hex()  # tells this preview's pages from those of an earlier serve
        self.builds = 0  # rebuilds so far, good or failed

    @property
    def build_id(self) -> str:
        """What a page served now says it shows."""
        return f"{self.session}.{self.builds}"

    def shows_old_build(self, message: str) -> bool:
        """Whether a page's livereload `info` message says it shows another build than the newest."""
        try:
            shown = json.loads(message)["plugins"]["sitegen"]["build"]
        except (ValueError, KeyError, TypeError):
            return False  # not the info message, or a page served without the script
        return shown != self.build_id

    def rebuild(self) -> bool:
        """Build into the preview folder; on failure keep the last good site and remember the errors."""
        try:
            result = build(self.project, self.output, self.base_url, self.cache_dir)
        except BuildFailed as failure:
            self.errors, self.strings = tuple(failure.messages), failure.strings
        except Exception as exc:  # a bug or a broken theme template must not stop the preview
            traceback.print_exc()
            self.errors = (f"{type(exc).__name__}: {exc}",)
        else:
            self.errors, self.strings = (), result.strings or self.strings
            if result.warnings and result.warnings != self.warnings:  # repeated on every save they would bury errors
                print("\n".join(brief_warnings(result)), file=sys.stderr)
            self.warnings = result.warnings
        self.builds += 1
        for message in self.errors:
            print(message, file=sys.stderr)
        print(self.strings.t("serve.rebuilt" if not self.errors else "serve.failed", count=len(self.errors)),
              flush=True)
        return not self.errors

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        """WSGI: the built files, with the error overlay on HTML while the newest build fails."""
        path = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "replace")
        target = self._file_for(path)
        if target is not None and target.is_dir():
            start_response("302 Found", [("Location", path + "/"), ("Cache-Control", "no-store")])
            return [b""]
        status = "200 OK" if target else "404 Not Found"
        target = target or self.output / "404.html"
        if not target.is_file():
            return self._respond(start_response, "503 Service Unavailable", "text/html", self._error_page())
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        body = target.read_bytes()
        if kind == "text/html":
            body = self._for_preview(body, admin=self._in_admin(target))
        return self._respond(start_response, status, kind, body)

    def _in_admin(self, target: Path) -> bool:
        """Whether a served file is the admin's (told by the file, not by how its address is spelt)."""
        return target.resolve().relative_to(self.output.resolve()).parts[:1] == (ADMIN_DIR,)

    def _for_preview(self, page: bytes, admin: bool = False) -> bytes:
        """An HTML page with the build it shows and, while the newest build fails, its errors; the
        admin with reloads turned off and no errors (a panel it would keep after the fix)."""
        if self.errors and not admin:
            page = add_overlay(page, render_overlay(self.errors, self.strings))
        script = _ADMIN_SCRIPT if admin else _BUILD_SCRIPT % self.build_id
        index = page.find(b"</head>")
        return page[:index] + script.encode() + page[index:] if index >= 0 else page

    def _file_for(self, path: str) -> Path | None:
        """The output file or folder a URL path names; None outside the site or when missing."""
        root = self.output.resolve()
        try:
            target = (root / path.lstrip("/")).resolve()
        except (OSError, ValueError):  # e.g. a NUL byte in the address
            return None
        if not target.is_relative_to(root) or not target.exists():
            return None
        if target.is_dir() and path.endswith("/"):
            index = target / "index.html"
            return index if index.is_file() else None
        return target

    def _error_page(self) -> bytes:
        title = html.escape(self.strings.t("serve.no_site"))
        page = f"<!doctype html><html><head><meta charset=utf-8><title>{title}</title></head><body></body></html>"
        return self._for_preview(page.encode())

    @staticmethod
    def _respond(start_response: StartResponse, status: str, kind: str, body: bytes) -> list[bytes]:
        charset = "; charset=utf-8" if kind.startswith("text/") or kind.endswith(("xml", "json")) else ""
        start_response(status, [("Content-Type", kind + charset), ("Cache-Control", "no-store")])
        return [body]


def serve(project: Path, output: Path | None, port: int, cache_dir: Path | None = None,
          bind: str = LOOPBACK) -> int:
    """Build, then serve on `bind`:`port` until Ctrl+C, rebuilding and reloading on every change."""
    project = project.resolve()
    output = (output or project / ".sitegen-cache" / "preview").resolve()
    local_url, phone_urls = preview_urls(bind, port, lan_addresses() if bind == ANY_ADDRESS else ())
    # Absolute addresses (the order message's link) must open on the phone too.
    preview = Preview(project, output, phone_urls[0] if phone_urls else local_url, cache_dir)
    if not port_is_free(port, bind):
        print(preview.strings.t("serve.port_busy", port=port, other=port + 1), file=sys.stderr)
        return 1
    preview.rebuild()
    _ReloadSocket.preview = preview
    livereload.server.LiveReloadHandler = _ReloadSocket  # the class Server.serve routes /livereload to
    server = Server(app=preview, watcher=_FastWatcher())
    LiveReloadHandler.watcher = server.watcher  # livereload's /forcereload still asks the original class
    for name in WATCHED:
        server.watch(str(project / name), lambda: _rebuild_and_reload(preview))
    print(preview.strings.t("serve.ready", url=local_url), flush=True)
    for message in phone_messages(bind, port, phone_urls, preview.strings):
        print(message, flush=True)
    logging.getLogger("tornado.access").disabled = True  # one line per request drowns the messages that matter
    server.serve(host=bind, port=port, debug=False, open_url_delay=None)
    return 0


def preview_urls(bind: str, port: int, lan: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """The address to open on this computer, and those a phone on the same Wi-Fi can open."""
    if bind == ANY_ADDRESS:
        return f"http://{LOOPBACK}:{port}/", tuple(f"http://{address}:{port}/" for address in lan)
    url = f"http://{bind}:{port}/"
    return url, (() if _is_loopback(bind) else (url,))


def phone_messages(bind: str, port: int, phone_urls: tuple[str, ...], strings: Strings) -> list[str]:
    """What to open on a phone; nothing when the preview is only for this computer."""
    if phone_urls:
        return [strings.t("serve.phone", url=url) for url in phone_urls]
    return [strings.t("serve.phone_unknown", port=port)] if bind == ANY_ADDRESS else []


def lan_addresses() -> tuple[str, ...]:
    """This computer's IPv4 address on the local network, as the routing table names it."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # UDP connect only picks the outgoing address: nothing is sent
            address = probe.getsockname()[0]
        except OSError:  # no network at all
            return ()
    return () if _is_loopback(address) or address == ANY_ADDRESS else (address,)


def _is_loopback(host: str) -> bool:
    return host == "localhost" or host.startswith("127.") or host == "::1"


def port_is_free(port: int, host: str = LOOPBACK) -> bool:
    """Whether `host`:`port` can be listened on (checked first, to say so in the site's language)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def _rebuild_and_reload(preview: Preview) -> None:
    preview.rebuild()
    # Reload here rather than leave it to livereload, which skips reloads within 3 s of the last one;
    # the whole page ("*"): named after the saved file (a photo, a theme's CSS), livereload.js would
    # look for that file in the page, and the built one has another name.
    _ReloadSocket.reload_waiters("*")


def render_overlay(messages: tuple[str, ...], strings: Strings) -> str:
    """The error panel laid over the last good page: a title, a note and one item per error."""
    items = "".join(_overlay_item(message, strings) for message in messages)
    return (
        f'<section id="{OVERLAY_ID}" role="alert" style="{_OVERLAY_STYLE}">'
        f"<h2 style=\"margin:0 0 .3em;font-size:1.2em\">{html.escape(strings.t('serve.error_title', count=len(messages)))}</h2>"
        f"<p style=\"margin:0 0 .6em\">{html.escape(strings.t('serve.error_note'))}</p>"
        f'<ol style="margin:0;padding-left:1.4em">{items}</ol></section>'
    )


def _overlay_item(message: str, strings: Strings) -> str:
    place, _, rest = message.partition(": ")
    what, _, fix = rest.partition(" — ")
    fix_line = f"<br><b>{html.escape(strings.t('serve.fix'))}:</b> {html.escape(fix)}" if fix else ""
    return (f'<li style="margin:.4em 0"><code style="font-weight:bold">{html.escape(place)}</code><br>'
            f"{html.escape(what)}{fix_line}</li>")


def add_overlay(page: bytes, overlay: str) -> bytes:
    """Insert the overlay just before `</body>` (or at the end of a page without one)."""
    marker = b"</body>"
    index = page.rfind(marker)
    index = index if index >= 0 else len(page)
    return page[:index] + overlay.encode("utf-8") + page[index:]


class _ReloadSocket(LiveReloadHandler):
    """livereload's socket to a page, which also reloads a page that connects showing an older build."""

    preview: Preview | None = None

    def on_message(self, message):
        super().on_message(message)
        if self.preview is not None and self.preview.shows_old_build(message):
            self.send_message(_RELOAD)


class _FastWatcher(Watcher):
    """livereload's polling watcher, polled every POLL_MS (livereload's own: 800 ms) or, for a big
    catalogue, as often as keeps the comparing under POLL_SHARE of a core."""

    looking = 0.0  # seconds the last poll spent comparing files (not running the rebuild it started)

    def start(self, callback: Callable[[], None]) -> bool:
        loop = IOLoop.current()

        def poll() -> None:
            self.looking = 0.0
            try:
                callback()
            finally:
                loop.call_later(poll_delay(self.looking), poll)

        loop.add_callback(poll)
        return True  # tells livereload not to start its own, slower poll

    def is_changed(self, path, ignore=None):
        started = time.perf_counter()
        try:
            return super().is_changed(path, ignore)
        finally:
            self.looking += time.perf_counter() - started


def poll_delay(looking: float) -> float:
    """Seconds until the next look at the files, given how long the last one took."""
    return max(POLL_MS / 1000, looking / POLL_SHARE)

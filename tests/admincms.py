"""The real, pinned Sveltia CMS in headless Chromium, editing a catalogue in local-repository mode.

The catalogue is copied into the browser's origin-private file system (with a `.git` folder, which
Sveltia looks for), the folder picker hands that folder to the CMS, and `read_back` copies whatever
the CMS wrote onto the disk again, so the real `sitegen check` and `sitegen build` can judge it.
The CMS script comes from `tests/admin/node_modules` (installed from npm by `.ci/run`), served in
place of the CDN address the admin page names, integrity hash and all.
"""

from __future__ import annotations

import base64
import functools
import http.server
import json
import os
import shutil
import threading
from pathlib import Path

import pytest

from sitegen.admin import SVELTIA_VERSION
from tests.conftest import REPO

SVELTIA = REPO / "tests" / "admin" / "node_modules" / "@sveltia" / "cms"
CDN = f"https://unpkg.com/@sveltia/cms@{SVELTIA_VERSION}/"
FONTS = "https://cdn.jsdelivr.net/fontsource/"  # the CMS's UI fonts, shipped in the npm package too
SHOTS = REPO / "test-artifacts" / "admin"  # screenshots of each step, kept for the guides
PICKER = """
window.showDirectoryPicker = async () =>
  (await navigator.storage.getDirectory()).getDirectoryHandle('repo', {create: true});
"""
SEED = """async (paths) => {
  const root = await navigator.storage.getDirectory();
  try { await root.removeEntry('repo', {recursive: true}); } catch (e) {}
  const repo = await root.getDirectoryHandle('repo', {create: true});
  await repo.getDirectoryHandle('.git', {create: true});
  for (const path of paths) {
    let dir = repo;
    const parts = path.split('/');
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, {create: true});
    const data = await (await fetch('/repo/' + path)).arrayBuffer();
    const writer = await (await dir.getFileHandle(parts.at(-1), {create: true})).createWritable();
    await writer.write(data);
    await writer.close();
  }
}"""
READ = """async () => {
  const files = {};
  async function walk(dir, prefix) {
    for await (const [name, handle] of dir.entries()) {
      if (name === '.git') continue;
      if (handle.kind === 'directory') { await walk(handle, prefix + name + '/'); continue; }
      const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
      let text = '';
      for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
      files[prefix + name] = btoa(text);
    }
  }
  await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle('repo'), '');
  return files;
}"""


def require_sveltia() -> Path:
    """The npm package's folder; skipped on a laptop without it, a failure in CI."""
    package = SVELTIA / "package.json"
    if not package.is_file():
        if os.environ.get("CI"):
            pytest.fail("CI needs the pinned Sveltia CMS: npm ci --prefix tests/admin (.ci/run does it)")
        pytest.skip("Sveltia CMS is not installed: npm ci --prefix tests/admin")
    version = json.loads(package.read_text())["version"]
    assert version == SVELTIA_VERSION, f"tests/admin has Sveltia {version}, sitegen pins {SVELTIA_VERSION}"
    return SVELTIA


class _Handler(http.server.SimpleHTTPRequestHandler):
    """/site/… is the built site, /repo/… the catalogue's own files (read once, to seed the browser)."""

    def __init__(self, *args, site: Path, project: Path, **kwargs):
        self.site, self.project = site, project
        super().__init__(*args, directory=str(site), **kwargs)

    def translate_path(self, path: str) -> str:
        for prefix, root in (("/site/", self.site), ("/repo/", self.project)):
            if path.startswith(prefix):
                self.directory = str(root)
                return super().translate_path("/" + path[len(prefix):])
        return str(self.site / "__missing__")

    def log_message(self, *args) -> None:
        pass


class AdminSession:
    """One phone-sized browser tab with the admin of `site` open on the catalogue in `project`."""

    def __init__(self, browser, project: Path, site: Path, viewport=None):
        handler = functools.partial(_Handler, site=site, project=project)
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.project, self.errors = project, []
        self.context = browser.new_context(viewport=viewport or {"width": 360, "height": 740},
                                           device_scale_factor=2, is_mobile=True, has_touch=True)
        self.context.route(f"{CDN}**", _serve_from(SVELTIA, CDN))
        self.context.route(f"{FONTS}**", _serve_font)
        self.context.route(lambda url: not url.startswith((self.origin, CDN, FONTS)), lambda route: route.abort())
        self.context.add_init_script(PICKER)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def open(self) -> None:
        """Copy the catalogue into the browser, open /admin/ and choose "Work with Local Repository"."""
        paths = [p.relative_to(self.project).as_posix() for p in sorted(self.project.rglob("*"))
                 if p.is_file() and ".sitegen-cache" not in p.parts and "output" not in p.parts]
        self.page.goto(f"{self.origin}/site/robots.txt")
        self.page.evaluate(SEED, paths)
        self.page.goto(f"{self.origin}/site/admin/")
        self.page.get_by_role("button", name="Work with Local Repository").click()
        self.page.get_by_text("Collections").first.wait_for()

    def open_sign_in(self) -> None:
        """Open /admin/ as a volunteer first sees it."""
        self.page.goto(f"{self.origin}/site/admin/")
        self.page.get_by_role("button", name="Sign In Using Access Token").wait_for()

    def edit(self, collection: str, slug: str) -> None:
        """Open one entry's form."""
        self.page.goto(f"{self.origin}/site/admin/#/collections/{collection}/entries/{slug}/index")
        self.field("name").locator("input").first.wait_for()

    def field(self, key_path: str):
        """The form section of a field, e.g. "price" or "variants.0.name"."""
        return self.page.locator(f'[data-key-path="{key_path}"]').first

    def save(self) -> None:
        """Press Save and wait until the CMS has written the files."""
        button = self.page.get_by_role("button", name="Save", exact=True)
        button.click()
        try:
            self.page.wait_for_function("() => !location.hash.endsWith('/new')", timeout=15000)
        except Exception:
            self.shot("save-failed")
            raise AssertionError("the CMS did not save: " + self.page.inner_text("body")[:1500]) from None
        self.page.wait_for_timeout(800)

    def shot(self, name: str) -> Path:
        """A screenshot of the current screen, kept as a test artefact."""
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path

    def read_back(self) -> dict[str, bytes]:
        """Mirror the browser's copy of the catalogue onto the disk; return {path: bytes}."""
        files = {path: base64.b64decode(data) for path, data in self.page.evaluate(READ).items()}
        for rel in ("content", "site.yaml"):
            target = self.project / rel
            shutil.rmtree(target) if target.is_dir() else target.unlink(missing_ok=True)
        for path, data in files.items():
            (self.project / path).parent.mkdir(parents=True, exist_ok=True)
            (self.project / path).write_bytes(data)
        return files

    def close(self) -> None:
        self.context.close()
        self.server.shutdown()


def _serve_from(package: Path, prefix: str):
    def fulfil(route) -> None:
        file = package / route.request.url[len(prefix):].split("?")[0]
        if not file.is_file():
            return route.abort()
        kind = "application/javascript" if file.suffix in (".js", ".mjs") else "application/octet-stream"
        route.fulfill(body=file.read_bytes(), content_type=kind, headers={"Access-Control-Allow-Origin": "*"})
    return fulfil


def _serve_font(route) -> None:
    url = route.request.url
    family = next((f for f in ("material-symbols-outlined", "source-sans-3", "noto-mono") if f in url), None)
    found = sorted((SVELTIA / "npm" / "assets").glob(f"{family}-*.woff2")) if family else []
    if not found:
        return route.abort()
    route.fulfill(body=found[0].read_bytes(), content_type="font/woff2", headers={"Access-Control-Allow-Origin": "*"})

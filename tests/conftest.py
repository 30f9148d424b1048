"""Shared test helpers: scratch projects from dicts, running the real CLI, golden updates."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

REPO = Path(__file__).resolve().parents[1]

BASIC_SITE = {
    "site.yaml": "title: Tes\nbase_url: https://example.org/\ncategories: {makanan: Makanan}\n",
    "content/groups/sido/index.md": "---\nname: KUB Sido\nwhatsapp: 0812-0000-0001\n---\nCerita.\n",
    "content/products/keripik/index.md": "---\nname: Keripik\ngroup: sido\nprice: 15000\n---\nRenyah.\n",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden expected files")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write {relative path: text or bytes} under root."""
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return root


@pytest.fixture
def make_site(tmp_path: Path):
    """Create a scratch catalogue: make_site({path: text}) → project folder."""

    def make(files: dict[str, str | bytes], base: dict[str, str | bytes] | None = None) -> Path:
        project = tmp_path / "site"
        return write_tree(project, {**(BASIC_SITE if base is None else base), **files})

    return make


def jpeg_bytes(size=(800, 600), color=(180, 90, 40), orientation: int | None = None, gps: bool = False) -> bytes:
    """A JPEG made in memory, optionally with an EXIF orientation and GPS tags."""
    image = Image.new("RGB", size, color)
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    if gps:
        exif[0x010F] = "PhoneMaker"
        gps_ifd = exif.get_ifd(0x8825)
        gps_ifd.update({1: "S", 2: (7.0, 40.0, 12.0), 3: "E", 4: (109.0, 39.0, 5.0)})
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80, exif=exif.tobytes())
    return buffer.getvalue()


def shopper_pages(output: Path) -> list[Path]:
    """Every HTML page a shopper may open at its address: all of them but the volunteers' admin and the
    offline page, which the service worker shows in place of another (tests/browser/test_offline.py)."""
    return [page for page in sorted(output.rglob("*.html"))
            if not page.relative_to(output).as_posix().startswith("admin/") and page.name != "offline.html"]


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` as {relative path: bytes}, to compare whole sites."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run_sitegen(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the real `sitegen` command line (as `python -m sitegen`) and capture its output."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "sitegen", *args], cwd=cwd or REPO, env=env,
        capture_output=True, text=True, timeout=600,
    )


SUB_PATH = "https://example.github.io/katalog/"


def build_example(output: Path, cache: Path, base_url: str, **env: str) -> subprocess.CompletedProcess:
    """Build the bundled example with the real command line into `output`."""
    command = [sys.executable, "-m", "sitegen", "build", "--output", str(output),
               "--cache-dir", str(cache), "--base-url", base_url]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=900,
                            env={**os.environ, "PYTHONPATH": str(REPO), **env})
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The example catalogue built once under a GitHub Pages project sub-path."""
    root = tmp_path_factory.mktemp("example")
    build_example(root / "output", root / "cache", SUB_PATH)
    return root / "output"


@pytest.fixture(scope="session")
def english_example(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """The example catalogue with `language: en`, built once by the real command line: (output, run)."""
    project = tmp_path_factory.mktemp("english") / "site"
    shutil.copytree(REPO / "content", project / "content")
    settings = (REPO / "site.yaml").read_text(encoding="utf-8")
    assert "\nlanguage: id\n" in settings
    (project / "site.yaml").write_text(settings.replace("\nlanguage: id\n", "\nlanguage: en\n"), encoding="utf-8")
    result = run_sitegen("build", "--project", str(project), "--base-url", SUB_PATH, cwd=project)
    assert result.returncode == 0, result.stderr
    return project / "output", result

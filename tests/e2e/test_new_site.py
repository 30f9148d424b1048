"""`sitegen new site DIR`: a whole catalogue repository without sitegen's source that checks, builds and
publishes at once; and the same from a wheel installed in a fresh virtualenv, offline."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from sitegen import __version__
from tests.conftest import REPO, files_of, run_sitegen

RELEASE = REPO / ".github" / "workflows" / "release.yml"
STARTER = {  # every file a plain new site has, and nothing else
    ".github/sitegen-problems.json", ".github/workflows/pages.yml", ".gitignore", "README.md",
    "requirements.txt", "site.yaml", "content/groups/kelompok-contoh/index.md",
    "content/products/produk-pertama/index.md",
}
WHEEL_BUDGET = 60  # seconds for building, installing and using the wheel, all together


def new_site(target: Path, *args: str) -> subprocess.CompletedProcess:
    return run_sitegen("new", "site", str(target), *args, cwd=target.parent)


def check_and_build(project: Path, cache: Path) -> None:
    for command in ("check", "build"):
        result = run_sitegen(command, "--project", str(project), "--cache-dir", str(cache))
        assert result.returncode == 0, result.stderr


def validate_workflows(*paths: Path) -> None:
    command = shutil.which("check-jsonschema") or pytest.fail("check-jsonschema is missing: pip install -e '.[test]'")
    result = subprocess.run([command, "--builtin-schema", "vendor.github-workflows", *map(str, paths)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def starter(tmp_path_factory) -> Path:
    """One plain new site, made once: `sitegen new site katalog-kelompok`."""
    target = tmp_path_factory.mktemp("new") / "katalog-kelompok"
    result = new_site(target)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Katalog baru dibuat di {target} (8 berkas).")
    return target


def test_a_new_site_has_its_files_and_no_sitegen_source(starter):
    assert set(files_of(starter)) == STARTER
    assert (starter / "requirements.txt").read_text() == f"sitegen-katalog=={__version__}\n"  # installed from a folder
    ignored = (starter / ".gitignore").read_text().split()
    assert {"output/", ".sitegen-cache/", ".venv/", "venv/", "__pycache__/"} <= set(ignored)
    assert (starter / ".github/sitegen-problems.json").read_bytes() == (REPO / ".github/sitegen-problems.json").read_bytes()


def test_a_new_site_checks_with_one_warning_the_example_number_and_builds(starter, tmp_path):
    project = shutil.copytree(starter, tmp_path / "katalog-kelompok")  # the fixture stays as made
    result = run_sitegen("check", "--project", str(project), "--cache-dir", str(tmp_path / "cache"))
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith('content/groups/kelompok-contoh/index.md:4: peringatan: nomor WhatsApp '
                                    '"0812-0000-0000" masih nomor contoh')
    assert result.stderr.count(": peringatan:") == 1
    group = project / "content/groups/kelompok-contoh/index.md"
    group.write_text(group.read_text(encoding="utf-8").replace("0812-0000-0000", "0812-2690-1122"), encoding="utf-8")
    result = run_sitegen("check", "--project", str(project), "--cache-dir", str(tmp_path / "cache"))
    assert result.returncode == 0 and result.stderr == "", result.stderr  # with the group's real number
    check_and_build(project, tmp_path / "cache")
    assert (project / "output/produk/produk-pertama/index.html").is_file()
    assert (project / "output/kelompok/kelompok-contoh/index.html").is_file()


def test_site_yaml_is_commented_and_keeps_admin_as_comments(starter):
    text = (starter / "site.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert set(data) == {"title", "base_url", "language", "description", "order_message", "categories"}
    assert data["title"] == "Katalog Kelompok" and data["language"] == "id"
    assert data["base_url"] == "https://example.github.io/katalog-kelompok/"
    assert "# nama katalog, tampil di setiap judul halaman (wajib)" in text
    admin = [line for line in text.splitlines() if line.startswith(("# admin:", "#   "))]
    assert [line.split("#")[1].strip() for line in admin] == [
        "admin:", "repo: owner/name", "branch: main", "auth_url: https://..."]
    assert all(" # " in line for line in admin)  # each with its explanation


def test_the_readme_gives_the_three_steps_in_the_sites_language(starter):
    readme = (starter / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Katalog Kelompok\n")
    for step in ("1. **Buat repositori di GitHub", "2. **Nyalakan GitHub Pages:** *Settings → Pages",
                 "3. **Buka admin:** `https://<user>.github.io/katalog-kelompok/admin/`"):
        assert step in readme
    assert "lihat docs/panduan-relawan.md di repositori sitegen" in " ".join(readme.split())
    assert "$" not in readme.replace("```sh", "")  # every placeholder filled


def test_the_new_sites_workflow_is_this_repositorys_installing_from_requirements(starter):
    validate_workflows(starter / ".github/workflows/pages.yml")
    ours = yaml.safe_load((REPO / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    theirs = yaml.safe_load((starter / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    steps = theirs["jobs"]["build"]["steps"]
    install = next(step for step in steps if step.get("name") == "Install sitegen")
    python = next(step for step in steps if step.get("uses", "").startswith("actions/setup-python@"))
    assert install["run"] == "pip install -r requirements.txt"
    assert python["with"]["cache-dependency-path"] == "requirements.txt"
    cache = next(step for step in steps if step.get("uses", "").startswith("actions/cache/restore@"))
    saved = next(step for step in steps if step.get("uses", "").startswith("actions/cache/save@"))
    assert saved["if"].startswith("github.event_name != 'pull_request'")  # a pull request saves no copy
    assert saved["with"]["key"] == "${{ steps.cache.outputs.cache-primary-key }}"
    assert cache["with"]["key"] == "sitegen-${{ runner.os }}-${{ hashFiles('site.yaml', 'requirements.txt', 'content/**') }}"
    install["run"], python["with"]["cache-dependency-path"] = "pip install .", "pyproject.toml"
    cache["with"]["key"] = cache["with"]["key"].replace("requirements.txt", "pyproject.toml")
    assert theirs == ours  # everything else, the Pages and the check steps, stays the same


def test_english_site_gets_english_comments_readme_and_content(tmp_path):
    target = tmp_path / "village-shop"
    result = new_site(target, "--language", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Created a new catalogue in {target}")
    assert "# catalogue name, in every page title (required)" in (target / "site.yaml").read_text()
    assert "3. **Open the admin:** `https://<user>.github.io/village-shop/admin/`" in (target / "README.md").read_text()
    assert (target / "content/products/first-product/index.md").is_file()
    check_and_build(target, tmp_path / "cache")


def test_an_empty_folder_is_fine(tmp_path):
    target = tmp_path / "kosong"
    target.mkdir()
    assert new_site(target).returncode == 0
    assert (target / "site.yaml").is_file()


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_folder_with_anything_in_it_is_refused_and_left_alone(language, tmp_path):
    target = tmp_path / "katalog"
    target.mkdir()
    (target / "catatan.txt").write_text("punya relawan", encoding="utf-8")
    result = new_site(target, "--language", language)
    assert result.returncode == 1
    what = {"id": "sudah ada dan bukan folder kosong; tidak ada yang diubah",
            "en": "already exists and is not an empty folder; nothing was changed"}[language]
    assert result.stderr.startswith(f"{target}: {what} — ")
    assert files_of(target) == {"catatan.txt": "punya relawan".encode()}


def test_a_file_in_the_way_is_refused(tmp_path):
    target = tmp_path / "katalog"
    target.write_text("x", encoding="utf-8")
    result = new_site(target)
    assert result.returncode == 1 and result.stderr.startswith(f"{target}: sudah ada")
    assert target.read_text(encoding="utf-8") == "x"


def test_new_product_and_group_still_work_beside_new_site(starter, tmp_path):
    project = tmp_path / "site"
    shutil.copytree(starter, project)
    result = run_sitegen("new", "product", "Keripik Singkong", "--group", "kelompok-contoh", "--project", str(project))
    assert result.returncode == 0, result.stderr
    result = run_sitegen("new", "group", "KUB Maju", "--example", "--project", str(project))
    assert result.returncode == 2 and "--example and --language are for `sitegen new site DIR`" in result.stderr


def test_example_gives_the_bundled_catalogue_with_drawn_photos(tmp_path):
    target = tmp_path / "contoh"
    result = new_site(target, "--example")
    assert result.returncode == 0, result.stderr
    made, example = files_of(target / "content"), files_of(REPO / "content")
    assert set(made) == set(example)
    assert {name: data for name, data in made.items() if not name.endswith(".jpg")} == \
        {name: data for name, data in example.items() if not name.endswith(".jpg")}
    assert (target / "site.yaml").read_text(encoding="utf-8").startswith((REPO / "site.yaml").read_text(encoding="utf-8"))
    assert sum(len(data) for name, data in made.items() if name.endswith(".jpg")) < 6_000_000
    result = run_sitegen("check", "--project", str(target), "--cache-dir", str(tmp_path / "cache"))
    assert result.returncode == 0, result.stderr
    assert "GPS" not in result.stderr  # drawn upright and without EXIF


def test_the_release_workflow_builds_tests_and_publishes_with_trusted_publishing():
    validate_workflows(RELEASE)
    workflow = yaml.safe_load(RELEASE.read_text(encoding="utf-8"))
    assert workflow.get("on", workflow.get(True)) == {"push": {"tags": ["v*"]}}
    build, publish = workflow["jobs"]["build"], workflow["jobs"]["publish"]
    commands = "\n".join(step.get("run", "") for step in build["steps"])
    assert "python -m build" in commands and "sitegen check" in commands and "python -m pytest" in commands
    assert publish["needs"] == "build"
    assert publish["permissions"] == {"id-token": "write"}
    assert publish["environment"]["name"] == "pypi"
    assert publish["steps"][-1]["uses"] == "pypa/gh-action-pypi-publish@release/v1"


def copy_checkout(target: Path) -> None:
    """What a wheel is built from; a copy, because building writes build/ and *.egg-info beside it."""
    target.mkdir()
    for name in ("pyproject.toml", "README.md", "site.yaml"):
        shutil.copyfile(REPO / name, target / name)
    for name in ("sitegen", "themes", "content"):
        shutil.copytree(REPO / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))


class Deadline:
    """One time budget shared by several commands: each may use only what the earlier ones left."""

    def __init__(self, seconds: float):
        self.end = time.monotonic() + seconds

    def run(self, command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
        left = self.end - time.monotonic()
        assert left > 0, "over the time budget"
        result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=left)
        assert result.returncode == 0, " ".join(command) + "\n" + result.stdout + result.stderr
        return result


def test_a_wheel_installed_in_a_fresh_virtualenv_makes_checks_and_builds_a_new_site(tmp_path):
    """The wheel alone, offline: built from a copy of the checkout, used from a folder outside it."""
    source, venv, elsewhere = tmp_path / "source", tmp_path / "venv", tmp_path / "elsewhere"
    copy_checkout(source)
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    deadline = Deadline(WHEEL_BUDGET)
    # Offline: no build isolation (it would download setuptools), and the venv borrows the machine's libraries.
    deadline.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--skip-dependency-check",
                  "--outdir", str(tmp_path / "dist"), str(source)], source, env)
    (wheel,) = (tmp_path / "dist").glob("sitegen_katalog-*.whl")
    assert wheel.stat().st_size < 5_000_000
    deadline.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], tmp_path, env)
    deadline.run([str(venv / "bin/pip"), "install", "--no-index", "--no-deps", "--quiet", str(wheel)], tmp_path, env)
    elsewhere.mkdir()
    imported = deadline.run([str(venv / "bin/python"), "-c", "import sitegen; print(sitegen.__file__)"], elsewhere, env)
    assert imported.stdout.startswith(str(venv)), imported.stdout  # the wheel's code, not the checkout's
    sitegen = str(venv / "bin/sitegen")
    deadline.run([sitegen, "new", "site", "katalog"], elsewhere, env)
    deadline.run([sitegen, "check", "--project", "katalog"], elsewhere, env)
    deadline.run([sitegen, "build", "--project", "katalog"], elsewhere, env)
    assert (elsewhere / "katalog/output/produk/produk-pertama/index.html").is_file()
    deadline.run([sitegen, "new", "site", "contoh", "--example"], elsewhere, env)
    deadline.run([sitegen, "check", "--project", "contoh"], elsewhere, env)
    assert len(list((elsewhere / "contoh/content/products").glob("*/*.jpg"))) == 31
    assert not any(Path(elsewhere / "katalog").glob("**/*.py"))
    assert (elsewhere / "katalog/requirements.txt").read_text() == f"sitegen-katalog=={__version__}\n"


@pytest.mark.parametrize("language, words", [("id", "Fine-grained tokens"), ("en", "Fine-grained tokens")])
def test_a_new_site_publishes_its_admin_and_its_readme_says_how_to_sign_in(tmp_path, language, words):
    target = tmp_path / "toko"
    made = run_sitegen("new", "site", str(target), "--language", language)
    assert made.returncode == 0, made.stderr
    built = run_sitegen("build", "--project", str(target))
    assert built.returncode == 0, built.stderr
    config = (target / "output" / "admin" / "config.yml").read_text(encoding="utf-8")
    group = next((target / "content" / "groups").iterdir()).name
    assert f"default: {group}" in config  # its one group is filled in on every new product
    readme = (target / "README.md").read_text(encoding="utf-8")
    assert words in readme and "Contents: Read and write" in readme and "Only" in readme

"""Build a site: read site.yaml, take the locks, and run the pipeline unless nothing changed.

A rebuild whose inputs match the last successful build's and whose output is exactly as that
build left it stops here, before reading the catalogue. That is why the stages themselves
(`sitegen.pipeline`: Markdown, templates, images, cards) are imported only when a build runs:
a no-op rebuild then costs little more than starting Python.
"""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sitegen import fingerprint
from sitegen.config import SiteConfig, load_config
from sitegen.errors import SiteErrors
from sitegen.fonts import font_files
from sitegen.i18n import DEFAULT_LANGUAGE, Strings, load_strings
from sitegen.lock import build_lock, lock_paths
from sitegen.output import current_output, recover
from sitegen.report import Progress


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build produced, for the report printed at the end."""

    pages: int
    images: int
    total_bytes: int
    warnings: tuple[str, ...] = ()  # formatted in the site's language; they do not fail the build
    strings: Strings | None = None
    image_bytes: int = 0  # the part of total_bytes that is images (photos, cards, QR codes)


class BuildFailed(Exception):
    """Content errors, already formatted in the site's language."""

    def __init__(self, messages: list[str], strings: Strings):
        super().__init__("\n".join(messages))
        self.messages, self.strings = messages, strings


def build(project: Path, output: Path | None = None, base_url: str | None = None,
          cache_dir: Path | None = None, check_only: bool = False, progress: Progress | None = None) -> BuildResult:
    """Build `project` into `output` (default project/output); with check_only, write no site.

    `progress(label, done, total)` hears about the image work, if there is any.
    """
    project = project.resolve()
    output = (output or project / "output").resolve()
    cache_dir = (cache_dir or project / ".sitegen-cache").resolve()
    strings = None
    repository = os.environ.get("GITHUB_REPOSITORY", "")  # set by GitHub Actions: the admin's default
    try:
        config = load_config(project, base_url, repository)
        themes = theme_dirs(project, config)
        strings = load_strings(themes, config.language)
        report = functools.partial(progress, strings.t("cli.progress")) if progress else None
        if check_only:  # a check writes no site, so it never waits for (or blocks) a build
            return _run(project, output, cache_dir, config, themes, strings, True, report)
        with build_lock(lock_paths(output, cache_dir)):
            return _build_unless_unchanged(project, output, cache_dir, (base_url, repository), config, themes,
                                           strings, report)
    except SiteErrors as errors:
        strings = strings or load_strings(builtin_theme_dirs(), DEFAULT_LANGUAGE)  # site.yaml unreadable
        raise BuildFailed([strings.format_error(e) for e in errors.errors], strings) from None


def _build_unless_unchanged(project: Path, output: Path, cache_dir: Path, overrides: tuple[str | None, str],
                            config: SiteConfig, themes: tuple[Path, ...], strings: Strings, progress) -> BuildResult:
    """Build, unless the last successful build read exactly these inputs and its output is intact.

    `overrides` are what the command line and the environment add to site.yaml (base URL, repository).
    """
    fonts = font_files(themes)
    options = {"project": project, "output": output, "cache": cache_dir, "overrides": overrides, "fonts": fonts}
    digest = fingerprint.input_digest(project, themes, options, [Path(f) for f in fonts if f])
    known = fingerprint.unchanged_result(cache_dir, digest, output)
    if known is not None and current_output(output, state_path(cache_dir, output)) is not None:
        recover(output)  # still tidy what a killed build may have left beside the output
        return BuildResult(**{**known, "warnings": tuple(known["warnings"])}, strings=strings)
    result = _run(project, output, cache_dir, config, themes, strings, False, progress)
    fingerprint.record(cache_dir, digest, output, {"pages": result.pages, "images": result.images,
                                                   "total_bytes": result.total_bytes, "warnings": result.warnings,
                                                   "image_bytes": result.image_bytes})
    return result


def _run(project: Path, output: Path, cache_dir: Path, config: SiteConfig, themes: tuple[Path, ...],
         strings: Strings, check_only: bool, progress) -> BuildResult:
    from sitegen.pipeline import run_pipeline

    return run_pipeline(project, output, cache_dir, config, themes, strings, check_only, progress)


def state_path(cache_dir: Path, output: Path) -> Path:
    """The folder where the cache keeps what it knows about `output` (its manifest, its spare copy)."""
    return cache_dir / "outputs" / hashlib.sha256(str(output).encode()).hexdigest()[:16]


def theme_dirs(project: Path, config: SiteConfig) -> tuple[Path, ...]:
    """The theme chain: the site's own theme folder (if set), then the built-in default."""
    own = (project / "themes" / config.theme,) if config.theme else ()
    return own + builtin_theme_dirs()


def builtin_theme_dirs() -> tuple[Path, ...]:
    """The default theme shipped with sitegen: beside this code in a source checkout, else the package's."""
    # An editable install maps `sitegen.themes` to the checkout it was installed from; running the
    # code of another checkout (a git worktree, PYTHONPATH) must still use that checkout's theme.
    checkout = Path(__file__).resolve().parent.parent / "themes" / "default"
    if (Path(__file__).resolve().parent.parent / "pyproject.toml").is_file() and checkout.is_dir():
        return (checkout,)
    return (Path(str(resources.files("sitegen.themes"))) / "default",)

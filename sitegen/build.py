"""Build a site: take the locks, replay the last report if nothing changed, else read site.yaml and run the pipeline.

A rebuild whose inputs match the last successful build's and whose output is exactly as that
build left it stops here, before reading site.yaml: the stamp remembers the theme folders it
read and the strings of its report. That is why the stages themselves
(`sitegen.pipeline`: YAML, Markdown, templates, images, cards), and even the configuration,
are imported only when a build runs: a no-op rebuild then costs little more than starting Python.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from sitegen import fingerprint
from sitegen.errors import SiteErrors
from sitegen.fonts import font_files
from sitegen.i18n import DEFAULT_LANGUAGE, Strings, load_strings
from sitegen.lock import build_lock, lock_paths
from sitegen.output import current_output, recover
from sitegen.report import Progress

if TYPE_CHECKING:
    from sitegen.config import SiteConfig
    from sitegen.docmemo import DocumentMemo


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build produced, for the report printed at the end."""

    pages: int
    images: int
    total_bytes: int
    warnings: tuple[str, ...] = ()  # formatted in the site's language; they do not fail the build
    strings: Strings | None = None
    image_bytes: int = 0  # the part of total_bytes that is images (photos, cards, QR codes)
    warning_kinds: tuple[str, ...] = ()  # each warning's message key, in the order of `warnings`


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
    options = {"project": project, "output": output, "cache": cache_dir, "overrides": (base_url, repository)}
    try:
        if check_only:  # a check writes no site, so it never waits for (or blocks) a build
            config, themes, strings = _settings(project, base_url, repository, None)
            return _run(project, output, cache_dir, config, themes, strings, True, _labelled(progress, strings))
        if not (project / "site.yaml").is_file():  # not a catalogue folder: leave no lock or cache in it
            _settings(project, base_url, repository, None)  # raises the located error that says so
        with build_lock(lock_paths(output, cache_dir)):
            digests = _Digests(options)
            known = _unchanged(cache_dir, output, digests)
            if known is not None:
                return known
            from sitegen.docmemo import DocumentMemo

            documents = DocumentMemo(cache_dir)  # site.yaml's parse too, so an unchanged one needs no YAML
            config, themes, strings = _settings(project, base_url, repository, cache_dir, documents)
            digest, code = digests.of(themes)  # read before the build: an edit during it is not missed
            result = _run(project, output, cache_dir, config, themes, strings, False, _labelled(progress, strings),
                          code, documents)
            fingerprint.record(cache_dir, digest, output, _remembered(result, themes))
            return result
    except SiteErrors as errors:
        strings = strings or _error_strings(project, base_url, repository)
        raise BuildFailed([strings.format_error(e) for e in errors.errors], strings) from None


def _error_strings(project: Path, base_url: str | None, repository: str) -> Strings:
    """The strings to report errors in when the build stopped before reading site.yaml (a held
    lock): the site's language, also when site.yaml's other settings are the problem, or the
    default one when its `language:` cannot be read."""
    try:
        return _settings(project, base_url, repository, None)[2]
    except SiteErrors as errors:
        return load_strings(builtin_theme_dirs(), errors.language or DEFAULT_LANGUAGE)


def _settings(project: Path, base_url: str | None, repository: str, cache_dir: Path | None,
              documents: DocumentMemo | None = None) -> tuple[SiteConfig, tuple[Path, ...], Strings]:
    """site.yaml read (through `documents`, if given) and checked, the theme chain it names, and the
    strings of its language (remembered in `cache_dir`, if given: `sitegen check` writes nothing,
    not even to the cache)."""
    from sitegen.config import load_config

    config = load_config(project, base_url, repository, documents.read_source if documents else None)
    themes = theme_dirs(project, config)
    return config, themes, load_strings(themes, config.language, cache_dir)


def _labelled(progress: Progress | None, strings: Strings):
    return functools.partial(progress, strings.t("cli.progress")) if progress else None


class _Digests:
    """The input digest of this build for a theme chain, computed once (the no-op check and the
    build itself normally ask for the same chain)."""

    def __init__(self, options: dict):
        self.options, self.known = options, {}

    def of(self, themes: tuple[Path, ...]) -> tuple[str | None, str | None]:
        """(digest of everything the build reads, digest of sitegen's code and the themes)."""
        if themes not in self.known:
            fonts = font_files(themes)
            self.known[themes] = fingerprint.input_digest(self.options["project"], themes,
                                                          {**self.options, "fonts": fonts},
                                                          [Path(f) for f in fonts if f], self.options["cache"])
        return self.known[themes]


def _unchanged(cache_dir: Path, output: Path, digests: _Digests) -> BuildResult | None:
    """The last build's result, when it read exactly what is there now and its output is intact.

    The theme chain comes from the stamp, so site.yaml is not parsed: were its `theme:` changed,
    its bytes, which the digest covers, would have changed too.
    """
    stamp = fingerprint.last_build(cache_dir, output)
    if stamp is None:
        return None
    result = stamp["result"]
    themes = tuple(Path(theme) for theme in result["themes"])
    if stamp["inputs"] != digests.of(themes)[0]:
        return None
    if current_output(output, state_path(cache_dir, output)) is None:
        return None
    recover(output)  # still tidy what a killed build may have left beside the output
    strings = Strings(result["language"], result["strings"])
    return BuildResult(result["pages"], result["images"], result["total_bytes"], tuple(result["warnings"]),
                       strings, result["image_bytes"], tuple(result["warning_kinds"]))


def _remembered(result: BuildResult, themes: tuple[Path, ...]) -> dict:
    """What a no-op rebuild needs to report the same: numbers, warnings and the strings of the language
    (the whole table, ~20 KB: loading it from JSON costs far less than YAML, and callers such as the preview need more)."""
    strings = result.strings
    return {"pages": result.pages, "images": result.images, "total_bytes": result.total_bytes,
            "image_bytes": result.image_bytes, "warnings": list(result.warnings),
            "warning_kinds": list(result.warning_kinds), "language": strings.language,
            "strings": dict(strings.table), "themes": [str(t) for t in themes]}


def _run(project: Path, output: Path, cache_dir: Path, config: SiteConfig, themes: tuple[Path, ...],
         strings: Strings, check_only: bool, progress, code: str | None = None,
         documents: DocumentMemo | None = None) -> BuildResult:
    from sitegen.pipeline import run_pipeline

    with _no_cycle_collection():
        return run_pipeline(project, output, cache_dir, config, themes, strings, check_only, progress, code,
                            documents)


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while a build runs, as it was before afterwards.

    A build makes a catalogue's worth of long-lived objects (products, photo plans, pages), and
    the collector walks them all again and again while they are made: a fifth of a rebuild at
    1,000 products (0.4–0.6 s). What it would free meanwhile is little, and is freed once it runs
    again (`sitegen serve`) or the process ends (`sitegen build`).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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
    from importlib import resources

    return (Path(str(resources.files("sitegen.themes"))) / "default",)

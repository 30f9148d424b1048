"""The pipeline: read and validate everything, render, then write the whole site at once.

A rebuild whose inputs match the build stamp and whose output still matches its manifest
stops before reading anything; that is why the heavier stages (Markdown, templates) are
imported only when a build really runs.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Mapping

from sitegen import feeds, stamp, urls
from sitegen.config import SiteConfig, load_config
from sitegen.errors import SiteErrors
from sitegen.i18n import DEFAULT_LANGUAGE, Strings, load_strings
from sitegen.images import cached_file, inspect_photos, plan_images, process_images
from sitegen.output import check_destination, current_output, recover, write_site
from sitegen.report import Progress

INLINED_STATIC = ("style.css",)  # inlined into every page; not published as files


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build produced, for the report printed at the end."""

    pages: int
    images: int
    strings: Strings
    sizes: Mapping[str, int] = field(default_factory=dict)  # published path → bytes (empty for check)


class BuildFailed(Exception):
    """Content errors, already formatted in the site's language."""

    def __init__(self, messages: list[str], strings: Strings):
        super().__init__("\n".join(messages))
        self.messages, self.strings = messages, strings


def build(project: Path, output: Path | None = None, base_url: str | None = None,
          cache_dir: Path | None = None, check_only: bool = False, progress: Progress | None = None) -> BuildResult:
    """Build `project` into `output` (default project/output); with check_only, write no site.

    `progress(label, done, total)` hears about the image work, if any.
    """
    project = project.resolve()
    output = (output or project / "output").resolve()
    cache_dir = (cache_dir or project / ".sitegen-cache").resolve()
    inputs = stamp.fingerprint(project, builtin_theme_dirs(), (output, base_url, cache_dir))
    if not check_only and (unchanged := _unchanged(cache_dir, output, inputs)):
        return unchanged
    strings = None
    try:
        config = load_config(project, base_url)
        themes = theme_dirs(project, config)
        strings = load_strings(themes, config.language)
        report = functools.partial(progress, strings.t("cli.progress")) if progress else None
        result = _run(project, output, cache_dir, config, themes, strings, check_only, report)
    except SiteErrors as errors:
        strings = strings or load_strings(builtin_theme_dirs(), DEFAULT_LANGUAGE)  # site.yaml unreadable
        raise BuildFailed([strings.format_error(e) for e in errors.errors], strings) from None
    if not check_only:
        record = {"pages": result.pages, "images": result.images, "language": strings.language,
                  "strings": dict(strings.table)}
        stamp.write_stamp(state_path(cache_dir, output, "stamp"), inputs, record)
    return result


def _run(project: Path, output: Path, cache_dir: Path, config: SiteConfig, themes: tuple[Path, ...],
         strings: Strings, check_only: bool, progress) -> BuildResult:
    from sitegen.content import load_catalogue
    from sitegen.pages import plan_site
    from sitegen.render import format_price, make_environment, render_page

    catalogue = load_catalogue(project, config)
    planned = plan_images(inspect_photos(catalogue.photos, cache_dir), config.images)
    if not check_only:
        check_destination(output, project)
    photo_plan = process_images(planned, cache_dir, config.images, progress, verify_only=check_only)
    price = functools.partial(format_price, language=config.language)
    pages = plan_site(catalogue, config, price)
    env = make_environment(themes, strings, config, photo_plan, cache_dir / "templates")
    files = {page.path: render_page(env, page) for page in pages}
    files.update(site_files([p.path for p in pages], config))
    files[urls.SEARCH_INDEX] = feeds.search_index(catalogue).encode()
    files = stamp_service_worker({**files, **static_files(themes)})
    derivatives = {d.path: cached_file(cache_dir, d) for p in photo_plan.values() for d in p.derivatives}
    if check_only:
        return BuildResult(pages=len(pages), images=len(derivatives), strings=strings)
    recover(output)
    sizes = write_site(output, files, derivatives, state_path(cache_dir, output, "manifest"))
    return BuildResult(pages=len(pages), images=len(derivatives), strings=strings, sizes=sizes)


def _unchanged(cache_dir: Path, output: Path, inputs: str) -> BuildResult | None:
    """The last build's result, if its inputs were the same and its output is still intact."""
    record = stamp.read_stamp(state_path(cache_dir, output, "stamp"), inputs)
    sizes = current_output(output, state_path(cache_dir, output, "manifest")) if record else None
    if record is None or sizes is None:
        return None
    strings = Strings(record["language"], record["strings"])
    return BuildResult(pages=record["pages"], images=record["images"], strings=strings, sizes=sizes)


def state_path(cache_dir: Path, output: Path, kind: str) -> Path:
    """Where the cache remembers the last build into `output`: its "stamp" or its "manifest"."""
    return cache_dir / "outputs" / f"{hashlib.sha256(str(output).encode()).hexdigest()[:16]}.{kind}.json"


def site_files(page_paths: list[str], config: SiteConfig) -> dict[str, bytes]:
    """The non-HTML files every site has: sitemap, robots.txt, .nojekyll and an optional CNAME."""
    files = {
        "sitemap.xml": feeds.sitemap(page_paths, config).encode(),
        "robots.txt": feeds.robots(config).encode(),
        ".nojekyll": b"",
    }
    if config.cname:
        files["CNAME"] = (config.cname + "\n").encode()
    return files


def static_files(themes: tuple[Path, ...]) -> dict[str, bytes]:
    """Theme static files, the site theme's winning over the built-in ones of the same name."""
    files: dict[str, bytes] = {}
    for theme in reversed(themes):
        static = theme / "static"
        for path in sorted(static.rglob("*")) if static.is_dir() else []:
            name = path.relative_to(static).as_posix()
            if path.is_file() and name not in INLINED_STATIC:
                files[f"static/{name}"] = path.read_bytes()
    return files


def stamp_service_worker(files: dict[str, bytes]) -> dict[str, bytes]:
    """Move the theme's service worker to the site root (its scope) and version it by content."""
    worker = files.pop("static/sw.js", None)
    if worker is None:
        return files
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + files[path])
    return {**files, urls.SERVICE_WORKER: worker.replace(b"__SITEGEN_VERSION__", digest.hexdigest()[:16].encode())}


def theme_dirs(project: Path, config: SiteConfig) -> tuple[Path, ...]:
    """The theme chain: the site's own theme folder (if set), then the built-in default."""
    own = (project / "themes" / config.theme,) if config.theme else ()
    return own + builtin_theme_dirs()


def builtin_theme_dirs() -> tuple[Path, ...]:
    """The default theme shipped with sitegen."""
    return (Path(str(resources.files("sitegen.themes"))) / "default",)

"""The pipeline: read and validate everything, render, then write the whole site at once."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from sitegen import feeds, fingerprint, urls
from sitegen.advice import SiteSize, find_located_photos, measure_sources, review_catalogue
from sitegen.cards import card_files, make_cards, plan_cards
from sitegen.config import SiteConfig, load_config
from sitegen.content import load_catalogue
from sitegen.errors import SiteError, SiteErrors, SiteWarning, SourceRef
from sitegen.fonts import find_fonts
from sitegen.i18n import DEFAULT_LANGUAGE, Strings, load_strings
from sitegen.images import ImagePlan, PhotosFailed, cached_file, inspect_photos, plan_images, process_images
from sitegen.lock import build_lock, lock_paths
from sitegen.model import Catalogue
from sitegen.output import check_destination, recover, write_site
from sitegen.pages import plan_site
from sitegen.qrcodes import make_qr_codes, plan_qr_codes, qr_files
from sitegen.render import format_price, make_environment, render_page
from sitegen.sharing import SharingContext, add_sharing

INLINED_STATIC = ("style.css", "pricelist.css")  # inlined into every page; not published as files


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build produced, for the report printed at the end."""

    pages: int
    images: int
    total_bytes: int
    warnings: tuple[str, ...] = ()  # formatted in the site's language; they do not fail the build
    strings: Strings | None = None


class BuildFailed(Exception):
    """Content errors, already formatted in the site's language."""

    def __init__(self, messages: list[str], strings: Strings):
        super().__init__("\n".join(messages))
        self.messages, self.strings = messages, strings


def build(project: Path, output: Path | None = None, base_url: str | None = None,
          cache_dir: Path | None = None, check_only: bool = False) -> BuildResult:
    """Build `project` into `output` (default project/output); with check_only, write no site."""
    project = project.resolve()
    output = (output or project / "output").resolve()
    cache_dir = (cache_dir or project / ".sitegen-cache").resolve()
    strings = load_strings(builtin_theme_dirs(), DEFAULT_LANGUAGE)
    try:
        config = load_config(project, base_url)
        themes = theme_dirs(project, config)
        strings = load_strings(themes, config.language)
        if check_only:  # a check writes no site, so it never waits for (or blocks) a build
            return _run(project, output, cache_dir, config, themes, strings, check_only)
        with build_lock(lock_paths(output, cache_dir)):
            return _build_unless_unchanged(project, output, cache_dir, base_url, config, themes, strings)
    except SiteErrors as errors:
        raise BuildFailed([strings.format_error(e) for e in errors.errors], strings) from None


def _build_unless_unchanged(project: Path, output: Path, cache_dir: Path, base_url: str | None,
                            config: SiteConfig, themes: tuple[Path, ...], strings: Strings) -> BuildResult:
    """Build, unless the last successful build read exactly these inputs and its output is intact."""
    fonts = find_fonts(themes)
    options = {"project": project, "output": output, "cache": cache_dir, "base_url": base_url, "fonts": fonts}
    digest = fingerprint.input_digest(project, themes, options, [Path(f) for f in (fonts.regular, fonts.bold) if f])
    if (known := fingerprint.unchanged_result(cache_dir, digest, output)) is not None:
        recover(output)  # still tidy what a killed build may have left beside the output
        return BuildResult(**{**known, "warnings": tuple(known["warnings"])}, strings=strings)
    result = _run(project, output, cache_dir, config, themes, strings, check_only=False)
    fingerprint.record(cache_dir, digest, output, {"pages": result.pages, "images": result.images,
                                                   "total_bytes": result.total_bytes, "warnings": result.warnings})
    return result


def _run(project: Path, output: Path, cache_dir: Path, config: SiteConfig,
         themes: tuple[Path, ...], strings: Strings, check_only: bool) -> BuildResult:
    catalogue = load_catalogue(project, config)
    photo_plan = plan_images(inspect_photos(catalogue.photos, cache_dir), config.images)
    price = functools.partial(format_price, language=config.language)
    cards = plan_cards(catalogue, config, photo_plan, strings, find_fonts(themes), price)
    qr_codes = plan_qr_codes(catalogue, config)
    if not check_only:
        check_destination(output, project)
        recover(output)
        # Before rendering, so the image workers fork a parent that does not yet hold every page.
        _process(catalogue, photo_plan, cache_dir, config.images.quality)
        make_cards(cards, cache_dir)
        make_qr_codes(qr_codes, cache_dir)
    sharing = SharingContext(catalogue, config, cards, photo_plan, strings, price)
    pages = add_sharing(plan_site(catalogue, config, price), sharing)
    env = make_environment(themes, strings, config, photo_plan)
    files = {page.path: render_page(env, page) for page in pages}
    files.update(site_files([p.path for p in pages], config))
    files.update(feeds.feed_files(catalogue, config, cards, photo_plan, strings))
    files[urls.SEARCH_INDEX] = feeds.search_index(catalogue).encode()
    files = stamp_service_worker({**files, **static_files(themes, project)})
    derivatives = {d.path: cached_file(cache_dir, d) for p in photo_plan.values() for d in p.derivatives}
    derivatives.update(card_files(cards, cache_dir) | qr_files(qr_codes, cache_dir))
    if not check_only:
        write_site(output, files, derivatives)
    total = sum(map(len, files.values())) + sum(f.stat().st_size for f in derivatives.values() if f.exists())
    warnings = _review(project, catalogue, photo_plan, SiteSize(total, len(files) + len(derivatives), 0))
    if cards.fonts.builtin:
        warnings.append(SiteWarning(SourceRef("site.yaml"), "font_fallback", {}))
    return BuildResult(pages=len(pages), images=len(derivatives), total_bytes=total,
                       warnings=tuple(map(strings.format_warning, warnings)), strings=strings)


def _review(project: Path, catalogue: Catalogue, photo_plan: ImagePlan, size: SiteSize) -> list[SiteWarning]:
    """The warnings: what hurts sales or privacy but does not stop the build."""
    photo_sizes = {source: (plan.info.width, plan.info.height) for source, plan in photo_plan.items()}
    size = replace(size, source_bytes=measure_sources(project))
    return review_catalogue(catalogue, photo_sizes, find_located_photos(catalogue.photos), size)


def _process(catalogue: Catalogue, photo_plan: dict, cache_dir: Path, quality: int) -> None:
    """Process the photos; a photo that fails in a worker is reported at its `photos:` line."""
    try:
        process_images(photo_plan, cache_dir, quality)
    except PhotosFailed as failed:
        photos = {photo.source: photo for photo in catalogue.photos}
        raise SiteErrors([
            SiteError(photos[source].ref, "photo_process_failed", {"value": photos[source].name, "problem": problem})
            for source, problem in sorted(failed.problems.items())
        ]) from None


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


def static_files(themes: tuple[Path, ...], project: Path) -> dict[str, bytes]:
    """Theme static files, the site theme's winning over the built-in ones of the same name."""
    files: dict[str, bytes] = {}
    outside: list[SiteError] = []
    for theme in reversed(themes):
        static = theme / "static"
        for path in sorted(static.rglob("*")) if static.is_dir() else []:
            name = path.relative_to(static).as_posix()
            if not path.is_file() or name in INLINED_STATIC:
                continue
            # Published as is: a link to ~/.ssh or /etc must never end up on the web.
            target = path.resolve()
            if target.is_relative_to(project) or target.is_relative_to(theme.resolve()):
                files[f"static/{name}"] = path.read_bytes()
            else:
                rel = path.relative_to(project).as_posix() if path.is_relative_to(project) else str(path)
                outside.append(SiteError(SourceRef(rel), "symlink_outside", {"value": rel}))
    if outside:
        raise SiteErrors(outside)
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
    """The default theme shipped with sitegen: beside this code in a source checkout, else the package's."""
    # An editable install maps `sitegen.themes` to the checkout it was installed from; running the
    # code of another checkout (a git worktree, PYTHONPATH) must still use that checkout's theme.
    checkout = Path(__file__).resolve().parent.parent / "themes" / "default"
    if (Path(__file__).resolve().parent.parent / "pyproject.toml").is_file() and checkout.is_dir():
        return (checkout,)
    return (Path(str(resources.files("sitegen.themes"))) / "default",)

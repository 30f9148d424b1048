"""The stages of a build in order: read and check everything, make the images, render, write.

Everything is read and validated first; the site is written only when all of it succeeded.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import os
from pathlib import Path
from typing import Mapping

from sitegen import admin, feeds, fingerprint, urls
from sitegen.advice import SiteSize, measure_sources, review_catalogue, review_folders, review_size
from sitegen.background import Later
from sitegen.build import BuildResult, state_path
from sitegen.cards import CardPlan, card_files, make_cards, plan_cards
from sitegen.config import SiteConfig
from sitegen.content import load_catalogue
from sitegen.docmemo import DocumentMemo
from sitegen.errors import SiteError, SiteErrors, SiteWarning, SourceRef
from sitegen.fonts import find_fonts
from sitegen.i18n import Strings
from sitegen.images import ImagePlan, image_store, inspect_photos, plan_images, process_images
from sitegen.model import Catalogue, Group, Photo, Product
from sitegen.output import Kept, check_destination, digest, existing_output, recover, write_site
from sitegen.pagememo import PageMemo
from sitegen.pages import PageSpec, basket_prices, plan_site
from sitegen.qrcodes import make_qr_codes, plan_qr_codes, qr_files
from sitegen.render import format_price, make_environment, render_page
from sitegen.sharing import SharingContext, sharing_inputs, with_sharing
from sitegen.webapp import webapp_files

INLINED_STATIC = ("style.css", "pricelist.css", "labels.css", "offline.css")  # inlined into the pages; not published as files
CODE = Path(__file__).resolve().parent  # sitegen's own code: a page remembered by an older sitegen is stale
# Long texts that most pages holding their product or group never show: a page depends on them only if it reads them.
TEXTS = {Product: ("description_html", "summary"), Group: ("story_html", "summary")}
# From this many products on, the output's scan, the warnings and the feeds run in forked children
# beside the pages (`sitegen.background`); in a smaller catalogue a child costs more than it saves.
FORK_FROM = 300


def run_pipeline(project: Path, output: Path, cache_dir: Path, config: SiteConfig, themes: tuple[Path, ...],
                 strings: Strings, check_only: bool, progress, code: str | None = None,
                 documents: DocumentMemo | None = None) -> BuildResult:
    """Build the site (or, with `check_only`, validate everything and write nothing).

    `code` is the digest of sitegen's code and the themes, if the caller has already taken it;
    `documents` the document memo that already read site.yaml, if any.
    """
    scan, fork = None, _products_at_least(project, FORK_FROM)
    if not check_only:
        check_destination(output, project)
        recover(output)
        # Nothing but the swap at the end changes the output, so its scan runs beside what follows.
        scan = Later(existing_output, output, state_path(cache_dir, output), fork=fork)
    documents = documents or DocumentMemo(None if check_only else cache_dir)
    catalogue = load_catalogue(project, config, documents)
    documents.save()
    planned = plan_images(inspect_photos(catalogue.photos, cache_dir), config.images)
    # Before rendering, so the image workers start while the parent holds no pages yet.
    photo_plan = process_images(planned, cache_dir, config.images, progress, verify_only=check_only)
    reviewed = Later(review, project, catalogue, photo_plan, strings, fork=fork)  # needed only for the report
    price = functools.partial(format_price, language=config.language)
    fonts = find_fonts(themes, cache_dir=None if check_only else cache_dir)
    cards = plan_cards(catalogue, config, photo_plan, strings, fonts, price)
    qr_codes = plan_qr_codes(catalogue, config)
    if not check_only:
        make_cards(cards, cache_dir)
        make_qr_codes(qr_codes, cache_dir)
    # Templates reach an image plan only through a photo they hold (`photo_plan(photo.source)`), and
    # a share card only through their context: a page depends on the plans of its own photos, each
    # described by what determines it (the settings are in `config`, the code in `code`).
    existing = None if scan is None else scan.result()
    memo = None if existing is None else PageMemo(state_path(cache_dir, output), existing.held, {
        "config": config, "strings": strings}, code or fingerprint.digest_files([CODE, *themes]),
        {Photo: lambda photo: photo_plan[photo.source].identity}, TEXTS)
    files = render_site(project, catalogue, config, themes, strings, photo_plan, cards, cache_dir, memo, fork)
    store = image_store(cache_dir)
    # Cached files as plain strings: a 1,000-product site copies 12,400 images.
    copies: dict[str, str | Path] = {d.path: f"{store}/{d.name}" for p in photo_plan.values() for d in p.derivatives}
    copies.update(card_files(cards, cache_dir) | qr_files(qr_codes, cache_dir))
    if check_only:  # no page memo, so every file is bytes
        sizes = {path: len(data) for path, data in files.items()}  # type: ignore[arg-type]
        sizes.update({path: os.path.getsize(f) for path, f in copies.items() if os.path.exists(f)})
    else:
        sizes = write_site(output, files, copies, state_path(cache_dir, output), existing)
    return _result(reviewed.result(), cards, strings, files, copies, sizes)


def render_site(project: Path, catalogue: Catalogue, config: SiteConfig, themes: tuple[Path, ...], strings: Strings,
                photo_plan: ImagePlan, cards: CardPlan, cache_dir: Path,
                memo: PageMemo | None, fork: bool = False) -> dict[str, bytes | Kept]:
    """Every file of the site that is not a cached image: pages (`Kept` when the output holds the
    remembered page), feeds (with `fork`, in a child while the pages render), static files."""
    price = functools.partial(format_price, language=config.language)
    sharing = SharingContext(catalogue, config, cards, photo_plan, strings, price)
    # The feeds need nothing the pages make: they are written beside them (on another core, if any).
    feed_files = Later(_feeds, catalogue, config, cards, photo_plan, strings, fork=fork)
    pages = plan_site(catalogue, config, price, strings.t("ui.ask_message"))
    env = make_environment(themes, strings, config, photo_plan, cache_dir / "templates")

    def render(page: PageSpec) -> bytes:
        return render_page(env, with_sharing(page, sharing))

    # A remembered page is keyed by its planned context and the cards its preview shows, so the
    # preview (structured data, share links) is only worked out for the pages rendered anew.
    files = {page.path: memo.page(page, render, sharing_inputs(page, sharing)) if memo else render(page)
             for page in pages}
    if memo:
        memo.save()
    files.update(site_files([p.path for p in pages], config))
    files.update(feed_files.result())
    derived = cache_dir if memo else None  # `sitegen check` writes nothing, not even to the cache
    layouts = frozenset(admin.layout_of(item.ref.path) for item in (*catalogue.products, *catalogue.groups))
    groups = tuple(group.slug for group in catalogue.groups)
    files.update(admin.admin_files(config, strings, groups, layouts, derived))
    files.update(webapp_files(config, derived))
    return stamp_service_worker({**files, **static_files(themes, project)}, strings)


def _products_at_least(project: Path, count: int) -> bool:
    """Whether content/products holds at least `count` entries (one listing, before anything is read)."""
    try:
        return len(os.listdir(project / "content" / "products")) >= count
    except OSError:
        return False


def _feeds(catalogue: Catalogue, config: SiteConfig, cards: CardPlan, photo_plan: ImagePlan,
           strings: Strings) -> dict[str, bytes]:
    """The feeds and the search index."""
    files = feeds.feed_files(catalogue, config, cards, photo_plan, strings)
    files[urls.SEARCH_INDEX] = feeds.search_index(catalogue).encode()
    files[urls.BASKET_PRICES] = basket_prices(catalogue).encode()
    return files


Reviewed = tuple[list[tuple[str, int, str, str]], int]  # ([(path, line, text, kind) of each warning], source bytes)


def _result(reviewed: Reviewed, cards: CardPlan, strings: Strings, files: Mapping[str, bytes | Kept],
            copies: Mapping[str, str | Path], sizes: Mapping[str, int]) -> BuildResult:
    """The report's numbers and the warnings (`reviewed`: those of `review`), in the site's language."""
    total = sum(sizes.values())
    found, source_bytes = reviewed
    more = review_size(SiteSize(total, len(sizes), source_bytes))
    if more:  # in file order among the others, after those of the same place (as one sort of all would put them)
        found = sorted([*found, *map(functools.partial(_described, strings), more)], key=lambda w: w[:2])
    if cards.fonts.builtin:
        found = [*found, _described(strings, SiteWarning(SourceRef("site.yaml"), "font_fallback", {}))]
    pages = sum(1 for path in files if path.endswith(".html"))
    return BuildResult(pages=pages, images=len(copies), total_bytes=total,
                       warnings=tuple(text for *_, text, _ in found), strings=strings,
                       warning_kinds=tuple(kind for *_, kind in found),
                       image_bytes=sum(size for path, size in sizes.items() if path in copies))


def review(project: Path, catalogue: Catalogue, photo_plan: ImagePlan, strings: Strings) -> Reviewed:
    """The catalogue's warnings (what hurts sales or privacy but does not stop the build) in file
    order, each as its place, its text in the site's language and its kind; and the size of the
    sources. The site's own size is known only at the end. Plain tuples: a 1,000-product catalogue's
    4,100 warnings cross from a forked child."""
    photo_sizes = {source: (plan.info.width, plan.info.height) for source, plan in photo_plan.items()}
    located = {source for source, plan in photo_plan.items() if plan.info.located}
    found = sorted(review_catalogue(catalogue, photo_sizes, located) + review_folders(project, catalogue),
                   key=lambda w: (w.ref.path, w.ref.line))
    return [_described(strings, warning) for warning in found], measure_sources(project)


def _described(strings: Strings, warning: SiteWarning) -> tuple[str, int, str, str]:
    return warning.ref.path, warning.ref.line, strings.format_warning(warning), warning.key


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


def stamp_service_worker(files: dict[str, bytes | Kept], strings: Strings) -> dict[str, bytes | Kept]:
    """Move the theme's service worker to the site root (its scope), version it by content and give
    it the notice it puts on a page's offline copy, in the site's language."""
    worker = files.pop("static/sw.js", None)
    if not isinstance(worker, bytes):  # no service worker in the themes (a theme file is always bytes)
        return files
    version = hashlib.sha256()
    for path in sorted(files):  # every file's content digest: a page kept from the output is not read
        version.update(f"{path}\0{digest(files[path])}\n".encode())
    # A JavaScript string of HTML text: the worker writes it into the page as it is.
    notice = json.dumps(html.escape(strings.t("ui.offline_copy")))
    stamped = worker.replace(b"__SITEGEN_VERSION__", version.hexdigest()[:16].encode())
    return {**files, urls.SERVICE_WORKER: stamped.replace(b'"__SITEGEN_OFFLINE_COPY__"', notice.encode())}

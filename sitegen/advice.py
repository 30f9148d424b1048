"""Warnings: what hurts sales or privacy but does not stop a build, each with its place and a fix."""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

import nh3

from sitegen.errors import SiteWarning, SourceRef
from sitegen.model import Catalogue, Group, Photo, Product

MIN_PHOTO_SIDE = 500  # px on the long side: WhatsApp Business and Meta catalogues refuse smaller photos
MAX_DESCRIPTION = 1500  # characters of text: about two phone screens under the photos
NEARING = 0.8  # warn once a catalogue reaches 80 % of a host's limit
SITE_BYTES_LIMIT = 1_000_000_000  # GitHub Pages publishes sites of at most 1 GB
SITE_FILES_LIMIT = 20_000  # Cloudflare Pages' free plan takes at most 20,000 files per site
SOURCE_BYTES_LIMIT = 1_000_000_000  # GitHub recommends Pages source repositories below 1 GB
_MB = 1_000_000


@dataclass(frozen=True, slots=True)
class SiteSize:
    """How big the published site and its sources are, for the host-limit warnings."""

    site_bytes: int
    site_files: int
    source_bytes: int


def review_catalogue(
    catalogue: Catalogue, photo_sizes: Mapping[Path, tuple[int, int]], located: Iterable[Path]
) -> list[SiteWarning]:
    """Every warning about a valid catalogue, in file and line order (pure); its size is `review_size`'s."""
    located = frozenset(located)
    found: list[SiteWarning] = []
    for product in catalogue.products:
        for photo in product.photos:
            found += review_photo(photo, photo_sizes.get(photo.source), photo.source in located, "alt_missing")
        found += review_description(product)
        found += [SiteWarning(ref, key, dict(values)) for key, ref, values in product.form_warnings]
    for group in catalogue.groups:
        found += [SiteWarning(ref, key, dict(values)) for key, ref, values in group.form_warnings]
        if group.photo:
            photo = group.photo
            found += review_photo(photo, photo_sizes.get(photo.source), photo.source in located, "group_alt_missing")
    return sorted(found, key=lambda w: (w.ref.path, w.ref.line))  # stable: a photo's warnings stay together


def review_photo(photo: Photo, size: tuple[int, int] | None, located: bool, alt_key: str) -> list[SiteWarning]:
    """A photo too small for WhatsApp and Meta catalogues, without alt text, or carrying its GPS place."""
    found = []
    if size and max(size) < MIN_PHOTO_SIDE:
        args = {"value": photo.name, "width": size[0], "height": size[1], "minimum": MIN_PHOTO_SIDE}
        found.append(SiteWarning(photo.ref, "photo_small", args))
    if not photo.alt_given:
        found.append(SiteWarning(photo.ref, alt_key, {"value": photo.name}))
    if located:
        found.append(SiteWarning(photo.ref, "photo_location", {"value": photo.name}))
    return found


def review_description(product: Product) -> list[SiteWarning]:
    """A description longer than shoppers read on a phone."""
    if len(product.description_html) <= MAX_DESCRIPTION:  # its text is never longer than its HTML
        return []
    length = len(plain_text(product.description_html))
    if length <= MAX_DESCRIPTION:
        return []
    ref = product.description_ref or product.ref
    return [SiteWarning(ref, "description_long", {"length": length, "limit": MAX_DESCRIPTION})]


def review_size(size: SiteSize) -> list[SiteWarning]:
    """The site or its sources nearing what free hosts accept."""
    found = []
    if size.site_bytes >= NEARING * SITE_BYTES_LIMIT:
        args = {"size": size.site_bytes // _MB, "limit": SITE_BYTES_LIMIT // _MB}
        found.append(SiteWarning(SourceRef("output/"), "site_bytes_near_limit", args))
    if size.site_files >= NEARING * SITE_FILES_LIMIT:
        args = {"count": size.site_files, "limit": SITE_FILES_LIMIT}
        found.append(SiteWarning(SourceRef("output/"), "site_files_near_limit", args))
    if size.source_bytes >= NEARING * SOURCE_BYTES_LIMIT:
        args = {"size": size.source_bytes // _MB, "limit": SOURCE_BYTES_LIMIT // _MB}
        found.append(SiteWarning(SourceRef("content/"), "sources_near_limit", args))
    return found


def plain_text(fragment: str) -> str:
    """The words of an HTML fragment, whitespace collapsed."""
    return " ".join(html.unescape(nh3.clean(fragment, tags=set())).split())


def review_folders(project: Path, catalogue: Catalogue) -> list[SiteWarning]:
    """Folders in content/products/ or content/groups/ that no product or group uses: an index.md
    forgotten, or a product removed by deleting only its index.md. Their photos are on no page,
    yet still in the repository for anyone to download (with the places they were taken)."""
    found = []
    for kind, items, key in (("products", catalogue.products, "product_folder_unused"),
                             ("groups", catalogue.groups, "group_folder_unused")):
        root = project / "content" / kind
        # Strings, not Paths: 3,100 photos' Path arithmetic took 30-40 ms of a 1,000-product rebuild.
        used = {item.ref.path.split("/")[2] for item in items if item.ref.path.startswith(f"content/{kind}/")}
        inside = str(root) + os.sep
        photos = (str(photo.source) for item in items for photo in _photos_of(item))
        used |= {source[len(inside):].split(os.sep, 1)[0] for source in photos if source.startswith(inside)}
        single = {item.ref.path.rsplit("/", 1)[1]: item.ref.path for item in items if item.ref.path.count("/") == 2}
        for name in _folders(root):
            if name in used or not _holds_files(root / name):  # git keeps no empty folder
                continue
            beside = next((single[name + suffix] for suffix in (".md", ".yaml", ".yml") if name + suffix in single), "")
            if beside:  # `keripik.md` beside `keripik/`: a single file uses only the photos beside it
                index = "index" + beside[beside.rindex("."):]
                found.append(SiteWarning(SourceRef(f"content/{kind}/{name}/"), "folder_beside_file",
                                         {"file": beside, "index": index}))
            else:
                found.append(SiteWarning(SourceRef(f"content/{kind}/{name}/"), key, {}))
    return found


def _holds_files(folder: Path) -> bool:
    """Whether a file other than a hidden one (`.DS_Store`) is anywhere in `folder`."""
    for _, _, files in os.walk(folder):
        if any(not name.startswith(".") for name in files):
            return True
    return False


def _photos_of(item: Product | Group) -> tuple[Photo, ...]:
    if isinstance(item, Product):
        return item.photos
    return (item.photo,) if item.photo else ()


def _folders(root: Path) -> list[str]:
    """The folders straight inside `root` that would be bundles (not hidden, not `_`-prefixed)."""
    try:
        entries = list(os.scandir(root))
    except OSError:
        return []
    return sorted(entry.name for entry in entries
                  if entry.is_dir(follow_symlinks=False) and not entry.name.startswith((".", "_")))


def measure_sources(project: Path) -> int:
    """Bytes of everything under content/: what the repository carries (linked folders not followed)."""
    total, folders = 0, [str(project / "content")]
    while folders:
        try:
            entries = list(os.scandir(folders.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
            elif entry.is_file():
                total += entry.stat().st_size
    return total

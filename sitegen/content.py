"""Walk content/ (bundles and single files) into a validated Catalogue, collecting every error."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any, Callable, Mapping

from sitegen import fields, markup, schema
from sitegen.config import SiteConfig
from sitegen.docmemo import DocumentMemo
from sitegen.errors import ErrorBag, FieldProblem, SiteErrors, SourceRef
from sitegen.markup import rendered_markdown, summarise_html
from sitegen.model import Catalogue, Category, Group, Photo, Product, Variant
from sitegen.sourcefile import LineDict, NumberText, RawDoc

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".avif", ".gif", ".tif", ".tiff", ".bmp")
SOURCE_NAMES = ("index.md", "index.yaml", "index.yml")
SINGLE_SUFFIXES = (".md", ".yaml", ".yml")
LINK_KINDS = schema.LINK_KINDS
GROUP_KEYS = schema.keys(schema.GROUP_FIELDS)
PRODUCT_KEYS = schema.keys(schema.PRODUCT_FIELDS)
_Warnings = tuple[tuple[str, SourceRef, tuple[tuple[str, str], ...]], ...]  # a value's form_warnings


def load_catalogue(project: Path, config: SiteConfig, memo: DocumentMemo | None = None) -> Catalogue:
    """Read every group and product under `project/content`; raise SiteErrors listing all problems.

    `memo` remembers parses between builds (only files whose bytes changed are parsed again).
    """
    bag, memo = ErrorBag(), memo or DocumentMemo(None)
    for cache in (_real_folder, _folder_inside, _entries):  # folders may have changed since the last load
        cache.cache_clear()
    group_slugs: set[str] = set()  # every group written, even in a file too broken to read
    group_docs = read_documents(project, "groups", bag, memo, group_slugs)
    product_docs = read_documents(project, "products", bag, memo)
    _report_outside(project, bag)
    groups = {slug: g for slug, doc in group_docs.items() if (g := parse_group(slug, doc, project, bag, memo))}
    categories = {category.slug: category for category in config.categories}
    lookup = _Lookup(groups, group_slugs, categories)
    products = [
        product
        for slug, doc in product_docs.items()
        if (product := parse_product(slug, doc, project, lookup, bag, memo))
    ]
    bag.raise_if_any()
    return Catalogue(
        # In the order shoppers read them: by the name they see (the folder name breaks ties).
        products=tuple(sorted(products, key=lambda p: (fields.sort_key(p.name), p.slug))),
        groups=tuple(sorted(groups.values(), key=lambda g: (fields.sort_key(g.name), g.slug))),
        categories=tuple(config.categories),
    )


class _Lookup:
    """What a product may refer to: parsed groups, group slugs that exist, and categories."""

    def __init__(self, groups: Mapping[str, Group], group_slugs: set[str], categories: Mapping[str, Category]):
        self.groups, self.group_slugs, self.categories = groups, group_slugs, categories


def read_documents(project: Path, kind: str, bag: ErrorBag, memo: DocumentMemo | None = None,
                   slugs: set[str] | None = None) -> dict[str, RawDoc]:
    """Read `content/<kind>/` bundles and single files, keyed by slug, in slug order; `slugs`
    gets every slug written, also those whose file could not be read (their errors are in `bag`)."""
    root = project / "content" / kind
    if not root.is_dir():
        return {}
    found: dict[str, list[Path]] = {}
    listing = _listing(root)
    for name in sorted(listing):
        entry, is_dir = root / name, listing[name] is False
        sources = _sources_of(entry, is_dir)
        for source in sources:
            slug = name if is_dir else entry.stem
            found.setdefault(slug, []).append(source)
        if is_dir and not sources and not name.startswith((".", "_")):
            _report_sourceless(entry, project, bag)
        elif not is_dir and not sources and (expected := _meant_as_source(name)):
            key = "single_leftover" if expected in listing else "single_misnamed"  # renaming would clash
            bag.add(SourceRef(_relative(entry, project), 1), key, value=name, expected=expected)
    colliding = _report_collisions(found, project, bag)
    if slugs is not None:
        slugs.update(found)
    return {
        slug: doc
        for slug, paths in sorted(found.items())
        if slug not in colliding and (doc := _read_one(slug, paths, project, bag, memo or DocumentMemo(None)))
    }


def _sources_of(entry: Path, is_dir: bool) -> list[Path]:
    if entry.name.startswith((".", "_")):
        return []
    if is_dir:
        # Exact names, as on the Linux machine that publishes: `INDEX.MD` is not `index.md`.
        names = _listing(entry)
        return [entry / name for name in SOURCE_NAMES if names.get(name) is True]
    return [entry] if entry.suffix in SINGLE_SUFFIXES else []


def _meant_as_source(name: str) -> str:
    """The name a single product or group file was meant to have, when its own name makes the build
    pass it by (`keripik.md.txt` from Notepad, `keripik.markdown`, `keripik.MD`); "" for other files."""
    lowered = name.lower()
    if name.startswith((".", "_")) or lowered.startswith("readme"):
        return ""
    for wrong, right in _MISTYPED_SUFFIXES:
        if lowered.endswith(wrong) and len(name) > len(wrong):
            return name[: -len(wrong)] + right
    suffix = Path(name).suffix
    return name[: -len(suffix)] + suffix.lower() if suffix.lower() in SINGLE_SUFFIXES and suffix not in SINGLE_SUFFIXES else ""


_MISTYPED_SUFFIXES = ((".md.txt", ".md"), (".yaml.txt", ".yaml"), (".yml.txt", ".yml"), (".markdown", ".md"))


def _report_sourceless(folder: Path, project: Path, bag: ErrorBag) -> None:
    """A product or group folder without its `index.md` would be left out without a word: say why.

    Only a file that is meant to be one (`index.md.txt`, which Windows' Notepad saves, `Index.md`,
    `index.markdown`) or a folder one level too deep is a mistake; a folder of photos alone may
    belong to a `<slug>.md` beside it.
    """
    names = _listing(folder)
    for name in sorted(names):
        lowered = name.lower()
        if names[name] is True and (lowered in SOURCE_NAMES or lowered.startswith("index.")
                                    and lowered.split(".")[1] in ("md", "markdown", "yaml", "yml", "txt")):
            bag.add(SourceRef(_relative(folder / name, project), 1), "source_misnamed",
                    value=name, folder=_relative(folder, project), expected="index.md")
            return
    for name in sorted(names):
        if names[name] is False and any(names_inner is True and inner in SOURCE_NAMES
                                        for inner, names_inner in _listing(folder / name).items()):
            inner = _relative(folder / name, project)
            bag.add(SourceRef(_relative(folder / name / "index.md", project), 1), "source_too_deep",
                    value=inner, place=_relative(folder.parent, project))
            return


_KINDS = ("products", "groups")
_NOT_CONTENT = frozenset({"content", "themes", "output", "docs", "node_modules"})  # the project root's own folders


def _report_outside(project: Path, bag: ErrorBag) -> None:
    """A product or group file put beside `content/products/` instead of in it (`content/produk/…`,
    `content/keripik.md`, or `keripik/index.md` at the top, as GitHub's "Add file" makes it) would
    be left out without a word: say where it belongs. Only files that read as a product or group
    count (a `name:` and a `group:` or `whatsapp:` key in their data), so notes, READMEs and guides
    with a YAML example are left alone."""
    content = project / "content"
    places = [(content / name, name) for name, is_file in _listing(content).items()
              if name not in _KINDS and not name.startswith((".", "_")) and is_file is not None]
    places += [(project / name, name) for name, is_file in _listing(project).items()
               if name not in _NOT_CONTENT and not name.startswith((".", "_")) and is_file is not None]
    for place, name in sorted(places, key=lambda item: str(item[0])):
        for source, rest in _stray_sources(place, name, deeper=place.parent != project):
            if kind := _kind_of(source):
                bag.add(SourceRef(_relative(source, project), 1), "source_outside",
                        value=_relative(source, project), target=f"content/{kind}/{rest}")


def _stray_sources(place: Path, name: str, deeper: bool) -> list[tuple[Path, str]]:
    """Source files in a stray entry, each with its path as it would be inside content/<kind>/;
    `deeper`: also one folder further down (`content/produk/keripik/index.md`)."""
    if _listing(place.parent).get(name) is True:
        return [(place, name)] if place.suffix in SINGLE_SUFFIXES and not name.lower().startswith("readme") else []
    found = [(place / inner, f"{name}/{inner}") for inner in SOURCE_NAMES if _listing(place).get(inner) is True]
    for inner, is_file in sorted(_listing(place).items()):  # content/produk/keripik/index.md: one level more
        if is_file is False and deeper:
            found += [(place / inner / src, f"{inner}/{src}") for src in SOURCE_NAMES
                      if _listing(place / inner).get(src) is True]
    return found


def _kind_of(source: Path) -> str:
    """"products" or "groups" when the file's data read as one (a name and a group or a WhatsApp
    number): the front matter of a `.md` file, the top-level keys of a YAML file; else ""."""
    try:
        with open(source, encoding="utf-8", errors="replace") as file:
            head = file.read(4096)
    except OSError:
        return ""
    if source.suffix == ".md":  # only between the opening `---` and the next
        if not head.startswith("---"):
            return ""
        head = head[3:].split("\n---", 1)[0]
    keys = {line.split(":", 1)[0].strip() for line in head.splitlines()
            if ":" in line and not line.startswith((" ", "\t", "#", "-"))}
    if "name" not in keys:
        return ""
    return "products" if "group" in keys else "groups" if "whatsapp" in keys else ""


def _report_collisions(found: Mapping[str, list[Path]], project: Path, bag: ErrorBag) -> set[str]:
    """Slugs that differ only in case or accents: one folder on a laptop, two pages on the web."""
    by_folded: dict[str, list[str]] = {}
    for slug in sorted(found):
        by_folded.setdefault(fields.slugify(slug) or slug, []).append(slug)
    colliding: set[str] = set()
    for folded, slugs in sorted(by_folded.items()):
        if len(slugs) > 1:
            paths = [_relative(found[slug][0], project) for slug in slugs]
            bag.add(SourceRef(paths[0], 1), "slug_collision", others=", ".join(paths[1:]), suggestion=folded)
            colliding.update(slugs)
    return colliding


def _read_one(slug: str, paths: list[Path], project: Path, bag: ErrorBag, memo: DocumentMemo) -> RawDoc | None:
    rel = _relative(paths[0], project)
    if len(paths) > 1:
        others = ", ".join(_relative(p, project) for p in paths[1:])
        bag.add(SourceRef(rel, 1), "duplicate_source", slug=slug, others=others)
        return None
    if not _inside(paths[0], project):
        bag.add(SourceRef(rel, 1), "symlink_outside", value=rel)
        return None
    try:
        fields.check_slug(slug)
        return memo.read_source(paths[0], rel)
    except FieldProblem as problem:
        bag.add(SourceRef(rel, 1), problem.key, **problem.args_)
    except SiteErrors as errors:
        bag.extend(errors.errors)
    return None


def parse_group(slug: str, doc: RawDoc, project: Path, bag: ErrorBag,
                memo: DocumentMemo | None = None) -> Group | None:
    """Validate a group's fields; record problems in `bag` and return None if any."""
    if "group" in doc.fields and ({"price", "variants"} & doc.fields.keys()):  # a product, in the wrong folder
        target = doc.ref.path.replace("content/groups/", "content/products/", 1)
        bag.add(doc.at("group"), "product_in_groups", value=doc.ref.path, target=target)
        return None
    reader = _FieldReader(doc, bag, GROUP_KEYS)
    text = reader.optional_text
    story_html, summary, plain = _markdown(doc, reader, memo or DocumentMemo(None))
    group = Group(
        slug=slug,
        name=reader.required("name", lambda v: fields.parse_text(v, 120)),
        whatsapp=reader.required("whatsapp", fields.parse_phone),
        village=text("village"),
        district=text("district"),
        regency=text("regency"),
        photo=_group_photo(doc, reader, project),
        founded=reader.optional("founded", fields.parse_year, None),
        members=reader.optional("members", fields.parse_count, None),
        links=reader.optional("links", _parse_links, ()),
        story_html=story_html,
        summary=summary,
        ref=doc.ref,
        form_warnings=_example_number(doc) + plain,
    )
    return group if reader.ok else None


def parse_product(slug: str, doc: RawDoc, project: Path, lookup: _Lookup, bag: ErrorBag,
                  memo: DocumentMemo | None = None) -> Product | None:
    """Validate a product's fields and resolve its group and category; None if anything is wrong."""
    reader = _FieldReader(doc, bag, PRODUCT_KEYS)
    text = reader.optional_text
    group = _product_group(reader, lookup)
    description_html, summary, plain = _markdown(doc, reader, memo or DocumentMemo(None))
    product = Product(
        slug=slug,
        name=reader.required("name", lambda v: fields.parse_text(v, 120)),
        group=group,  # type: ignore[arg-type]  # None only when reader.ok is False
        variants=_variants(reader),
        unit=text("unit"),
        category=reader.optional("category", lambda v: _category(v, lookup.categories), None),
        tags=reader.optional("tags", fields.parse_text_list, ()),
        status=reader.optional("status", fields.parse_status, "tersedia"),
        photos=_product_photos(doc, reader, project),
        pirt=text("pirt"),
        halal=text("halal"),
        shelf_life=text("shelf_life"),
        weight_g=reader.optional("weight_g", fields.parse_count, None),
        whatsapp=reader.optional("whatsapp", fields.parse_phone, group.whatsapp if group else ""),
        date=reader.optional("date", fields.parse_date, None),
        available_from=reader.optional("available_from", fields.parse_available_from, None),
        description_html=description_html,
        summary=summary,
        ref=doc.ref,
        description_ref=_description_ref(doc),
        form_warnings=_admin_losses(doc) + _cut_values(doc) + _example_number(doc) + plain,
    )
    return product if reader.ok and group else None


class _FieldReader:
    """Reads fields of one document through parsers, turning problems into located errors."""

    def __init__(self, doc: RawDoc, bag: ErrorBag, known: tuple[str, ...]):
        self.doc, self.bag, self.ok = doc, bag, True
        in_markdown = doc.path.suffix == ".md"  # its description is the text below the front matter
        allowed = tuple(key for key in known if not (in_markdown and key == "description"))
        for key in doc.fields:
            if key in allowed:
                continue
            shown = key if len(key) <= 60 else key[:57] + "…"
            if in_markdown and "description" in (key, fields.suggest_key(key[:60], known)):
                self.fail(key, "description_in_front_matter", key=shown)
            else:
                self.fail(key, "unknown_key", key=shown, suggestion=fields.key_hint(key[:60], allowed))

    def fail(self, field: str, message: str, **args: Any) -> None:
        """Record a problem at the line of `field`."""
        self.fail_at(self.doc.at(field), message, **args)

    def fail_at(self, ref: SourceRef, message: str, **args: Any) -> None:
        """Record a problem at `ref`."""
        self.ok = False
        self.bag.add(ref, message, **args)

    def optional(self, key: str, parser: Callable[[Any], Any], default: Any) -> Any:
        """The parsed value of `key`, or `default` when it is absent."""
        if schema.is_empty(self.doc.fields.get(key)):  # an emptied line (or a blank form field) is absent
            return default
        try:
            return parser(self.doc.fields[key])
        except FieldProblem as problem:
            self.fail(key, problem.key, **problem.args_)
            return default

    def required(self, key: str, parser: Callable[[Any], Any]) -> Any:
        """The parsed value of `key`; a missing or emptied key is an error."""
        if schema.is_empty(self.doc.fields.get(key)):
            self.fail(key, "required_empty" if key in self.doc.fields else "required", key=key)
            return None
        return self.optional(key, parser, None)

    def optional_text(self, key: str) -> str:
        """A short optional text field."""
        return self.optional(key, fields.parse_text, "")


def _markdown(doc: RawDoc, reader: _FieldReader, memo: DocumentMemo) -> tuple[str, str, _Warnings]:
    """The description (or story) as sanitised HTML, its plain-text summary, and the warning that
    it is shown as plain text because it passes one of markup's limits (none when it does not)."""
    if doc.path.suffix == ".md":
        text = doc.body
    else:
        text = reader.optional("description", _parse_markdown_text, "")
    try:
        rendered, summary, plain = memo.markdown(text, _rendered)
    except FieldProblem as problem:
        reader.fail_at(_description_ref(doc), problem.key, **problem.args_)
        return "", "", ()
    return rendered, summary, ((plain, _description_ref(doc), _PLAIN_LIMITS[plain]),) if plain else ()


def _rendered(text: str) -> tuple[str, str, str]:
    rendered, plain = rendered_markdown(text)
    return rendered, summarise_html(rendered), plain


_PLAIN_LIMITS = {markup.PLAIN_SIZE: (), markup.PLAIN_TAGS: (("limit", str(markup.MAX_RAW_TAGS)),),
                 markup.PLAIN_NESTING: (("limit", str(markup.MAX_NESTING)),)}


def _description_ref(doc: RawDoc) -> SourceRef:
    if doc.path.suffix == ".md":
        return SourceRef(doc.ref.path, doc.body_line)
    return doc.at("description")


def _parse_markdown_text(value: Any) -> str:
    if not isinstance(value, str):
        raise FieldProblem("text_invalid", value=fields.shown(value))
    return value


def _product_group(reader: _FieldReader, lookup: _Lookup) -> Group | None:
    slug = reader.required("group", fields.parse_text)
    if slug is None or slug in lookup.groups:
        return lookup.groups.get(slug) if slug else None
    if slug not in lookup.group_slugs:  # a broken group file already has its own errors
        reader.fail("group", "group_unknown", value=slug, suggestion=fields.hint(slug, lookup.group_slugs))
    reader.ok = False
    return None


def _category(value: Any, categories: Mapping[str, Category]) -> Category:
    slug = fields.parse_text(value, 60)
    if slug not in categories:
        raise FieldProblem("category_unknown", value=slug, suggestion=fields.hint(slug, categories))
    return categories[slug]


def _variants(reader: _FieldReader) -> tuple[Variant, ...]:
    given = {key for key, value in reader.doc.fields.items() if not schema.is_empty(value)}
    if "price" in given and "variants" in given:
        reader.fail("variants", "price_and_variants")
        return ()
    if "variants" in given:
        return reader.optional("variants", _parse_variants, ())
    if "price" not in given:  # neither: say both ways of giving a price
        reader.fail("price", "price_missing")
        return ()
    price = reader.required("price", fields.parse_price)
    return (Variant("", price),) if price else ()


def _parse_variants(value: Any) -> tuple[Variant, ...]:
    if not isinstance(value, list) or not value:
        raise FieldProblem("variants_invalid")
    variants = []
    for item in value:
        if not isinstance(item, Mapping) or set(item) != {"name", "price"}:
            raise FieldProblem("variant_invalid", value=fields.shown(item))
        variants.append(Variant(fields.parse_text(item["name"], 60), fields.parse_price(item["price"])))
    names = [variant.name for variant in variants]
    if len(set(names)) != len(names):
        raise FieldProblem("variant_duplicate")
    return tuple(variants)


def _parse_links(value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, Mapping):
        raise FieldProblem("links_invalid", kinds=", ".join(LINK_KINDS))
    links = []
    for kind, url in value.items():
        if kind not in LINK_KINDS:
            raise FieldProblem("link_kind_unknown", value=kind, kinds=", ".join(LINK_KINDS))
        if not isinstance(url, str) or not url.startswith("https://") or any(c in url for c in ' "<>'):
            raise FieldProblem("link_invalid", value=fields.shown(url))
        links.append((kind, url))
    return tuple(sorted(links))


def _product_photos(doc: RawDoc, reader: _FieldReader, project: Path) -> tuple[Photo, ...]:
    folder = doc.path.parent
    listed = reader.optional("photos", _parse_photo_list, ())
    if listed:
        names = tuple(name for name, _ in listed)
    elif doc.path.name.startswith("index."):
        # The folder's listing, read once a load, in the order of its paths (`normcase`: as
        # `sorted(folder.iterdir())` orders one folder's entries, without making a Path of each).
        # Hidden files are no photos: macOS leaves `._depan.jpg` beside each photo copied from it.
        found = (name for name in _listing(folder)
                 if _suffix(name).lower() in IMAGE_SUFFIXES and not name.startswith("."))
        names = tuple(sorted(found, key=os.path.normcase))
    else:
        names = ()
    alts = {**reader.optional("alt", _parse_alts, {}), **{name: alt for name, alt in listed if alt}}
    for name in sorted(set(alts) - set(names)):
        reader.fail("alt", "alt_unknown_photo", value=name, suggestion=fields.hint(name, names))
    default_alt = str(doc.fields.get("name", ""))
    photos = (_photo(folder, name, alts.get(name, default_alt), reader, "photos", project, name in alts)
              for name in names)
    return tuple(photo for photo in photos if photo)


def _admin_losses(doc: RawDoc) -> _Warnings:
    """What the web admin would lose or misread if the product were saved there: worth rewriting
    before anyone opens it in the admin (`sitegen check` accepts all of it as written).

    The admin stores each photo as `{file, alt}`: it cannot save plain names, drops a photo list
    written as one line of text, and splits `alt:` keys such as `depan.jpg` at their dot. It drops
    tags written as one line too. And it reads YAML 1.2, in which a bare `15.000` is the number 15.
    """
    if doc.path.suffix not in (".md", ".yaml"):  # `.yml` files are not listed in the admin
        return ()
    fields_, losses = doc.fields, []
    photos = fields_.get("photos")
    if isinstance(photos, str) or (isinstance(photos, list) and any(isinstance(item, str) for item in photos)):
        losses.append(("photos_hand_form", doc.at("photos"), ()))
    elif not schema.is_empty(fields_.get("alt")):  # alt texts apart: of the folder's photos, or beside a list
        key = "alts_hand_form" if schema.is_empty(photos) else "photos_hand_form"
        losses.append((key, doc.at("alt"), ()))
    if isinstance(fields_.get("tags"), str) and fields_["tags"].strip():
        losses.append(("tags_text_form", doc.at("tags"), (("value", str(fields_["tags"])),)))
    if isinstance(fields_.get("price"), NumberText):
        losses.append(("price_number_form", doc.at("price"), (("value", str(fields_["price"])),)))
    variants = fields_.get("variants")
    for variant in variants if isinstance(variants, list) else ():
        if isinstance(variant, LineDict) and isinstance(variant.get("price"), NumberText):
            line = variant.lines.get("price", variant.line)
            losses.append(("price_number_form", SourceRef(doc.ref.path, line), (("value", str(variant["price"])),)))
    return tuple(losses)


def _example_number(doc: RawDoc) -> _Warnings:
    """`whatsapp:` still the example number `sitegen new site` or the guides wrote: every order
    would go to nobody (or to a stranger), and nothing else would show it."""
    try:
        number = fields.parse_phone(doc.fields.get("whatsapp", ""))
    except FieldProblem:
        return ()  # reported as an error
    if number not in fields.EXAMPLE_NUMBERS:
        return ()
    return (("whatsapp_example", doc.at("whatsapp"), (("value", str(doc.fields["whatsapp"])),)),)


def _cut_values(doc: RawDoc) -> _Warnings:
    """Values YAML cut short at a " #" (`name: Sambal Bawang #1 Kebumen` publishes "Sambal Bawang")."""
    return tuple(("value_cut_by_comment", SourceRef(doc.ref.path, int(line)), (("value", kept), ("cut", cut)))
                 for line, (kept, cut) in sorted(doc.fields.cuts.items(), key=lambda item: int(item[0])))


def _group_photo(doc: RawDoc, reader: _FieldReader, project: Path) -> Photo | None:
    name = reader.optional("photo", _parse_photo_name, "")
    alt = reader.optional("alt", fields.parse_text, str(doc.fields.get("name", "")))
    return _photo(doc.path.parent, name, alt, reader, "photo", project, "alt" in doc.fields) if name else None


def _parse_photo_list(value: Any) -> tuple[tuple[str, str], ...]:
    """`[a.jpg, b.jpg]` as written by hand, or `[{file: a.jpg, alt: "..."}]` as the admin writes it."""
    if isinstance(value, list) and any(isinstance(item, Mapping) for item in value):
        return tuple(_parse_photo_entry(item) for item in value if not schema.is_empty(item))
    return tuple((_parse_photo_name(name), "") for name in fields.parse_text_list(value))


def _parse_photo_entry(item: Any) -> tuple[str, str]:
    if isinstance(item, Mapping) and set(item) <= {"file", "alt"} and not schema.is_empty(item.get("file")):
        alt = item.get("alt")
        return _parse_photo_name(item["file"]), "" if schema.is_empty(alt) else fields.parse_text(alt, 250)
    if isinstance(item, str):
        return _parse_photo_name(item), ""
    raise FieldProblem("photo_entry_invalid", value=fields.shown(item))


def _parse_photo_name(value: Any) -> str:
    """A file name in the document's own folder: no `../`, no absolute or Windows path."""
    name = fields.parse_text(value).removeprefix("./")  # the admin may write `./depan.webp`
    if name.startswith(("/", "\\")) or ".." in name.split("/") or "\\" in name:
        raise FieldProblem("photo_path_outside", value=name)
    return name


def _parse_alts(value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise FieldProblem("alt_invalid")
    return {str(name): fields.parse_text(text, 250) for name, text in value.items()}


def _photo(folder: Path, name: str, alt: str, reader: _FieldReader, key: str, project: Path,
           alt_given: bool) -> Photo | None:
    if os.path.splitext(name)[1].lower() not in IMAGE_SUFFIXES:
        reader.fail(key, "photo_not_image", value=name, suffixes=", ".join(IMAGE_SUFFIXES))
        return None
    if not _exists_exactly(folder, name):
        present = [p.name for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES]
        reader.fail(key, "photo_missing", value=name, suggestion=fields.hint(name, present))
        return None
    if not _listed_inside(folder, name, project):
        reader.fail(key, "symlink_outside", value=name)
        return None
    return Photo(source=folder / name, name=name, alt=alt, ref=reader.doc.at(key), alt_given=alt_given)


def _exists_exactly(folder: Path, name: str) -> bool:
    """Whether the file exists with exactly this spelling, even on a case-insensitive laptop."""
    *parents, last = Path(name).parts if "/" in name else (name,)
    for part in parents:
        if _listing(folder).get(part) is not False:  # a folder, as it is spelt
            return False
        folder = folder / part
    return _listing(folder).get(last) is True


def _inside(path: Path, project: Path) -> bool:
    """False for a link that leads out of the catalogue (its target would be read or published)."""
    if os.path.islink(path):
        return path.resolve().is_relative_to(_real_folder(project))
    # The same as path.resolve() when the file itself is no link; a product's photos share a folder.
    return _folder_inside(path.parent, project)


def _listed_inside(folder: Path, name: str, project: Path) -> bool:
    """`_inside` for an entry `_exists_exactly` found, from its folder's listing (no stat of its own)."""
    if "/" in name:
        return _inside(folder / name, project)
    if name in _entries(folder)[1]:
        return (folder / name).resolve().is_relative_to(_real_folder(project))
    return _folder_inside(folder, project)


def _listing(folder: Path) -> dict[str, bool | None]:
    """A folder's entries as spelt on disk → True for a file, False for a folder, None for anything
    else, such as a broken link (each folder read once a load)."""
    return _entries(folder)[0]


@functools.lru_cache(maxsize=None)
def _entries(folder: Path) -> tuple[dict[str, bool | None], frozenset[str]]:
    """`_listing`, and the names in the folder that are symbolic links, from one scandir."""
    try:
        with os.scandir(folder) as entries:
            kinds, links = {}, set()
            for entry in entries:
                kinds[entry.name] = False if entry.is_dir() else True if entry.is_file() else None
                if entry.is_symlink():
                    links.add(entry.name)
            return kinds, frozenset(links)
    except OSError:
        return {}, frozenset()


@functools.lru_cache(maxsize=None)
def _folder_inside(folder: Path, project: Path) -> bool:
    """Whether a folder really lies inside the project; only a link below the project can lead out.

    Checked link by link from the project down (each folder once a load): resolving every
    product folder in full costs a 1,000-product catalogue ~80 ms per build.
    """
    if folder == project:
        return True
    if folder.is_relative_to(project) and not os.path.islink(folder):
        return _folder_inside(folder.parent, project)
    return _real_folder(folder).is_relative_to(_real_folder(project))


@functools.lru_cache(maxsize=None)
def _real_folder(folder: Path) -> Path:
    """A folder with every link resolved; forgotten at the start of each load (serve builds again)."""
    return folder.resolve()


def _suffix(name: str) -> str:
    """`Path(name).suffix` of a bare file name."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _relative(path: Path, project: Path) -> str:
    """`path.relative_to(project).as_posix()`, by text for a path spelt below the project (every
    source file: `relative_to` cost a 1,000-product load ~30 ms)."""
    text, prefix = str(path), os.path.join(str(project), "")
    if text.startswith(prefix) and len(text) > len(prefix):
        return text[len(prefix):].replace(os.sep, "/")
    return path.relative_to(project).as_posix()

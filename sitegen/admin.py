"""The volunteers' web admin at /admin/: a Sveltia CMS page and its config.yml, made from `schema`.

Every product and group field in `schema` becomes one form widget, with its label and hint in the
site's language, so the forms offer exactly what `sitegen check` reads. Photos uploaded through the
admin are re-encoded in the browser (long side at most `UPLOAD_LONG_SIDE`), which drops their EXIF
and GPS before anything reaches the repository.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any, Callable

from sitegen import fields, fingerprint, schema, urls
from sitegen.bytememo import remembered
from sitegen.config import ORDER_FIELDS, SiteConfig
from sitegen.i18n import LANGUAGES, Strings
from sitegen.markup import MAX_MARKDOWN
from sitegen.schema import FieldSpec

SVELTIA_VERSION = "0.221.1"  # pinned; tests/admin/package.json installs the same version from npm
# Subresource integrity of dist/sveltia-cms.js in that npm package (what unpkg serves byte for byte).
SVELTIA_INTEGRITY = "sha384-JQ+XsKx/UzwdTiNnFStza3XtqqQoVtyNPApkfvwlzZDfhe7giE9CnfQrpHqgv3k6"
SVELTIA_SCRIPT = f"https://unpkg.com/@sveltia/cms@{SVELTIA_VERSION}/dist/sveltia-cms.js"
UPLOAD_LONG_SIDE = 2048  # px: ample for the 1080 px photos pages publish, ~0.5 MB instead of 4 MB
UPLOAD_QUALITY = 85  # WebP quality of an uploaded photo; the build re-encodes it for shoppers anyway
ADMIN_DIR = "admin"
# What fields.parse_price accepts, as a pattern the form checks while the volunteer types. A price is
# a text field, not a number field: a number field would open a hand-written "15.000" as 15. Not
# zero, and at most fields.MAX_PRICE (Rp 1.000.000.000), also when written in thousands ("15rb").
_WHOLE = r"(?:\d{1,3}(?:\.\d{3}){1,2}|1\.000\.000\.000|\d{1,9}|1000000000)"
_THOUSANDS = r"(?:\d{1,3}\.\d{3}|1\.000\.000|\d{1,6}|1000000)"
PRICE_PATTERN = (r"^\s*(?:(?:[Rr][Pp]\.?\s*)?(?=[0.]*[1-9])"
                 rf"(?:{_WHOLE}(?:,-|,00)?|{_THOUSANDS}\s*(?:[Rr][Bb]|[Rr][Ii][Bb][Uu]|[Kk])))?\s*$")  # blank: see `required`


def _escape_class(characters: str) -> str:
    """Characters for a [class], as \\u escapes (the config stays readable), runs as ranges."""
    runs: list[list[int]] = []
    for point in sorted(map(ord, characters)):
        if runs and point == runs[-1][1] + 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return "".join(f"\\u{first:04x}" + (f"-\\u{last:04x}" if last > first else "") for first, last in runs)


# A phone number as fields.parse_phone reads it, separators (space . - parentheses) anywhere: a mobile
# number 8 + 7–11 digits after 0, 62, +62, "+62 0" or nothing; a landline 2–7/9 + 6–11 digits after
# 0 or 62; an area code in parentheses, `(0287) 381234`, of 2–4 digits before 5–8 more. A number
# pasted from WhatsApp passes too: its invisible marks may stand anywhere, its hyphens are U+2011.
_MARKS = _escape_class(fields.INVISIBLE_MARKS)
_MARK = f"[{_MARKS}]*"
_DASH = rf"\-{_escape_class(fields.HYPHENS)}"  # fields.SPACES are whitespace (\s) in Python and JavaScript alike
_S = rf"[\s().{_DASH}{_MARKS}]*"
_GAP = rf"[\s.{_DASH}{_MARKS}]*"
_PREFIX = rf"(?:6{_S}2{_S}(?:0{_S})?|0{_S})"
_BEFORE = rf"[\s{_MARKS}]*"
_AREA = rf"{_BEFORE}\({_MARK}0{_MARK}[2-79](?:{_MARK}\d){{1,3}}{_MARK}\)(?:{_GAP}\d){{5,8}}{_GAP}"
# Blank is whitespace without U+FEFF, which JavaScript's \s holds and Python's does not. The other
# differences leave the form the stricter: JavaScript's \s lacks U+001C-U+001F and U+0085, its \d
# digits of other scripts (which check reads as digits).
PHONE_PATTERN = (rf"^[^\S\ufeff]*$|^{_AREA}$|^(?!{_BEFORE}\({_MARK}(?!0{_MARK}8)0(?:{_MARK}\d)*{_MARK}\)){_S}\+?{_S}"
                 rf"(?:{_PREFIX}?8(?:{_S}\d){{7,11}}|{_PREFIX}[2-79](?:{_S}\d){{6,11}}){_S}$")
# A new entry's folder is named after its name by the CMS's ASCII slugs, which keep `_` and `~` (and
# so make a folder `sitegen check` refuses, or one it skips as hidden) and may spell a Windows device
# name ("Con." → `con`): such names are refused while the volunteer types, as fields.check_slug would.
# fields.WINDOWS_DEVICES in either case (the form's pattern takes no flags): `con` → `[Cc][Oo][Nn]`.
_DEVICE = "(?:" + re.sub(r"[a-z]", lambda letter: f"[{letter[0].upper()}{letter[0]}]", fields.WINDOWS_DEVICES) + ")"
NAME_PATTERN = rf"^(?![^A-Za-z0-9]*{_DEVICE}[^A-Za-z0-9]*$)[^_~]*$"
# What config.parse_order_message accepts: `{placeholders}` it knows, `{{`/`}}` for a brace, nothing else in braces.
ORDER_MESSAGE_PATTERN = r"^(?:[^{}]|\{\{|\}\}|\{(?:" + "|".join(ORDER_FIELDS) + r")\})*$"
# What config.parse_base_url accepts: an http(s) address without spaces, quotes, a query or a fragment.
BASE_URL_PATTERN = r"^\s*[Hh][Tt][Tt][Pp][Ss]?://[^\s\"<>\\^`{|}/?#\[\]:]+(?::\d{1,4})?(?:/[^\s\"<>\\^`{|}?#]*)?\s*$"
LAYOUTS = {  # file layout → how the CMS finds and writes such files
    "index.md": {"path": "{{slug}}/index", "extension": "md", "format": "yaml-frontmatter"},
    "file.md": {"extension": "md", "format": "yaml-frontmatter"},
    "index.yaml": {"path": "{{slug}}/index", "extension": "yaml", "format": "yaml"},
    "file.yaml": {"extension": "yaml", "format": "yaml"},
}
_STATUS_LABELS = {"tersedia": "ui.status_tersedia", "habis": "ui.status_habis", "pre-order": "ui.status_pre-order"}
PLACEHOLDER_REPO = "owner/catalogue"  # only until the Pages workflow (or site.yaml) names the real one


def admin_files(config: SiteConfig, strings: Strings, groups: tuple[str, ...] = (),
                layouts: frozenset[str] = frozenset(), cache_dir: Path | None = None) -> dict[str, bytes]:
    """`admin/index.html` and `admin/config.yml`, or nothing when the site turned the admin off.

    `groups` are the group slugs; a catalogue of one group gets it filled in on every new product.
    `layouts` are the other file layouts the catalogue uses, as `layout_of` names them.
    The YAML, slow to write, is kept in `cache_dir` under a digest of the config it holds.
    """
    if not config.admin.enabled:
        return {}
    data = cms_config(config, strings, groups, layouts)
    # In the YAML's own key order, which the digest must keep apart.
    inputs = json.dumps(data, default=repr) + f"|{fingerprint.library_release('yaml')}"
    return {
        f"{ADMIN_DIR}/index.html": admin_page(config, strings).encode(),
        f"{ADMIN_DIR}/config.yml": remembered(cache_dir, inputs, __file__, lambda: dump_yaml(data).encode()),
    }


def layout_of(path: str) -> str:
    """How a source file is laid out, e.g. `products/index.md` or `products/file.yaml`."""
    parts = path.split("/")
    name = parts[-1]
    shape = "index" if name.startswith("index.") and len(parts) > 3 else "file"
    return f"{parts[1]}/{shape}.{name.rsplit('.', 1)[-1]}"


def admin_page(config: SiteConfig, strings: Strings) -> str:
    """The page that loads the CMS: noindex, no shopper scripts or styles, nothing cached."""
    script = config.admin.script or SVELTIA_SCRIPT
    integrity = f' integrity="{SVELTIA_INTEGRITY}"' if script == SVELTIA_SCRIPT else ""
    title = html.escape(f"{strings.t('admin.title')} · {config.title}")
    return (
        f'<!doctype html>\n<html lang="{config.language}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n"
        '<link href="config.yml" type="application/yaml" rel="cms-config-url">\n</head>\n<body>\n'
        # No <main> in <noscript>: the HTML standard allows a main element only in body, div or form.
        f"<noscript><h1>{title}</h1><p>{html.escape(strings.t('admin.needs_javascript'))}</p></noscript>\n"
        f'<script src="{html.escape(script)}"{integrity} crossorigin="anonymous" defer></script>\n'
        "</body>\n</html>\n"
    )


def cms_config(config: SiteConfig, strings: Strings, groups: tuple[str, ...] = (),
               layouts: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Sveltia CMS's config.yml as data: backend, upload transformations and the collections.

    Products and groups are bundles (`<slug>/index.md`); a catalogue that also has files laid out
    another way gets a collection for each such layout, so the admin can open every file it has.
    """
    others = [layout for layout in sorted(layouts) if layout.split("/")[1] in LAYOUTS and
              not layout.endswith("/index.md")]
    return {
        "backend": backend(config),
        "app_title": f"{strings.t('admin.title')} · {config.title}",
        "site_url": config.base_url,
        "media_folder": "content",  # every collection keeps photos beside its own file instead
        "public_folder": "",
        "slug": {"encoding": "ascii", "clean_accents": True},
        # Quoted strings keep their type: a permit number "0123" must not come back as the number 83.
        "output": {"omit_empty_optional_fields": True, "yaml": {"quote": "double"}},
        "media_libraries": {"default": {"config": {"transformations": {"raster_image": {
            "format": "webp", "quality": UPLOAD_QUALITY, "width": UPLOAD_LONG_SIDE, "height": UPLOAD_LONG_SIDE,
        }}}}},
        "collections": [
            bundle_collection("products", config, strings, groups),
            bundle_collection("groups", config, strings),
            *(bundle_collection(layout.split("/")[0], config, strings, groups, layout.split("/")[1])
              for layout in others),
            settings_collection(config, strings),
        ],
    }


def backend(config: SiteConfig) -> dict[str, Any]:
    """GitHub, with the repository and branch from site.yaml or the workflow; OAuth only with a worker."""
    settings: dict[str, Any] = {"name": "github", "repo": config.admin.repo or PLACEHOLDER_REPO}
    if config.admin.branch:
        settings["branch"] = config.admin.branch
    if config.admin.auth_url:
        settings["base_url"] = config.admin.auth_url
    else:  # without an auth worker "Sign in with GitHub" cannot work: offer the access token only
        settings["auth_methods"] = ["token"]
    return settings


def bundle_collection(kind: str, config: SiteConfig, strings: Strings, groups: tuple[str, ...] = (),
                      layout: str = "index.md") -> dict[str, Any]:
    """A folder of `kind` files laid out as `layout`; photos in the same folder as each file.

    Only the bundle layout (`<slug>/index.md`) creates new entries: it gives each product a folder.
    """
    singular = "product" if kind == "products" else "group"
    specs = schema.PRODUCT_FIELDS if kind == "products" else schema.GROUP_FIELDS
    form = [widget(spec, singular, config, strings) for spec in specs if spec.in_admin]
    if len(groups) == 1:  # a group's own catalogue: every product is theirs
        form = [{**entry, "default": groups[0]} if entry["name"] == "group" else entry for entry in form]
    if LAYOUTS[layout]["format"] == "yaml-frontmatter":  # the description is the text below the front matter
        form = [{**entry, "name": "body"} if entry["name"] == "description" else entry for entry in form]
    main, key = layout == "index.md", layout.replace(".", "_")
    extra = {} if main else {"create": False, "description": strings.t(f"admin.layout.{key}")}
    return {
        "name": kind if main else f"{kind}-{layout.replace('.', '-')}",
        "label": strings.t(f"admin.{kind}") + ("" if main else f" · {strings.t(f'admin.layout_word.{key}')}"),
        "label_singular": strings.t(f"admin.{singular}_singular"),
        "folder": f"content/{kind}",
        **LAYOUTS[layout],
        **extra,
        "media_folder": "",
        "public_folder": "",
        "identifier_field": "name",
        "summary": "{{name}}",
        "slug": "{{name}}",
        "preview_path": _preview_path(kind),
        "fields": form,
    }


def _preview_path(kind: str) -> str:
    """Where the published page of an entry is, for the admin's "view on site" link."""
    folder = urls.PRODUCT_DIR if kind == "products" else urls.GROUP_DIR
    return folder + "/{{slug}}/"


def settings_collection(config: SiteConfig, strings: Strings) -> dict[str, Any]:
    """site.yaml as one form: the settings a volunteer changes; the rest is kept as written."""
    def text(key: str, required: bool = False, **extra: Any) -> dict[str, Any]:
        return {**_labelled(key, "site", strings), "widget": "string", "required": required, **extra}

    site_fields = [
        text("title", True, maxlength=120),
        {**_labelled("description", "site", strings), "widget": "text", "required": False, "maxlength": 300},
        text("base_url", True, type="url", pattern=[BASE_URL_PATTERN, strings.t("admin.base_url_pattern")]),
        {**_labelled("language", "site", strings), "widget": "select", "options": list(LANGUAGES)},
        text("order_message", hint=strings.t("admin.site.order_message_hint"),
             pattern=[ORDER_MESSAGE_PATTERN, strings.t("admin.order_message_pattern")]),
        {**_labelled("contact", "site", strings), "widget": "object", "required": False, "collapsed": "auto",
         "fields": [{**_labelled("whatsapp", "site", strings), **_phone(None, config, strings), "required": False},
                    {**_labelled("email", "site", strings), "widget": "string", "type": "email", "required": False}]},
        {**_labelled("categories", "site", strings), "widget": "keyvalue", "required": False,
         "key_label": strings.t("admin.site.category_slug"), "value_label": strings.t("admin.site.category_name")},
    ]
    return {
        "name": "settings",
        "label": strings.t("admin.settings"),
        "files": [{"name": "site", "label": strings.t("admin.site_file"), "file": "site.yaml",
                   "format": "yaml", "fields": site_fields}],
    }


def widget(spec: FieldSpec, kind: str, config: SiteConfig, strings: Strings) -> dict[str, Any]:
    """The form widget for one schema field."""
    make = WIDGETS[spec.kind]
    return {**_labelled(spec.key, kind, strings), **make(spec, config, strings), "required": spec.required}


def _labelled(key: str, kind: str, strings: Strings) -> dict[str, Any]:
    """Name, label and hint; the hint is the comment `sitegen new` writes beside the same field."""
    entry = {"name": key, "label": strings.t(f"admin.{kind}.{key}")}
    # A form's own wording where the comment speaks of YAML ("use this list instead of price").
    for hint_key in (f"admin.{kind}.{key}_hint", f"scaffold.{kind}.{key}"):
        if hint_key in strings.table and "{" not in strings.table[hint_key]:
            entry["hint"] = strings.t(hint_key)
            break
    return entry


def _text(spec: FieldSpec, config: SiteConfig, strings: Strings) -> dict[str, Any]:
    if spec.key == "name":  # an entry's name also names its folder (`slug: "{{name}}"`)
        return {"widget": "string", "maxlength": spec.limit, "pattern": [NAME_PATTERN, strings.t("admin.name_pattern")]}
    return {"widget": "string", "maxlength": spec.limit}


def _whole_number(minimum: int, maximum: int) -> Callable[..., dict[str, Any]]:
    def make(spec: FieldSpec, config: SiteConfig, strings: Strings) -> dict[str, Any]:
        return {"widget": "number", "value_type": "int", "min": minimum, "max": maximum}
    return make


def _price(spec: FieldSpec, config: SiteConfig, strings: Strings) -> dict[str, Any]:
    return {"widget": "string", "maxlength": 20, "pattern": [PRICE_PATTERN, strings.t("admin.price_pattern")]}


def _phone(spec: FieldSpec, config: SiteConfig, strings: Strings) -> dict[str, Any]:
    # The same characters fields.parse_phone strips; whether the digits are a number it decides.
    return {"widget": "string", "type": "text", "maxlength": 30,
            "pattern": [PHONE_PATTERN, strings.t("admin.phone_pattern")]}


def _date(spec: FieldSpec, config: SiteConfig, strings: Strings) -> dict[str, Any]:
    return {"widget": "datetime", "type": "date", "format": "YYYY-MM-DD"}


def _status(spec: FieldSpec, config: SiteConfig, strings: Strings) -> dict[str, Any]:
    options = [{"label": strings.t(_STATUS_LABELS[status]), "value": status} for status in fields.STATUSES]
    return {"widget": "select", "options": options, "default": fields.STATUSES[0]}


def _group(spec: FieldSpec, config: SiteConfig, strings: Strings) -> dict[str, Any]:
    return {"widget": "relation", "collection": "groups", "value_field": "{{slug}}",
            "search_fields": ["name"], "display_fields": ["name"]}


def _category(spec: FieldSpec, config: SiteConfig, strings: Strings) -> dict[str, Any]:
    options = [{"label": category.name, "value": category.slug} for category in config.categories]
    if not options:  # a select needs options; with no categories in site.yaml the field stays free
        return {"widget": "hidden"}
    return {"widget": "select", "options": options, "dropdown_threshold": 3}


def _tags(spec: FieldSpec, config: SiteConfig, strings: Strings) -> dict[str, Any]:
    return {"widget": "list", "field": {"name": "tag", "label": strings.t("admin.product.tag"),
                                        "widget": "string", "maxlength": 60}}


def _variants(spec: FieldSpec, config: SiteConfig, strings: Strings) -> dict[str, Any]:
    return {"widget": "list", "summary": "{{fields.name}}: {{fields.price}}", "fields": [
        {"name": "name", "label": strings.t("admin.product.variant_name"), "widget": "string", "maxlength": 60},
        {"name": "price", "label": strings.t("admin.product.price"), **_price(spec, config, strings)},
    ]}


def _photos(spec: FieldSpec, config: SiteConfig, strings: Strings) -> dict[str, Any]:
    return {"widget": "list", "summary": "{{fields.alt}}", "thumbnail": "file", "fields": [
        {"name": "file", "label": strings.t("admin.product.photo_file"), "widget": "image", "choose_url": False},
        {"name": "alt", "label": strings.t("admin.product.photo_alt"), "widget": "string", "required": False,
         "maxlength": 250, "hint": strings.t("scaffold.product.alt")},
    ]}


def _photo(spec: FieldSpec, config: SiteConfig, strings: Strings) -> dict[str, Any]:
    return {"widget": "image", "choose_url": False}


def _links(spec: FieldSpec, config: SiteConfig, strings: Strings) -> dict[str, Any]:
    return {"widget": "object", "collapsed": "auto", "fields": [
        {"name": kind, "label": kind.capitalize(), "widget": "string", "type": "url", "required": False,
         "pattern": ["^(https://\\S+)?$", strings.t("admin.link_pattern")]} for kind in schema.LINK_KINDS
    ]}


def _markdown(spec: FieldSpec, config: SiteConfig, strings: Strings) -> dict[str, Any]:
    # markup.MAX_MARKDOWN characters, less one for the newline the CMS may end the file's text with
    # (JavaScript counts an emoji as two, so the form is never the more lenient).
    longest = f"^[\\s\\S]{{0,{MAX_MARKDOWN - 1}}}$"
    return {"widget": "markdown", "modes": ["rich_text", "raw"],
            "pattern": [longest, strings.t("admin.description_pattern", limit=f"{MAX_MARKDOWN:,}".replace(",", "."))]}


WIDGETS: dict[str, Callable[[FieldSpec, SiteConfig, Strings], dict[str, Any]]] = {
    "text": _text,
    "price": _price,
    "count": _whole_number(0, 10_000_000),
    "year": _whole_number(fields.FIRST_YEAR, fields.LAST_YEAR),
    "phone": _phone,
    "date": _date,
    "status": _status,
    "group": _group,
    "category": _category,
    "tags": _tags,
    "variants": _variants,
    "photos": _photos,
    "photo": _photo,
    "links": _links,
    "markdown": _markdown,
}


def dump_yaml(data: Any) -> str:
    """Block-style YAML in a stable order, Unicode kept readable."""
    import yaml  # only when config.yml is made anew: most rebuilds take it from the cache

    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)

"""site.yaml → a frozen SiteConfig: one schema, every field typed, documented and defaulted."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping
from urllib.parse import urlparse

from sitegen import fields
from sitegen.errors import ErrorBag, FieldProblem, SiteError, SiteErrors, SourceRef
from sitegen.i18n import LANGUAGES
from sitegen.model import Category
from sitegen.sourcefile import RawDoc, read_source

ORDER_FIELDS = ("item", "product", "variant", "price", "unit", "url", "group")
DEFAULT_ORDER_MESSAGE = {
    "id": "Halo {group}, saya ingin memesan {item} seharga {price}. {url}",
    "en": "Hello {group}, I would like to order {item} for {price}. {url}",
}


@dataclass(frozen=True, slots=True)
class ImageConfig:
    """The `images:` section: which derivatives every photo gets."""

    # 360/720/1080 match 2-column cards and full-width photos on 360–412 px phones at DPR 1.75–3.
    widths: tuple[int, ...] = (360, 720, 1080)  # WebP widths for srcset (px)
    fallback_width: int = 640  # width of the JPEG for browsers without WebP (px)
    # 66 publishes ~22 % fewer bytes than Hugo's quality 75 with no difference visible side by side
    # (see benchmarks/image_quality.py); 72 matches Hugo's fidelity at ~12 % fewer bytes.
    quality: int = 66  # encoder quality, 1–100 (WebP and JPEG)
    avif: bool = False  # also publish AVIF at every width (smaller, but slow to encode)
    avif_quality: int = 45  # AVIF quality on AVIF's own scale: 45 ≈ WebP 66's fidelity, ~25 % fewer bytes


@dataclass(frozen=True, slots=True)
class ContactConfig:
    """The `contact:` section: who answers questions about the catalogue itself (not orders)."""

    whatsapp: str = ""  # the coordinator's number, normalised to wa.me digits; shown in every footer
    email: str = ""  # an address for questions, partners and the press


@dataclass(frozen=True, slots=True)
class AdminConfig:
    """The `admin:` section: the volunteers' web admin at /admin/ (Sveltia CMS); `admin: false` turns it off."""

    enabled: bool = True  # publish /admin/ with every build
    repo: str = ""  # GitHub repository "owner/name"; default: the one the Pages workflow runs in
    branch: str = ""  # branch the admin commits to; default: the repository's default branch
    auth_url: str = ""  # address of a Sveltia CMS auth worker, for "Sign in with GitHub"; default: token only
    script: str = ""  # URL of the CMS script; default: the pinned version on unpkg, with its integrity hash


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """The whole of site.yaml after validation."""

    title: str  # site name, shown in every page title (required)
    base_url: str  # absolute URL of the published site, ending in "/" (required)
    language: str = "id"  # "id" (Bahasa Indonesia, default) or "en"
    description: str = ""  # one sentence for the home page and link previews
    order_message: str = ""  # WhatsApp message template; default per language
    categories: tuple[Category, ...] = ()  # slug → display name; products pick one
    theme: str = ""  # folder under themes/ that overrides the built-in theme
    cname: str = ""  # custom domain written to output/CNAME for GitHub Pages
    images: ImageConfig = field(default_factory=ImageConfig)
    admin: AdminConfig = field(default_factory=AdminConfig)
    contact: ContactConfig = field(default_factory=ContactConfig)
    extra: Mapping[str, Any] = field(default_factory=dict)  # free data for themes

    @property
    def base_path(self) -> str:
        """The URL path the site is served under: "/" or "/<repo>/"."""
        return urlparse(self.base_url).path or "/"


def load_config(project: Path, base_url: str | None = None, repository: str = "",
                read: Callable[[Path, str], RawDoc] | None = None) -> SiteConfig:
    """Read and validate `site.yaml`; `base_url` (from --base-url) overrides the file.

    `repository` ("owner/name", from the Pages workflow's environment) is the admin's default repository.
    `read` reads the file (default `sourcefile.read_source`; a document memo's takes an unchanged
    file's parse from the memo).
    """
    path = project / "site.yaml"
    if not path.is_file():
        raise SiteErrors([_missing_site_yaml()])
    doc = (read or read_source)(path, "site.yaml")
    return parse_config(doc, base_url, repository)


def parse_config(doc: RawDoc, base_url: str | None = None, repository: str = "") -> SiteConfig:
    """Validate a site.yaml RawDoc; collect every problem before raising."""
    bag = ErrorBag()
    data = doc.fields
    known = set(_PARSERS) | {"categories", "images", "admin", "contact", "extra"}
    for key in data:
        if key not in known:
            bag.add(doc.at(key), "unknown_key", key=key, suggestion=fields.key_hint(key, known))
    values: dict[str, Any] = {}
    for key in ("title", "base_url"):
        if key not in data and not (key == "base_url" and base_url):
            bag.add(doc.at(key), "required", key=key)
    if "categories" in data and (categories := _parse_categories_in(doc, bag)) is not None:
        values["categories"] = categories
    for key, parser in _PARSERS.items():
        if key in data:
            try:
                values[key] = parser(data[key])
            except FieldProblem as problem:
                bag.add(doc.at(key), problem.key, **problem.args_)
    if base_url:
        values["base_url"] = _apply(parse_base_url, base_url, bag, SourceRef("--base-url"))
    values["images"] = _parse_images(data.get("images", {}), doc, bag)
    values["admin"] = _parse_admin(data.get("admin", True), doc, bag, repository)
    values["contact"] = ContactConfig(**_parse_section(data.get("contact") or {}, "contact", _CONTACT_PARSERS, doc, bag))
    values["extra"] = data.get("extra", {})
    if bag.errors:  # in the site's language when `language:` itself is right
        raise SiteErrors(bag.errors, values.get("language"))
    language = values.get("language", "id")
    values.setdefault("order_message", DEFAULT_ORDER_MESSAGE[language])
    return SiteConfig(**values)


def parse_base_url(value: Any) -> str:
    """An absolute http(s) URL; a trailing "/" is added when missing."""
    text = str(value).strip()
    try:
        parsed = urlparse(text)
        parsed.port  # noqa: B018 - `https://[katalog/` or a port of letters raise here, not later
    except ValueError:
        raise FieldProblem("base_url_invalid", value=text) from None
    unsafe = any(c.isspace() or c in '"<>\\^`{|}' for c in text)  # would break out of an attribute or a URL
    if unsafe or parsed.scheme not in ("http", "https") or not parsed.netloc or parsed.query or parsed.fragment:
        raise FieldProblem("base_url_invalid", value=text)
    return text if text.endswith("/") else text + "/"


def parse_language(value: Any) -> str:
    """One of the languages sitegen has strings for."""
    if value not in LANGUAGES:
        raise FieldProblem("language_invalid", value=fields.shown(value), choices=", ".join(LANGUAGES))
    return value


def parse_order_message(value: Any) -> str:
    """A message template whose `{placeholders}` are all known."""
    text = fields.parse_text(value, 1000) if not isinstance(value, str) else value.strip()
    try:
        parts = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(text)]
    except ValueError:
        raise FieldProblem("order_message_invalid", value=text[:60], known=_known_fields()) from None
    for name, spec, conversion in parts:
        # `{price:d}` or `{url!r}` would fail or leak Python's repr while the page is built.
        if name is not None and (name not in ORDER_FIELDS or spec or conversion):
            written = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            raise FieldProblem("order_message_invalid", value=written[:60], known=_known_fields())
    return text


def parse_categories(value: Any, report: Callable[[Any, FieldProblem], None] | None = None) -> tuple[Category, ...]:
    """A mapping of category slug → display name, in the order written; `report(slug, problem)`
    takes each wrong category (without it, the first one raises)."""
    if not isinstance(value, Mapping):
        raise FieldProblem("categories_invalid")
    found = []
    for slug, name in value.items():
        try:
            found.append(_category(slug, name))
        except FieldProblem as problem:
            if report is None:
                raise
            report(slug, problem)
    return tuple(found)


def _category(slug: Any, name: Any) -> Category:
    try:
        key = fields.check_slug(str(slug))
    except FieldProblem as problem:  # a category key, not a folder name: say so
        raise FieldProblem("category_key_invalid", **problem.args_) from None
    return Category(key, fields.parse_text(name, 60))


def _parse_categories_in(doc: RawDoc, bag: ErrorBag) -> tuple[Category, ...] | None:
    """`parse_categories`, each wrong category reported at its own line."""
    value = doc.fields["categories"]
    lines = getattr(value, "lines", {})

    def report(slug: Any, problem: FieldProblem) -> None:
        bag.add(SourceRef(doc.ref.path, lines.get(slug, doc.at("categories").line)), problem.key, **problem.args_)

    try:
        return parse_categories(value, report)
    except FieldProblem as problem:
        bag.add(doc.at("categories"), problem.key, **problem.args_)
        return None


def parse_cname(value: Any) -> str:
    """A bare domain name such as `katalog.example.id`."""
    text = str(value).strip().lower()
    if "/" in text or "." not in text or " " in text:
        raise FieldProblem("cname_invalid", value=text)
    return text


def parse_theme(value: Any) -> str:
    """The name of a folder under themes/."""
    return fields.check_slug(str(value))


_PARSERS: dict[str, Callable[[Any], Any]] = {
    "title": lambda v: fields.parse_text(v, 120),
    "description": lambda v: fields.parse_text(v, 300),
    "base_url": parse_base_url,
    "language": parse_language,
    "order_message": parse_order_message,
    "theme": parse_theme,
    "cname": parse_cname,
}


def _parse_images(data: Any, doc: RawDoc, bag: ErrorBag) -> ImageConfig:
    return ImageConfig(**_parse_section(data, "images", _IMAGE_PARSERS, doc, bag, skip_empty=False))


def _parse_widths(value: Any) -> tuple[int, ...]:
    if not isinstance(value, list) or not value:
        raise FieldProblem("widths_invalid")
    return tuple(sorted({_parse_image_number(width) for width in value}))


def _parse_image_number(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 4096:
        raise FieldProblem("image_number_invalid", value=fields.shown(value))
    return value


def _parse_quality(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
        raise FieldProblem("quality_invalid", value=fields.shown(value))
    return value


def _parse_avif(value: Any) -> bool:
    if not isinstance(value, bool):
        raise FieldProblem("avif_invalid", value=fields.shown(value))
    if value and not _can_write_avif():
        raise FieldProblem("avif_unsupported")
    return value


def _can_write_avif() -> bool:
    from PIL import features

    return bool(features.check("avif"))


_IMAGE_PARSERS = {
    "widths": _parse_widths,
    "fallback_width": _parse_image_number,
    "quality": _parse_quality,
    "avif": _parse_avif,
    "avif_quality": _parse_quality,
}


def _parse_section(data: Any, name: str, parsers: Mapping[str, Callable[[Any], Any]], doc: RawDoc,
                   bag: ErrorBag, skip_empty: bool = True) -> dict[str, Any]:
    """The parsed values of a `name:` section of `key: value` lines; with `skip_empty`, blanks are absent."""
    if not isinstance(data, Mapping):
        bag.add(doc.at(name), "section_invalid", key=name)
        return {}
    lines = getattr(data, "lines", {})
    values: dict[str, Any] = {}
    for key, value in data.items():
        ref = SourceRef(doc.ref.path, lines.get(key, doc.at(name).line))
        if key not in parsers:
            bag.add(ref, "unknown_key", key=key, suggestion=fields.key_hint(key, parsers))
        elif not skip_empty or value not in (None, ""):
            values[key] = _apply(parsers[key], value, bag, ref)
    return {key: value for key, value in values.items() if value is not None}


def parse_email(value: Any) -> str:
    """An e-mail address such as `katalog@desaku.id`."""
    text = str(value).strip()
    if not re.fullmatch(r"[^@\s\"<>]+@[^@\s\"<>]+\.[A-Za-z]{2,}", text):
        raise FieldProblem("email_invalid", value=text[:60])
    return text


_CONTACT_PARSERS = {"whatsapp": fields.parse_phone, "email": parse_email}


def _parse_admin(data: Any, doc: RawDoc, bag: ErrorBag, repository: str) -> AdminConfig:
    """`admin: false`, or a mapping of the AdminConfig fields; the repository defaults to the workflow's."""
    if isinstance(data, bool):
        return AdminConfig(enabled=data, repo=repository)
    return AdminConfig(**{"repo": repository, **_parse_section(data, "admin", _ADMIN_PARSERS, doc, bag)})


def parse_repository(value: Any) -> str:
    """A GitHub repository written as `owner/name`."""
    text = str(value).strip()
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}", text):
        raise FieldProblem("repo_invalid", value=text[:60])
    return text


def parse_branch(value: Any) -> str:
    """A git branch name (no spaces, no `..`)."""
    text = str(value).strip()
    if not re.fullmatch(r"[A-Za-z0-9._/-]{1,100}", text) or ".." in text:
        raise FieldProblem("branch_invalid", value=text[:60])
    return text


def parse_https_url(value: Any) -> str:
    """An absolute https:// address that is safe inside an attribute."""
    text = str(value).strip()
    if not text.startswith("https://") or any(c.isspace() or c in '"<>\\^`{|}' for c in text):
        raise FieldProblem("https_url_invalid", value=text[:60])
    return text


def _parse_enabled(value: Any) -> bool:
    if not isinstance(value, bool):
        raise FieldProblem("boolean_invalid", value=str(value)[:60])
    return value


_ADMIN_PARSERS = {
    "enabled": _parse_enabled,
    "repo": parse_repository,
    "branch": parse_branch,
    "auth_url": parse_https_url,
    "script": parse_https_url,
}


def _apply(parser: Callable[[Any], Any], value: Any, bag: ErrorBag, ref: SourceRef) -> Any:
    try:
        return parser(value)
    except FieldProblem as problem:
        bag.add(ref, problem.key, **problem.args_)
        return None


def _known_fields() -> str:
    return ", ".join("{" + name + "}" for name in ORDER_FIELDS)


def _missing_site_yaml() -> SiteError:
    return SiteError(SourceRef("site.yaml"), "site_yaml_missing", {})

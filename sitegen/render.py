"""Jinja2 rendering with the theme chain, StrictUndefined, autoescape and URL/price filters."""

from __future__ import annotations

import datetime
import functools
from pathlib import Path
from typing import Any, Mapping

import jinja2
from markupsafe import Markup

from sitegen import urls, webapp
from sitegen.config import SiteConfig
from sitegen.fields import format_phone
from sitegen.i18n import Strings
from sitegen.images import Derivative, PhotoPlan
from sitegen.pages import PageSpec


TEMPLATE_OPTIONS_VERSION = 1  # bump when the Environment options change (compiled templates depend on them)


_GROUPING = {"id": ".", "en": ","}  # thousands separators, as babel's locales write whole numbers
_MONTHS = {  # babel's wide month names ("d MMMM y") for the site languages: no babel import per build
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
           "Oktober", "November", "Desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
}


def format_price(amount: int, language: str) -> str:
    """Rupiah as shoppers read it: `Rp15.000` (Indonesian) or `Rp15,000` (English)."""
    # Python's own grouping is ~100x faster than babel's (which looks the locale up on every
    # call) and gives the same text for whole numbers; other languages still ask babel.
    if type(amount) is int and language in _GROUPING:
        return "Rp" + f"{amount:,}".replace(",", _GROUPING[language])
    from babel.numbers import format_decimal

    return "Rp" + format_decimal(amount, locale=language)


def format_day(day: datetime.date, language: str) -> str:
    """A date as the site's language writes it: `5 Maret 2026`, `5 March 2026`."""
    if language in _MONTHS:
        return f"{day.day} {_MONTHS[language][day.month - 1]} {day.year}"
    from babel.dates import format_date

    return format_date(day, "d MMMM y", locale=language)




def make_environment(
    theme_dirs: tuple[Path, ...], strings: Strings, config: SiteConfig, images: Mapping[Path, PhotoPlan],
    bytecode_dir: Path | None = None,
) -> jinja2.Environment:
    """A Jinja environment for one build: the site theme before the built-in one.

    With `bytecode_dir`, compiled templates are kept there (keyed by their source), which saves
    a rebuild most of its template compiling time.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d / "templates") for d in theme_dirs]),
        bytecode_cache=_bytecode_cache(bytecode_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(url=_url, absolute=_absolute, srcset=_srcset, price=_price, date=_date)
    env.filters.update(qr=_qr, phone=format_phone)
    env.globals.update(site=config, t=strings.t, plural_forms=strings.forms, lang=strings.language,
                       photo_plan=images.__getitem__)
    env.globals["inline_css"] = Markup(_read_static(theme_dirs, "style.css"))
    env.globals["atom_feed"] = urls.ATOM_FEED
    env.globals.update(manifest=urls.MANIFEST, touch_icon=webapp.icon_path(webapp.APPLE_ICON_SIZE))
    env.globals["inline_static"] = lambda name: Markup(_read_static(theme_dirs, name))
    return env


def _bytecode_cache(directory: Path | None) -> jinja2.BytecodeCache | None:
    if directory is None:
        return None
    # The folder name carries the Environment options above: change them, change the name.
    folder = directory / f"{TEMPLATE_OPTIONS_VERSION}"
    folder.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))


def render_page(env: jinja2.Environment, spec: PageSpec) -> bytes:
    """Render one planned page to UTF-8 bytes."""
    template = env.get_template(spec.template)
    values = {**spec.context, "page_path": spec.path, "rooted_links": spec.rooted_links}
    return template.render(values).encode("utf-8")


@jinja2.pass_context
def _url(context: jinja2.runtime.Context, target: Any) -> str:
    """Link from the current page to a model object or a site path."""
    path = target.path if isinstance(target, Derivative) else urls.path_for(target)
    if context["rooted_links"]:
        return urls.rooted(context["site"].base_path, path)
    return urls.relative(context["page_path"], path)


@jinja2.pass_context
def _absolute(context: jinja2.runtime.Context, target: Any) -> str:
    """The public URL of a model object or site path (for feeds and link previews)."""
    path = target.path if isinstance(target, Derivative) else urls.path_for(target)
    return urls.absolute(context["site"].base_url, path)


def _qr(target: Any) -> str:
    """The QR code file of a model object's page or of a site path."""
    return urls.qr_path(urls.path_for(target))


@jinja2.pass_context
def _srcset(context: jinja2.runtime.Context, images: PhotoPlan | tuple[Derivative, ...]) -> str:
    """A `srcset` (a photo's WebP set by default), each entry a link relative to the current page."""
    derivatives = images.webp if isinstance(images, PhotoPlan) else images
    return ", ".join(f"{_url(context, d)} {d.width}w" for d in derivatives)


@jinja2.pass_context
def _price(context: jinja2.runtime.Context, amount: int) -> str:
    return format_price(amount, context["lang"])


@jinja2.pass_context
def _date(context: jinja2.runtime.Context, day: datetime.date) -> str:
    return format_day(day, context["lang"])


def _read_static(theme_dirs: tuple[Path, ...], name: str) -> str:
    for directory in theme_dirs:
        path = directory / "static" / name
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return ""

"""`sharing_inputs` names everything a page's preview reads beyond the page itself.

The page memo keys a page by its planned context plus `sharing_inputs`, and works out the preview
only for pages it renders again. If `with_sharing` read anything else (another card, another
product's photo, the catalogue), an edit could leave a stale preview in a remembered page. So
every page of the example catalogue gets its preview from a sharing context that records what is
read, has no catalogue at all, and must give the same preview as the full one.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path
from typing import Any, Mapping

import pytest

from sitegen.build import _settings
from sitegen.cards import CardPlan, plan_cards
from sitegen.content import load_catalogue
from sitegen.fonts import find_fonts
from sitegen.images import inspect_photos, plan_images
from sitegen.model import Photo
from sitegen.pages import plan_site
from sitegen.render import format_price
from sitegen.sharing import SharingContext, sharing_inputs, with_sharing

EXAMPLE = Path(__file__).resolve().parents[1]


class _Recording(dict):
    """A mapping that remembers which keys were looked up."""

    def __init__(self, items: Mapping, read: set):
        super().__init__(items)
        self.read = read

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)


class _NoCatalogue:
    def __getattr__(self, name):
        raise AssertionError(f"a preview read the catalogue ({name})")


def _photos_in(value: Any, found: set[Path]) -> set[Path]:
    if isinstance(value, Photo):
        found.add(value.source)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            _photos_in(getattr(value, field.name), found)
    elif isinstance(value, Mapping):
        for item in value.values():
            _photos_in(item, found)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _photos_in(item, found)
    return found


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    config, themes, strings = _settings(EXAMPLE, None, "", None)
    catalogue = load_catalogue(EXAMPLE, config)
    photos = plan_images(inspect_photos(catalogue.photos, tmp_path_factory.mktemp("cache")), config.images)
    price = functools.partial(format_price, language=config.language)
    cards = plan_cards(catalogue, config, photos, strings, find_fonts(themes), price)
    site = SharingContext(catalogue, config, cards, photos, strings, price)
    return site, plan_site(catalogue, config, price)


def test_a_preview_reads_only_its_page_its_photos_and_the_cards_named_for_it(example):
    site, pages = example
    assert {page.template for page in pages} >= {"product.html", "group.html", "products.html", "pricelist.html"}
    for page in pages:
        share, square, photos = set(), set(), set()
        recording = SharingContext(
            _NoCatalogue(), site.config,
            CardPlan(_Recording(site.cards.share, share), _Recording(site.cards.square, square), site.cards.fonts),
            _Recording(site.photos, photos), site.strings, site.price)
        assert with_sharing(page, recording) == with_sharing(page, site), page.path
        named = sharing_inputs(page, site)
        assert {site.cards.share[path] for path in share} <= set(named), page.path
        assert {site.cards.square[slug] for slug in square if slug in site.cards.square} <= set(named), page.path
        assert photos <= _photos_in(page.context, set()), page.path

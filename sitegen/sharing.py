"""How each page presents itself when shared: link preview, structured data, share links and QR code.

`with_sharing` gives a planned page a `preview` (Open Graph, Twitter, JSON-LD) and gives
product and group pages a `share` (WhatsApp and Facebook share links, QR code, price lists).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

from markupsafe import Markup

from sitegen import structured, urls
from sitegen.cards import Card, CardPlan
from sitegen.config import SiteConfig
from sitegen.feeds import AVAILABILITY  # Open Graph product:availability uses the feeds' words
from sitegen.i18n import Strings
from sitegen.images import PhotoPlan
from sitegen.model import Catalogue, Group, Product
from sitegen.pages import PageSpec

LOCALES = {"id": "id_ID", "en": "en_US"}
_TITLES = {"groups.html": "ui.groups", "products.html": "ui.products", "search.html": "ui.search_title",
           "basket.html": "ui.basket", "404.html": "ui.not_found_title"}


@dataclass(frozen=True, slots=True)
class Preview:
    """What a page shows when its link is shared, and what search engines read from it."""

    kind: str  # og:type: "website" or "product"
    title: str
    description: str
    url: str  # the canonical absolute URL
    card: Card
    locale: str
    price: int | None = None  # product:price:amount, the lowest price
    availability: str = ""  # product:availability
    structured: tuple[Markup, ...] = ()  # JSON-LD, already safe for a <script> element


@dataclass(frozen=True, slots=True)
class Share:
    """Share links, QR code and price lists offered on a product or group page."""

    whatsapp: str
    facebook: str
    qr: str
    price_list: str
    all_price_list: str = urls.price_list_path()
    labels: str = ""  # the group's sheet of packaging stickers


@dataclass(frozen=True, slots=True)
class SharingContext:
    """Everything previews are made from."""

    catalogue: Catalogue
    config: SiteConfig
    cards: CardPlan
    photos: Mapping[Path, PhotoPlan]
    strings: Strings
    price: Callable[[int], str]

    def absolute(self, path: str) -> str:
        """The public URL of an output path."""
        return urls.absolute(self.config.base_url, path)


def with_sharing(page: PageSpec, site: SharingContext) -> PageSpec:
    """The page with its `preview` (and `share`) in its context."""
    return dataclasses.replace(page, context={**page.context, **_extras(page, site)})


def sharing_inputs(page: PageSpec, site: SharingContext) -> tuple[Any, ...]:
    """What `with_sharing` adds to a page from beyond the page's own context and path: its cards.

    Everything else it reads is the page's context (and the plans of the photos there), the site
    settings, the strings and sitegen's code. So a page memo can key a page by its planned context
    plus these, and work out the preview only for a page it renders.
    """
    context = page.context
    if page.template == "product.html":
        product = context["product"]
        return site.cards.share[urls.path_for(product)], site.cards.square.get(product.slug)
    if page.template == "group.html":
        return (site.cards.share[urls.path_for(context["group"])],)
    group = context.get("group") if page.path != "index.html" else None
    return (site.cards.share[urls.path_for(group) if group else "index.html"],)


def _extras(page: PageSpec, site: SharingContext) -> dict[str, Any]:
    context = page.context
    if page.template == "product.html":
        product = context["product"]
        return {"preview": product_preview(product, site), "share": product_share(product, site)}
    if page.template == "group.html":
        group = context["group"]
        return {"preview": group_preview(group, site), "share": group_share(group, site)}
    if page.path == "index.html":
        return {"preview": home_preview(site)}
    return {"preview": page_preview(page, site)}


def product_preview(product: Product, site: SharingContext) -> Preview:
    """A product page: its card, price, availability, Product and BreadcrumbList data."""
    path = urls.path_for(product)
    url = site.absolute(path)
    data = structured.product_data(product, url, site.absolute(urls.path_for(product.group)),
                                   _product_images(product, site))
    trail = [(site.strings.t("ui.home"), site.absolute("index.html"))]
    if product.category:
        trail.append((product.category.name, site.absolute(urls.path_for(product.category))))
    trail.append((product.name, url))
    return Preview("product", product.name, product.summary or product.name, url, site.cards.share[path],
                   LOCALES[site.config.language], product.min_price, AVAILABILITY[product.status],
                   (structured.script_json(data), structured.script_json(structured.breadcrumbs(trail))))


def group_preview(group: Group, site: SharingContext) -> Preview:
    """A group page: its card, Organization and BreadcrumbList data."""
    path = urls.path_for(group)
    url = site.absolute(path)
    photo = site.absolute(site.photos[group.photo.source].jpeg.path) if group.photo else None
    trail = [(site.strings.t("ui.home"), site.absolute("index.html")),
             (site.strings.t("ui.groups"), site.absolute(f"{urls.GROUP_DIR}/index.html")), (group.name, url)]
    data = (structured.organization_data(group, url, photo), structured.breadcrumbs(trail))
    return Preview("website", group.name, group.summary or group.place or group.name, url, site.cards.share[path],
                   LOCALES[site.config.language], structured=tuple(map(structured.script_json, data)))


def home_preview(site: SharingContext) -> Preview:
    """The home page: the catalogue's card and WebSite data."""
    config = site.config
    data = structured.website_data(config.title, config.base_url, config.description, config.language)
    return Preview("website", config.title, config.description or config.title, config.base_url,
                   site.cards.share["index.html"], LOCALES[config.language],
                   structured=(structured.script_json(data),))


def page_preview(page: PageSpec, site: SharingContext) -> Preview:
    """Any other page: a title from its content, its group's card or else the catalogue's card."""
    group = page.context.get("group")
    card = site.cards.share[urls.path_for(group) if group else "index.html"]
    return Preview("website", _title(page, site), site.config.description or site.config.title,
                   site.absolute(page.path), card, LOCALES[site.config.language])


def product_share(product: Product, site: SharingContext) -> Share:
    """Share links whose message starts with the page address, so WhatsApp shows the preview."""
    url = site.absolute(urls.path_for(product))
    price = site.price(product.min_price)
    if len(product.variants) > 1:
        price = site.strings.t("ui.from_price", price=price)
    text = site.strings.t("share.text_product", product=product.name, price=price, group=product.group.name)
    return Share(urls.share_link(url, text), urls.facebook_share_link(url), urls.qr_path(urls.path_for(product)),
                 urls.price_list_path(product.group))


def group_share(group: Group, site: SharingContext) -> Share:
    """Share links, QR code and price list of a group page."""
    url = site.absolute(urls.path_for(group))
    text = site.strings.t("share.text_group", group=group.name, place=group.place or site.config.title)
    return Share(urls.share_link(url, text), urls.facebook_share_link(url), urls.qr_path(urls.path_for(group)),
                 urls.price_list_path(group), labels=urls.label_sheet_path(group))


def _product_images(product: Product, site: SharingContext) -> list[str]:
    """The square feed photo first (search engines like 1:1), then every photo's JPEG."""
    square = [site.cards.square[product.slug].path] if product.slug in site.cards.square else []
    photos = [site.photos[photo.source].jpeg.path for photo in product.photos]
    return [site.absolute(path) for path in square + photos]


def _title(page: PageSpec, site: SharingContext) -> str:
    context = page.context
    if page.template == "labels.html":
        return site.strings.t("share.labels_of", group=context["group"].name)
    if page.template == "pricelist.html":
        group = context["group"]
        return site.strings.t("share.price_list_of", group=group.name) if group else site.strings.t("share.price_list_all")
    if "category" in context:
        return context["category"].name
    return site.strings.t(_TITLES[page.template]) if page.template in _TITLES else site.config.title

"""Plan the site: which page goes where, with which template and which model objects."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Mapping

from sitegen import fields, urls
from sitegen.config import SiteConfig
from sitegen.model import Catalogue, Group, Product, Variant

NEWEST_COUNT = 6
# Price entries a 90 × 52 mm sticker has room for, beside its name, permits and reorder number.
STICKER_PRICES = 3


@dataclass(frozen=True, slots=True)
class PageSpec:
    """One HTML page to render: its output path, template and template values."""

    path: str
    template: str
    context: Mapping[str, Any] = field(default_factory=dict)
    rooted_links: bool = False  # 404.html and offline.html are served at any URL: links start at the site root


@dataclass(frozen=True, slots=True)
class Order:
    """One "order via WhatsApp" link for a product variant."""

    variant: Variant
    link: str
    item: Mapping[str, Any]  # what the basket script needs to list this variant


def plan_site(catalogue: Catalogue, config: SiteConfig, price: Any, ask_message: str = "") -> list[PageSpec]:
    """Every HTML page of the site, in a stable order; `price` formats rupiah for messages,
    `ask_message` is the WhatsApp message of a sold-out product (default: the order message)."""
    pages = [PageSpec("index.html", "home.html", _home(catalogue))]
    pages += [
        PageSpec(urls.path_for(p), "product.html", _product(p, catalogue, config, price, ask_message))
        for p in catalogue.products
    ]
    pages += [
        PageSpec(urls.path_for(g), "group.html", _group(g, catalogue, config))
        for g in catalogue.groups
    ]
    pages.append(PageSpec(urls.PRODUCTS_INDEX, "products.html", {"products": catalogue.products}))
    pages.append(PageSpec(urls.GROUPS_INDEX, "groups.html", {"groups": catalogue.groups}))
    pages += [
        PageSpec(urls.path_for(c), "category.html", {"category": c, "products": catalogue.products_in(c)})
        for c in catalogue.categories
    ]
    pages.append(PageSpec(urls.SEARCH_PAGE, "search.html", _home(catalogue)))
    pages.append(PageSpec(urls.BASKET_PAGE, "basket.html", {}))
    pages += plan_price_lists(catalogue)
    pages += [PageSpec(urls.label_sheet_path(g), "labels.html", _labels(g, catalogue)) for g in catalogue.groups]
    pages.append(PageSpec("404.html", "404.html", {}, rooted_links=True))
    pages.append(PageSpec(urls.OFFLINE_PAGE, "offline.html", {}, rooted_links=True))
    return pages


@dataclass(frozen=True, slots=True)
class PriceSection:
    """One group's part of a printable price list."""

    group: Group
    products: tuple[Product, ...]
    first_number: int = 1  # row numbers run on across groups, so a buyer can order "number 12"


def plan_price_lists(catalogue: Catalogue) -> list[PageSpec]:
    """A printable price list of the whole catalogue (groups with products) and one per group."""
    whole, number = [], 1
    for group in catalogue.groups:
        products = catalogue.products_of(group)
        if products:
            whole.append(PriceSection(group, products, number))
            number += len(products)
    pages = [PageSpec(urls.price_list_path(), "pricelist.html", {"group": None, "sections": tuple(whole)})]
    return pages + [
        PageSpec(urls.price_list_path(g), "pricelist.html",
                 {"group": g, "sections": (PriceSection(g, catalogue.products_of(g)),),
                  "labels_path": urls.label_sheet_path(g)})
        for g in catalogue.groups
    ]


@dataclass(frozen=True, slots=True)
class Sticker:
    """One packaging sticker: a product and the variants its price line has room for."""

    product: Product
    variants: tuple[Variant, ...]
    more: int = 0  # variants left off, printed as "+N more"


def plan_sticker(product: Product) -> Sticker:
    """A product's sticker; past STICKER_PRICES variants the last entry becomes "+N more"."""
    if len(product.variants) <= STICKER_PRICES:
        return Sticker(product, product.variants)
    shown = product.variants[:STICKER_PRICES - 1]
    return Sticker(product, shown, len(product.variants) - len(shown))


def _labels(group: Group, catalogue: Catalogue) -> dict[str, Any]:
    products = catalogue.products_of(group)
    # `products` stays for site themes whose own labels.html predates stickers.
    return {"group": group, "products": products, "stickers": tuple(plan_sticker(p) for p in products)}


def order_message(product: Product, variant: Variant, config: SiteConfig, price: Any, template: str = "") -> str:
    """The WhatsApp message for one variant, from the site's template (or `template`, same placeholders)."""
    size = variant.name or product.unit
    return (template or config.order_message).format_map({
        "item": f"{product.name} ({size})" if size else product.name,
        "product": product.name,
        "variant": size or "-",
        "price": price(variant.price),
        "unit": product.unit,
        "url": urls.absolute(config.base_url, urls.path_for(product)),
        "group": product.group.name,
    })


def _home(catalogue: Catalogue) -> dict[str, Any]:
    sections = [(c, catalogue.products_in(c)) for c in catalogue.categories]
    return {
        "newest": catalogue.newest(NEWEST_COUNT),
        "sections": [(category, products) for category, products in sections if products],
        "groups": catalogue.groups,
        "product_count": len(catalogue.products),
    }


def _group(group: Group, catalogue: Catalogue, config: SiteConfig) -> dict[str, Any]:
    greeting = f"{config.title}: {urls.absolute(config.base_url, urls.path_for(group))}"
    return {
        "group": group,
        "products": catalogue.products_of(group),
        "contact": urls.wa_link(group.whatsapp, greeting),
    }


def _product(product: Product, catalogue: Catalogue, config: SiteConfig, price: Any,
             ask_message: str = "") -> dict[str, Any]:
    # A sold-out product's button asks when it is back instead of ordering it.
    template = "" if product.orderable else ask_message
    orders = [
        Order(
            variant,
            urls.wa_link(product.whatsapp, order_message(product, variant, config, price, template)),
            basket_item(product, variant),
        )
        for variant in product.variants
    ]
    siblings = [p for p in catalogue.products_of(product.group) if p.slug != product.slug]
    return {"product": product, "group": product.group, "orders": orders, "related": siblings[:4]}


def basket_prices(catalogue: Catalogue) -> str:
    """What can be ordered now, as the basket script checks the items it keeps: id → [price, seller's
    number, group] and, for a product with a number of its own, the seller's label. An item missing
    here is no longer for sale (sold out, renamed or removed)."""
    offers = {}
    for product in catalogue.products:
        if product.orderable:
            for variant in product.variants:
                item = basket_item(product, variant)
                offers[item["id"]] = [item["price"], item["wa"], item["group"], *([item["seller"]] if "seller" in item else [])]
    return json.dumps(offers, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def basket_item(product: Product, variant: Variant) -> dict[str, Any]:
    """The data an "add to basket" button carries; the basket groups items by seller number. A
    product ordered from a number of its own is labelled with it (`seller`), so its order is not
    taken for the group's other one, which goes to another number under the same name."""
    item = {
        "id": f"{product.slug}:{variant.name}",
        "name": product.name,
        "variant": variant.name or product.unit,
        "price": variant.price,
        "group": product.group.name,
        "wa": product.whatsapp,
        "path": urls.relative("index.html", urls.path_for(product)),
    }
    if product.whatsapp != product.group.whatsapp:
        item["seller"] = f"{product.group.name} · {fields.format_phone(product.whatsapp)}"
    return item

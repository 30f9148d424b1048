"""Plan the site: which page goes where, with which template and which model objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from sitegen import urls
from sitegen.config import SiteConfig
from sitegen.model import Catalogue, Group, Product, Variant

NEWEST_COUNT = 6


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


def plan_site(catalogue: Catalogue, config: SiteConfig, price: Any) -> list[PageSpec]:
    """Every HTML page of the site, in a stable order; `price` formats rupiah for messages."""
    pages = [PageSpec("index.html", "home.html", _home(catalogue))]
    pages += [
        PageSpec(urls.path_for(p), "product.html", _product(p, catalogue, config, price))
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
    pages += [PageSpec(urls.label_sheet_path(g), "labels.html", {"group": g, "products": catalogue.products_of(g)})
              for g in catalogue.groups]
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


def order_message(product: Product, variant: Variant, config: SiteConfig, price: Any) -> str:
    """The WhatsApp message for one variant, from the site's template."""
    size = variant.name or product.unit
    return config.order_message.format_map({
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


def _product(product: Product, catalogue: Catalogue, config: SiteConfig, price: Any) -> dict[str, Any]:
    orders = [
        Order(
            variant,
            urls.wa_link(product.whatsapp, order_message(product, variant, config, price)),
            basket_item(product, variant),
        )
        for variant in product.variants
    ]
    siblings = [p for p in catalogue.products_of(product.group) if p.slug != product.slug]
    return {"product": product, "group": product.group, "orders": orders, "related": siblings[:4]}


def basket_item(product: Product, variant: Variant) -> dict[str, Any]:
    """The data an "add to basket" button carries; the basket groups items by seller number."""
    return {
        "id": f"{product.slug}:{variant.name}",
        "name": product.name,
        "variant": variant.name or product.unit,
        "price": variant.price,
        "group": product.group.name,
        "wa": product.whatsapp,
        "path": urls.relative("index.html", urls.path_for(product)),
    }

"""Structured data (schema.org JSON-LD) built as plain dicts and serialised safely for a <script> element."""

from __future__ import annotations

import json
from typing import Any, Sequence

from markupsafe import Markup

from sitegen.model import Group, Product

AVAILABILITY = {
    "tersedia": "https://schema.org/InStock",
    "habis": "https://schema.org/OutOfStock",
    "pre-order": "https://schema.org/PreOrder",
}
# Characters that could end the <script> element or start an HTML comment or entity, and the two
# line separators old JavaScript parsers reject; JSON's \u escapes keep the same value.
_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def product_data(product: Product, url: str, group_url: str, images: Sequence[str]) -> dict[str, Any]:
    """A schema.org Product with one Offer per variant, sold by the group."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "url": url,
        "sku": product.slug,
        "brand": {"@type": "Brand", "name": product.group.name},
    }
    if product.summary:
        data["description"] = product.summary
    if images:
        data["image"] = list(images)
    if product.category:
        data["category"] = product.category.name
    seller = {"@type": "Organization", "name": product.group.name, "url": group_url}
    data["offers"] = [_offer(product, variant.name, variant.price, url, seller) for variant in product.variants]
    return data


def organization_data(group: Group, url: str, image: str | None) -> dict[str, Any]:
    """A schema.org Organization for a producer group."""
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "Organization", "name": group.name,
                            "url": url, "telephone": f"+{group.whatsapp}"}
    if group.summary:
        data["description"] = group.summary
    if image:
        data["image"] = image
    if group.place:
        data["address"] = _address(group)
    if group.links:
        data["sameAs"] = [href for _, href in group.links]
    return data


def website_data(name: str, url: str, description: str, language: str) -> dict[str, Any]:
    """A schema.org WebSite for the home page."""
    data = {"@context": "https://schema.org", "@type": "WebSite", "name": name, "url": url, "inLanguage": language}
    return {**data, "description": description} if description else data


def breadcrumbs(trail: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """A schema.org BreadcrumbList from (name, absolute URL) pairs, home first."""
    items = [{"@type": "ListItem", "position": index, "name": name, "item": url}
             for index, (name, url) in enumerate(trail, start=1)]
    return {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items}


def script_json(data: dict[str, Any]) -> Markup:
    """JSON for a <script type="application/ld+json"> element: no text in it can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for character, escaped in _UNSAFE.items():
        text = text.replace(character, escaped)
    return Markup(text)


def _offer(product: Product, name: str, price: int, url: str, seller: dict[str, Any]) -> dict[str, Any]:
    offer: dict[str, Any] = {"@type": "Offer"}
    if name:
        offer["name"] = name
    if product.ships_from:
        offer["availabilityStarts"] = product.ships_from.isoformat()
    return {**offer, "price": str(price), "priceCurrency": "IDR", "availability": AVAILABILITY[product.status],
            "itemCondition": "https://schema.org/NewCondition", "url": url, "seller": seller}


def _address(group: Group) -> dict[str, Any]:
    address = {"@type": "PostalAddress", "addressCountry": "ID"}
    parts = {"addressLocality": group.village or group.district, "addressRegion": group.regency}
    return {**address, **{key: value for key, value in parts.items() if value}}

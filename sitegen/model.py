"""The catalogue as frozen values: Catalogue, Product, Variant, Group, Category, Photo."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from sitegen.errors import SourceRef


@dataclass(frozen=True, slots=True)
class Category:
    """A product category declared in site.yaml."""

    slug: str
    name: str


@dataclass(frozen=True, slots=True)
class Photo:
    """A source photo of a product or group; `source` is its file on disk."""

    source: Path
    name: str
    alt: str
    ref: SourceRef
    alt_given: bool = True  # False when the volunteer wrote no alt text and `alt` is just the name


@dataclass(frozen=True, slots=True)
class Variant:
    """One orderable option of a product; `name` is empty for a single-price product."""

    name: str
    price: int


@dataclass(frozen=True, slots=True)
class Group:
    """A producer group (village group) with its contact and story."""

    slug: str
    name: str
    whatsapp: str
    village: str
    district: str
    regency: str
    photo: Photo | None
    founded: int | None
    members: int | None
    links: tuple[tuple[str, str], ...]
    story_html: str
    summary: str
    ref: SourceRef
    form_warnings: tuple[tuple[str, SourceRef, tuple[tuple[str, str], ...]], ...] = ()  # as Product's

    @property
    def place(self) -> str:
        """Village, district and regency joined for display."""
        return ", ".join(part for part in (self.village, self.district, self.regency) if part)


@dataclass(frozen=True, slots=True)
class Product:
    """A product as shoppers see it, with its group and contact already resolved."""

    slug: str
    name: str
    group: Group
    variants: tuple[Variant, ...]
    unit: str
    category: Category | None
    tags: tuple[str, ...]
    status: str
    photos: tuple[Photo, ...]
    pirt: str
    halal: str
    shelf_life: str
    weight_g: int | None
    whatsapp: str
    date: datetime.date | None
    available_from: datetime.date | None  # the day a pre-order (or a new batch) can be sent
    description_html: str
    summary: str
    ref: SourceRef
    description_ref: SourceRef | None = None  # where the description starts, for warnings about it
    # What is written in a form that loses something: the web admin would not keep it if it were
    # saved there (plain photo names, `price: 15.000`), YAML took part of a value for a comment, or
    # sitegen's own example number left in. (warning key, where, {name: value} as a tuple of pairs).
    form_warnings: tuple[tuple[str, SourceRef, tuple[tuple[str, str], ...]], ...] = ()

    @property
    def min_price(self) -> int:
        """The lowest price, shown as "from …" on cards."""
        return min(variant.price for variant in self.variants)

    @property
    def ships_from(self) -> datetime.date | None:
        """The day it can be sent, when the volunteer named one and the product is not sold out."""
        return self.available_from if self.status != "habis" else None

    @property
    def orderable(self) -> bool:
        """Sold-out products show no order link."""
        return self.status != "habis"


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Everything the content folder describes, products and groups by their shown name, categories as site.yaml lists them."""

    products: tuple[Product, ...]
    groups: tuple[Group, ...]
    categories: tuple[Category, ...]
    # group slug → its products, built once: every product page asks, which was quadratic at 10,000.
    _by_group: Mapping[str, tuple[Product, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_group: dict[str, list[Product]] = {}
        for product in self.products:
            by_group.setdefault(product.group.slug, []).append(product)
        object.__setattr__(self, "_by_group", {slug: tuple(found) for slug, found in by_group.items()})

    def products_of(self, group: Group) -> tuple[Product, ...]:
        """The products made by `group`."""
        return self._by_group.get(group.slug, ())

    def products_in(self, category: Category) -> tuple[Product, ...]:
        """The products listed under `category`."""
        return tuple(p for p in self.products if p.category and p.category.slug == category.slug)

    def newest(self, count: int) -> tuple[Product, ...]:
        """The most recently added products (by `date`, then slug, for a stable order)."""
        dated = sorted(self.products, key=lambda p: (p.date or _EPOCH, p.slug), reverse=True)
        return tuple(dated[:count])

    @property
    def photos(self) -> tuple[Photo, ...]:
        """Every photo of every product and group."""
        product_photos = [photo for product in self.products for photo in product.photos]
        group_photos = [group.photo for group in self.groups if group.photo]
        return tuple(product_photos + group_photos)


_EPOCH = datetime.date(1970, 1, 1)


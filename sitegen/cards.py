"""Share cards: plan every link-preview image (pure, content-keyed), then draw the missing ones into the cache.

A product, a group and the home page each get a 1200×630 JPEG card for Open Graph; a product
with a photo also gets a plain square photo for commerce feeds (Meta wants >= 500×500, no text).
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Mapping
from urllib.parse import urlparse

from sitegen import urls
from sitegen.cachefile import fill_folder
from sitegen.config import SiteConfig
from sitegen.errors import SiteError, SiteErrors, SourceRef
from sitegen.fonts import Fonts
from sitegen.i18n import Strings
from sitegen.images import Derivative, PhotoPlan, cached_file
from sitegen.model import Catalogue, Group, Photo, Product

if TYPE_CHECKING:
    from PIL import Image

CARD_VERSION = 3  # bump when the drawing changes, so cached cards are redrawn (3: emoji left out)
CARD_SIZE = (1200, 630)
SQUARE_SIDE = 640
MAX_CARD_BYTES = 300_000  # WhatsApp drops link-preview images above 300 KB
POOL_MINIMUM = 2  # more missing cards than this are drawn on every core (~40 ms each)
QUALITIES = (82, 72, 62, 52, 42)  # tried in turn until a card fits MAX_CARD_BYTES
_BADGES = {"habis": "ui.status_habis", "pre-order": "ui.status_pre-order"}  # "tersedia" needs no badge


@dataclass(frozen=True, slots=True)
class CardText:
    """What a card says; empty fields are left out of the drawing."""

    title: str
    price: str = ""
    badge: str = ""  # e.g. "Habis" for a sold-out product
    status: str = ""  # the status key, which picks the badge colour
    note: str = ""  # unit, variants, product count or the site description
    byline: str = ""  # the producer group, or the catalogue's size
    place: str = ""
    footer: str = ""  # the site title or address


_TEXT_FIELDS = tuple(field.name for field in fields(CardText))  # all text: the same as asdict(), faster


@dataclass(frozen=True, slots=True)
class Card:
    """One derived image: a share card or a square feed photo, named by the hash of what it shows."""

    key: str
    path: str
    square: bool
    text: CardText
    photos: tuple[Derivative, ...]
    ref: SourceRef

    @property
    def size(self) -> tuple[int, int]:
        """Width and height in pixels."""
        return (SQUARE_SIDE, SQUARE_SIDE) if self.square else CARD_SIZE

    @property
    def alt(self) -> str:
        """What the card shows, for og:image:alt."""
        parts = (self.text.title, self.text.price, self.text.badge, self.text.byline, self.text.place)
        return ", ".join(part for part in parts if part)


@dataclass(frozen=True, slots=True)
class CardPlan:
    """Every card of a build: share cards by page path, square photos by product slug."""

    share: Mapping[str, Card]
    square: Mapping[str, Card]
    fonts: Fonts

    @property
    def cards(self) -> tuple[Card, ...]:
        """All cards, in a stable order."""
        return tuple(sorted([*self.share.values(), *self.square.values()], key=lambda c: c.path))


def plan_cards(catalogue: Catalogue, config: SiteConfig, photos: Mapping[Path, PhotoPlan], strings: Strings,
               fonts: Fonts, price: Callable[[int], str]) -> CardPlan:
    """Decide what every card shows and where it is published (pure)."""
    planner = _Planner(config, photos, fonts)
    share = {urls.path_for(p): planner.card(urls.path_for(p), _product_text(p, config, strings, price),
                                            p.photos[:1], p.ref) for p in catalogue.products}
    for group in catalogue.groups:
        pictures = [group.photo] if group.photo else [p.photos[0] for p in catalogue.products_of(group) if p.photos]
        share[urls.path_for(group)] = planner.card(
            urls.path_for(group), _group_text(group, catalogue, config, strings), pictures[:1], group.ref)
    newest = [p.photos[0] for p in catalogue.newest(len(catalogue.products)) if p.photos][:4]
    share["index.html"] = planner.card("index.html", _site_text(catalogue, config, strings),
                                       newest if len(newest) == 4 else newest[:1], SourceRef("site.yaml"))
    square = {p.slug: planner.card(urls.path_for(p), CardText(""), p.photos[:1], p.ref, square=True)
              for p in catalogue.products if p.photos}
    return CardPlan(share, square, fonts)


def card_files(plan: CardPlan, cache_dir: Path) -> dict[str, Path]:
    """Published path → cached file, for the output writer to link."""
    store = cache_dir / "cards"
    return {card.path: store / _name(card) for card in plan.cards}


def make_cards(plan: CardPlan, cache_dir: Path) -> None:
    """Draw every card missing from the cache (in parallel), check its size, prune unused ones."""
    cards = {_name(card): card for card in plan.cards}
    draw = functools.partial(_draw, cache_dir=cache_dir, fonts=plan.fonts)
    drawn = fill_folder(cache_dir / "cards", cards, draw, POOL_MINIMUM, lambda data: len(data) <= MAX_CARD_BYTES)
    too_big = [SiteError(cards[name].ref, "card_too_big", {"value": cards[name].path, "size": size // 1000,
                                                           "limit": MAX_CARD_BYTES // 1000})
               for name, size in drawn.items() if size > MAX_CARD_BYTES]
    if too_big:
        raise SiteErrors(too_big)


def render_card(card: Card, photo_files: list[Path], fonts: Fonts) -> bytes:
    """The card as JPEG bytes at the best quality that fits MAX_CARD_BYTES (or the smallest tried)."""
    from sitegen.drawing import draw_card, draw_square  # Pillow (~15 ms of imports) only when a card is drawn

    pictures = [_open(path) for path in photo_files]
    if card.square:
        image = draw_square(pictures[0], SQUARE_SIDE)
    else:
        image = draw_card(card.text, pictures, fonts, CARD_SIZE)
    for quality in QUALITIES:
        data = encode_jpeg(image, quality)
        if len(data) <= MAX_CARD_BYTES:
            break
    return data


def encode_jpeg(image: Image.Image, quality: int) -> bytes:
    """Baseline JPEG, no metadata: every link-preview crawler reads it."""
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, optimize=True)
    return buffer.getvalue()


class _Planner:
    def __init__(self, config: SiteConfig, photos: Mapping[Path, PhotoPlan], fonts: Fonts):
        self.config, self.photos, self.fonts = config, photos, fonts

    def card(self, page_path: str, text: CardText, pictures: list[Photo] | tuple[Photo, ...],
             ref: SourceRef, square: bool = False) -> Card:
        """A card keyed by everything that changes its pixels."""
        # The WebPs are already upright, sRGB and free of metadata: no source photo is reopened.
        sources = tuple(_source_for(self.photos[photo.source], square) for photo in pictures)
        facts = [CARD_VERSION, square, {name: getattr(text, name) for name in _TEXT_FIELDS}, [d.path for d in sources], self.fonts.name]
        key = hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()[:16]
        return Card(key, urls.card_path(page_path, key, square), square, text, sources, ref)


def _source_for(plan: PhotoPlan, square: bool) -> Derivative:
    """The smallest WebP whose long side covers a square feed photo (fewer pixels to decode); the largest for a card.

    A share card crops its photo to fill a tall area, which needs the largest derivative.
    """
    covering = [d for d in plan.webp if max(d.width, d.height) >= SQUARE_SIDE]
    return covering[0] if square and covering else plan.webp[-1]


def _product_text(product: Product, config: SiteConfig, strings: Strings, price: Callable[[int], str]) -> CardText:
    amount = price(product.min_price)
    several = len(product.variants) > 1
    note = " · ".join(v.name for v in product.variants) if several else product.unit
    badge = strings.t(_BADGES[product.status]) if product.status in _BADGES else ""
    return CardText(
        title=product.name, price=strings.t("ui.from_price", price=amount) if several else amount,
        badge=badge, status=product.status, note=note, byline=product.group.name,
        place=product.group.place, footer=config.title,
    )


def _group_text(group: Group, catalogue: Catalogue, config: SiteConfig, strings: Strings) -> CardText:
    count = strings.t("ui.product_count", count=len(catalogue.products_of(group)))
    return CardText(title=group.name, note=count, byline=group.place, footer=config.title)


def _site_text(catalogue: Catalogue, config: SiteConfig, strings: Strings) -> CardText:
    counts = " · ".join((strings.t("ui.product_count", count=len(catalogue.products)),
                         strings.t("share.group_count", count=len(catalogue.groups))))
    address = urlparse(config.base_url)
    return CardText(title=config.title, note=config.description, byline=counts,
                    footer=(address.netloc + address.path).rstrip("/"))


def _draw(card: Card, cache_dir: Path, fonts: Fonts) -> bytes:
    """`render_card` from the cached photos: what the cache folder's workers run."""
    return render_card(card, [cached_file(cache_dir, d) for d in card.photos], fonts)


def _open(path: Path) -> Image.Image:
    from PIL import Image

    with Image.open(path) as image:
        return image.convert("RGB")


def _name(card: Card) -> str:
    """The card's file name in the cache's cards/ folder."""
    return f"{card.key}.jpg"

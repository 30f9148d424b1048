"""Pure serialisers of machine-read files: sitemap, robots.txt, search index, Atom, Meta/Google feeds, JSON."""

from __future__ import annotations

import collections
import csv
import dataclasses
import datetime
import io
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html import escape as escape_html
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from sitegen import urls
from sitegen.cards import CardPlan
from sitegen.config import SiteConfig
from sitegen.fields import slugify
from sitegen.i18n import Strings
from sitegen.images import PhotoPlan
from sitegen.model import Catalogue, Group, Product

ATOM_ENTRIES = 20
ATOM_NS = "http://www.w3.org/2005/Atom"
GOOGLE_NS = "http://base.google.com/ns/1.0"
ET.register_namespace("g", GOOGLE_NS)
META_COLUMNS = ("id", "title", "description", "availability", "condition", "price", "link", "image_link",
                "brand", "item_group_id", "size")
# Meta's words; Google's are the same with "_" for " ".
AVAILABILITY = {"tersedia": "in stock", "habis": "out of stock", "pre-order": "preorder"}
# Spreadsheets run a cell starting with one of these as a formula (OWASP "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What XML 1.0 forbids: C0 controls but tab, newline and return; surrogates; U+FFFE and U+FFFF. As a
# translate table, not a regex: compiling the negated character class took ~7 ms of every build.
_XML_INVALID = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF])


def escape(text: str) -> str:
    """XML-escape &, < and > (as xml.sax.saxutils.escape, whose imports cost ~10 ms per build)."""
    return escape_html(text, quote=False)


NOT_INDEXED = (*urls.STAND_IN_PAGES, urls.BASKET_PAGE)  # pages whose template says `noindex`


def sitemap(page_paths: list[str], config: SiteConfig) -> str:
    """A sitemap of every indexable page, with absolute URLs, in a stable order."""
    entries = "".join(
        f"<url><loc>{escape(urls.absolute(config.base_url, path))}</loc></url>\n"
        for path in sorted(page_paths)
        if path not in NOT_INDEXED
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</urlset>\n"
    )


def robots(config: SiteConfig) -> str:
    """robots.txt that allows everything and names the sitemap."""
    return f"User-agent: *\nAllow: /\nSitemap: {urls.absolute(config.base_url, 'sitemap.xml')}\n"


def search_index(catalogue: Catalogue) -> str:
    """The small JSON the search script loads on first use: one compact record per product."""
    records = [
        {
            "n": product.name,
            "p": urls.relative("index.html", urls.path_for(product)),
            "g": product.group.name,
            "v": product.group.place,
            "c": product.category.name if product.category else "",
            "t": " ".join(product.tags),
            "r": product.min_price,
            "m": len(product.variants) > 1,
        }
        for product in catalogue.products
    ]
    return json.dumps(records, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One row of a commerce feed: a product, or one variant of a product with several."""

    id: str
    title: str
    description: str
    status: str
    price: int
    link: str
    image_link: str
    brand: str
    item_group_id: str = ""  # the product's slug on every variant row
    size: str = ""  # the variant's name, the attribute Meta and Google tell variants apart by
    available_from: str = ""  # Google's availability_date; Meta's catalogue has no such column


def feed_files(catalogue: Catalogue, config: SiteConfig, cards: CardPlan, photos: Mapping[Path, PhotoPlan],
               strings: Strings) -> dict[str, bytes]:
    """Every feed: Atom, Meta CSV (whole and per group), Google Merchant XML and products.json."""
    ids = variant_ids(catalogue)
    items = {p.slug: feed_items(p, config, cards, ids.get(p.slug, [])) for p in catalogue.products}
    files = {
        urls.ATOM_FEED: atom(catalogue.newest(ATOM_ENTRIES), config, cards, strings),
        urls.meta_feed_path(): meta_csv([i for p in catalogue.products for i in items[p.slug]]),
        urls.GOOGLE_FEED: google_merchant([i for p in catalogue.products for i in items[p.slug]], config),
        urls.PRODUCTS_JSON: products_json(catalogue, config, cards, photos),
    }
    for group in catalogue.groups:
        rows = [i for p in catalogue.products_of(group) for i in items[p.slug]]
        files[urls.meta_feed_path(group)] = meta_csv(rows)
    return {path: text.encode("utf-8") for path, text in files.items()}


def feed_items(product: Product, config: SiteConfig, cards: CardPlan, ids: list[str]) -> list[FeedItem]:
    """The feed rows of a product: one, or one per variant (ids from `variant_ids`) sharing an item_group_id."""
    link = urls.absolute(config.base_url, urls.path_for(product))
    base = FeedItem(
        id=product.slug, title=product.name, description=product.summary or product.name,
        status=product.status, price=product.min_price, link=link,
        image_link=urls.absolute(config.base_url, _feed_image(product, cards)), brand=product.group.name,
        available_from=_google_date(product.ships_from),
    )
    if len(product.variants) == 1:
        return [base]
    return [dataclasses.replace(base, id=ids[index], title=f"{product.name} ({variant.name})", price=variant.price,
                                item_group_id=product.slug, size=variant.name)
            for index, variant in enumerate(product.variants)]


def meta_csv(items: list[FeedItem]) -> str:
    """A CSV that Meta's commerce catalogue (WhatsApp Business, Facebook shop) imports."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(META_COLUMNS)
    for item in items:
        # Each cell cleaned before its formula check: a forbidden character in front must not hide a `=`.
        cells = _xml_safe_all([item.id, item.title, item.description, AVAILABILITY[item.status], "new",
                               f"{item.price} IDR", item.link, item.image_link, item.brand, item.item_group_id,
                               item.size])
        writer.writerow([_spreadsheet_text(cell) for cell in cells])
    return buffer.getvalue()


def _spreadsheet_text(cell: str) -> str:
    """A cell a spreadsheet shows as text: a leading `'` defuses `=`, `+`, `-`, `@` (OWASP's advice)."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def google_merchant(items: list[FeedItem], config: SiteConfig) -> str:
    """An RSS 2.0 product feed in Google Merchant Center's `g:` namespace.

    Written as text, laid out as ElementTree would indent it: building and serialising a tree of
    ~13 elements per row took a 1,000-product rebuild ~0.1 s.
    """
    namespace = f' xmlns:g="{GOOGLE_NS}"' if items else ""  # declared where used, as ElementTree does
    lines = ['<?xml version="1.0" encoding="utf-8"?>', f'<rss{namespace} version="2.0">', "  <channel>",
             *(_text_line(4, tag, _xml_safe(text)) for tag, text in (
                 ("title", config.title), ("link", config.base_url),
                 ("description", config.description or config.title)))]
    for item in items:
        values = [("g:id", item.id), ("title", item.title), ("description", item.description),
                  ("link", item.link), ("g:image_link", item.image_link),
                  ("g:availability", AVAILABILITY[item.status].replace(" ", "_")), ("g:condition", "new"),
                  ("g:price", f"{item.price} IDR"), ("g:brand", item.brand),
                  ("g:item_group_id", item.item_group_id), ("g:size", item.size),
                  ("g:availability_date", item.available_from)]
        tags, texts = zip(*values)
        lines.append("    <item>")
        lines += [_text_line(6, tag, clean) for tag, text, clean in zip(tags, texts, _xml_safe_all(texts)) if text]
        lines.append("    </item>")
    lines += ["  </channel>", "</rss>", ""]
    return "\n".join(lines)


def _text_line(indent: int, tag: str, text: str) -> str:
    """One indented element holding `text` (already XML-safe), escaped as ElementTree escapes text."""
    text = escape(text)
    return f"{' ' * indent}<{tag}>{text}</{tag}>" if text else f"{' ' * indent}<{tag} />"


def atom(products: tuple[Product, ...], config: SiteConfig, cards: CardPlan, strings: Strings) -> str:
    """An Atom feed of the newest products, dated by their `date` field (never by the clock)."""
    # Elements without a namespace plus a literal xmlns keep ElementTree from inventing "ns0:" prefixes.
    feed = ET.Element("feed", {"xmlns": ATOM_NS, "{http://www.w3.org/XML/1998/namespace}lang": config.language})
    _add(feed, "title", f"{config.title}: {strings.t('ui.newest')}")
    _add(feed, "id", config.base_url)
    _link(feed, urls.absolute(config.base_url, urls.ATOM_FEED), "self", "application/atom+xml")
    _link(feed, config.base_url, "alternate", "text/html")
    _add(feed, "updated", max((_stamp(p.date) for p in products), default=_stamp(None)))
    _add(ET.SubElement(feed, "author"), "name", config.title)
    for product in products:
        _atom_entry(ET.SubElement(feed, "entry"), product, config, cards, strings)
    return _xml_document(feed)


def products_json(catalogue: Catalogue, config: SiteConfig, cards: CardPlan,
                  photos: Mapping[Path, PhotoPlan]) -> str:
    """The catalogue as JSON with absolute URLs, for other tools and sites."""
    def absolute(path: str) -> str:
        return urls.absolute(config.base_url, path)

    head = {"title": config.title, "url": config.base_url, "language": config.language, "currency": "IDR"}
    groups = [_group_json(group, absolute, cards) for group in catalogue.groups]
    products = [_product_json(product, absolute, cards, photos) for product in catalogue.products]
    # One group or product a line: easy to read and to diff, and written by json's C encoder (with
    # `indent` it falls back to Python, ~0.1 s for 1,000 products).
    return (json.dumps(head, ensure_ascii=False)[:-1] + f', "groups": {_json_lines(groups)}, '
            f'"products": {_json_lines(products)}}}\n')


def _json_lines(values: list[Any]) -> str:
    """A JSON array with one compact value a line."""
    return "[\n" + ",\n".join(json.dumps(value, ensure_ascii=False) for value in values) + "\n]"


def _atom_entry(entry: ET.Element, product: Product, config: SiteConfig, cards: CardPlan, strings: Strings) -> None:
    url = urls.absolute(config.base_url, urls.path_for(product))
    card = urls.absolute(config.base_url, cards.share[urls.path_for(product)].path)
    _add(entry, "title", product.name)
    _add(entry, "id", url)
    _link(entry, url, "alternate", "text/html")
    _add(entry, "updated", _stamp(product.date))
    _add(ET.SubElement(entry, "author"), "name", product.group.name)
    if product.category:
        ET.SubElement(entry, "category", {"term": product.category.slug,
                                                      "label": _xml_safe(product.category.name)})
    _add(entry, "summary", product.summary or product.name)
    html = (f'<p><img src="{escape_html(card)}" width="1200" height="630" alt="{escape_html(product.name)}"></p>'
            f"<p>{escape_html(product.group.name)}</p>{product.description_html}")
    _add(entry, "content", html, type="html")


def _group_json(group: Group, absolute: Callable[[str], str], cards: CardPlan) -> dict[str, Any]:
    page = urls.path_for(group)
    return {
        "slug": group.slug, "name": group.name, "url": absolute(page), "place": group.place,
        "whatsapp": f"+{group.whatsapp}", "card": absolute(cards.share[page].path),
        "qr": absolute(urls.qr_path(page)), "price_list": absolute(urls.price_list_path(group)),
        "meta_feed": absolute(urls.meta_feed_path(group)),
    }


def _product_json(product: Product, absolute: Callable[[str], str], cards: CardPlan,
                  photos: Mapping[Path, PhotoPlan]) -> dict[str, Any]:
    page = urls.path_for(product)
    return {
        "slug": product.slug, "name": product.name, "url": absolute(page), "group": product.group.slug,
        "category": product.category.slug if product.category else None, "status": product.status,
        "availability": AVAILABILITY[product.status], "unit": product.unit, "price": product.min_price,
        "variants": [{"name": v.name, "price": v.price} for v in product.variants],
        "summary": product.summary, "tags": list(product.tags),
        "date": product.date.isoformat() if product.date else None,
        "image": absolute(_feed_image(product, cards)),
        "photos": [absolute(photos[photo.source].jpeg.path) for photo in product.photos],
        "card": absolute(cards.share[page].path), "qr": absolute(urls.qr_path(page)),
        "whatsapp": f"+{product.whatsapp}",
    }


def _feed_image(product: Product, cards: CardPlan) -> str:
    """The square photo (>= 500 px, no text, as Meta and Google want), else the share card."""
    card = cards.square.get(product.slug) or cards.share[urls.path_for(product)]
    return card.path


def variant_ids(catalogue: Catalogue) -> dict[str, list[str]]:
    """Feed row ids of every product with several variants, unique in the whole catalogue.

    An id is `<product>-<variant>` (`sagon-kelapa-250-g`), stable while names stay. Where that is
    another product's id ("Stick" with a variant "Kelor" against the product `stick-kelor`), another
    product's variant row's, or the same for two of its variants, the product's rows are written
    `<product>--<variant>` instead: no slug holds `--`, so those never meet any other id.
    """
    several = [p for p in catalogue.products if len(p.variants) > 1]
    plain = {p.slug: [f"{p.slug}-{name}" for name in _variant_names(p)] for p in several}
    seen = collections.Counter(i for ids in plain.values() for i in ids)
    slugs = {p.slug for p in catalogue.products}
    return {p.slug: [f"{p.slug}--{name}" for name in _variant_names(p)]
            if any(seen[i] > 1 or i in slugs for i in plain[p.slug]) else plain[p.slug] for p in several}


def _variant_names(product: Product) -> list[str]:
    """Each variant's name as a slug; a clash after slugifying ("100 g", "100g") falls back to positions."""
    names = [slugify(v.name) or str(index + 1) for index, v in enumerate(product.variants)]
    return names if len(set(names)) == len(names) else [str(index + 1) for index in range(len(names))]


def _google_date(day: datetime.date | None) -> str:
    """Google wants a time and zone too: the start of that day in Western Indonesia (WIB)."""
    return f"{day.isoformat()}T00:00+0700" if day else ""


def _stamp(day: datetime.date | None) -> str:
    """An RFC 3339 time from a content date; undated products count as 1970."""
    return f"{(day or datetime.date(1970, 1, 1)).isoformat()}T00:00:00Z"


def _add(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = _xml_safe(text)
    return element


def _link(parent: ET.Element, href: str, rel: str, media_type: str) -> None:
    ET.SubElement(parent, "link", {"rel": rel, "type": media_type, "href": href})


def _xml_document(root: ET.Element) -> str:
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'


def _xml_safe(text: str) -> str:
    """Drop control characters XML 1.0 forbids (they cannot be escaped, only removed)."""
    if text.isprintable():  # most texts: no control character, surrogate or non-character in them
        return text
    return text.translate(_XML_INVALID)


def _xml_safe_all(texts: Sequence[str]) -> Sequence[str]:
    """`_xml_safe` of each text, checked all at once (a feed row is a dozen short texts)."""
    return texts if "".join(texts).isprintable() else [_xml_safe(text) for text in texts]

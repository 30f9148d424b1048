"""The fields a product, a group and site.yaml may have: one table that the reader and the admin share.

`content` takes its known keys from here and `admin` turns every entry into a form widget, so the
web admin can never offer a field that `sitegen check` refuses, nor miss one that it reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.sourcefile import LineDict


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of a content file: its key, what kind of value it holds, and whether it must be there."""

    key: str
    kind: str  # text, price, count, year, phone, date, status, group, category, tags, variants, photos,
    #            photo, alts, links, markdown, extra (see admin.WIDGETS for the form each one gets)
    required: bool = False
    limit: int = 300  # longest text accepted, in characters
    in_admin: bool = True  # False for the older hand-written spelling the admin writes differently


PRODUCT_FIELDS = (
    FieldSpec("name", "text", required=True, limit=120),
    FieldSpec("group", "group", required=True),
    FieldSpec("price", "price"),  # required unless `variants` is given
    FieldSpec("variants", "variants"),
    FieldSpec("unit", "text"),
    FieldSpec("status", "status"),
    FieldSpec("category", "category"),
    FieldSpec("tags", "tags"),
    FieldSpec("photos", "photos"),
    FieldSpec("alt", "alts", in_admin=False),  # the admin keeps alt text inside each `photos` entry
    FieldSpec("pirt", "text"),
    FieldSpec("halal", "text"),
    FieldSpec("shelf_life", "text"),
    FieldSpec("weight_g", "count"),
    FieldSpec("whatsapp", "phone"),
    FieldSpec("date", "date"),
    FieldSpec("available_from", "date"),  # a pre-order's first shipping day
    FieldSpec("description", "markdown"),
    FieldSpec("extra", "extra", in_admin=False),
)

GROUP_FIELDS = (
    FieldSpec("name", "text", required=True, limit=120),
    FieldSpec("whatsapp", "phone", required=True),
    FieldSpec("village", "text"),
    FieldSpec("district", "text"),
    FieldSpec("regency", "text"),
    FieldSpec("photo", "photo"),
    FieldSpec("alt", "text", limit=250),
    FieldSpec("founded", "year"),
    FieldSpec("members", "count"),
    FieldSpec("links", "links"),
    FieldSpec("description", "markdown"),
    FieldSpec("extra", "extra", in_admin=False),
)

LINK_KINDS = ("facebook", "instagram", "tiktok", "shopee", "tokopedia", "website")
EMPTY_VALUES = (None, "", [], {})  # what a form writes for an optional field left blank


def keys(specs: tuple[FieldSpec, ...]) -> tuple[str, ...]:
    """The keys a document of this kind may have."""
    return tuple(spec.key for spec in specs)


# A parsed document's mappings are LineDicts (`{}` included), which remember their lines.
_EMPTY_TYPES = frozenset({*(type(empty) for empty in EMPTY_VALUES), LineDict})


def is_empty(value: object) -> bool:
    """Whether a value means "not filled in": a blank line, `null`, `[]` or `{}` (one of
    EMPTY_VALUES, of exactly its type or a parsed mapping; asked ~30 times a product, so without a loop)."""
    return value is None or (type(value) in _EMPTY_TYPES and not value)

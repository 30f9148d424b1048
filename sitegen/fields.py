"""Pure parsers of the values volunteers write; each returns a clean value or raises FieldProblem."""

from __future__ import annotations

import datetime
import difflib
import re
import unicodedata
from typing import Any, Callable, Iterable

from sitegen.errors import FieldProblem
from sitegen.i18n import as_written

STATUSES = ("tersedia", "habis", "pre-order")
_STATUS_ALIASES = {
    "tersedia": "tersedia", "ada": "tersedia", "available": "tersedia", "in-stock": "tersedia",
    "habis": "habis", "sold-out": "habis", "soldout": "habis", "kosong": "habis",
    "pre-order": "pre-order", "preorder": "pre-order", "po": "pre-order", "pesan-dulu": "pre-order",
}
# "15.000", then an optional ",-" or ",00" (zero sen) or a thousands word: "15rb", "15 ribu", "15K".
_PRICE = re.compile(r"(?:rp\.?\s*)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,-|,00|\s*(rb|ribu|k))?", re.IGNORECASE)
# After the leading 0 (or 62): a mobile number 8…, or a fixed line: area code of 2–4 digits
# (never starting with 0, 1 or 8) and a subscriber number of 5–8 digits.
_MOBILE = re.compile(r"8\d{7,11}")
_FIXED = re.compile(r"[2-79]\d{6,11}")
_PARENTHESISED = re.compile(r"\((0\d*)\)(.*)", re.DOTALL)  # a line break is no way past the area code's check
_AREA_CODE = re.compile(r"0[2-79]\d{1,3}")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
WINDOWS_DEVICES = r"con|prn|aux|nul|com[0-9]|lpt[0-9]"  # names Windows keeps for devices (lowercase)
_WINDOWS_DEVICE = re.compile(WINDOWS_DEVICES)
# What a phone number copied from WhatsApp or typed on an Android keyboard carries besides digits:
# invisible direction marks (left out), non-breaking and other hyphens (read as -) and spaces (as
# a space). The admin's phone pattern is built from the same lists.
INVISIBLE_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u200b"
HYPHENS = "\u2010\u2011\u2012\u2013"
SPACES = "\u00a0\u202f"
_INVISIBLE = {**dict.fromkeys(map(ord, INVISIBLE_MARKS)), **dict.fromkeys(map(ord, HYPHENS), "-"),
              **dict.fromkeys(map(ord, SPACES), " ")}
MAX_PRICE = 1_000_000_000
# Numbers sitegen itself writes as examples (`sitegen new site`'s group, the commented product field
# and the guides): left in a catalogue, they are warned about.
EXAMPLE_NUMBERS = frozenset({"6281200000000", "6281234567890"})
MAX_TEXT = 300


def parse_price(value: Any) -> int:
    """Whole rupiah from `15000`, `"15.000"`, `"Rp 15.000,-"`, `"15.000,00"`, `"15rb"`, `"15 ribu"` or `"15K"`."""
    if isinstance(value, bool) or value is None:
        raise FieldProblem("price_invalid", value=shown(value))
    if isinstance(value, int):
        amount = value
    else:
        # Phone keyboards turn quotes curly: `price: “Rp 15.000”` is YAML text with them in it.
        match = _PRICE.fullmatch(str(value).strip().strip("“”„‟‘’«»").strip())
        if not match:
            raise FieldProblem("price_invalid", value=shown(value))
        digits = match.group(1).replace(".", "") + ("000" if match.group(2) else "")
        if len(digits) > len(str(MAX_PRICE)):  # thousands of digits would not even convert
            raise FieldProblem("price_range", value=shown(value))
        amount = int(digits)
    if not 0 < amount <= MAX_PRICE:
        raise FieldProblem("price_range", value=shown(value))
    return amount


def parse_phone(value: Any) -> str:
    """International digits for wa.me from `0812-…`, `+62 812 …`, `62812…`, `812…` or `(0287) 381234`."""
    text = str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    # A number copied from WhatsApp comes wrapped in invisible direction marks; Android keyboards
    # and chats also write non-breaking hyphens and spaces.
    text = text.translate(_INVISIBLE).strip()
    if not text.isascii():  # digits of another script (Arabic-Indic, full-width) as wa.me's ASCII digits
        text = re.sub(r"\d", lambda digit: str(unicodedata.decimal(digit[0])), text)
    if not _area_code_fits(text):
        raise FieldProblem("phone_invalid", value=shown(value))
    digits = re.sub(r"[\s\-.()]", "", text)
    digits = digits[1:] if digits.startswith("+") else digits
    if digits.startswith("620"):  # "+62 0812-…": the country code written before the trunk 0
        digits = "62" + digits[3:]
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    elif digits.startswith("8"):
        digits = "62" + digits
    national = digits[2:] if digits.startswith("62") else ""
    if not (_MOBILE.fullmatch(national) or _FIXED.fullmatch(national)):
        raise FieldProblem("phone_invalid", value=shown(value))
    return digits


TWO_DIGIT_AREAS = ("21", "22", "24", "31", "61")  # Jakarta, Bandung, Semarang, Surabaya, Medan; others have three


def format_phone(digits: str) -> str:
    """A wa.me number as Indonesians write it: `6281234567890` → `0812-3456-7890`, a landline with its
    area code in parentheses, `62287381234` → `(0287) 381234`, `622153112233` → `(021) 5311 2233`."""
    if not digits.startswith("62"):
        return digits
    national = digits[2:]
    if national.startswith("8"):
        local = "0" + national
        return "-".join(local[i:i + 4] for i in range(0, len(local), 4))
    split = 2 if national.startswith(TWO_DIGIT_AREAS) else 3
    area, subscriber = national[:split], national[split:]
    if len(subscriber) >= 7:  # 5311 2233, 531 1223
        subscriber = f"{subscriber[:-4]} {subscriber[-4:]}"
    return f"(0{area}) {subscriber}"


def _area_code_fits(text: str) -> bool:
    """False when `(0287) 381234` has an area code or subscriber number of the wrong length."""
    written = _PARENTHESISED.fullmatch(text)
    if not written or written.group(1).startswith("08"):  # no area code, or "(0812) 3456 7890"
        return True
    subscriber = re.sub(r"[\s\-.]", "", written.group(2))
    return bool(_AREA_CODE.fullmatch(written.group(1)) and re.fullmatch(r"\d{5,8}", subscriber))


def parse_status(value: Any) -> str:
    """One of tersedia / habis / pre-order; common spellings and English words are accepted."""
    key = re.sub(r"[\s_]+", "-", str(value).strip().lower())
    if key not in _STATUS_ALIASES:
        raise FieldProblem("status_invalid", value=shown(value), choices=", ".join(STATUSES))
    return _STATUS_ALIASES[key]


def parse_text(value: Any, limit: int = MAX_TEXT) -> str:
    """A single-line text (numbers are accepted and turned into text)."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise FieldProblem("text_invalid", value=shown(value))
    text = " ".join(str(value).split())
    if not text:
        raise FieldProblem("text_empty")
    if len(text) > limit:
        raise FieldProblem("text_too_long", length=len(text), limit=limit)
    return text


def parse_count(value: Any) -> int:
    """A whole, non-negative number such as a weight in grams or a member count (`"0120"` too)."""
    if isinstance(value, str) and re.fullmatch(r"\d{1,12}", value.strip()):
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise FieldProblem("count_invalid", value=shown(value))
    return value


FIRST_YEAR, LAST_YEAR = 1900, 2100  # a group's founding year; the admin's form allows the same


def parse_year(value: Any) -> int:
    """A year such as 2016 (a group's founding): a count from FIRST_YEAR to LAST_YEAR."""
    year = parse_count(value)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise FieldProblem("year_invalid", value=shown(value), first=FIRST_YEAR, last=LAST_YEAR)
    return year


def parse_date(value: Any) -> datetime.date:
    """A calendar date written as YYYY-MM-DD."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        raise FieldProblem("date_invalid", value=shown(value)) from None


def parse_available_from(value: Any) -> datetime.date:
    """The day a pre-ordered product can be sent, YYYY-MM-DD (the field `available_from`)."""
    return parse_date(value)


def parse_text_list(value: Any) -> tuple[str, ...]:
    """A list of short texts; a single text or a comma-separated line is accepted too."""
    if isinstance(value, str):
        value = [part for part in value.split(",") if part.strip()]
    if not isinstance(value, list):
        raise FieldProblem("list_invalid", value=shown(value))
    return tuple(parse_text(item, 60) for item in value)


def check_slug(name: str) -> str:
    """Accept a URL-safe slug (lowercase words joined by hyphens) or suggest one; not a name
    Windows keeps for a device, which no volunteer on Windows could check out."""
    if not _SLUG.fullmatch(name) or _WINDOWS_DEVICE.fullmatch(name):
        raise FieldProblem("slug_invalid", value=name, suggestion=slugify(name) or "produk-baru")
    return name


def slugify(text: str) -> str:
    """Fold accents and case, keep letters and digits, join words with hyphens; a name Windows keeps
    for a device (`con`, `nul`, `com1`…) gets `-1`, so the folder can be checked out there too."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = "-".join(re.findall(r"[a-z0-9]+", folded.lower()))
    return f"{slug}-1" if _WINDOWS_DEVICE.fullmatch(slug) else slug


def sort_key(name: str) -> str:
    """A name as an alphabetical list orders it: case and accents aside (`Éclair` beside `eclair`)."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The closest known word, for "did you mean …?" hints."""
    matches = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def suggest_key(key: str, keys: Iterable[str]) -> str | None:
    """`suggest` for a field's name: one named in Indonesian (`harga:`, `desa:`) gets the key it means."""
    keys = list(keys)
    return next((meant for meant in KEY_SYNONYMS.get(str(key).strip().lower(), ()) if meant in keys), None) \
        or suggest(key, keys)


# The Indonesian words volunteers write for the fields (and a few English ones), by the keys each may
# mean, in turn: the first one the file has is suggested (`foto:` is `photos:` in a product, `photo:` in a group).
KEY_SYNONYMS = {word: tuple(keys.split()) for word, keys in {
    "nama": "name", "judul": "name", "harga": "price", "kelompok": "group", "grup": "group", "varian": "variants",
    "satuan": "unit", "kemasan": "unit", "kategori": "category", "tag": "tags", "label": "tags",
    "foto": "photos photo", "gambar": "photos photo", "photo": "photos", "photos": "photo",
    "berat": "weight_g", "weight": "weight_g", "tanggal": "date", "stok": "status", "tersedia": "status",
    "deskripsi": "description", "cerita": "description", "sejarah": "description", "wa": "whatsapp",
    "nomor_wa": "whatsapp", "telepon": "whatsapp", "hp": "whatsapp", "phone": "whatsapp", "desa": "village",
    "kelurahan": "village", "kecamatan": "district", "kabupaten": "regency", "kota": "regency",
    "anggota": "members", "berdiri": "founded", "tahun": "founded", "tautan": "links", "medsos": "links",
    "kedaluwarsa": "shelf_life", "daya_tahan": "shelf_life", "expired": "shelf_life",
}.items()}


def hint(word: str, choices: Iterable[str], limit: int = 6, guess_with: Callable = suggest) -> str:
    """The closest known word in backticks (as `guess_with` finds it), else the first few known
    words, for a fix message."""
    known = sorted(choices)
    if not known:
        return "-"
    guess = guess_with(word, known)
    shown = [guess] if guess else known[:limit]
    return ", ".join(f"`{name}`" for name in shown) + (", …" if not guess and len(known) > limit else "")


def key_hint(key: str, keys: Iterable[str]) -> str:
    """`hint` for an unknown field's name, Indonesian names included (`suggest_key`)."""
    return hint(key, keys, guess_with=suggest_key)


def shown(value: Any) -> str:
    """A value as the volunteer wrote it (a list or mapping as YAML), cut short so messages stay one line."""
    text = "" if value is None else str(as_written(value))
    return text if len(text) <= 60 else text[:57] + "…"


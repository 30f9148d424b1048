"""`sitegen new product|group`: a ready-to-edit bundle, every field commented in the site's language."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen import fields
from sitegen.build import builtin_theme_dirs
from sitegen.errors import FieldProblem, SiteError, SiteErrors, SourceRef
from sitegen.i18n import DEFAULT_LANGUAGE, LANGUAGES, Strings, load_strings
from sitegen.sourcefile import read_source

SOURCE_SUFFIXES = (".md", ".yaml", ".yml")
COMMENT_COLUMN = 34  # comments line up here, so the values read as one column


@dataclass(frozen=True, slots=True)
class Field:
    """One line (or block) of a new file: a key, its YAML value, and whether it starts commented out."""

    key: str
    value: str
    active: bool = False


@dataclass(frozen=True, slots=True)
class SiteFacts:
    """What a new file needs from site.yaml, read leniently: a broken site.yaml must not block `new`."""

    language: str
    categories: tuple[str, ...]
    theme: str


class NewRefused(Exception):
    """`sitegen new` changed nothing; `message` says why and what to do, in the site's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def create(project: Path, kind: str, name: str, group: str | None = None, whatsapp: str | None = None,
           today: datetime.date | None = None) -> str:
    """Write `content/<kind>s/<slug>/index.md` and return what to do next; never overwrites anything."""
    facts = read_site_facts(project)
    strings = load_strings(_theme_dirs(project, facts), facts.language)
    try:
        slug = _check_new(project, kind, name, group, whatsapp)
    except SiteErrors as refusal:
        raise NewRefused("\n".join(strings.format_error(e) for e in refusal.errors)) from None
    if kind == "product":
        text = product_text(name, group or "", facts, strings, today or datetime.date.today())
    else:
        text = group_text(name, whatsapp or "", strings)
    target = project / "content" / f"{kind}s" / slug / "index.md"
    target.parent.mkdir(parents=True)
    target.write_text(text, encoding="utf-8")
    return strings.t(f"scaffold.{kind}.created", path=target.relative_to(project).as_posix())


def read_site_facts(project: Path) -> SiteFacts:
    """The site's language, category slugs and theme; Indonesian and none when site.yaml is unreadable."""
    path = project / "site.yaml"
    if not path.is_file():
        strings = load_strings(builtin_theme_dirs(), DEFAULT_LANGUAGE)
        raise NewRefused(strings.format_error(SiteError(SourceRef("site.yaml"), "site_yaml_missing", {})))
    try:
        data = read_source(path, "site.yaml").fields
    except SiteErrors:
        return SiteFacts(DEFAULT_LANGUAGE, (), "")
    language = data.get("language") if data.get("language") in LANGUAGES else DEFAULT_LANGUAGE
    categories = data.get("categories")
    slugs = tuple(sorted(map(str, categories))) if isinstance(categories, dict) else ()
    theme = data.get("theme") if isinstance(data.get("theme"), str) else ""
    return SiteFacts(language, slugs, theme)


def product_text(name: str, group: str, facts: SiteFacts, strings: Strings, today: datetime.date) -> str:
    """The new product's index.md: the data a check accepts at once, and every other field as an example."""
    category = facts.categories[0] if facts.categories else "makanan-ringan"
    choices = ", ".join(facts.categories)
    lines = (
        Field("name", _quoted(name), True),
        Field("group", group, True),
        Field("price", "15000", True),
        Field("unit", '"100 g"'),
        Field("variants", "\n  - {name: 100 g, price: 15000}\n  - {name: 250 g, price: 32000}"),
        Field("status", "tersedia", True),
        Field("available_from", "2026-12-20"),
        Field("category", category),
        Field("tags", "[pedas, oleh-oleh]"),
        # As the web admin writes photos (and opens them): each file with its description below it.
        Field("photos", "\n  - file: depan.jpg\n    alt: " + _quoted(strings.t("scaffold.product.alt_example"))
              + "\n  - file: kemasan.jpg\n    alt: " + _quoted(strings.t("scaffold.product.alt_example_back"))),
        Field("pirt", '"2063305010123-25"'),
        Field("halal", '"ID33110000123450823"'),
        Field("shelf_life", _quoted(strings.t("scaffold.product.shelf_life_example"))),
        Field("weight_g", "120"),
        Field("whatsapp", '"0812-3456-7890"'),
        Field("date", today.isoformat(), True),
        Field("extra", "{}"),
    )
    notes = {"category": strings.t("scaffold.product.category" if choices else "scaffold.product.category_none",
                                   choices=choices)}
    return _document(lines, "product", strings, notes)


def group_text(name: str, whatsapp: str, strings: Strings) -> str:
    """The new group's index.md; the WhatsApp number stays empty until someone writes the real one."""
    lines = (
        Field("name", _quoted(name), True),
        Field("whatsapp", _quoted(whatsapp), True),
        Field("village", '""', True),
        Field("district", '""', True),
        Field("regency", '""', True),
        Field("photo", "rumah-produksi.jpg"),
        Field("alt", _quoted(strings.t("scaffold.group.alt_example"))),
        Field("founded", "2020"),
        Field("members", "12"),
        Field("links", '{facebook: "https://www.facebook.com/..."}'),
        Field("extra", "{}"),
    )
    return _document(lines, "group", strings, {})


def _document(lines: tuple[Field, ...], kind: str, strings: Strings, notes: dict[str, str]) -> str:
    body = [f"# {strings.t('scaffold.intro')}"]
    for line in lines:
        body += _field_lines(line, notes.get(line.key) or strings.t(f"scaffold.{kind}.{line.key}"))
    return "---\n" + "\n".join(body) + "\n---\n" + strings.t(f"scaffold.{kind}.body") + "\n"


def _field_lines(field: Field, comment: str) -> list[str]:
    first, *rest = f"{field.key}: {field.value}".replace(": \n", ":\n").split("\n")
    prefix = "" if field.active else "# "
    head = f"{prefix}{first}"
    # YAML needs a space before "#"; two keep a long value readable.
    return [f"{head:<{COMMENT_COLUMN - 2}}  # {comment}"] + [prefix + line for line in rest]


def _check_new(project: Path, kind: str, name: str, group: str | None, whatsapp: str | None) -> str:
    """The new folder's slug, or SiteErrors saying why nothing may be created."""
    problems: list[SiteError] = []
    _parse(fields.parse_text, name, SourceRef("name"), problems, 120)
    slug = fields.slugify(name)
    if not slug:
        problems.append(SiteError(SourceRef("name"), "new_name_invalid", {"value": name}))
    elif existing := _existing(project, f"{kind}s", slug):
        problems.append(SiteError(SourceRef(existing), "new_exists", {}))
    if kind == "product":
        problems += _check_group(project, group)
    if whatsapp:
        _parse(fields.parse_phone, whatsapp, SourceRef("--whatsapp"), problems)
    if problems:
        raise SiteErrors(problems)
    return slug


def _check_group(project: Path, group: str | None) -> list[SiteError]:
    known = _slugs(project, "groups")
    if not group:
        return [SiteError(SourceRef("--group"), "new_group_missing", {"suggestion": fields.hint("", known)})]
    if group not in known:
        return [SiteError(SourceRef("--group"), "group_unknown", {"value": group, "suggestion": fields.hint(group, known)})]
    return []


def _parse(parser: Any, value: str, ref: SourceRef, problems: list[SiteError], *args: Any) -> None:
    try:
        parser(value, *args)
    except FieldProblem as problem:
        problems.append(SiteError(ref, problem.key, problem.args_))


def _existing(project: Path, kind: str, slug: str) -> str:
    root = project / "content" / kind
    candidates = [root / slug] + [root / f"{slug}{suffix}" for suffix in SOURCE_SUFFIXES]
    found = next((path for path in candidates if path.exists()), None)
    return found.relative_to(project).as_posix() if found else ""


def _slugs(project: Path, kind: str) -> set[str]:
    root = project / "content" / kind
    entries = root.iterdir() if root.is_dir() else ()
    return {p.name if p.is_dir() else p.stem for p in entries
            if not p.name.startswith((".", "_")) and (p.is_dir() or p.suffix in SOURCE_SUFFIXES)}


def _theme_dirs(project: Path, facts: SiteFacts) -> tuple[Path, ...]:
    own = project / "themes" / facts.theme
    return ((own,) if facts.theme and own.is_dir() else ()) + builtin_theme_dirs()


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

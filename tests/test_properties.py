"""Property-based tests: whatever a volunteer writes ends in a clean build or in located errors.

Hypothesis invents front matter, field values, Markdown and raw bytes. The pure parsers must
return a value or raise FieldProblem whose message renders in both languages; the real pipeline
(`sitegen.build.build` on scratch projects) must return a BuildResult or raise BuildFailed with
`file:line: what — fix` messages. A traceback or a hang fails the suite. Example counts stay
modest so the suite stays fast.
"""

from __future__ import annotations

import datetime
import re
import tempfile
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen import config, fields
from sitegen.build import BuildFailed, build, builtin_theme_dirs
from sitegen.errors import FieldProblem, SiteErrors
from sitegen.i18n import LANGUAGES, load_strings
from sitegen.markup import render_markdown, summarise
from sitegen.sourcefile import read_source
from tests.conftest import BASIC_SITE, jpeg_bytes, write_tree
from tests.htmlsafety import active_content

STRINGS = {language: load_strings(builtin_theme_dirs(), language) for language in LANGUAGES}
LOCATED = re.compile(r"^[^\s:][^:\n]*(:\d+)?: [^\n]+ — [^\n]+$")
FAST = settings(max_examples=150, deadline=None)
PIPELINE = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# What volunteers (and attackers) actually type, mixed with anything Hypothesis invents.
WORDS = [
    "Rp 15.000", "15.000", "15.000,-", "15000", "0812-3456-7890", "+62 812 3456 7890", "62812345678",
    "habis", "Pre Order", "tersedia", "2026-03-15", "2026-02-30", "15 Maret", "sido", "makanan", "depan.jpg",
    "../depan.jpg", "/etc/passwd", "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)", "https://example.org/", "{price}", "{price:d}", "{url!r}", "{", "", " ", "\t",
    "kéripik", "Keripik", "100 g", "[a, b]", "&a", "*a", "- x", "a: b", "\u202e", "💥", "…",
]
PRINTABLE = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**40, max_value=10**40), PRINTABLE, PRINTABLE,
    st.dates(min_value=datetime.date(1900, 1, 1)), st.sampled_from(WORDS),
)
VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(PRINTABLE, inner, max_size=3),
    max_leaves=6,
)
MARKDOWN = st.lists(st.one_of(PRINTABLE, st.sampled_from([
    "# Judul\n", "**tebal**", "_miring_", "[tautan](javascript:alert(1))", "[a](https://example.org)",
    "<script>alert(1)</script>", "<iframe src=//evil></iframe>", '<a href="#" onclick="x()">a</a>',
    "<img src=x onerror=alert(1)>", "\n\n", "- butir\n", "1. satu\n", "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "```\nkode\n```\n", "> kutipan\n", "<!-- komentar -->", "&lt;", "&amp;", "\\", "[", "](", "<", "`",
])), max_size=12).map("".join)

PARSERS: list[Callable[[Any], Any]] = [
    fields.parse_price, fields.parse_phone, fields.parse_status, fields.parse_text, fields.parse_count,
    fields.parse_date, fields.parse_text_list, config.parse_base_url, config.parse_language,
    config.parse_order_message, config.parse_categories, config.parse_cname, config.parse_theme,
]


def assert_renders(key: str, args: dict) -> None:
    """A problem's message must render in every language (no missing placeholder)."""
    for strings in STRINGS.values():
        assert strings.t(f"errors.{key}.what", **args) and strings.t(f"errors.{key}.fix", **args)


@pytest.mark.parametrize("parser", PARSERS, ids=lambda p: p.__name__)
@FAST
@given(value=VALUES)
def test_parsers_return_a_value_or_a_renderable_problem(parser, value):
    try:
        parser(value)
    except FieldProblem as problem:
        assert_renders(problem.key, problem.args_)


@FAST
@given(name=st.text(max_size=40))
def test_slugs_are_checked_or_folded_into_a_safe_suggestion(name):
    slug = fields.slugify(name)
    assert re.fullmatch(r"([a-z0-9]+(-[a-z0-9]+)*)?", slug)
    try:
        assert fields.check_slug(name) == name
    except FieldProblem as problem:
        assert_renders(problem.key, problem.args_)


@FAST
@given(text=MARKDOWN)
def test_markdown_never_carries_script_into_the_page(text):
    assert active_content(render_markdown(text)) == []
    assert isinstance(summarise(text), str)


@FAST
@given(data=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode),
                      st.tuples(st.text(max_size=200), MARKDOWN).map(lambda p: f"---\n{p[0]}\n---\n{p[1]}".encode())))
def test_any_file_reads_or_fails_with_located_errors(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "index.md"
        path.write_bytes(data)
        try:
            read_source(path, "content/products/x/index.md")
        except SiteErrors as errors:
            for error in errors.errors:
                assert error.ref.path == "content/products/x/index.md" and error.ref.line >= 1
                assert_renders(error.key, dict(error.args))


# --- the real pipeline on scratch projects -------------------------------------------------------

PRODUCT_BASE = {"name": "Keripik", "group": "sido", "price": 15000}
PRODUCT_KEYS = ["name", "group", "price", "unit", "variants", "category", "tags", "status", "photos", "alt",
                "pirt", "halal", "shelf_life", "weight_g", "whatsapp", "date", "extra", "harga", "prcie"]
GROUP_BASE = {"name": "KUB Sido", "whatsapp": "0812-0000-0001"}
GROUP_KEYS = ["name", "whatsapp", "village", "district", "regency", "photo", "alt", "founded", "members", "links"]
SITE_BASE = {"title": "Tes", "base_url": "https://example.org/", "categories": {"makanan": "Makanan"}}
SITE_KEYS = ["title", "base_url", "language", "description", "order_message", "categories", "cname", "extra"]
VARIANTS = st.lists(st.fixed_dictionaries({"name": SCALARS, "price": SCALARS}), max_size=3)


def front_matter(base: dict, keys: list[str], special: dict[str, Any] | None = None) -> st.SearchStrategy[str]:
    """YAML text: a valid base with some keys changed or dropped, or hand-typed raw lines."""
    values = st.one_of(VALUES, *(special or {}).values()) if special else VALUES
    changed = st.tuples(st.dictionaries(st.sampled_from(keys), values, max_size=4),
                        st.sets(st.sampled_from(sorted(base)), max_size=1)).map(
        lambda change: {k: v for k, v in {**base, **change[0]}.items() if k not in change[1]})
    dumped = changed.map(lambda data: yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    lines = st.lists(st.tuples(st.sampled_from(keys), st.one_of(PRINTABLE, st.sampled_from(WORDS))), max_size=4)
    typed = lines.map(lambda pairs: yaml.safe_dump(base) + "".join(f"{k}: {v}\n" for k, v in pairs))
    return st.one_of(dumped, dumped, typed, st.text(max_size=80))


def build_outcome(files: dict[str, str | bytes]) -> list[str]:
    """Build a scratch project in-process: [] on success, the located messages otherwise."""
    with tempfile.TemporaryDirectory() as folder:
        project = write_tree(Path(folder) / "site", files)
        try:
            build(project, cache_dir=Path(folder) / "cache")
        except BuildFailed as failure:
            assert failure.messages and all(LOCATED.match(m) for m in failure.messages), failure.messages
            return failure.messages
        pages = list((project / "output").rglob("*.html"))
        assert pages and all(page.read_bytes().decode("utf-8") for page in pages)
        return []


PHOTO = jpeg_bytes((64, 48))


@PIPELINE
@given(product=front_matter(PRODUCT_BASE, PRODUCT_KEYS, {"variants": VARIANTS}), body=MARKDOWN)
def test_any_product_front_matter_builds_or_gives_located_errors(product, body):
    build_outcome({**BASIC_SITE, "content/products/keripik/index.md": f"---\n{product}---\n{body}",
                   "content/products/keripik/depan.jpg": PHOTO})


@PIPELINE
@given(group=front_matter(GROUP_BASE, GROUP_KEYS), story=MARKDOWN)
def test_any_group_front_matter_builds_or_gives_located_errors(group, story):
    build_outcome({**BASIC_SITE, "content/groups/sido/index.md": f"---\n{group}---\n{story}"})


@PIPELINE
@given(site=front_matter(SITE_BASE, SITE_KEYS))
def test_any_site_yaml_builds_or_gives_located_errors(site):
    build_outcome({**BASIC_SITE, "site.yaml": site})


@PIPELINE
@given(data=st.binary(max_size=400), single=st.booleans())
def test_any_bytes_as_a_product_file_build_or_give_located_errors(data, single):
    path = "content/products/keripik.yaml" if single else "content/products/keripik/index.md"
    files = {k: v for k, v in BASIC_SITE.items() if "products" not in k}
    build_outcome({**files, path: data})

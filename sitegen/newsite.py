"""`sitegen new site DIR`: a new group's own catalogue repository, with no sitegen source in it.

The files are planned first (`plan_site_files`, pure: {relative path: text}), then written by
`create_site` into a folder that is absent or empty, so a refusal changes nothing.
"""

from __future__ import annotations

import datetime
import re
import string
from pathlib import Path

from sitegen import __version__, fields
from sitegen.build import builtin_theme_dirs
from sitegen.config import DEFAULT_ORDER_MESSAGE
from sitegen.errors import SiteError, SourceRef
from sitegen.i18n import DEFAULT_LANGUAGE, Strings, load_strings
from sitegen.scaffold import COMMENT_COLUMN, NewRefused, SiteFacts, group_text, product_text

SITE_FILES = Path(__file__).resolve().parent / "sitefiles"
# A real-looking but unassigned number: the first check passes, and the README says to replace it.
EXAMPLE_WHATSAPP = "0812-0000-0000"
CATEGORIES = {
    "id": (("makanan-ringan", "Makanan Ringan"), ("kerajinan", "Kerajinan")),
    "en": (("snacks", "Snacks"), ("crafts", "Crafts")),
}
EXAMPLE_TEXT_SUFFIXES = (".md", ".yaml", ".yml")
EXAMPLE_GROUP = "kub-sidomulyo"  # the example group the README's `new product` line names
# Copied as they are: {name in sitefiles/: path in the new site}.
VERBATIM = {
    "gitignore": ".gitignore",
    "pages.yml": ".github/workflows/pages.yml",
    "sitegen-problems.json": ".github/sitegen-problems.json",
}


def create_site(target: Path, example: bool = False, language: str | None = None,
                today: datetime.date | None = None) -> str:
    """Write a new catalogue into `target` (absent or empty) and return what to do next."""
    language = language or DEFAULT_LANGUAGE
    strings = load_strings(builtin_theme_dirs(), language)
    _refuse_unless_empty(target, strings)
    source = example_source() if example else None
    files = plan_site_files(target.resolve().name, language, strings, source, today or datetime.date.today())
    for relative, text in files.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    count = len(files) + (_draw_example_photos(target / "content") if example else 0)
    return strings.t("newsite.created", path=str(target), count=count)


def plan_site_files(folder: str, language: str, strings: Strings, example: Path | None,
                    today: datetime.date) -> dict[str, str]:
    """Every text file of the new site: settings, content, workflow, README, requirements."""
    if example is None:
        content, group_slug = starter_content(language, strings, today)
        paths = ("content/groups/" + group_slug + "/index.md", next(p for p in content if "/products/" in p))
        site_yaml = site_yaml_text(folder, language, strings)
    else:
        content, group_slug = example_content(example), EXAMPLE_GROUP
        paths = ("content/groups/", "content/products/")
        site_yaml = example_site_yaml(example, language, strings)
    title = _site_title(site_yaml) or _title_from(folder, strings)
    readme = readme_text(language, title=title, folder=folder, version=__version__, group_path=paths[0],
                         product_path=paths[1], group_slug=group_slug)
    files = {"site.yaml": site_yaml, **content, "README.md": readme, "requirements.txt": requirements_text()}
    files.update({target: (SITE_FILES / name).read_text(encoding="utf-8") for name, target in VERBATIM.items()})
    return files


def site_yaml_text(folder: str, language: str, strings: Strings) -> str:
    """A commented site.yaml that passes `sitegen check` as it is, with the admin section as comments."""
    categories = "".join(f"\n  {slug}: {name}" for slug, name in CATEGORIES[language])
    values = (
        ("title", _quoted(_title_from(folder, strings))),
        ("base_url", f'"https://example.github.io/{fields.slugify(folder) or "katalog"}/"'),
        ("language", language),
        ("description", _quoted(strings.t("newsite.site.description_example"))),
        ("order_message", _quoted(DEFAULT_ORDER_MESSAGE[language])),
    )
    lines = [f"# {strings.t('newsite.site.intro')}"]
    lines += [_aligned(f"{key}: {value}", strings.t(f"newsite.site.{key}")) for key, value in values]
    lines.append(_aligned("categories:", strings.t("newsite.site.categories")) + categories)
    return "\n".join(lines) + "\n" + admin_comment(strings)


def admin_comment(strings: Strings) -> str:
    """The `admin:` section, every line commented out: the defaults are right for GitHub Pages."""
    lines = (("admin:", "admin"), ("  repo: owner/name", "admin_repo"), ("  branch: main", "admin_branch"),
             ("  auth_url: https://...", "admin_auth_url"))
    return "\n" + "".join(_aligned("# " + head, strings.t(f"newsite.site.{key}")) + "\n" for head, key in lines)


def starter_content(language: str, strings: Strings, today: datetime.date) -> tuple[dict[str, str], str]:
    """One group and one product (no photos) that pass `sitegen check`; also returns the group's slug."""
    group_name, product_name = strings.t("newsite.group_name"), strings.t("newsite.product_name")
    group_slug, product_slug = fields.slugify(group_name), fields.slugify(product_name)
    facts = SiteFacts(language, tuple(sorted(slug for slug, _ in CATEGORIES[language])), "")
    content = {
        f"content/groups/{group_slug}/index.md": group_text(group_name, EXAMPLE_WHATSAPP, strings),
        f"content/products/{product_slug}/index.md": product_text(product_name, group_slug, facts, strings, today),
    }
    return content, group_slug


def example_source() -> Path:
    """The bundled example (site.yaml and content/): this checkout's, else the installed package's copy."""
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "content").is_dir():
        return checkout
    # Package data beside this module; `sitegen.example` has no __init__.py, so importlib.resources
    # would hand back a namespace MultiplexedPath instead of a folder.
    return Path(__file__).resolve().parent / "example"


def example_content(source: Path) -> dict[str, str]:
    """The example's text files under content/; its photos are drawn, not copied."""
    root = source / "content"
    return {path.relative_to(source).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(root.rglob("*")) if path.is_file() and path.suffix in EXAMPLE_TEXT_SUFFIXES}


def example_site_yaml(source: Path, language: str, strings: Strings) -> str:
    """The example's site.yaml in the chosen language, with the commented admin section added."""
    text = (source / "site.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^language: *\S+ *$", f"language: {language}", text, count=1)
    return text.rstrip("\n") + "\n" + admin_comment(strings)


def readme_text(language: str, **values: str) -> str:
    """The new site's README in its language: the three steps to a live site and a working admin."""
    template = (SITE_FILES / f"README.{language}.md").read_text(encoding="utf-8")
    return string.Template(template).substitute(values)


DISTRIBUTION = "sitegen-katalog"  # the name on PyPI ("sitegen" there is an unrelated project)


def requirements_text(origin: dict | None = None) -> str:
    """Pins the sitegen that made the site, so a later release never changes it unasked.

    `origin` is how this sitegen was installed (PEP 610's direct_url.json, default: read from the
    installed package): one installed from a Git repository is pinned to that repository and commit,
    which the site's workflow can install before any release is on PyPI; otherwise the release.
    """
    origin = _installed_from() if origin is None else origin
    vcs, url = origin.get("vcs_info", {}), str(origin.get("url", ""))
    if vcs.get("vcs") == "git" and vcs.get("commit_id") and url.startswith("https://"):
        return f"{DISTRIBUTION} @ git+{url}@{vcs['commit_id']}\n"
    return f"{DISTRIBUTION}=={__version__}\n"


def _installed_from() -> dict:
    import json
    from importlib import metadata

    try:
        text = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
        origin = json.loads(text) if text else {}
    except (metadata.PackageNotFoundError, ValueError):
        return {}
    return origin if isinstance(origin, dict) else {}


def _refuse_unless_empty(target: Path, strings: Strings) -> None:
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise NewRefused(strings.format_error(SiteError(SourceRef(str(target)), "new_site_not_empty", {})))


def _draw_example_photos(content: Path) -> int:
    from sitegen.examplephotos import draw_example_photos  # Pillow drawing, only for --example

    return draw_example_photos(content)


def _site_title(site_yaml: str) -> str:
    match = re.search(r'(?m)^title: *"([^"\\]*)"', site_yaml)
    return match.group(1) if match else ""


def _title_from(folder: str, strings: Strings) -> str:
    words = [word for word in re.split(r"[\s_.-]+", folder) if word]
    title = " ".join(word[:1].upper() + word[1:] for word in words)
    return title if re.search(r"\w", title) else strings.t("newsite.site.title_default")


def _aligned(head: str, comment: str) -> str:
    # YAML needs a space before "#"; two keep a long value readable (as in scaffold).
    return f"{head:<{COMMENT_COLUMN - 2}}  # {comment}"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

"""The web admin as a volunteer uses it: the real pinned Sveltia CMS at 360 × 740, local repository.

Each test edits a scratch catalogue through the forms, copies what the CMS wrote back to the disk
and lets the real `sitegen check` and `sitegen build` judge it.
"""

from __future__ import annotations

import io
import shutil
import json
import re
import urllib.parse
from pathlib import Path

import pytest
from PIL import Image

from tests.admincms import SHOTS, AdminSession, require_sveltia
from tests.conftest import BASIC_SITE, REPO, files_of, jpeg_bytes, run_sitegen, write_tree

PASTED_NUMBER = "\u202a+62 812\u20110000\u20110001\u202c"  # 0812-0000-0001 as WhatsApp copies it
MARK = " [sitegen-round-trip]"  # no `_` or `~`: a name with them is refused by the form

SITE = {
    **BASIC_SITE,
    "content/products/keripik/index.md": "---\nname: Keripik\ngroup: sido\nprice: 15000\n---\nRenyah.\n",
    "content/products/rempeyek/index.md": "---\nname: Rempeyek\ngroup: sido\nprice: \"Rp 12.000\"\n---\nGurih.\n",
}


@pytest.fixture
def admin(browser, tmp_path):
    """An admin session on a freshly built scratch catalogue."""
    require_sveltia()

    def start(files: dict[str, str | bytes] = SITE, sign_in: bool = True) -> AdminSession:
        project = write_tree(tmp_path / "site", files)
        built = run_sitegen("build", "--project", str(project), "--output", str(tmp_path / "out"))
        assert built.returncode == 0, built.stderr
        session = AdminSession(browser, project, tmp_path / "out")
        sessions.append(session)
        if sign_in:
            session.open()
        return session

    sessions: list[AdminSession] = []
    yield start
    for session in sessions:
        assert not session.errors, session.errors
        session.close()


def phone_photo() -> bytes:
    """4000 × 3000 at JPEG quality 90 with a phone's grain (about 3 MB), held upright (EXIF 6), with GPS."""
    grain = Image.effect_noise((4000, 3000), 24).convert("RGB")
    scene = Image.linear_gradient("L").resize((4000, 3000)).convert("RGB")
    photo = Image.blend(scene, grain, 0.35)
    plain = Image.open(io.BytesIO(jpeg_bytes((8, 8), orientation=6, gps=True)))
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=90, exif=plain.getexif().tobytes())
    return buffer.getvalue()


def upload_photo(session: AdminSession, index: int, photo: Path, alt: str) -> None:
    """Add a photo entry, pick a file from the phone through the CMS's own dialog, describe it."""
    session.field("photos").get_by_role("button", name="Add").last.click()
    session.field(f"photos.{index}.file").get_by_role("button", name="Browse").click()
    dialog = session.page.get_by_role("dialog")
    upload = dialog.get_by_role("button", name="Upload")
    # The media dialog lists the repository's files first; on a loaded CI machine that took over 30 s once.
    upload.wait_for(timeout=90000)
    with session.page.expect_file_chooser(timeout=60000) as chooser:
        upload.click()
    chooser.value.set_files(str(photo))
    insert = dialog.get_by_role("button", name="Insert")
    session.page.wait_for_function("(b) => !b.disabled", arg=insert.element_handle(), timeout=30000)
    insert.click()
    # The CMS shrinks and re-encodes the photo in the browser before it shows the new file name.
    session.field(f"photos.{index}.file").get_by_text(re.compile(r"\.webp$")).wait_for(timeout=60000)
    session.field(f"photos.{index}.alt").locator("input").fill(alt)


def add_variant(session: AdminSession, index: int, name: str, price: str) -> None:
    session.field("variants").get_by_role("button", name="Add").last.click()
    session.field(f"variants.{index}.name").locator("input").fill(name)
    session.field(f"variants.{index}.price").locator("input").fill(price)


def test_create_edit_and_delete_products_through_the_admin(admin, tmp_path):
    camera = tmp_path / "IMG_20261201_101500.jpg"  # a phone photo: 4000 × 3000, held upright (EXIF 6), with GPS
    camera.write_bytes(phone_photo())
    small = tmp_path / "kemasan.jpg"
    small.write_bytes(jpeg_bytes((1200, 900), color=(40, 120, 200)))
    session = admin()
    session.shot("01-collections")

    # 1. A new product with two variants and two photos.
    session.page.goto(f"{session.origin}/site/admin/#/collections/products/new")
    # A name the CMS would make a folder of that check refuses (`kue_bolu/`) is refused by the form.
    session.field("name").locator("input").first.fill("Kue_Bolu")
    session.page.get_by_role("button", name="Save", exact=True).click()
    session.field("name").get_by_text("jangan pakai tanda _ atau ~").first.wait_for()
    session.field("name").locator("input").first.fill("Keripik Singkong Balado")
    session.shot("02-new-product")
    add_variant(session, 0, "100 g", "15000")
    add_variant(session, 1, "250 g", "Rp 32.000")
    upload_photo(session, 0, camera, "Keripik singkong balado dalam kemasan")
    upload_photo(session, 1, small, "Kemasan tampak belakang")
    session.shot("03-photos")
    session.save()
    session.shot("04-saved")

    # 2. An existing product: a new price, and sold out.
    session.edit("products", "keripik")
    session.field("price").locator("input").fill("17500")
    session.field("status").get_by_text("Habis", exact=True).click()
    session.save()
    # The group's number pasted from WhatsApp: wrapped in direction marks, with non-breaking hyphens.
    session.edit("groups", "sido")
    session.field("whatsapp").locator("input").fill(PASTED_NUMBER)
    session.save()

    # 3. A product deleted.
    session.edit("products", "rempeyek")
    session.page.get_by_role("button", name="Show Editor Options").click()
    session.page.get_by_role("menuitem", name=re.compile("Delete")).click()
    session.shot("05-delete")
    session.page.get_by_role("alertdialog").get_by_role("button", name="Delete").click()
    session.page.wait_for_function("() => !location.hash.includes('rempeyek')")
    session.shot("05-deleted")

    files = session.read_back()
    project = session.project
    created = project / "content/products/keripik-singkong-balado"
    assert "content/products/rempeyek/index.md" not in files
    assert "\u2011" in files["content/groups/sido/index.md"].decode(), "the form refused the pasted number"
    check = run_sitegen("check", "--project", str(project))
    assert check.returncode == 0, check.stderr
    assert "warning" not in check.stderr.lower() and "peringatan" not in check.stderr, check.stderr

    photos = sorted(p for p in created.iterdir() if p.name != "index.md")
    assert len(photos) == 2
    for photo in photos:  # what the admin committed: small, re-encoded, no metadata
        with Image.open(photo) as image:
            assert max(image.size) <= 2048
            assert not image.getexif() and "exif" not in image.info and "xmp" not in image.info
    camera_copy = next(p for p in photos if "img" in p.name.lower())
    with Image.open(camera_copy) as image:
        assert image.height > image.width, "the phone photo must be stored upright (portrait)"
        (SHOTS / "upload-size.txt").write_text(
            f"{camera.name}: {camera.stat().st_size} bytes, 4000x3000 → {camera_copy.name}: "
            f"{camera_copy.stat().st_size} bytes, {image.width}x{image.height}\n")

    out = tmp_path / "out2"
    built = run_sitegen("build", "--project", str(project), "--output", str(out))
    assert built.returncode == 0, built.stderr
    page = (out / "produk/keripik-singkong-balado/index.html").read_text(encoding="utf-8")
    links = [urllib.parse.unquote(m) for m in re.findall(r'href="(https://wa\.me/62[^"]+)"', page)]
    assert any("100 g" in link and "15.000" in link for link in links), links
    assert any("250 g" in link and "32.000" in link for link in links), links
    assert links and all(link.startswith("https://wa.me/6281200000001?text=") for link in links)
    keripik = (out / "produk/keripik/index.html").read_text(encoding="utf-8")
    assert "17.500" in keripik and "Habis" in keripik
    assert not (out / "produk/rempeyek").exists()


def example_copy(tmp_path: Path) -> dict[str, str | bytes]:
    """The bundled example with its photos shrunk, so the browser copy stays small."""
    files: dict[str, str | bytes] = {"site.yaml": (REPO / "site.yaml").read_text(encoding="utf-8")}
    for path in sorted((REPO / "content").rglob("*")):
        if path.is_file():
            rel = path.relative_to(REPO).as_posix()
            files[rel] = _shrunk(path) if path.suffix.lower() == ".jpg" else path.read_bytes()
    return files


def _shrunk(path: Path) -> bytes:
    with Image.open(path) as image:
        exif = image.getexif()
        image.thumbnail((640, 640))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=70, exif=exif.tobytes())
        return buffer.getvalue()


def admin_entries(project: Path, config_file: Path) -> list[tuple[str, str, str]]:
    """(collection, entry id, name field) for every file the admin's folder collections list."""
    import yaml

    entries = []
    for collection in yaml.safe_load(config_file.read_text(encoding="utf-8"))["collections"]:
        if "folder" not in collection:
            continue
        pattern = collection.get("path", "{{slug}}").replace("{{slug}}", "*") + "." + collection["extension"]
        for file in sorted((project / collection["folder"]).glob(pattern)):
            entry = file.relative_to(project / collection["folder"]).as_posix().rsplit(".", 1)[0]
            entries.append((collection["name"], entry, "name"))
    return entries


def test_every_example_entry_opens_and_saves_back_with_its_meaning_unchanged(admin, tmp_path):
    """Open each product, group and the settings in the admin and save it: the site stays byte-identical.

    Save is enabled only by a change, so each entry's name gets a mark that is taken out again on disk.
    """
    session = admin(example_copy(tmp_path))
    before = files_of(tmp_path / "out")
    entries = admin_entries(session.project, tmp_path / "out" / "admin" / "config.yml")
    assert len(entries) == len(list(session.project.glob("content/*/*/index.*"))) + len(
        list(session.project.glob("content/*/*.md")))  # every product and group file of the example
    for collection, entry, key in entries + [("settings", "site", "title")]:
        session.page.goto(f"{session.origin}/site/admin/#/collections/{collection}/entries/{entry}")
        box = session.field(key).locator("input").first
        box.wait_for()
        box.fill(box.input_value() + MARK)
        session.save()
    written = session.read_back()
    marked = [path for path, data in written.items() if MARK.encode() in data]
    unsaved = [path for path in written if path.endswith((".md", ".yaml")) and path not in marked]
    assert len(marked) == len(entries) + 1, unsaved
    for path in marked:
        target = session.project / path
        target.write_bytes(target.read_bytes().replace(MARK.encode(), b""))
    check = run_sitegen("check", "--project", str(session.project))
    assert check.returncode == 0, check.stderr
    run_sitegen("build", "--project", str(session.project), "--output", str(tmp_path / "again"))
    after = files_of(tmp_path / "again")
    changed = sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))
    assert changed == []


def pull_request_annotations(check_output: str) -> list[tuple[str, int, str]]:
    """What the Pages workflow's problem matcher turns `sitegen check` errors into on a pull request."""
    matcher = json.loads((REPO / ".github" / "sitegen-problems.json").read_text(encoding="utf-8"))
    error = next(m for m in matcher["problemMatcher"] if m["owner"] == "sitegen-error")["pattern"][0]
    found = [re.match(error["regexp"], line) for line in check_output.splitlines()]
    return [(m.group(1), int(m.group(2)), m.group(3)) for m in found if m]


def test_mistakes_made_in_the_admin_fail_the_check_with_file_and_line(admin):
    session = admin()
    # A price written in words is refused by the form itself, before anything is saved.
    session.edit("products", "keripik")
    session.field("price").locator("input").fill("lima belas ribu")
    session.page.get_by_role("button", name="Save", exact=True).click()
    session.field("price").get_by_text("Rp 15.000").first.wait_for()  # the pattern's message, in Indonesian
    session.shot("06-price-refused")
    session.page.get_by_role("button", name="Show Editor Options").click()
    session.page.get_by_role("menuitem", name=re.compile("Revert")).click()
    session.page.wait_for_timeout(500)
    if session.page.get_by_role("alertdialog").count():
        session.page.get_by_role("alertdialog").get_by_role("button").first.click()

    # A product with neither price nor variants is accepted by the form (either one will do) ...
    session.edit("products", "rempeyek")
    session.field("price").locator("input").fill("")
    session.save()
    # A group that products still name cannot be deleted in the admin: the CMS knows the links.
    session.edit("groups", "sido")
    session.page.get_by_role("button", name="Show Editor Options").click()
    session.page.get_by_role("menuitem", name=re.compile("Delete")).click()
    confirm = session.page.get_by_role("alertdialog")
    assert confirm.get_by_role("button", name="Delete").is_disabled()
    session.shot("07-group-in-use")
    confirm.get_by_role("button", name="Cancel").click()

    files = session.read_back()
    # Deleted another way (the GitHub web editor), the group's products fail the check instead.
    shutil.rmtree(session.project / "content/groups/sido")
    assert b"15000" in files["content/products/keripik/index.md"]  # the refused edit changed nothing
    check = run_sitegen("check", "--project", str(session.project))
    assert check.returncode == 1
    annotations = pull_request_annotations(check.stderr)
    where = {(path, line) for path, line, _ in annotations}
    assert ("content/products/rempeyek/index.md", 1) in where, check.stderr
    assert any(path == "content/products/keripik/index.md" and "sido" in message
               for path, line, message in annotations), check.stderr
    lines = files["content/products/keripik/index.md"].decode().splitlines()
    group_line = next(number for number, line in enumerate(lines, 1) if line.startswith("group:"))
    assert ("content/products/keripik/index.md", group_line) in where, check.stderr


def test_sign_in_offers_a_repository_token_and_the_local_folder(admin):
    session = admin(sign_in=False)
    session.open_sign_in()
    session.shot("00-sign-in")
    session.page.get_by_role("button", name="Sign In Using Access Token").click()
    session.page.get_by_text("Enter your token below").wait_for()
    session.shot("00-token")
    assert "Sign In with GitHub" not in session.page.inner_text("body")  # no auth worker set: token only

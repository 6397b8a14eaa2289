"""The review page in a real browser: headless Chromium (Debian's, never a downloaded one) driven
by Playwright against the real app (``pipeline api``, uvicorn) on PostgreSQL and a local blob
directory, with documents read by the real pipeline (``pipeline ingest --wait``, the eager path).

It logs in with a review key, opens a text W-2 and a scanned one, checks that every box drawn
on a page sits where its record's bbox says, and that the page under each box shows the
record's value (read back with tesseract from the very image the page shows); uses the page by
keyboard; corrects a value and finds it in the export; and checks that the page images hide
the SSNs printed on them but for the last four digits. Screenshots are kept in
``var/test-artifacts/review/``."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdf
import pytest
from PIL import Image, ImageChops

from pipeline.db import migrations
from pipeline.domain.model import FileType
from pipeline.logging import redact_log_text
from pipeline.samples import generate_samples
from pipeline.text.render import render_page_png
from tests.support.api_server import ApiServer
from tests.support.postgres import temporary_database
from tests.support.processes import ROOT, run_pipeline
from tests.support.services import require

pytestmark = pytest.mark.e2e

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "var" / "test-artifacts" / "review"
PII_KEY = "review-page-tests-0123456789abcdef"


def _playwright() -> Any:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "the playwright package")
    return sync_playwright


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """PostgreSQL (a database of its own), local blobs, the eager pipeline; a text and a scanned
    W-2 read to COMPLETED; a review key; the API server running."""
    require(shutil.which("tesseract") is not None, "tesseract")
    require(CHROMIUM.is_file(), f"Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    _playwright()
    tmp = tmp_path_factory.mktemp("review")
    with temporary_database(prefix="pipeline_review") as url:
        migrations.upgrade(url)
        env = {k: v for k, v in os.environ.items() if not k.startswith("PIPELINE_")}
        env |= {
            "PIPELINE_DATABASE_URL": url,
            "PIPELINE_VAR_DIR": str(tmp / "var"),
            "PIPELINE_BLOB_DIR": str(tmp / "blobs"),
            "PIPELINE_PII_KEY": PII_KEY,
        }
        samples = tmp / "samples"
        generate_samples(samples)
        (tmp / "in").mkdir()
        for name in ("w2.pdf", "w2-scan.png"):
            shutil.copy(samples / name, tmp / "in" / name)
        results = json.loads(run_pipeline(tmp, "ingest", "in/", "--wait", "--json", env=env))
        assert {r["status"] for r in results} == {"COMPLETED"}, results
        key = run_pipeline(
            tmp, "apikey", "create", "--name", "Ana Reviewer", "--scope", "review", env=env
        )
        read_only = run_pipeline(
            tmp, "apikey", "create", "--name", "Reader", "--scope", "read", env=env
        )
        server = ApiServer(env, tmp / "api.log").start()
        try:
            yield {
                "env": env,
                "tmp": tmp,
                "url": server.url,
                "key": key.strip(),
                "read_only_key": read_only.strip(),
                "documents": {r["filename"]: r["document_id"] for r in results},
                "server": server,
            }
        finally:
            server.stop()


@pytest.fixture(scope="module")
def browser(stack: dict[str, Any]) -> Iterator[Any]:
    with _playwright()() as p:
        # Debian's chromium; as root it needs --no-sandbox. Playwright never downloads one.
        launched = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Any, stack: dict[str, Any]) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    try:
        yield tab
    finally:
        context.close()


def _shot(page: Any, name: str) -> None:
    """The whole page as laid out in a window that tall (Chromium's full_page capture draws the
    SVG overlay of the layout before its scrollbar went, off by the scrollbar's width)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    height = page.evaluate("() => document.documentElement.scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(max(height, 200), 4000)})
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    page.set_viewport_size(size)


def _log_in(page: Any, stack: dict[str, Any]) -> None:
    page.goto(f"{stack['url']}/review")
    assert page.url.endswith("/review/login")  # sent to log in first
    page.get_by_label("API key").fill(stack["key"])
    page.keyboard.press("Enter")
    page.wait_for_url(f"{stack['url']}/review")


def _open(page: Any, stack: dict[str, Any], filename: str) -> None:
    page.get_by_role("link", name=filename).click()
    page.wait_for_url(re.compile(r"/review/documents/"))
    page.wait_for_function(
        "() => [...document.querySelectorAll('.frame img')]"
        ".every(i => i.complete && i.naturalWidth > 0)"
    )


def _drawn_boxes(page: Any) -> list[dict[str, Any]]:
    """Each drawn box: its record, bbox, and its place in the page image as fractions of the
    image's rendered size (from the browser's layout)."""
    boxes: list[dict[str, Any]] = page.evaluate(
        """() => [...document.querySelectorAll('rect.box')].map(rect => {
            const img = rect.closest('.frame').querySelector('img');
            const r = rect.getBoundingClientRect(), i = img.getBoundingClientRect();
            return {record: rect.dataset.record, bbox: rect.dataset.bbox.split(',').map(Number),
                    page: Number(img.dataset.page),
                    drawn: [(r.left - i.left) / i.width, (r.top - i.top) / i.height,
                            (r.right - i.left) / i.width, (r.bottom - i.top) / i.height],
                    imageWidth: i.width, imageHeight: i.height};
        })"""
    )
    return boxes


def _ocr_under(png: bytes, bbox: list[float]) -> str:
    """The text tesseract reads in the page image under ``bbox`` (a little margin around it)."""
    import pytesseract

    image = Image.open(io.BytesIO(png)).convert("L")
    w, h = image.size
    left, top, right, bottom = bbox
    crop = image.crop(
        (
            max(0, int(left * w) - 6),
            max(0, int(top * h) - 4),
            min(w, int(right * w) + 6),
            min(h, int(bottom * h) + 4),
        )
    )
    crop = crop.resize((crop.width * 3, crop.height * 3), Image.Resampling.LANCZOS)
    return str(pytesseract.image_to_string(crop, config="--psm 6"))


def _export(page: Any, stack: dict[str, Any], document_id: str) -> dict[str, Any]:
    response = page.request.get(f"{stack['url']}/review/documents/{document_id}/export.json")
    assert response.ok, response.status
    doc: dict[str, Any] = response.json()
    return doc


@pytest.mark.parametrize("filename", ["w2.pdf", "w2-scan.png"])
def test_boxes_land_on_the_words_of_their_records(
    page: Any, stack: dict[str, Any], filename: str
) -> None:
    _log_in(page, stack)
    _shot(page, "documents")
    _open(page, stack, filename)
    _shot(page, f"document-{filename.replace('.', '-')}")
    document_id = stack["documents"][filename]
    export = _export(page, stack, document_id)
    records = {
        f"{kind}-{r['id']}": r
        for kind, key in (("borrower", "borrowers"), ("income_record", "income_records"))
        for r in export[key]
    }
    boxes = _drawn_boxes(page)
    assert {b["record"] for b in boxes} >= set(records)  # every record is drawn
    image = page.request.get(f"{stack['url']}/review/documents/{document_id}/pages/1.png")
    assert image.ok
    for box in boxes:
        # Drawn where the bbox says, scaled to the image as shown (within a pixel or so).
        for drawn, wanted, size in zip(
            box["drawn"], box["bbox"], [box["imageWidth"], box["imageHeight"]] * 2, strict=True
        ):
            assert abs(drawn - wanted) * size < 2.5, box
        # ... and on the record's words: the image under the box shows its value.
        record = records[box["record"]]
        read = _ocr_under(image.body(), box["bbox"])
        if "amount" in record:
            wanted_digits = record["amount"].replace(".", "")
            assert wanted_digits in re.sub(r"\D", "", read), (record["amount"], read)
        else:
            surname = record["name"].split()[-1].lower()
            assert surname in read.lower(), (record["name"], read)
    # No SSN or full account number in the page (the printed ones are in the text W-2's text
    # layer), nothing SSN- or account-shaped at all; only last fours.
    html = re.sub(r'name="csrf_token" value="[^"]*"', "", page.content())
    assert redact_log_text(html) == html
    printed = re.findall(
        r"\d{3}-\d{2}-\d{4}",
        pypdf.PdfReader(stack["tmp"] / "in" / "w2.pdf").pages[0].extract_text(),
    )
    assert printed  # the test W-2 does print an SSN
    for ssn in printed:
        assert ssn.replace("-", "") not in re.sub(r"\D", "", html)


def test_page_images_hide_ssns_but_their_last_four(page: Any, stack: dict[str, Any]) -> None:
    import pytesseract

    _log_in(page, stack)
    for filename, file_type in (("w2.pdf", FileType.PDF), ("w2-scan.png", FileType.PNG)):
        path = f"/documents/{stack['documents'][filename]}/pages/1.png?width=1400"
        # The control: the file as printed, drawn by the same renderer; its SSN is legible.
        plain = render_page_png(
            stack["tmp"] / "in" / filename, file_type, 1, 1400, max_pixels=100_000_000
        )
        as_printed = Image.open(io.BytesIO(plain)).convert("L")
        printed = re.findall(r"\d{3}-\d{2}-\d{4}", pytesseract.image_to_string(as_printed))
        assert printed, f"{filename}: no SSN read on the page as printed (control)"
        # The review page's image and the API's (a read key) both hide it.
        reviewed = page.request.get(f"{stack['url']}/review{path}")
        api = page.request.get(
            f"{stack['url']}/v1{path}", headers={"X-API-Key": stack["read_only_key"]}
        )
        assert reviewed.ok and api.ok
        assert api.body() == reviewed.body()
        shown = Image.open(io.BytesIO(reviewed.body())).convert("L")
        seen = pytesseract.image_to_string(shown)
        for ssn in set(printed):
            assert ssn not in seen and ssn.replace("-", "") not in re.sub(r"\D", "", seen)
        # Only the identifiers are covered: the rest of the page is the page as printed.
        changed = sum(ImageChops.difference(shown, as_printed).histogram()[1:])
        assert 0 < changed < 0.01 * shown.width * shown.height


def test_records_by_keyboard_low_confidence_first_then_a_correction_reaches_the_export(
    page: Any, stack: dict[str, Any]
) -> None:
    _log_in(page, stack)
    _open(page, stack, "w2-scan.png")
    confidences = [
        float(text.split()[-1]) for text in page.locator(".record-button .conf").all_inner_texts()
    ]
    threshold = 0.8
    low = [c < threshold for c in confidences]
    assert low == sorted(low, reverse=True)  # those under the threshold come first

    # Keyboard: Tab from the page's start reaches the first record; focusing it opens it.
    page.locator("main").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('record-button')"):
            break
    focused = page.locator(".record-button:focus")
    key = focused.get_attribute("data-record")
    assert focused.get_attribute("aria-expanded") == "true"
    detail = page.locator(f"#detail-{key}")
    assert detail.is_visible()
    assert detail.locator(".snippet").first.inner_text().strip()
    assert detail.locator(".section").first.inner_text().strip()
    assert re.fullmatch(r"\d\.\d{3}", detail.locator(".confidence").inner_text().strip())
    assert page.locator(f'rect.box.selected[data-record="{key}"]').count() >= 1
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible
    _shot(page, "record-focused")

    # Correct the wage figure with the keyboard: its form's field, value, Enter.
    income_key = page.locator('.record-button[data-record^="income_record-"]').get_attribute(
        "data-record"
    )
    page.locator(f'.record-button[data-record="{income_key}"]').click()
    form = page.locator(f"#detail-{income_key} form.correct")
    form.get_by_label("Field").select_option("amount")
    value = form.get_by_label("Correct value")
    before = value.input_value()
    value.fill("40,001.50")
    value.press("Enter")
    page.wait_for_url(re.compile(r"saved="))
    assert "Correction saved" in page.get_by_role("status").inner_text()
    assert page.locator(f"#{income_key} .flag.corrected").is_visible()
    _shot(page, "after-correction")

    export = _export(page, stack, stack["documents"]["w2-scan.png"])
    (income,) = export["income_records"]
    assert income["amount"] == "40001.50" and income["corrected"] is True
    assert income["original"] == {"amount": before}
    # The command-line export reads the same database and shows the same.
    (cli_doc,) = json.loads(
        run_pipeline(
            stack["tmp"],
            "export",
            "--document",
            stack["documents"]["w2-scan.png"],
            env=stack["env"],
        )
    )
    assert cli_doc["income_records"][0]["amount"] == "40001.50"

    # A refused value says why, on the record, and stores nothing.
    page.locator(f'.record-button[data-record="{income_key}"]').click()
    form = page.locator(f"#detail-{income_key} form.correct")
    form.get_by_label("Field").select_option("year")
    form.get_by_label("Correct value").fill("1492")
    form.get_by_role("button", name="Save correction").click()
    assert "between 1900 and 2100" in page.get_by_role("alert").inner_text()
    assert page.locator(f"#detail-{income_key}").is_visible()
    assert (
        _export(page, stack, stack["documents"]["w2-scan.png"])["income_records"][0]["year"]
        == income["year"]
    )


def test_log_in_cookie_and_csrf(page: Any, stack: dict[str, Any]) -> None:
    url = stack["url"]
    page.goto(f"{url}/review/login")
    page.get_by_label("API key").fill(stack["read_only_key"])
    page.get_by_role("button", name="Log in").click()
    assert "no 'review' scope" in page.get_by_role("alert").inner_text()
    page.get_by_label("API key").fill("plk_not-a-key")
    page.get_by_role("button", name="Log in").click()
    assert "unknown or revoked" in page.get_by_role("alert").inner_text()

    _log_in(page, stack)
    cookies = {c["name"]: c for c in page.context.cookies()}
    session = cookies["pipeline_api_key"]
    assert session["httpOnly"] is True and session["sameSite"] == "Strict"
    assert cookies["pipeline_review_csrf"]["httpOnly"] is True
    assert page.evaluate("() => document.cookie") == ""  # neither is readable by scripts

    # A POST carrying the key cookie but not the page's token is refused, and stores nothing.
    document_id = stack["documents"]["w2.pdf"]
    income = _export(page, stack, document_id)["income_records"][0]
    forged = page.request.post(
        f"{url}/review/documents/{document_id}/corrections",
        form={
            "record_type": "income_record",
            "record_id": income["id"],
            "action": "reject",
            "csrf_token": "forged",
        },
    )
    assert forged.status == 403
    assert _export(page, stack, document_id)["income_records"][0]["rejected"] is False

    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(f"{url}/review/login")
    page.goto(f"{url}/review")
    assert page.url.endswith("/review/login")

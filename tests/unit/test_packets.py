"""Loan packets: the packet generator's labels, splitting a file into its documents, and how
``pipeline eval`` scores pages and boundaries."""

from __future__ import annotations

import io
import random

import pypdf
import pytest

from pipeline.domain.pages import Page, TextMethod, Word
from pipeline.evaluation import evaluate
from pipeline.extraction import extract_document
from pipeline.samples import filler
from pipeline.samples.packets import build_packet
from pipeline.samples.randomized import corpus as randomized
from pipeline.samples.randomized import people
from pipeline.text import TextLimits
from tests.support import docs

LIMITS = TextLimits(max_pages=50, max_image_pixels=150_000_000, ocr_timeout_seconds=60)


def text_pages(pdf: bytes) -> list[Page]:
    return docs.text_layer_pages(pdf, blank_pages=True)


def joined(*pdfs: bytes) -> bytes:
    writer = pypdf.PdfWriter()
    for pdf in pdfs:
        for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def parts(pdf: bytes) -> list[tuple[str, tuple[int, ...]]]:
    return [(r.doc_type, r.pages) for r in extract_document(text_pages(pdf))]


@pytest.mark.parametrize("vendors", [False, True])
@pytest.mark.parametrize("packet", range(4))
def test_packet_truth_labels_every_page_and_offsets_records(packet: int, vendors: bool) -> None:
    pdf, truth = build_packet(3, packet, vendors=vendors)
    count = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert sorted(map(int, truth["pages"])) == list(range(1, count + 1))
    for part in truth["parts"]:
        first, last = part["pages"]
        assert all(truth["pages"][str(n)] == part["doc_type"] for n in range(first, last + 1))
    covered = {n for p in truth["parts"] for n in range(p["pages"][0], p["pages"][1] + 1)}
    unknown = {int(n) for n, kind in truth["pages"].items() if kind == "unknown"}
    assert covered | unknown == set(range(1, count + 1)) and not covered & unknown
    for record in truth["income_records"] + truth["account_numbers"]:
        assert truth["pages"][str(record["page"])] != "unknown"
    assert build_packet(3, packet, vendors=vendors) == (pdf, truth)  # by (seed, index)
    sources = truth["notes"].split("; ")
    documents = [s for s in sources if not s.startswith("filler/")]
    vendor = [s for s in documents if s.startswith(("wild/", "bazaar/"))]
    assert len(vendor) == (len(documents) if vendors else 0)


def test_two_w2s_in_a_row_are_two_documents_and_copies_of_one_are_one() -> None:
    first, _ = randomized.build_document(5, "w2", 0)
    second, _ = randomized.build_document(5, "w2", 1)
    assert parts(joined(first.pdf, second.pdf)) == [
        ("w2", tuple(range(1, first.pages + 1))),
        ("w2", tuple(range(first.pages + 1, first.pages + second.pages + 1))),
    ]
    # the same W-2 printed twice (Copy B, then Copy C on the next page) is one document
    assert parts(joined(first.pdf, first.pdf)) == [("w2", tuple(range(1, 2 * first.pages + 1)))]


def test_two_pay_stubs_and_two_returns_in_a_row_are_split() -> None:
    stubs = [randomized.build_document(11, "paystub", i)[0] for i in (0, 1)]
    returns = [randomized.build_document(11, "form_1040", i)[0] for i in (0, 1)]
    pdf = joined(*(d.pdf for d in stubs + returns))
    found = parts(pdf)
    assert [kind for kind, _ in found] == ["paystub", "paystub", "form_1040", "form_1040"]
    sizes = [d.pages for d in stubs + returns]
    assert [len(pages) for _, pages in found] == sizes


def test_a_stub_printing_another_period_and_no_first_page_label_starts_a_new_document() -> None:
    """Two scanned stubs in a row whose titles and labels name no first page ("Payroll Advice",
    "Date Paid", "Advice Date"): the second prints none of the first's dates, so it is another
    stub; a stub's second page repeating its period stays with it."""

    def ocr(n: int, *lines: str) -> Page:
        return Page(number=n, text="\n".join(lines), method=TextMethod.OCR)

    first = ocr(1, "PAYROLL ADVICE", "Company: Brightwater Property Management Corp.",
                "RENEE R THISTLEWOOD  File Number: 499056",
                "19007 KINGS MILE DRIVE  Period: 12/23/2021 01/05/2022",
                "FRESNO, CA 93770  Date Paid: 01/05/2022", "Pay Cycle: BIWEEKLY",
                "Total Earnings  Total Taxes  Deductions  Take Home Pay",
                "This Period  $1,902.40  $310.59  $192.14  $1,399.67",
                "YTD Amount  $1,902.40  $310.59  $192.14  $1,399.67")  # fmt: skip
    second = ocr(2, "Pay Stub", "Company Name: Westbrook Outfitters Ltd.",
                 "Bernadette S Whitcombe  Employee No.: 40542",
                 "7561 Ivywood Lane  SSN: xxx-xx-3081",
                 "Fresno CA 93705  Period: 12/29/2020  01/11/2021", "Advice Date: 01/14/2021",
                 "Pay Cycle: Biweekly", "Description  Hrs  Pay Rate  Current Period  Year-To-Date",
                 "Base Pay  80.00  75.12  $6,009.62  $6,009.62")  # fmt: skip
    assert [r.pages for r in extract_document([first, second])] == [(1,), (2,)]
    # the first stub's own next page, repeating its period over the year-to-date table
    more = ocr(2, "Brightwater Property Management Corp.  Period: 12/23/2021 01/05/2022",
               "Taxes  This Period  YTD Amount", "Federal Income Tax  $171.03  $171.03",
               "Social Security  $113.11  $113.11", "Medicare  $26.45  $26.45")  # fmt: skip
    assert [r.pages for r in extract_document([first, more])] == [(1, 2)]


@pytest.mark.parametrize("kind", filler.KINDS)
def test_filler_pages_are_unknown_and_stay_out_of_the_documents_around_them(kind: str) -> None:
    stub, _ = randomized.build_document(2, "paystub", 0)
    letter, _ = randomized.build_document(2, "voe", 0)
    page = filler.build(random.Random(kind), kind, people.person(random.Random(1)))
    found = parts(joined(stub.pdf, page, letter.pdf))
    middle = stub.pages + 1
    assert ("unknown", (middle,)) in found
    assert [kind for kind, _ in found if kind != "unknown"] == ["paystub", "voe"]


def test_a_page_counter_restarting_at_one_starts_a_new_document() -> None:
    statement = (
        "Summit Ridge Bank  Statement of Account  Page {n} of 2",
        "Account number 4410022871  Statement period 03/01/2024 - 03/31/2024",
        "Beginning balance 1,204.55  Deposits 3,100.00  Withdrawals 2,050.10",
        "Ending balance 2,254.45",
    )
    pages = [
        Page(number=i, text="\n".join(statement).format(n=n), method=TextMethod.TEXT_LAYER)
        for i, n in enumerate((1, 2, 1, 2), start=1)
    ]
    assert [r.pages for r in extract_document(pages)] == [(1, 2), (3, 4)]


def test_scanned_counters_covers_and_running_headers_keep_a_document_whole() -> None:
    def ocr(n: int, *lines: str) -> Page:
        return Page(number=n, text="\n".join(lines), method=TextMethod.OCR)

    # "Page" whose number OCR lost does not read the next line's "1 Wages" as page 1
    ret = [
        ocr(1, "Form 1040 U.S. Individual Income Tax Return 2018", "Filing Status [X] Single",
            "Your first name and middle initial  Last name", "NATHANIEL  ELLINGSEN"),
        ocr(2, "Form 1040 (2018)  Page",
            "1  Wages, salaries, tips, etc. Attach Form(s) W-2  1 295,625.00",
            "2a Tax-exempt interest 2a 579.00  b Taxable interest 2b 3,898.00"),
    ]  # fmt: skip
    assert [r.pages for r in extract_document(ret)] == [(1, 2)]
    # a fax cover counting the letter in, the letter's counter garbled ("Page Dut 2")
    fax = [
        ocr(1, "Fax Transmittal", "Re  Employment verification", "Pages 2 (including cover)",
            "Verification of employment for the applicant named"),
        ocr(2, "PRAIRIE WIND DATA SYSTEMS CORP.",
            "Re: Employment Verification for WILHELMINA C OKONKWO",
            "This letter confirms that Wilhelmina C Okonkwo has been employed by Prairie Wind",
            "Data Systems Corp. since 2015.", "Page  Dut 2"),
    ]  # fmt: skip
    assert [r.pages for r in extract_document(fax)] == [(1, 2)]
    # a combined statement's next account section under the statement's running header
    statement = [
        ocr(1, "Frontier Bank", "Statement Period: 2024-11-06 through 2024-12-05",
            "Account  Acct No.  Beginning Balance  Ending Balance",
            "Everyday Checking  XXXXXXX8051  22,558.00  24,831.32"),
        ocr(2, "Frontier Bank  2024-11-06 2024-12-05", "Money Market Account",
            "Acct No.: XXXXXX4557", "Beginning balance on 2024-11-06: 670.06",
            "Ending balance on 2024-12-05: 680.12"),
    ]  # fmt: skip
    assert [r.pages for r in extract_document(statement)] == [(1, 2)]
    # ... whose running header's second date OCR garbled ("03/3172022")
    statement = [
        ocr(1, "Harborline Bank, N.A.", "For the period: 03/01/2022 to 03/31/2022",
            "Account  Account No.  Beginning Balance  Ending Balance",
            "Premier Checking  XXXXXXXXX3160  13197.90  18027.43",
            "Statement Savings  XXXXXXXXX7787  6854.08  8002.34"),
        ocr(2, "Harborline Bank, N.A.  03/01/2022 - 03/3172022", ".", "Statement Savings",
            "Acct ending 7787", "Opening balance as of 03/01/2022  6854.08",
            "New Balance  8002.34"),
    ]  # fmt: skip
    assert [r.pages for r in extract_document(statement)] == [(1, 2)]
    # (another period's section, one of its dates garbled, is another statement)
    statement[1] = ocr(2, "Harborline Bank, N.A.  04/01/2022 - 04/3072022", "Statement Savings",
                       "Acct ending 7787", "Opening balance as of 04/01/2022  8002.34")  # fmt: skip
    assert [r.pages for r in extract_document(statement)] == [(1,), (2,)]


def test_eval_scores_pages_and_boundaries_of_packets() -> None:
    truth = {
        "p.pdf": {
            "doc_type": "packet",
            "scanned": False,
            "borrowers": [],
            "income_records": [],
            "account_numbers": [],
            "pages": {"1": "w2", "2": "unknown", "3": "paystub", "4": "paystub"},
            "parts": [
                {"doc_type": "w2", "pages": [1, 1]},
                {"doc_type": "paystub", "pages": [3, 3]},
                {"doc_type": "paystub", "pages": [4, 4]},
            ],
        }
    }
    exported = [
        {
            "filename": "p.pdf",
            "status": "COMPLETED",
            "doc_type": "packet",
            "parts": [
                {"part": 1, "doc_type": "w2", "pages": [1, 1]},
                {"part": 2, "doc_type": "unknown", "pages": [2, 2]},
                {"part": 3, "doc_type": "paystub", "pages": [3, 4]},  # two stubs kept together
            ],
            "borrowers": [],
            "income_records": [],
            "account_numbers": [],
        }
    ]
    report = evaluate(truth, exported)
    pages, boundaries, packets = report.packet_counts()
    assert packets == 1
    assert (pages.tp, pages.fn) == (4, 0)
    assert (boundaries.tp, boundaries.fn, boundaries.fp) == (1, 2, 1)
    assert "paystub on pages 3-3 not split out" in report.documents[0].mismatches


def w2_page(n: int, *, ein: str, wages: str, employer: str = "Harborlight Software Corp") -> Page:
    lines = (
        f"{employer}  2022 Form W-2 Wage and Tax Statement  Copy {'BC'[n % 2]}",
        "EMPLOYEE                   EMPLOYER",
        f"HANNAH KOWALSKI            {employer}",
        "9545 Sunset Terrace        3144 Harbor View Drive",
        "Fairview, OR 97099         Madison, WI 53724",
        f"Employee SSN: 925-26-5081  Employer EIN: {ein}",
        f"Box 1  Wages, tips, other comp.  {wages}",
        "Box 3  Social security wages  121,830.52",
        "Box 5  Medicare wages and tips  121,830.52",
    )
    return Page(number=n, text="\n".join(lines), method=TextMethod.OCR)


def test_a_w2_copy_with_a_misread_figure_is_the_same_w2_another_employer_is_not() -> None:
    # a scan read box 1 of the second copy one digit off: still Copy C of the same W-2
    same = [
        w2_page(1, ein="56-5740903", wages="116,957.30"),
        w2_page(2, ein="56-5740903", wages="116,951.30"),
    ]
    assert [r.pages for r in extract_document(same)] == [(1, 2)]
    other = [
        w2_page(1, ein="56-5740903", wages="116,957.30"),
        w2_page(2, ein="41-2210387", wages="8,410.00", employer="Lakeshore Engineering Corp"),
    ]
    assert [r.pages for r in extract_document(other)] == [(1,), (2,)]


def test_a_return_whose_title_a_scan_lost_still_starts_at_its_filing_status() -> None:
    first = (
        "Form 1040 (2023)",
        "Filing Status  [X] Single  [ ] Married filing jointly",
        "Your first name and middle initial  Last name  Your social security number",
        "1z Add lines 1a through 1h  1z  84,210",
        "9 This is your total income  9  84,210",
    )
    second = (
        "Form 1040 (2023)  Page 2",
        "16 Tax (see instructions)  16  9,812",
        "24 total tax 9,812",
    )
    pages = [
        Page(number=n, text="\n".join(lines), method=TextMethod.OCR)
        for n, lines in enumerate((first, second, first, second), start=1)
    ]
    assert [(r.doc_type, r.pages) for r in extract_document(pages)] == [
        ("form_1040", (1, 2)),
        ("form_1040", (3, 4)),
    ]


def test_a_letter_about_a_bank_statement_is_not_one() -> None:
    letter = (
        "Letter of Explanation",
        "To whom it may concern,",
        "I am writing to explain the large deposit on my bank statement, which was a gift from",
        "my parents toward the down payment on the house.",
        "Sincerely,",
    )
    page = Page(number=1, text="\n".join(letter), method=TextMethod.TEXT_LAYER)
    assert extract_document([page])[0].doc_type == "unknown"


def test_schedules_stay_with_their_return_and_another_persons_schedule_does_not() -> None:
    drawn = [randomized.build_document(6, "form_1040_schedules", i)[0] for i in range(9)]
    with_schedules = next(d for d in drawn if d.truth.layout != "form_1040_schedules/schedule-only")
    alone = next(d for d in drawn if d.truth.layout == "form_1040_schedules/schedule-only")
    assert with_schedules.truth.borrowers[0].name != alone.truth.borrowers[0].name
    n, m = with_schedules.pages, alone.pages
    assert parts(joined(with_schedules.pdf, alone.pdf)) == [
        ("form_1040", tuple(range(1, n + 1))),
        ("form_1040", tuple(range(n + 1, n + m + 1))),
    ]


def ocr_page(n: int, lines: tuple[str, ...]) -> Page:
    """An OCR'd page whose lines sit 0.03 apart from the top (the first in the header zone)."""
    words = tuple(
        Word(text=word, left=0.05 + 0.1 * i, top=0.03 + 0.03 * row, width=0.08, height=0.012)
        for row, line in enumerate(lines)
        for i, word in enumerate(line.split())
    )
    return Page(number=n, text="\n".join(lines), method=TextMethod.OCR, words=words)


def test_a_scanned_returns_second_page_that_lost_its_figures_stays_by_its_header() -> None:
    first = (
        "Form 1040 U.S. Individual Income Tax Return 2021",
        "Filing Status  Single",
        "1z Add lines 1a through 1h  1z  84,210",
        "9 This is your total income  9  84,210",
    )
    # tesseract dropped the amount column and garbled the leaders into long runs of words
    second = (
        "Form 1040 (2021)",
        "16 Tax(seeinstructions)  ESN  PAN Sn  eNO ENN BESTA  NR ONS 16",
        "25a Federal income tax withheld from Form(s) W-2  BEOV  ENES ETAT UREA  CON FIER",
        "33  Add lines 25d, 26, and 32. These are your totalpayments  Sh Ges Se  33",
    )
    assert [
        (r.doc_type, r.pages) for r in extract_document([ocr_page(1, first), ocr_page(2, second)])
    ] == [("form_1040", (1, 2))]

"""Writing the contents' page numbers into a printed PDF (strategy_brief.report.pdf_contents): the PDF
reader and writer, where the numbers go, and what a PDF without what it needs gets."""

import subprocess

import pytest

from strategy_brief.report import pdf_contents
from strategy_brief.report.pdf_contents import Atom, Name, Ref


def write_pdf(objects: dict[int, bytes], root: int = 1) -> bytes:
    """A single-revision PDF of `objects` with a cross-reference table, as Chromium writes one."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<</Size %d /Root %d 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (size, root, xref)
    return bytes(out)


def stream(data: bytes) -> bytes:
    return b"<</Length %d>>\nstream\n%s\nendstream" % (len(data), data)


def link(dest: bytes, rect: bytes) -> bytes:
    return b"<</Type /Annot /Subtype /Link /Rect [%s] /Dest /%s>>" % (rect, dest)


def contents_pdf(annots: bytes = b"13 0 R 14 0 R 15 0 R 16 0 R 17 0 R") -> bytes:
    """Four pages in a nested page tree. Page 1 is the contents: two entries, each a title link and a
    page-number box (30 units wide, as 40 CSS px at 0.75) to the same destination; a third entry's
    target has no destination. Sections start on pages 2 and 4 (one name percent-encoded)."""
    font = b"<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>"
    objects = {
        1: b"<</Type /Catalog /Pages 2 0 R /Dests 9 0 R>>",
        2: b"<</Type /Pages /Count 4 /Kids [3 0 R 4 0 R]>>",
        3: b"<</Type /Pages /Count 2 /Kids [5 0 R 6 0 R] /Parent 2 0 R>>",
        4: b"<</Type /Pages /Count 2 /Kids [7 0 R 8 0 R] /Parent 2 0 R>>",
        5: b"<</Type /Page /Parent 3 0 R /MediaBox [0 0 595.92 842.88] /Resources <</Font <</F1 12 0 R>>>>"
        b" /Annots [%s] /Contents 10 0 R>>" % annots,
        9: b"<</Capability [6 0 R /XYZ 6 827 0]\n/Co#25C3#25BBt#2Dx [8 0 R /XYZ 6 828 0]>>",
        # Chromium's content leaves a transformation in force: the numbers must not inherit it.
        10: stream(b"0.75 0 0 -0.75 0 842.88 cm BT /F1 12 Tf 20 40 Td (Contents) Tj ET"),
        11: stream(b"BT /F1 12 Tf 72 720 Td (Section) Tj ET"),
        12: font,
        13: link(b"Capability", b"98.25 662.13 517.5 677.88"),
        14: link(b"Capability", b"523.5 665.88 553.5 676.38"),
        15: link(b"Co#25C3#25BBt#2Dx", b"98.25 638.13 517.5 653.88"),
        16: link(b"Co#25C3#25BBt#2Dx", b"523.5 641.88 553.5 651.63"),
        17: link(b"Missing", b"98.25 600 517.5 615"),
    }
    for page, parent in ((6, 3), (7, 4), (8, 4)):
        objects[page] = b"<</Type /Page /Parent %d 0 R /MediaBox [0 0 595.92 842.88]" % parent
        objects[page] += b" /Contents 11 0 R /Resources <</Font <</F1 12 0 R>>>>>>"
    return write_pdf(objects)


TARGETS = ["#Capability", "#Co%C3%BBt-x", "#Missing"]
CSS = {"family": '"Noto Sans", sans-serif', "weight": "400", "color": "rgb(89, 89, 89)"}
STYLE = pdf_contents.Style.from_css({**CSS, "size": 20, "width": 40})


def pdftotext(pdf: bytes, tmp_path, *args: str) -> str:
    path = tmp_path / "x.pdf"
    path.write_bytes(pdf)
    run = subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True)
    return run.stdout


ATOMS = [Atom(b"-4.5"), Atom(b"true"), Atom(b"null")]


def test_objects_read_and_written_keep_names_references_strings_and_numbers():
    text = rb"<</A#20b [1 0 R 2 3 R (x \) (y)) <0A1f> -4.5 true null] /Sub <</N /Co#C3#BBt>>>>"
    value = pdf_contents.parse(text)
    assert value == {
        "A b": [Ref(1), Ref(2), Atom(rb"(x \) (y))"), Atom(b"<0A1f>"), *ATOMS],
        "Sub": {"N": "Coût"},
    }
    assert isinstance(value["A b"][0], Ref) and isinstance(value["Sub"]["N"], Name)
    assert pdf_contents.parse(pdf_contents.dump(value)) == value
    assert pdf_contents.dump(Name("A b/c")) == b"/A#20b#2Fc"
    assert pdf_contents.dump([1, 2.50, 0.3333333]) == b"[1 2.5 0.3333]"


def test_the_page_tree_destinations_and_links_are_read_in_page_order():
    doc = pdf_contents.Document(contents_pdf())
    assert doc.page_order == [5, 6, 7, 8]
    assert doc.named_destinations() == {"Capability": 2, "Co%C3%BBt-x": 4}
    assert [dest for dest, _ in doc.links(5)] == [
        "Capability",
        "Capability",
        "Co%C3%BBt-x",
        "Co%C3%BBt-x",
        "Missing",
    ]


def test_each_number_is_written_right_aligned_in_its_box_once_and_as_an_artifact(tmp_path):
    numbered, pages = pdf_contents.number_contents(contents_pdf(), TARGETS, STYLE)
    assert pages == [2, 4, None]
    # A valid single-revision PDF still: poppler reads it, and so does our reader.
    doc = pdf_contents.Document(numbered)
    assert doc.page_order == [5, 6, 7, 8]
    info = subprocess.run(["pdfinfo", "-"], input=numbered, capture_output=True, check=True).stdout
    assert b"Pages:           4" in info
    page = doc.get(5)
    first, *original, ours = page["Contents"]
    assert original == [Ref(10)] and doc.get(first) == {"Length": Atom(b"1")}
    assert "SBContentsPage" in page["Resources"]["Font"] and "F1" in page["Resources"]["Font"]
    # The numbers, in the box's font size (20 CSS px in a 40 px box drawn 30 units wide: 15), right
    # edge on the box's, baseline on its bottom; nothing for the entry without a destination.
    bbox = pdftotext(numbered, tmp_path, "-bbox", "-f", "1", "-l", "1")
    words = {w.split(">")[1].split("<")[0]: w for w in bbox.split("<word ")[1:]}
    assert set(words) == {"Contents", "2", "4"}
    for word, box_right, box_bottom in (("2", 553.5, 665.88), ("4", 553.5, 641.88)):
        x_max = float(words[word].split('xMax="')[1].split('"')[0])
        y_max = float(words[word].split('yMax="')[1].split('"')[0])
        assert x_max == pytest.approx(box_right, abs=0.05)
        # poppler's yMax is the descent below the baseline, measured from the top of the page.
        assert 842.88 - y_max == pytest.approx(box_bottom - 0.293 * 15, abs=0.6)
    data = doc.pdf[doc.offsets[int(ours)] :]
    drawn = data.split(b"stream\n", 1)[1]
    assert drawn.startswith(b"Q /Artifact BMC q 0.349 0.349 0.349 rg BT /SBContentsPage 15 Tf")


def test_a_contents_entry_without_its_page_number_box_is_an_error_naming_it():
    pdf = contents_pdf(annots=b"13 0 R 14 0 R 15 0 R 17 0 R")  # no box beside the second title
    with pytest.raises(ValueError, match=r"contents entry '#Co%C3%BBt-x' has no page-number link"):
        pdf_contents.number_contents(pdf, TARGETS, STYLE)


def test_a_pdf_it_cannot_read_is_an_error_saying_why():
    with pytest.raises(ValueError, match="no startxref"):
        pdf_contents.Document(b"%PDF-1.4 nothing")
    with pytest.raises(ValueError, match="no cross-reference table"):
        pdf_contents.Document(b"%PDF-1.4\nstartxref\n0\n%%EOF")
    moved = contents_pdf().replace(b"\n5 0 obj", b"\n5 0 obx")
    with pytest.raises(ValueError, match="object 5 is not where the cross-reference table says"):
        pdf_contents.number_contents(moved, TARGETS, STYLE)


def test_a_pdf_with_no_destinations_is_returned_as_it_is():
    pdf = contents_pdf().replace(b" /Dests 9 0 R", b"             ")
    assert pdf_contents.number_contents(pdf, TARGETS, STYLE) == (pdf, [None, None, None])


def test_the_font_size_follows_the_scale_of_the_page():
    assert STYLE.font_size(30.0) == 15.0
    assert pdf_contents.Style().font_size(30.0) == pytest.approx(10.0)  # unknown width: 0.75 a px
    assert STYLE.rgb == pytest.approx((89 / 255,) * 3) and not STYLE.bold
    assert pdf_contents.Style.from_css({"weight": "700"}).bold

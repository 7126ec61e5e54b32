"""The contents' page numbers of a printed brief, written into the PDF Chromium printed, so that a brief
is printed once.

Each contents entry carries, beside its linked title, an empty link to the same section that reserves
the page number's box (`assemble._contents`). Chromium writes a link annotation for that box (where it
is on the page) and a named destination for each section (the page it starts on). `number_contents`
reads both and writes each number, right-aligned on the box's baseline, in the template's font; the
numbers are marked as artifacts, as a running page number is, so the PDF's tags are unchanged.

The PDF is read with a small parser of the classic layout Chromium (Skia) writes: a cross-reference
table, objects not in object streams. Anything else raises `ValueError` naming what is missing."""

from __future__ import annotations

import functools
import io
import re
import shutil
import subprocess
import zlib
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

# ---------------------------------------------------------------------------------------------------
# Reading PDF objects


class Ref(int):
    """An indirect reference `N 0 R`."""


class Name(str):
    """A PDF name, decoded (#xx escapes), without its slash."""


class Atom(bytes):
    """A number, string, boolean or null, kept exactly as written."""

    def number(self) -> float:
        return float(self)


_WHITESPACE = b" \t\r\n\f\x00"
_DELIMITERS = b"()<>[]{}/%"
_TOKEN_END = re.compile(rb"[\s()<>\[\]{}/%\x00]")
_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


class _Parser:
    def __init__(self, data: bytes, pos: int = 0) -> None:
        self.data, self.pos = data, pos

    def _skip(self) -> None:
        data = self.data
        while self.pos < len(data):
            if data[self.pos] in _WHITESPACE:
                self.pos += 1
            elif data[self.pos : self.pos + 1] == b"%":  # a comment runs to the end of its line
                while self.pos < len(data) and data[self.pos] not in b"\r\n":
                    self.pos += 1
            else:
                return

    def _regular(self) -> bytes:
        match = _TOKEN_END.search(self.data, self.pos)
        end = match.start() if match else len(self.data)
        token, self.pos = self.data[self.pos : end], end
        if not token:
            raise ValueError(f"unexpected {self.data[self.pos : self.pos + 1]!r} at byte {self.pos}")
        return token

    def value(self) -> Any:
        self._skip()
        data, pos = self.data, self.pos
        if data.startswith(b"<<", pos):
            self.pos += 2
            result: dict[Name, Any] = {}
            while True:
                self._skip()
                if data.startswith(b">>", self.pos):
                    self.pos += 2
                    return result
                key = self.value()
                if not isinstance(key, Name):
                    raise ValueError(f"a dictionary key that is not a name at byte {self.pos}")
                result[key] = self.value()
        if data.startswith(b"[", pos):
            self.pos += 1
            items = []
            while True:
                self._skip()
                if data.startswith(b"]", self.pos):
                    self.pos += 1
                    return items
                items.append(self.value())
        if data.startswith(b"/", pos):
            self.pos += 1
            raw = self._regular() if self.pos < len(data) and data[self.pos] not in _DELIMITERS else b""
            raw = _HEX_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw)
            return Name(raw.decode("utf-8", "replace"))
        if data.startswith(b"(", pos):
            depth, i = 0, pos
            while i < len(data):
                char = data[i]
                if char == 0x5C:  # a backslash escapes the next byte
                    i += 2
                    continue
                depth += char == 0x28
                depth -= char == 0x29
                i += 1
                if depth == 0:
                    break
            self.pos = i
            return Atom(data[pos:i])
        if data.startswith(b"<", pos):
            end = data.index(b">", pos)
            self.pos = end + 1
            return Atom(data[pos : end + 1])
        token = self._regular()
        if token.isdigit():  # perhaps the start of `N G R`
            after = self.pos
            self._skip()
            match = re.match(rb"(\d+)\s+R(?![^\s()<>\[\]{}/%])", data[self.pos : self.pos + 24])
            if match:
                self.pos += match.end()
                return Ref(int(token))
            self.pos = after
        return Atom(token)


def parse(data: bytes, pos: int = 0) -> Any:
    """The PDF object written at `pos` of `data` (a dictionary's stream, if any, is not read)."""
    return _Parser(data, pos).value()


_NAME_ESCAPED = re.compile(rb"[^!-~]|[#()<>\[\]{}/%]")  # outside printable ASCII, or a delimiter


def dump(value: Any) -> bytes:
    """`value` written as PDF."""
    if isinstance(value, Ref):
        return b"%d 0 R" % value
    if isinstance(value, Name):
        return b"/" + _NAME_ESCAPED.sub(lambda m: b"#%02X" % m.group()[0], value.encode("utf-8"))
    if isinstance(value, dict):
        return b"<<" + b"\n".join(dump(Name(k)) + b" " + dump(v) for k, v in value.items()) + b">>"
    if isinstance(value, list):
        return b"[" + b" ".join(dump(v) for v in value) + b"]"
    if isinstance(value, bytes):
        return bytes(value)
    if isinstance(value, bool):
        return b"true" if value else b"false"
    if isinstance(value, int):
        return b"%d" % value
    if isinstance(value, float):
        return (b"%.4f" % value).rstrip(b"0").rstrip(b".")
    raise TypeError(f"cannot write {type(value).__name__} as PDF")


class Document:
    """A PDF's objects, found through its cross-reference table."""

    def __init__(self, pdf: bytes) -> None:
        self.pdf = pdf
        start = pdf.rfind(b"startxref")
        if start < 0:
            raise ValueError("the PDF has no startxref")
        self.xref_at = int(re.match(rb"startxref\s+(\d+)", pdf[start:]).group(1))
        if not pdf.startswith(b"xref", self.xref_at):
            raise ValueError("the PDF has no cross-reference table (a stream or a damaged file)")
        self.offsets: dict[int, int] = {}
        pos = self.xref_at + 4
        while True:
            header = re.match(rb"\s*(\d+)\s+(\d+)[ \t]*\r?\n", pdf[pos : pos + 40])
            if not header:
                break
            first, count = int(header.group(1)), int(header.group(2))
            pos += header.end()
            for index in range(count):
                entry = pdf[pos : pos + 20]
                pos += 20
                if entry[17:18] == b"n":
                    self.offsets[first + index] = int(entry[:10])
        trailer = pdf.find(b"trailer", pos - 1)
        if trailer < 0:
            raise ValueError("the PDF has no trailer")
        self.trailer: dict = parse(pdf, trailer + len(b"trailer"))
        if "Prev" in self.trailer:
            raise ValueError("the PDF was updated incrementally; only a single-revision PDF is read")

    def get(self, number: int) -> Any:
        offset = self.offsets.get(number)
        if offset is None:
            raise ValueError(f"the PDF has no object {number}")
        header = re.match(rb"\s*(\d+)\s+(\d+)\s+obj", self.pdf[offset : offset + 40])
        if not header or int(header.group(1)) != number:
            raise ValueError(f"object {number} is not where the cross-reference table says")
        return parse(self.pdf, offset + header.end())

    def resolve(self, value: Any) -> Any:
        return self.get(value) if isinstance(value, Ref) else value

    def catalog(self) -> dict:
        return self.resolve(self.trailer["Root"])

    @functools.cached_property
    def page_order(self) -> list[int]:
        """The page objects' numbers, in page order."""
        order: list[int] = []

        def walk(ref: Ref, depth: int) -> None:
            node = self.get(ref)
            if node.get("Type") == "Pages" and depth < 32:
                for kid in self.resolve(node.get("Kids", [])):
                    walk(kid, depth + 1)
            else:
                order.append(int(ref))

        walk(self.catalog()["Pages"], 0)
        return order

    def named_destinations(self) -> dict[str, int]:
        """Named destination → the page (from 1) it is on, from the catalog's /Dests."""
        dests = self.catalog().get("Dests")
        if dests is None:
            return {}
        page_of = {number: index for index, number in enumerate(self.page_order, start=1)}
        found = {}
        for name, target in self.resolve(dests).items():
            target = self.resolve(target)
            if isinstance(target, dict):
                target = self.resolve(target.get("D", []))
            if target and isinstance(target[0], Ref) and int(target[0]) in page_of:
                found[str(name)] = page_of[int(target[0])]
        return found

    def links(self, page: int) -> list[tuple[str, tuple[float, float, float, float]]]:
        """(destination name, rectangle) of each in-document link annotation on the page object."""
        found = []
        for annotation in self.resolve(self.get(page).get("Annots", [])):
            annotation = self.resolve(annotation)
            if annotation.get("Subtype") != "Link":
                continue
            dest = annotation.get("Dest")
            action = self.resolve(annotation.get("A"))
            if dest is None and isinstance(action, dict) and action.get("S") == "GoTo":
                dest = action.get("D")
            if isinstance(dest, Atom) and dest.startswith(b"("):  # a string destination
                dest = Name(dest[1:-1].decode("latin-1"))
            if isinstance(dest, Name):
                rect = tuple(float(x) for x in self.resolve(annotation["Rect"]))
                found.append((str(dest), rect))
        return found

    def rewrite(self, changed: dict[int, bytes], added: list[bytes]) -> bytes:
        """The PDF written anew with `changed` objects (number → object written) replaced and `added`
        ones appended after the last; one revision, with a new cross-reference table."""
        pdf = self.pdf
        ordered = sorted(self.offsets.items(), key=lambda item: item[1])
        ends = [offset for _, offset in ordered[1:]] + [self.xref_at]
        out = io.BytesIO()
        out.write(pdf[: ordered[0][1]] if ordered else b"%PDF-1.4\n")
        where: dict[int, int] = {}
        for (number, offset), end in zip(ordered, ends, strict=True):
            where[number] = out.tell()
            if number in changed:
                out.write(b"%d 0 obj\n%s\nendobj\n" % (number, changed[number]))
            else:
                out.write(pdf[offset:end])
        first_new = self.next_number()
        for index, body in enumerate(added):
            where[first_new + index] = out.tell()
            out.write(b"%d 0 obj\n%s\nendobj\n" % (first_new + index, body))
        size = first_new + len(added)
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
        for number in range(1, size):
            if number in where:
                out.write(b"%010d 00000 n \n" % where[number])
            else:
                out.write(b"0000000000 65535 f \n")
        trailer = {k: v for k, v in self.trailer.items() if k not in ("Prev", "XRefStm")}
        trailer["Size"] = size
        out.write(b"trailer\n" + dump(trailer) + b"\nstartxref\n%d\n%%%%EOF\n" % xref)
        return out.getvalue()

    def next_number(self) -> int:
        size = int(self.trailer.get("Size", Atom(b"0")).number())
        return max(size, max(self.offsets, default=0) + 1)


# ---------------------------------------------------------------------------------------------------
# The numbers' font: the template's face, cut down to the digits


@dataclass(frozen=True)
class Face:
    """A TrueType font cut down to the ten digits, with what a PDF font dictionary needs."""

    name: str  # PostScript name
    program: bytes  # the subset font file
    widths: tuple[int, ...]  # advance of '0'..'9' in thousandths of an em
    bbox: tuple[int, int, int, int]
    ascent: int
    descent: int
    cap_height: int

    def width(self, text: str, size: float) -> float:
        return sum(self.widths[ord(c) - 48] for c in text) * size / 1000


@functools.lru_cache(maxsize=8)
def digits_face(family: str, bold: bool = False) -> Face:
    """The first of the CSS font `family` list that fontconfig has (the face Chromium printed the page
    with), cut down to the digits 0-9."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    path = _font_file(family, bold)
    font = TTFont(path)
    options = subset.Options()
    options.notdef_outline = True
    options.hinting = False
    options.layout_features = []  # ten glyphs drawn one by one: no shaping tables
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "STAT", "DSIG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="0123456789")
    subsetter.subset(font)
    program = io.BytesIO()
    font.save(program)
    scale = 1000 / font["head"].unitsPerEm
    cmap = font.getBestCmap()
    widths = tuple(round(font["hmtx"][cmap[ord(d)]][0] * scale) for d in "0123456789")
    head, os2 = font["head"], font["OS/2"]
    name = font["name"].getDebugName(6) or "Digits"
    return Face(
        name=re.sub(r"[^A-Za-z0-9-]", "", name) or "Digits",
        program=program.getvalue(),
        widths=widths,
        bbox=tuple(round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)),
        ascent=round(os2.sTypoAscender * scale),
        descent=round(os2.sTypoDescender * scale),
        cap_height=round(getattr(os2, "sCapHeight", 700 / scale) * scale),
    )


def _font_file(family: str, bold: bool) -> str:
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        raise RuntimeError("fc-match (fontconfig) is needed to find the contents' font; run `make setup`")
    for name in (f.strip().strip("\"'") for f in family.split(",")):
        if not name or name in ("serif", "sans-serif", "monospace"):
            continue
        pattern = f"{name}:weight={'bold' if bold else 'regular'}"
        found = subprocess.run(
            [fc_match, "-f", "%{family}\n%{file}", pattern], capture_output=True, text=True, check=False
        ).stdout.split("\n")
        if len(found) == 2 and name.lower() in found[0].lower() and found[1].endswith((".ttf", ".otf")):
            return found[1]
    raise RuntimeError(f"none of the fonts {family!r} is installed as a TrueType file; run `make setup`")


def _font_objects(face: Face, first: int) -> list[bytes]:
    """The font dictionary (object `first`), its descriptor and its program, written as PDF."""
    program = zlib.compress(face.program, 9)
    font = {
        "Type": Name("Font"),
        "Subtype": Name("TrueType"),
        "BaseFont": Name(f"SBDGTS+{face.name}"),
        "FirstChar": 48,
        "LastChar": 57,
        "Widths": list(face.widths),
        "Encoding": Name("WinAnsiEncoding"),
        "FontDescriptor": Ref(first + 1),
    }
    descriptor = {
        "Type": Name("FontDescriptor"),
        "FontName": Name(f"SBDGTS+{face.name}"),
        "Flags": 32,  # nonsymbolic: the digits are found through the font's Unicode cmap
        "FontBBox": list(face.bbox),
        "ItalicAngle": 0,
        "Ascent": face.ascent,
        "Descent": face.descent,
        "CapHeight": face.cap_height,
        "StemV": 80,
        "FontFile2": Ref(first + 2),
    }
    stream = dump({"Length": len(program), "Length1": len(face.program), "Filter": Name("FlateDecode")})
    return [dump(font), dump(descriptor), stream + b"\nstream\n" + program + b"\nendstream"]


# ---------------------------------------------------------------------------------------------------
# Stamping


@dataclass(frozen=True)
class Style:
    """How the numbers look: the page-number box's computed CSS (font family list, weight, colour, font
    size in CSS px) and its width in CSS px, which gives the page's scale from CSS px to PDF units."""

    family: str = "Noto Sans"
    bold: bool = False
    rgb: tuple[float, float, float] = (0.0, 0.0, 0.0)
    size_px: float = 40 / 3  # 10pt
    box_px: float = 0.0  # unknown: CSS's 0.75 pt a px

    @classmethod
    def from_css(cls, computed: dict[str, Any]) -> Style:
        """From the browser's `{family, weight, color, size, width}` of the first box."""
        channels = [float(c) for c in re.findall(r"[\d.]+", str(computed.get("color", "")))[:3]]
        rgb = tuple(c / 255 for c in channels) if len(channels) == 3 else (0.0, 0.0, 0.0)
        weight = str(computed.get("weight", "400"))
        return cls(
            str(computed.get("family") or cls.family),
            weight.isdigit() and int(weight) >= 600,
            rgb,
            float(computed.get("size") or cls.size_px),
            float(computed.get("width") or 0.0),
        )

    def font_size(self, box_width: float) -> float:
        """The font size on the page, for a box `box_width` wide there (rectangles are snapped to whole
        device pixels in height, not in width)."""
        scale = box_width / self.box_px if self.box_px > 0 else 0.75
        return self.size_px * scale


def number_boxes(doc: Document, targets: list[str]) -> dict[str, tuple[int, tuple]]:
    """Each contents target (its name) → (page object, rectangle) of its page-number box: of the two
    links to it on the first page that links to it, the right one."""
    wanted = {t for t in targets}
    boxes: dict[str, tuple[int, tuple]] = {}
    for page in doc.page_order:
        links: dict[str, list[tuple]] = {}
        for dest, rect in doc.links(page):
            if dest in wanted and dest not in boxes:
                links.setdefault(dest, []).append(rect)
        for dest, rects in links.items():
            if len(rects) < 2:
                raise ValueError(
                    f"contents entry '#{dest}' has no page-number link beside its title in the printed "
                    "PDF (assemble._contents writes one)"
                )
            boxes[dest] = (page, max(rects, key=lambda r: r[0]))
        if len(boxes) == len(wanted):
            break
    return boxes


def number_contents(pdf: bytes, targets: list[str], style: Style | None = None) -> tuple[bytes, list]:
    """`pdf` with the page each contents target (`#name`, as in the links' href) starts on written in
    its page-number box; and those pages (None where a target has no destination, left blank)."""
    style = style or Style()
    doc = Document(pdf)
    starts = doc.named_destinations()
    # Chromium names a destination by the link's fragment as written (percent-encoded or not).
    names = []
    for target in targets:
        fragment = (target or "").removeprefix("#")
        names.append(fragment if fragment in starts else unquote(fragment))
    pages = [starts.get(n) for n in names]
    boxes = number_boxes(doc, [n for n, p in zip(names, pages, strict=True) if p])
    if not boxes:
        return pdf, pages
    face = digits_face(style.family, style.bold)
    font_number = doc.next_number()
    resource = Name("SBContentsPage")
    by_page: dict[int, list[bytes]] = {}
    for name, page in zip(names, pages, strict=True):
        if name not in boxes:
            continue
        page_object, (x0, y0, x1, _) = boxes[name]
        size = style.font_size(x1 - x0)
        text = str(page)
        x = x1 - face.width(text, size)
        by_page.setdefault(page_object, []).append(
            b"BT /%s %s Tf %s %s Td (%s) Tj ET"
            % (resource.encode(), dump(round(size, 3)), dump(round(x, 3)), dump(round(y0, 3)), text.encode())
        )
    colour = b" ".join(dump(round(c, 4)) for c in style.rgb)
    added = _font_objects(face, font_number)
    changed: dict[int, bytes] = {}
    for page_object, shows in by_page.items():
        # The page's own content may leave a transformation in force: it is wrapped in q … Q so that
        # the numbers are drawn in the page's default coordinates, those of the link rectangles.
        before = b"q"
        after = b"Q /Artifact BMC q %s rg %s Q EMC" % (colour, b" ".join(shows))
        added += [_stream(before), _stream(after)]
        page = doc.get(page_object)
        contents = doc.resolve(page.get("Contents", []))
        contents = contents if isinstance(contents, list) else [page["Contents"]]
        last = font_number + len(added) - 1
        page["Contents"] = [Ref(last - 1), *contents, Ref(last)]
        resources = doc.resolve(page.get("Resources", {}))
        fonts = dict(doc.resolve(resources.get("Font", {})))
        fonts[resource] = Ref(font_number)
        page["Resources"] = {**resources, "Font": fonts}
        changed[page_object] = dump(page)
    return doc.rewrite(changed, added), pages


def _stream(data: bytes) -> bytes:
    return dump({"Length": len(data)}) + b"\nstream\n" + data + b"\nendstream"

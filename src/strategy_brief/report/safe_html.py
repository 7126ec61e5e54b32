"""Escaping for every channel a brief publishes: HTML, Markdown, CSV.

Text from data, facts, claims or parameters is never markup. The helpers in `record` escape it
where it enters a brief, and `sanitize` is the last gate before a brief is written: whatever
markup the page holds, only elements and attributes on the allowlist below survive, links are
only http(s), mailto, relative or in-page, and nothing can run script. The published HTML also
carries a Content-Security-Policy with `script-src 'none'` (templates/brief/index.html.j2).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import mistune

# What the published page may do: no script at all, nothing loaded from anywhere; inline styles and
# inline images (the house CSS and its data: icons) only.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; "
    "style-src 'unsafe-inline'; img-src data:; font-src data:"
)

# Elements removed with everything inside them: they run or load code, or a browser parses their
# content differently from html.parser (the root of mutation XSS), so nothing in them is trusted.
_DROP_WITH_CONTENT = frozenset(
    {
        "script",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "noscript",
        "noembed",
        "noframes",
        "xmp",
        "plaintext",
        "template",
        "math",
        "form",
        "portal",
        "audio",
        "video",
        "foreignobject",
    }
)
# Elements dropped alone (their text stays): they load or redirect, or change where links go.
_DROP_TAG = frozenset({"base", "link", "input", "button", "select", "option", "textarea"})
# Attributes holding a URL, and what they may point at.
_URL_ATTRIBUTES = frozenset(
    {"href", "src", "xlink:href", "action", "formaction", "poster", "background", "cite", "data", "srcset"}
)
_SAFE_SCHEMES = ("http", "https", "mailto")
_SAFE_DATA_IMAGE = re.compile(r"data:image/(?:png|jpe?g|gif|webp);base64,[a-z0-9+/=\s]*\Z", re.IGNORECASE)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
# CSS that loads or runs something; url(#id) (an SVG pattern or clip path in the page) is fine.
_BAD_STYLE = re.compile(
    r"expression\s*\(|javascript:|vbscript:|url\s*\(\s*(?![\"']?#)|@import|behavior\s*:", re.IGNORECASE
)
_TAG_NAME = re.compile(r"<([^\s/>]+)")


def safe_url(value: str, *, image: bool = False) -> bool:
    """True for links a brief may carry: http(s), mailto, relative paths and #anchors
    (and, for images only, inline PNG/JPEG/GIF/WebP data)."""
    squeezed = _INVISIBLE.sub("", html.unescape(value))  # browsers ignore these inside a scheme
    if image and _SAFE_DATA_IMAGE.match(squeezed):
        return True
    scheme = _SCHEME.match(squeezed)
    return scheme is None or scheme.group(1).lower() in _SAFE_SCHEMES


class _Sanitizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.skipping: list[str] = []  # open elements being dropped with their content
        self.in_style = False
        self.names: dict[str, str] = {}  # lower-case name → as written (SVG's clipPath, linearGradient)

    # -- tags
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def _start(self, tag: str, attrs, *, closed: bool) -> None:
        if self.skipping:
            if tag == self.skipping[-1] and not closed:
                self.skipping.append(tag)
            return
        if tag in _DROP_WITH_CONTENT:
            if not closed:
                self.skipping.append(tag)
            return
        if tag in _DROP_TAG or (tag == "meta" and _is_refresh(attrs)):
            return
        kept = [(name, value) for name, value in attrs if _attribute_ok(tag, name, value)]
        raw = self.get_starttag_text() or f"<{tag}>"
        written = _TAG_NAME.match(raw)
        if written and written.group(1) != tag:
            self.names[tag] = written.group(1)
        if len(kept) == len(attrs):
            self.out.append(raw)  # unchanged: keep the bytes as they were
        else:
            rendered = "".join(
                f" {name}" if value is None else f' {name}="{html.escape(value, quote=True)}"'
                for name, value in kept
            )
            self.out.append(f"<{self.names.get(tag, tag)}{rendered}{' /' if closed else ''}>")
        if tag == "style" and not closed:
            self.in_style = True

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag in _DROP_WITH_CONTENT or tag in _DROP_TAG:
            return
        if tag == "style":
            self.in_style = False
        self.out.append(f"</{self.names.get(tag, tag)}>")

    # -- content
    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.in_style:
            # Inside SVG a browser parses <style> content as markup; html.parser does not. CSS never
            # needs '<', and a stylesheet that loads or runs anything is not the house's.
            if "<" in data or _BAD_STYLE.search(data):
                return
            self.out.append(data)
            return
        self.out.append(data.replace("<", "&lt;"))

    def handle_entityref(self, name: str) -> None:
        if not self.skipping:
            self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        if not self.skipping:
            self.out.append(f"&#{name};")

    def handle_decl(self, decl: str) -> None:
        if not self.skipping and decl.lower().startswith("doctype"):
            self.out.append(f"<!{decl}>")

    def handle_comment(self, data: str) -> None:
        """Comments are dropped: nothing a reader needs, and a classic way to smuggle markup."""

    def handle_pi(self, data: str) -> None:
        """Processing instructions (<?xml …?>) are dropped."""

    def unknown_decl(self, data: str) -> None:
        """CDATA sections are dropped: foreign content parses them unlike html.parser."""


def _is_refresh(attrs) -> bool:
    return any(n == "http-equiv" and (v or "").strip().lower() == "refresh" for n, v in attrs)


def _attribute_ok(tag: str, name: str, value: str | None) -> bool:
    if name.startswith("on") or name in {"srcdoc", "formaction"}:
        return False
    if name in _URL_ATTRIBUTES:
        return value is not None and safe_url(value, image=(name == "src" and tag == "img"))
    if name == "style" and value and _BAD_STYLE.search(html.unescape(value)):
        return False
    return not (name == "http-equiv" and (value or "").strip().lower() == "refresh")


def sanitize_document(page: str) -> str:
    """A whole page: the head is the house template's own (its CSS, title escaped by the
    template); everything from <body> on goes through `sanitize`."""
    head, body_tag, rest = page.partition("<body")
    return head + sanitize(body_tag + rest) if body_tag else sanitize(page)


def sanitize(markup: str) -> str:
    """`markup` with only what a brief may hold: no script, no event handlers, no unsafe links."""
    parser = _Sanitizer()
    parser.feed(markup)
    parser.close()
    return "".join(parser.out)


class _SafeRenderer(mistune.HTMLRenderer):
    """Markdown to HTML where raw HTML is shown as text and links are only safe ones."""

    def sanitize_url(self, url: str) -> str:
        return url if safe_url(url) else "#"


_MARKDOWN = mistune.create_markdown(renderer=_SafeRenderer(escape=True), plugins=["strikethrough", "table"])


def markdown(text: str) -> str:
    """Markdown (the prose a notebook narrates) as HTML; any HTML inside it is escaped, not run."""
    return _MARKDOWN(text).strip()


def markdown_inline(text: str) -> str:
    """One paragraph of Markdown as inline HTML (no wrapping <p>), for text inside a house box."""
    rendered = markdown(text)
    match = re.fullmatch(r"<p>(.*)</p>", rendered, re.DOTALL)
    return match.group(1) if match else rendered


# Characters that make Markdown markup inline (emphasis, links, code, HTML, table cells). Others, such as
# '(' or '#', only do so after one of these or at a line start, which `markdown_text` never leaves.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def markdown_text(value: object) -> str:
    """A value as literal Markdown text on one line: no emphasis, links, HTML or table breaks."""
    text = " ".join(str(value).split())
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    if text[:1] and text[0] in "#+-=":  # would start a heading, a list or a setext underline
        return "\\" + text
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", text)  # "1. x" would start a numbered list


def markdown_code(value: object) -> str:
    """A value as a Markdown code span (a column name): shown exactly, never interpreted."""
    text = " ".join(str(value).split())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}".replace("|", "\\|")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A cell as a spreadsheet should see it: text that starts like a formula gets a leading
    apostrophe (the OWASP rule), so opening the CSV never evaluates it. Numbers are untouched."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        try:
            float(value)
        except ValueError:
            return "'" + value
    return value

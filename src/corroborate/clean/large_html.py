"""Very large HTML pages: the text in one linear pass, metadata from the <head> only.

trafilatura's cost grows with the square of a page's size: its XPath queries such as
"//p//text()" make libxml2 merge node sets pairwise, so a page of 200,000 paragraphs took
minutes (20,000 took seconds). A news article has a few hundred elements; a page with
thousands is a dump, an archive or a live blog, whose text we take ourselves: every text
outside scripts, styles and navigation, one block element a line. The cleaning cascade
then removes page furniture as it does for plain text.
"""

from __future__ import annotations

from dataclasses import dataclass

import lxml.html
from lxml import etree

# Above this many tags ("<" counted in the raw HTML, a cheap upper bound of the element
# count times two) a page is read by `extract_large_html`, not by trafilatura. At 10,000
# tags trafilatura takes about a second; at 400,000 it takes minutes.
MAX_TRAFILATURA_TAGS = 20_000

# Elements whose content is never article text.
_DROPPED = ("script", "style", "noscript", "template", "svg", "nav", "header", "footer",
            "aside", "form", "iframe", "button", "select")
# Elements that start a new line of text.
_BLOCKS = frozenset((
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
    "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th", "caption",
    "figure", "figcaption", "br", "hr", "address", "details", "summary", "body",
))


@dataclass(frozen=True)
class LargePage:
    text: str  # one block a line
    head_html: str  # the page with its <head> only and an empty body, for metadata
    first_heading: str | None


def is_large_html(html: str) -> bool:
    return html.count("<") > MAX_TRAFILATURA_TAGS


def extract_large_html(html: str) -> LargePage:
    """The page's visible text, block by block, in one pass over the parsed tree."""
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
    root = lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    head = root.find("head")
    head_html = ""
    if head is not None:
        head_html = f"<html>{etree.tostring(head, encoding='unicode')}<body></body></html>"
    etree.strip_elements(root, *_DROPPED, with_tail=False)
    if head is not None and head.getparent() is not None:
        head.getparent().remove(head)
    heading = root.find(".//h1")
    first_heading = " ".join(heading.text_content().split()) if heading is not None else None
    return LargePage(_block_text(root), head_html, first_heading or None)


def _block_text(root: etree._Element) -> str:
    pieces: list[str] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        block = isinstance(element.tag, str) and element.tag.lower() in _BLOCKS
        if event == "start":
            if block:
                pieces.append("\n")
            pieces.append(element.text or "")
        else:
            if block:
                pieces.append("\n")
            pieces.append(element.tail or "")
    lines = (" ".join(line.split()) for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)

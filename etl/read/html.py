"""Read a saved web page: its main text without menus, footers and scripts, and its metadata."""

from __future__ import annotations

import json
import logging
import re
from datetime import date

import lxml.html
from lxml import etree

from etl.model import Report
from etl.read.decode import decode_bytes
from etl.read.errors import UnreadableReportError
from etl.read.layout import one_line
from etl.read.published import parse_published
from etl.read.report import finish_report

# trafilatura (and its helpers) log every page they find hard; a bad page is reported as Skipped.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_CLOSED = re.compile(r"</(?:html|body)\s*>", re.IGNORECASE)


def parse_html_report(raw: bytes, file: str) -> Report:
    """A saved page from its bytes; raises UnreadableReportError with the reason."""
    html, notes = _decode(raw)
    if "<" not in html or not re.search(r"<\s*[a-zA-Z!]", html):
        raise UnreadableReportError("broken HTML: no tags at all (is it plain text saved as .html?)")
    try:
        tree = lxml.html.document_fromstring(_XML_DECLARATION.sub("", html))
    except (etree.ParserError, ValueError) as error:
        raise UnreadableReportError(f"broken HTML: {error}") from None
    if not _CLOSED.search(html[-5000:]):
        notes += ("HTML seems cut short: no closing </body> or </html>",)
    meta = _metadata(tree)
    body, how = main_text(html, tree)
    if not body.strip():
        raise UnreadableReportError("broken HTML: no readable main text in the page")
    if how:
        notes += (how,)
    return finish_report(
        file,
        meta["title"] or "",
        body,
        "html",
        url=meta["url"],
        source=meta["source"],
        published=meta["published"],
        language=meta["language"],
        notes=notes,
    )


def _decode(raw: bytes) -> tuple[str, tuple[str, ...]]:
    declared = _CHARSET.search(raw[:4096])
    if declared:
        encoding = declared.group(1).decode("ascii", "replace").lower()
        if encoding not in ("utf-8", "utf8"):
            try:
                return raw.decode(encoding), (f"decoded as {encoding}, as the page declares",)
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration: fall back to detection
    return decode_bytes(raw)


def main_text(html: str, tree: lxml.html.HtmlElement) -> tuple[str, str]:
    """(main text, note on how it was found).

    A page that marks its article (<article>, itemprop=articleBody, a "content" block) is read by our
    lxml rules: they keep the lead paragraph, captions and the "Source:" line that trafilatura tends to
    drop. Pages without such a mark go to trafilatura, which is good at guessing the article in div
    soup; the whole body by the lxml rules is the last resort.
    """
    cleaned = _without_boilerplate(tree)
    text = lxml_main_text(cleaned, require_container=True, cleaned=True)
    if text.strip():
        return text, ""
    try:
        import trafilatura
    except ImportError:  # trafilatura needs lxml_html_clean; without it the lxml rules still work
        trafilatura = None
    if trafilatura is not None:
        try:
            # the page without menus and banners: trafilatura then cannot take a menu for the article
            text = trafilatura.extract(
                cleaned, include_comments=False, include_tables=True, include_images=False,
                deduplicate=False, favor_recall=True,
            ) or ""
        except Exception:  # noqa: BLE001 - a crash inside trafilatura must not lose the page
            text = ""
        if text.strip():
            return text, "main text found by trafilatura"
    text = lxml_main_text(cleaned, cleaned=True)
    if not any(len(line.split()) >= 4 for line in text.split("\n")):
        return "", ""  # a few menu words are not a report
    return text, "no article block found: text of the whole page body"


_DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form",
    "button", "iframe", "select", "input", "label",
)
_DROP_CLASS = re.compile(
    r"\b(?:nav|navbar|menu|breadcrumbs?|sidebar|footer|header|cookies?|banner|share|sharing|social|"
    r"related|comments?|subscribe|newsletter|advert|ads|promo|popup|modal|tags|pagination)\b",
    re.IGNORECASE,
)
_CONTAINERS = (
    "//article", "//*[@itemprop='articleBody']", "//main", "//*[@role='main']",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' content ')]",
    "//*[contains(@class, 'article') or contains(@class, 'post') or contains(@class, 'entry') "
    "or contains(@class, 'news-text') or contains(@class, 'story')]",
)
_BLOCKS = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
    "blockquote", "pre", "table", "tr", "td", "th", "dd", "dt", "figcaption", "br", "hr", "address",
}


def lxml_main_text(
    tree: lxml.html.HtmlElement, require_container: bool = False, cleaned: bool = False
) -> str:
    """The text of the article container (or of the body), with menus and boilerplate removed."""
    if not cleaned:
        tree = _without_boilerplate(tree)
    container = None
    for path in _CONTAINERS:
        found = [e for e in tree.xpath(path) if len(e.text_content().strip()) > 200]
        if found:
            container = max(found, key=lambda e: len(e.text_content()))
            break
    if container is None:
        if require_container:
            return ""
        bodies = tree.xpath("//body")
        container = bodies[0] if bodies else tree
    parts: list[str] = []
    _text_of(container, parts)
    return "".join(parts)


def _without_boilerplate(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """A copy of the page without scripts, menus, headers, footers, sidebars, banners and share bars."""
    tree = lxml.html.document_fromstring(lxml.html.tostring(tree, encoding="unicode"))
    for element in list(tree.iter()):
        if not isinstance(element.tag, str):
            if element.getparent() is not None:
                element.drop_tree()  # comments, processing instructions
            continue
        attributes = f"{element.get('class', '')} {element.get('id', '')}"
        boilerplate = element.tag not in ("html", "body") and _DROP_CLASS.search(attributes)
        if element.tag in _DROP_TAGS or boilerplate:
            if element.getparent() is not None:
                element.drop_tree()
    return tree


_WHITESPACE = re.compile(r"\s+")


def _text_of(element: lxml.html.HtmlElement, parts: list[str], pre: bool = False) -> None:
    # Line breaks in the HTML source are spaces to a browser; only block elements start a new line.
    tag = element.tag if isinstance(element.tag, str) else ""
    pre = pre or tag == "pre"
    block = tag in _BLOCKS
    if block:
        parts.append("\n")
    if element.text:
        parts.append(element.text if pre else _WHITESPACE.sub(" ", element.text))
    for child in element:
        _text_of(child, parts, pre)
        if child.tail:
            parts.append(child.tail if pre else _WHITESPACE.sub(" ", child.tail))
    if block:
        parts.append("\n")


def _metadata(tree: lxml.html.HtmlElement) -> dict:
    metas: dict[str, str] = {}
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key and key not in metas and meta.get("content", "").strip():
            metas[key] = meta.get("content").strip()
    page_title = one_line(_first_text(tree, "//title"))
    heading = one_line(_first_text(tree, "//h1"))
    site = metas.get("og:site_name")
    title = (
        metas.get("og:title") or metas.get("twitter:title") or _clean_page_title(page_title, heading, site)
    )
    canonical = tree.xpath("//link[translate(@rel, 'CANONICAL', 'canonical')='canonical']/@href")
    url = (canonical[0].strip() if canonical else "") or metas.get("og:url")
    language = tree.getroottree().getroot().get("lang") or metas.get("og:locale")
    return {
        "title": one_line(title or heading or ""),
        "url": url or None,
        "source": site,
        "published": _published(tree, metas),
        "language": language,
    }


def _first_text(tree: lxml.html.HtmlElement, path: str) -> str:
    found = tree.xpath(path)
    return found[0].text_content() if found else ""


_TITLE_SEPARATORS = re.compile(r"\s+[|–—:-]\s+|\s+::\s+")


def _clean_page_title(page_title: str, heading: str, site: str | None) -> str:
    # "<title>" usually carries the site name ("Headline | SCORA"); the h1 rarely does.
    if heading and heading in page_title:
        return heading
    parts = _TITLE_SEPARATORS.split(page_title)
    if len(parts) > 1:
        longest = max(parts, key=len)
        if site is None or site.lower() not in longest.lower():
            return longest
    return page_title or heading


_PUBLISHED_KEYS = (
    "article:published_time", "og:published_time", "og:article:published_time", "datepublished",
    "date", "pubdate", "publishdate", "publish-date", "publication_date", "dc.date.issued",
    "dcterms.issued", "dc.date", "dcterms.date", "sailthru.date", "parsely-pub-date", "created",
)
# A <time> inside the article before one in a sidebar's list of other news.
_TIME_PATHS = ("//*[@itemprop='datePublished'][@datetime]", "//article//time[@datetime]", "//time[@datetime]")
_JSON_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')


def _published(tree: lxml.html.HtmlElement, metas: dict[str, str]) -> date | None:
    for key in _PUBLISHED_KEYS:
        found = parse_published(metas.get(key))
        if found:
            return found
    for script in tree.xpath("//script[@type='application/ld+json']"):
        match = _JSON_LD_DATE.search(script.text or "")
        if match:
            try:
                found = parse_published(json.loads(f'"{match.group(1)}"'))
            except ValueError:
                found = None
            if found:
                return found
    for path in _TIME_PATHS:
        for element in tree.xpath(path):
            found = parse_published(element.get("datetime"))
            if found:
                return found
    for element in tree.xpath("//time"):
        found = parse_published(element.text_content())
        if found:
            return found
    return None

"""OPML 2.0: reading the feeds of a subscription list, and writing one."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from email.utils import format_datetime
from urllib.parse import urlsplit

from reader.library.feeds import clean_line
from reader.library.models import Feed


@dataclass(frozen=True)
class Outline:
    """A feed listed in an OPML file."""

    url: str
    title: str


def parse_opml(data: bytes, source: str = "OPML") -> list[Outline]:
    """The feeds (outlines with an http(s) ``xmlUrl``, at any depth) of an OPML file.

    Raises :class:`ValueError` (one line) for a file that is not OPML.
    """
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ValueError(f"{source} is not valid OPML ({exc})") from None
    if root.tag != "opml" or root.find("body") is None:
        raise ValueError(f"{source} is not an OPML file (no <opml><body>)")
    found: dict[str, Outline] = {}
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or "").strip()
        if urlsplit(url).scheme not in ("http", "https") or url in found:
            continue
        title = clean_line(outline.get("title") or outline.get("text") or "")
        found[url] = Outline(url, title)
    return list(found.values())


def to_opml(feeds: list[Feed], now: dt.datetime | None = None) -> str:
    """An OPML 2.0 document listing ``feeds``."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = "reader subscriptions"
    stamp = now or dt.datetime.now(dt.UTC)
    ET.SubElement(head, "dateCreated").text = format_datetime(stamp)
    body = ET.SubElement(root, "body")
    for feed in feeds:
        attributes = {"type": "rss", "text": feed.name, "title": feed.name, "xmlUrl": feed.url}
        if feed.site:
            attributes["htmlUrl"] = feed.site
        ET.SubElement(body, "outline", attributes)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"

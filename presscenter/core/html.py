"""Rich text from agencies is sanitised with nh3 (Ammonia) before it is stored or shown."""

import html
import re

import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup", "blockquote", "q",
    "ul", "ol", "li", "h2", "h3", "h4", "a", "table", "thead", "tbody", "tr", "th", "td",
    "caption", "figure", "figcaption", "hr", "abbr", "cite", "code", "pre",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
TAG_RE = re.compile(r"<[^>]+>")
BLOCK_END_RE = re.compile(r"</(p|li|h[2-4]|tr|blockquote|figure|pre)>|<br\s*/?>", re.IGNORECASE)
SPACE_RE = re.compile(r"[ \t\r\f\v]+")
OTHER_SPACE_RE = re.compile(r"[\t\r\f\v]")


def sanitize(raw: str) -> str:
    """Keep structure and links; drop scripts, styles, event handlers and unsafe URLs."""
    return nh3.clean(
        raw or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()


def to_text(markup: str) -> str:
    """Plain text of sanitised markup: paragraphs on their own lines, entities decoded."""
    text = html.unescape(TAG_RE.sub("", BLOCK_END_RE.sub("\n", markup or "")))
    # Collapsing replaces every single space by itself, which cost most of this function's
    # time (a search's snippets call it on 20 bodies): done only when a run or tab is there.
    if "  " in text or OTHER_SPACE_RE.search(text):
        text = SPACE_RE.sub(" ", text)
    return "\n".join(line for line in map(str.strip, text.split("\n")) if line)

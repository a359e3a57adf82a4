"""Snippets in the item's original spelling, with the words that matched in <mark>."""

from itertools import chain, takewhile

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from presscenter.text import matches

SNIPPET_CHARS = 260
CONTEXT_BEFORE = 70


def _window(text: str, first: tuple[int, int] | None) -> tuple[int, int]:
    """A stretch of about SNIPPET_CHARS around the first match, cut at spaces."""
    if len(text) <= SNIPPET_CHARS:
        return 0, len(text)
    start = max(0, first[0] - CONTEXT_BEFORE) if first else 0
    if start and first:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first[0] else start
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return start, end


def highlight(text: str, words: set[str]) -> SafeString:
    """Escaped HTML of a snippet of `text`, each word folding to one of `words` wrapped in <mark>.
    The text is read once, up to the snippet's end: its first match places the snippet, and the
    matches after it are the rest of the snippet's (a long body is not scanned to its end)."""
    found = matches(text, words)
    first = next(found, None)
    start, end = _window(text, first)
    spans = list(takewhile(lambda span: span[1] <= end, chain([first], found))) if first else []
    parts = ["… " if start else ""]
    position = start
    for span_start, span_end in spans:
        parts += [escape(text[position:span_start]), "<mark>", escape(text[span_start:span_end]), "</mark>"]
        position = span_end
    parts += [escape(text[position:end]), " …" if end < len(text) else ""]
    return mark_safe("".join(parts))  # every piece of text above is escaped

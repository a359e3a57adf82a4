"""Snippets in the item's original spelling, with the words that matched in <mark>."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from presscenter.text import match_spans

SNIPPET_CHARS = 260
CONTEXT_BEFORE = 70


def _window(text: str, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """A stretch of about SNIPPET_CHARS around the first match, cut at spaces."""
    if len(text) <= SNIPPET_CHARS:
        return 0, len(text)
    start = max(0, spans[0][0] - CONTEXT_BEFORE) if spans else 0
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < spans[0][0] else start
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return start, end


def highlight(text: str, words: set[str]) -> SafeString:
    """Escaped HTML of a snippet of `text`, each word folding to one of `words` wrapped in <mark>."""
    spans = match_spans(text, words) if words else []
    start, end = _window(text, spans)
    parts = ["… " if start else ""]
    position = start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        parts += [escape(text[position:span_start]), "<mark>", escape(text[span_start:span_end]), "</mark>"]
        position = span_end
    parts += [escape(text[position:end]), " …" if end < len(text) else ""]
    return mark_safe("".join(parts))  # every piece of text above is escaped

"""A readable diff between two published versions: paragraphs first, then words inside changed ones."""

import difflib
import re
from dataclasses import dataclass
from typing import Literal

from presscenter.core.html import to_text

Kind = Literal["same", "ins", "del"]
TOKEN_RE = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Segment:
    kind: Kind
    text: str


Paragraph = list[Segment]


def paragraphs(title: str, lead: str, body_html: str) -> list[str]:
    """Title, lead and each body paragraph, as plain text lines."""
    lines = [title, lead, *to_text(body_html).split("\n")]
    return [line for line in lines if line.strip()]


def _merge(segments: list[Segment]) -> Paragraph:
    merged: Paragraph = []
    for segment in segments:
        if merged and merged[-1].kind == segment.kind:
            merged[-1] = Segment(segment.kind, merged[-1].text + segment.text)
        else:
            merged.append(segment)
    return merged


def diff_words(old: str, new: str) -> Paragraph:
    """Word-level diff of one paragraph; whitespace stays attached to its neighbours."""
    a, b = TOKEN_RE.findall(old), TOKEN_RE.findall(new)
    segments: list[Segment] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(Segment("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(Segment("del", "".join(a[i1:i2])))
        if j2 > j1:
            segments.append(Segment("ins", "".join(b[j1:j2])))
    return _merge(segments)


def diff_paragraphs(old: list[str], new: list[str]) -> list[Paragraph]:
    """Unchanged paragraphs as they are, replaced ones word by word, added or removed ones whole."""
    result: list[Paragraph] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            result.extend([Segment("same", text)] for text in old[i1:i2])
            continue
        removed, added = old[i1:i2], new[j1:j2]
        paired = min(len(removed), len(added))
        result.extend(diff_words(removed[k], added[k]) for k in range(paired))
        result.extend([Segment("del", text)] for text in removed[paired:])
        result.extend([Segment("ins", text)] for text in added[paired:])
    return result

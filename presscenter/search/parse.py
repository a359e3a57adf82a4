"""What the user typed, as folded terms: phrases in double quotes, every other word AND-ed."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from presscenter.core.errors import DomainError
from presscenter.text import fold, marked_tokens, tokens

MAX_QUERY_CHARS = 300
# A phrase in double quotes, or a word; a quote without its pair is skipped.
_CHUNK_RE = re.compile(r'"([^"]*)"|([^\s"]+)')

Term = tuple[str, ...]


@dataclass(frozen=True)
class ParsedQuery:
    """Each term is a tuple of folded tokens that must appear in this order (one token: a word),
    in the order they were typed. `marked` holds the same terms with their accents (see
    text.marked_tokens) when the user typed any accent, and is empty otherwise."""

    terms: tuple[Term, ...]
    marked: tuple[Term, ...] = ()

    @property
    def words(self) -> set[str]:
        return {token for term in self.terms for token in term}

    @property
    def accented(self) -> bool:
        return bool(self.marked)

    def __bool__(self) -> bool:
        return bool(self.terms)


def parse(q: str) -> ParsedQuery:
    if len(q) > MAX_QUERY_CHARS:
        raise DomainError(
            _("Từ khóa tìm kiếm quá dài (tối đa %(limit)d ký tự).") % {"limit": MAX_QUERY_CHARS},
            field="q",
        )
    # A chunk that folds to several tokens ("COVID-19", "26/11") is a phrase too.
    chunks = [phrase or word for phrase, word in _CHUNK_RE.findall(q)]
    terms: dict[Term, Term] = {}  # folded -> with its accents, as first typed
    for chunk in chunks:
        if term := tuple(tokens(chunk)):
            terms.setdefault(term, tuple(marked_tokens(chunk)))
    if q.strip() and not terms:
        raise DomainError(_("Từ khóa tìm kiếm cần có ít nhất một chữ cái hoặc chữ số."), field="q")
    accented = any(token != fold(token) for marked in terms.values() for token in marked)
    return ParsedQuery(tuple(terms), tuple(terms.values()) if accented else ())

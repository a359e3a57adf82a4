"""What the user typed, as folded terms: phrases in double quotes, every other word AND-ed."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from presscenter.core.errors import DomainError
from presscenter.text import tokens

MAX_QUERY_CHARS = 300
_PHRASE_RE = re.compile(r'"([^"]*)"')


@dataclass(frozen=True)
class ParsedQuery:
    """Each term is a tuple of folded tokens that must appear in this order (one token: a word)."""

    terms: tuple[tuple[str, ...], ...]

    @property
    def words(self) -> set[str]:
        return {token for term in self.terms for token in term}

    def __bool__(self) -> bool:
        return bool(self.terms)


def parse(q: str) -> ParsedQuery:
    if len(q) > MAX_QUERY_CHARS:
        raise DomainError(
            _("Từ khóa tìm kiếm quá dài (tối đa %(limit)d ký tự).") % {"limit": MAX_QUERY_CHARS},
            field="q",
        )
    phrases = _PHRASE_RE.findall(q)
    rest = _PHRASE_RE.sub(" ", q).replace('"', " ")
    # A chunk that folds to several tokens ("COVID-19", "26/11") is a phrase too.
    chunks = [*phrases, *rest.split()]
    terms = tuple(dict.fromkeys(term for chunk in chunks if (term := tuple(tokens(chunk)))))
    if q.strip() and not terms:
        raise DomainError(_("Từ khóa tìm kiếm cần có ít nhất một chữ cái hoặc chữ số."), field="q")
    return ParsedQuery(terms)

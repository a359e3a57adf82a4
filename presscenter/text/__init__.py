"""Vietnamese text toolkit: normalisation, folding, tokenisation and match spans. Imports no Django."""

from presscenter.text.fold import fold, normalize
from presscenter.text.marks import marked_tokens
from presscenter.text.tokens import first_match, match_spans, matches, tokens

__all__ = ["first_match", "fold", "marked_tokens", "match_spans", "matches", "normalize", "tokens"]

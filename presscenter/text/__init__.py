"""Vietnamese text toolkit: normalisation, folding, tokenisation and match spans. Imports no Django."""

from presscenter.text.fold import fold, normalize
from presscenter.text.tokens import match_spans, tokens

__all__ = ["fold", "match_spans", "normalize", "tokens"]

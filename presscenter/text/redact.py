"""Personal data out of text that will be published: phone numbers, e-mail addresses and
identity-card numbers (9 or 12 digits) become a neutral mark."""

import re

MARK = "[…]"
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Vietnamese phone numbers: 0 or +84 then 9–10 digits, with optional spaces, dots or dashes.
PHONE_RE = re.compile(r"(?<!\d)(?:\+?84|0)(?:[\s.-]?\d){8,10}(?!\d)")
ID_RE = re.compile(r"(?<!\d)(?:\d{12}|\d{9})(?!\d)")


def redact(text: str) -> str:
    for pattern in (EMAIL_RE, PHONE_RE, ID_RE):
        text = pattern.sub(MARK, text)
    return text

"""Where a notice about an inquiry sends its reader: the asker to the status page (with the
secret key when they have no account), the agencies and the centre to the working screen.

Paths, not absolute URLs: a live notification links within the site; e-mail puts SITE_URL in
front (`absolute`). The pages themselves belong to the asking and handling screens; these paths
are theirs ("/hoi-dap/theo-doi/<code>/", "/lam-viec/hoi-dap/<pk>/")."""

from urllib.parse import urlencode

from django.conf import settings

from presscenter.inquiries.models import Inquiry


def status_url(inquiry: Inquiry, *, with_key: bool | None = None) -> str:
    """The asker's status page. Without an account the link carries the access key (the
    page's only lock); an asker with an account signs in instead, so the key stays out of
    mailboxes that do not need it. `with_key` overrides that choice."""
    path = f"/hoi-dap/theo-doi/{inquiry.code}/"
    if with_key is None:
        with_key = inquiry.asker_id is None
    return f"{path}?{urlencode({'k': inquiry.access_key})}" if with_key else path


def work_url(inquiry: Inquiry) -> str:
    """The inquiry on the working screen (agencies and the centre)."""
    return f"/lam-viec/hoi-dap/{inquiry.pk}/"


def absolute(path: str) -> str:
    return settings.SITE_URL + path

"""Where a verified item and version live on the portal, and the verification URL of a code."""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

from presscenter.releases.models import Item, Version


def version_url(item: Item, version: Version) -> str:
    return reverse("portal:item_version", args=[item.uid, version.number])


def verify_url(code: str) -> str:
    """Absolute: it is printed on paper and encoded in QR codes."""
    return f"{settings.SITE_URL}{reverse('authenticity:verify')}?{urlencode({'code': code})}"

"""schema.org NewsArticle data for an item page, so search engines and aggregators read it right."""

from typing import Any

from django.conf import settings

from presscenter.core.html import to_text
from presscenter.releases.models import Item, Version


def news_article(item: Item, version: Version) -> dict[str, Any]:
    url = settings.SITE_URL + item.get_absolute_url()
    publisher = {"@type": "Organization", "name": settings.SITE_NAME, "url": settings.SITE_URL}
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": version.title,
        "description": version.lead,
        "articleBody": to_text(version.body),
        "inLanguage": item.language,
        "url": url,
        "mainEntityOfPage": url,
        "identifier": item.verification_code,
        "datePublished": (item.first_published_at or version.published_at).isoformat(),
        "dateModified": version.published_at.isoformat(),
        "author": {"@type": "GovernmentOrganization", "name": item.organisation.name},
        "publisher": publisher,
        "version": str(version.number),
    }

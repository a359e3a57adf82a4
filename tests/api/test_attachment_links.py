"""Attachment links in the API lead to the checked download route, which applies the embargo."""

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from presscenter.releases import domain
from presscenter.releases.attachments import add_attachment
from tests.api.conftest import ApiClient
from tests.workspace import files


def published_with_file(newsroom, **fields):
    item = newsroom.draft(**fields)
    add_attachment(newsroom.editor, item, files.pdf())
    domain.submit(newsroom.editor, item)
    return domain.approve(newsroom.spokesperson, item)


def test_public_attachment_url_is_absolute_and_downloads(newsroom, anonymous):
    item = published_with_file(newsroom)
    url = anonymous.get(f"/api/items/{item.uid}").json()["attachments"][0]["url"]
    assert url.startswith(f"{settings.SITE_URL}/tep/")
    response = anonymous.client.get(urlsplit(url).path)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_embargoed_attachment_url_downloads_only_for_allowed_readers(newsroom, journalist):
    item = published_with_file(newsroom, embargo_until=timezone.now() + dt.timedelta(hours=2))
    reader = ApiClient()
    reader.client.force_login(journalist)
    url = reader.get(f"/api/items/{item.uid}").json()["attachments"][0]["url"]
    path = urlsplit(url).path
    assert url == f"{settings.SITE_URL}{path}" and path.startswith("/tep/")
    assert reader.client.get(path).status_code == 200
    assert ApiClient().client.get(path).status_code == 404

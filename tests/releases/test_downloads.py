"""Attachment downloads as uvicorn serves them: presscenter.asgi.application called with an ASGI
scope, receive and send, against the test database."""

import asyncio
import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from asgiref.sync import async_to_sync
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from presscenter.asgi import application
from presscenter.core.downloads import CHUNK_BYTES
from presscenter.releases import domain
from presscenter.releases.attachments import add_attachment
from tests.workspace import files

# Three and a half chunks, so that the body must arrive in parts.
BODY = b"%PDF-1.4\n" + bytes(range(256)) * (CHUNK_BYTES * 7 // 512) + b"\n%%EOF\n"


def large_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("Bộ tài liệu báo chí.pdf", BODY, content_type="application/pdf")


def served(path: str) -> tuple[int, dict[str, str], list[bytes]]:
    """Status, headers and body parts of a GET served the way uvicorn calls the application."""

    async def scenario() -> list[dict[str, Any]]:
        scope = {"type": "http", "method": "GET", "path": path, "query_string": b"", "headers": []}
        requested = asyncio.Event()
        sent: list[dict[str, Any]] = []

        async def receive() -> dict[str, Any]:
            if not requested.is_set():
                requested.set()
                return {"type": "http.request", "body": b"", "more_body": False}
            await asyncio.Event().wait()  # the client stays until the response ends
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        await application(scope, receive, send)
        return sent

    # On a thread of its own: an earlier test on this xdist worker (Playwright's sync API) may have
    # left an event loop running on this one. The tests commit (transactional_db) so that thread's
    # database connection sees their rows.
    with ThreadPoolExecutor(1) as thread:
        start, *bodies = thread.submit(async_to_sync(scenario)).result()
    headers = {name.decode().lower(): value.decode("latin1") for name, value in start["headers"]}
    return start["status"], headers, [message.get("body", b"") for message in bodies]


def test_attachment_streams_under_asgi_without_reading_it_whole(transactional_db, newsroom, recwarn):
    item = newsroom.draft()
    attachment = add_attachment(newsroom.editor, item, large_pdf())
    domain.submit(newsroom.editor, item)
    domain.approve(newsroom.spokesperson, item)
    status, headers, parts = served(reverse("releases:attachment", args=[attachment.pk]))
    assert status == 200
    # Django warns when it must read a synchronous iterator into memory to serve it under ASGI.
    assert not [w for w in recwarn if "synchronous iterators" in str(w.message)]
    assert b"".join(parts) == BODY
    assert len([part for part in parts if part]) >= 4
    assert headers["content-type"] == "application/pdf"
    assert headers["content-length"] == str(len(BODY))
    assert headers["content-disposition"] == (
        "inline; filename=\"Bo tai lieu bao chi.pdf\"; filename*=UTF-8''B%E1%BB%99%20t%C3%A0i%20li%E1%BB%87u"
        "%20b%C3%A1o%20ch%C3%AD.pdf"
    )
    assert headers["etag"] == f'"{attachment.sha256[:32]}"'
    assert headers["cache-control"] == "public, max-age=3600"


def test_embargoed_attachment_is_refused_under_asgi(transactional_db, newsroom):
    item = newsroom.draft(embargo_until=timezone.now() + dt.timedelta(hours=2))
    attachment = add_attachment(newsroom.editor, item, files.pdf())
    domain.submit(newsroom.editor, item)
    domain.approve(newsroom.spokesperson, item)
    status, _, parts = served(reverse("releases:attachment", args=[attachment.pk]))
    assert status == 404
    assert b"%PDF" not in b"".join(parts)


def test_attachment_streams_under_wsgi(newsroom, client):
    item = newsroom.draft()
    attachment = add_attachment(newsroom.editor, item, large_pdf())
    domain.submit(newsroom.editor, item)
    domain.approve(newsroom.spokesperson, item)
    response = client.get(reverse("releases:attachment", args=[attachment.pk]))
    assert not response.is_async
    assert b"".join(response.streaming_content) == BODY
    assert response["Content-Length"] == str(len(BODY))

"""File downloads that stream under both servers.

Under WSGI, FileResponse reads the file chunk by chunk in the worker thread. Under ASGI (uvicorn)
Django cannot iterate a synchronous iterator from the event loop: it warns and reads the whole
file into memory first (20 MB per attachment download). There the file is read by an
asynchronous iterator instead, one chunk at a time in a worker thread.
"""

from collections.abc import AsyncIterator
from typing import IO

from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIRequest
from django.http import FileResponse, HttpRequest

# Django's ASGI handler sends bodies in chunks of this size.
CHUNK_BYTES = 64 * 1024


async def _chunks(file: IO[bytes]) -> AsyncIterator[bytes]:
    # Not thread-sensitive: a slow disk or remote storage must not hold up the one thread that
    # runs every synchronous view.
    read = sync_to_async(file.read, thread_sensitive=False)
    while chunk := await read(CHUNK_BYTES):
        yield chunk


def file_response(request: HttpRequest, file: IO[bytes], *, content_type: str) -> FileResponse:
    """FileResponse's headers (Content-Length from the file) and closing, streamed the way the
    server serving `request` can stream."""
    response = FileResponse(file, content_type=content_type)
    if isinstance(request, ASGIRequest):
        response.streaming_content = _chunks(file)
    return response

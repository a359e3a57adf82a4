import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "presscenter.settings")
django_application = get_asgi_application()

# Imported after Django is set up. Open event streams go to the lean stream app, not through
# Django's handler and middleware (see presscenter/live/asgi.py for why).
from django.urls import reverse  # noqa: E402

from presscenter.live.asgi import Receive, Scope, Send  # noqa: E402
from presscenter.live.asgi import app as live_stream  # noqa: E402

LIVE_STREAM_PATH = reverse("live:stream")


async def application(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] == "http" and scope["path"] == LIVE_STREAM_PATH:
        await live_stream(scope, receive, send)
    else:
        await django_application(scope, receive, send)

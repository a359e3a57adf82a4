"""Who reads an item before its embargo lifts, on every path that serves items: the issuing
agency, the centre's staff and accredited journalists; nobody else (docs/embargo.md)."""

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from presscenter.accounts.models import Role
from presscenter.core.errors import PermissionDenied
from presscenter.live.domain import rotate_feed_token
from presscenter.press.models import Accreditation
from presscenter.releases import domain
from presscenter.releases.attachments import add_attachment
from presscenter.releases.models import Attachment, Item
from presscenter.search.models import SearchDocument
from tests import factories
from tests.live.conftest import journalist
from tests.workspace import files

pytestmark = pytest.mark.django_db

TITLE = "Kết quả thi tuyển công chức thành phố"
WORD = "tuyển công chức"


def make_reader(role: str, newsroom: factories.Newsroom) -> Any:
    other = factories.organisation()
    makers: dict[str, Callable[[], Any]] = {
        "anonymous": AnonymousUser,
        "public": lambda: factories.user(Role.PUBLIC),
        "journalist_without_card": lambda: journalist(Accreditation.PENDING),
        "journalist_accredited": journalist,
        "journalist_suspended": lambda: journalist(Accreditation.SUSPENDED),
        "editor_own": lambda: newsroom.editor,
        "editor_other": lambda: factories.user(Role.EDITOR, other),
        "spokesperson_other": lambda: factories.user(Role.SPOKESPERSON, other),
        "operator": lambda: newsroom.operator,
        "admin": lambda: factories.user(Role.CENTER_ADMIN),
    }
    return makers[role]()


READERS = {"journalist_accredited", "editor_own", "operator", "admin"}
ROLES = [
    "anonymous",
    "public",
    "journalist_without_card",
    "journalist_accredited",
    "journalist_suspended",
    "editor_own",
    "editor_other",
    "spokesperson_other",
    "operator",
    "admin",
]


def embargoed_item(newsroom: factories.Newsroom) -> tuple[Item, Attachment]:
    topic = factories.topic()
    item = newsroom.draft(title=TITLE, topics=[topic.pk], embargo_until=timezone.now() + dt.timedelta(hours=3))
    attachment = add_attachment(newsroom.editor, item, files.pdf())
    domain.submit(newsroom.editor, item)
    domain.approve(newsroom.spokesperson, item)
    item.refresh_from_db()
    return item, attachment


def _found(client: Client, url: str, **query: str) -> bool:
    response = client.get(url, query)
    assert response.status_code in (200, 403, 404), url
    return response.status_code == 200


def _lists(client: Client, url: str, **query: str) -> bool:
    response = client.get(url, query)
    assert response.status_code == 200, url
    return TITLE in response.content.decode()


def _api_lists(client: Client, url: str, item: Item, **query: str) -> bool:
    results = client.get(url, query).json()["results"]
    return str(item.uid) in {(entry.get("item") or entry)["uid"] for entry in results}


def _private_feed(client: Client, reader: Any) -> bool:
    try:
        token = rotate_feed_token(reader)
    except PermissionDenied:
        return False  # no private feed at all
    feed = json.loads(client.get(reverse("live:private_feed", args=[token, "json"])).content)
    return any(TITLE in entry["title"] for entry in feed["items"])


def paths_seen(client: Client, reader: Any, item: Item, attachment: Attachment) -> dict[str, bool]:
    uid = str(item.uid)
    topic = item.topics.get()
    return {
        "item page": _found(client, item.get_absolute_url()),
        "version page": _found(client, reverse("portal:item_version", args=[uid, 1])),
        "home": _lists(client, reverse("portal:home")),
        "latest": _lists(client, reverse("portal:latest")),
        "agency page": _lists(client, reverse("portal:agency", args=[item.organisation.slug])),
        "topic page": _lists(client, reverse("portal:topic", args=[topic.slug])),
        "search page": _lists(client, reverse("search:search"), q=WORD),
        "search api": _api_lists(client, "/api/items/search", item, q=WORD),
        "list api": _api_lists(client, "/api/items", item),
        "item api": _found(client, f"/api/items/{uid}"),
        "ninjs api": _found(client, f"/api/items/{uid}/ninjs"),
        "public feed": _lists(client, reverse("syndication:feed", kwargs={"format": "rss"})),
        "agency feed": _lists(client, reverse("syndication:feed", args=["agency", item.organisation.slug, "json"])),
        "private feed": _private_feed(client, reader),
        "attachment": _found(client, reverse("releases:attachment", args=[attachment.pk])),
        "ninjs": _found(client, reverse("syndication:ninjs", args=[uid])),
        "newsml": _found(client, reverse("syndication:newsml", args=[uid])),
    }


def expected(role: str) -> dict[str, bool]:
    everywhere = role in READERS
    seen = dict.fromkeys(
        [
            "item page", "version page", "home", "latest", "agency page", "topic page", "search page",
            "search api", "list api", "item api", "ninjs api", "attachment", "ninjs", "newsml",
        ],
        everywhere,
    )  # fmt: skip
    # Public feeds are for everyone, so never before the lift; a private feed is the accredited press's.
    seen.update({"public feed": False, "agency feed": False, "private feed": role == "journalist_accredited"})
    return seen


@pytest.mark.parametrize("role", ROLES)
def test_embargoed_item_on_every_path(client, newsroom, role):
    item, attachment = embargoed_item(newsroom)
    reader = make_reader(role, newsroom)
    if reader.is_authenticated:
        client.force_login(reader)
    assert paths_seen(client, reader, item, attachment) == expected(role)


def test_every_path_shows_the_item_once_the_embargo_lifts(client, newsroom):
    item, attachment = embargoed_item(newsroom)
    lifted = timezone.now() - dt.timedelta(minutes=1)  # as the clock would stand after the lift
    Item.objects.filter(pk=item.pk).update(embargo_until=lifted)
    SearchDocument.objects.filter(item=item).update(embargo_until=lifted)
    item.refresh_from_db()
    seen = paths_seen(client, AnonymousUser(), item, attachment)
    assert seen == {**dict.fromkeys(seen, True), "private feed": False}

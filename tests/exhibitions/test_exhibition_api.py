import pytest

from presscenter.exhibitions import domain
from presscenter.exhibitions.models import Entry, EntryStatus
from tests.events import factories as event_factories
from tests.exhibitions import helpers
from tests.press.conftest import journalist, make_outlet

pytestmark = pytest.mark.django_db


def test_the_published_gallery_is_public_with_credits_and_licence(client):
    organiser = event_factories.organiser_and_officer()[1]
    exhibition, (first, second) = helpers.judged(helpers.exhibition(organiser, licence="all-rights-reserved"))
    assert client.get(f"/api/exhibitions/{exhibition.event.slug}").status_code == 404
    domain.curate(organiser, second, status=EntryStatus.SELECTED, position=1)
    domain.curate(organiser, first, status=EntryStatus.SELECTED, position=2)
    domain.publish(organiser, exhibition)
    listing = client.get("/api/exhibitions").json()
    assert [row["slug"] for row in listing] == [exhibition.event.slug]
    body = client.get(f"/api/exhibitions/{exhibition.event.slug}").json()
    assert body["licence"] == "all-rights-reserved"
    assert body["licence_url"] == ""
    assert [photo["id"] for photo in body["photos"]] == [second.pk, first.pk]
    assert body["photos"][0]["credit_name"] == second.credit_name
    assert body["photos"][0]["alt_text"] == second.caption
    assert client.get(body["photos"][0]["thumbnail_url"]).status_code == 200


def test_a_journalist_submits_lists_and_withdraws_through_the_api(client):
    exhibition = helpers.exhibition()
    slug = exhibition.event.slug
    photographer = event_factories.accredited_journalist()
    client.force_login(photographer)
    created = client.post(
        f"/api/exhibition-entries/{slug}",
        {
            "photo": helpers.upload(),
            "caption": "Phố Hàng Mã mùa Trung thu.",
            "taken_on": "2024-09-20",
            "place": "Hà Nội",
        },
    )
    assert created.status_code == 201, created.content
    entry = created.json()
    assert entry["exif"]["camera"] == "Nikon Z 9"
    assert [row["id"] for row in client.get(f"/api/exhibition-entries/{slug}").json()] == [entry["id"]]
    withdrawn = client.post(f"/api/exhibition-entries/{slug}/{entry['id']}/withdraw")
    assert withdrawn.status_code == 200
    assert withdrawn.json()["status"] == "withdrawn"
    assert client.post(f"/api/exhibition-entries/{slug}/{entry['id']}/withdraw").status_code == 409


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"caption": "Ảnh"}, 422),  # no photo
        ({"photo": b"", "caption": "Ảnh"}, 422),
        ({"caption": ""}, 422),
        ({"taken_on": "31/02/2026", "caption": "Ảnh"}, 422),
    ],
)
def test_malformed_submissions_are_refused_without_a_server_error(client, data, status):
    exhibition = helpers.exhibition()
    client.force_login(event_factories.accredited_journalist())
    payload = dict(data)
    if "photo" in payload:
        payload["photo"] = helpers.upload(payload["photo"], "x.jpg")
    elif data.get("caption") != "Ảnh" or "taken_on" in data:
        payload["photo"] = helpers.upload()
    response = client.post(f"/api/exhibition-entries/{exhibition.event.slug}", payload)
    assert response.status_code in {400, status}, response.content
    assert not Entry.objects.exists()


def test_a_non_image_is_a_422_and_an_unaccredited_journalist_a_403(client):
    exhibition = helpers.exhibition()
    slug = exhibition.event.slug
    client.force_login(event_factories.accredited_journalist())
    bad = client.post(
        f"/api/exhibition-entries/{slug}", {"photo": helpers.upload(b"%PDF-1.4" * 100, "a.jpg"), "caption": "Ảnh"}
    )
    assert bad.status_code == 422
    assert bad.json()["error"]["details"]
    client.force_login(journalist(make_outlet()).user)
    refused = client.post(f"/api/exhibition-entries/{slug}", {"photo": helpers.upload(), "caption": "Ảnh"})
    assert refused.status_code == 403
    assert not Entry.objects.exists()

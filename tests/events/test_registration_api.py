"""The registration API: both sides, the error shape of every refusal, and malformed input
answered with 4xx, never 500."""

import pytest

from presscenter.accounts.models import Role
from presscenter.events import registration
from presscenter.events.models import Invitation, Registration, RegistrationStatus
from tests import factories
from tests.api.conftest import ApiClient, token_for
from tests.events.factories import accredited_journalist, event, organiser_and_officer

pytestmark = pytest.mark.django_db
BASE = "/api/event-registrations"


def api_for(user) -> ApiClient:
    return ApiClient(token_for(user, user.organisation))


def test_a_journalist_registers_lists_and_cancels_through_the_api():
    conference = event(capacity=2)
    reporter = accredited_journalist()
    client = api_for(reporter)
    made = client.post(f"{BASE}/events/{conference.pk}", {"crew": [{"full_name": "Lý Thu Âm", "role": "sound"}]})
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["status"] == "approved" and body["seats"] == 2 and body["ticket"]
    assert body["crew"][0]["full_name"] == "Lý Thu Âm" and body["crew"][0]["ticket"]
    again = client.post(f"{BASE}/events/{conference.pk}", {})
    assert again.status_code == 409 and "đã đăng ký" in again.json()["error"]["message"]
    listed = client.get(f"{BASE}/mine").json()
    assert listed["total"] == 1 and listed["results"][0]["id"] == body["id"]
    cancelled = client.post(f"{BASE}/{body['id']}/cancel")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"


def test_full_event_waitlists_and_too_many_crew_is_refused():
    conference = event(capacity=1, max_crew=1)
    registration.register(accredited_journalist(), conference)
    client = api_for(accredited_journalist())
    crew = [{"full_name": "A", "role": "camera"}, {"full_name": "B", "role": "photo"}]
    refused = client.post(f"{BASE}/events/{conference.pk}", {"crew": crew})
    assert refused.status_code == 422 and refused.json()["error"]["details"]
    assert client.post(f"{BASE}/events/{conference.pk}", {}).json()["status"] == "waitlisted"


def test_the_organiser_side_and_who_may_use_it():
    _agency, editor = organiser_and_officer()
    conference = event(editor, capacity=3, needs_approval=True)
    pending = registration.register(accredited_journalist(), conference)
    organiser = api_for(editor)
    page = organiser.get(f"{BASE}/events/{conference.pk}", status="pending").json()
    assert [row["id"] for row in page["results"]] == [pending.pk]
    assert organiser.get(f"{BASE}/events/{conference.pk}/seats").json() == {
        "capacity": 3,
        "approved": 0,
        "pending": 1,
        "waitlisted": 0,
        "left": 2,
    }
    for outsider in (organiser_and_officer()[1], accredited_journalist()):
        client = api_for(outsider)
        assert client.get(f"{BASE}/events/{conference.pk}").status_code == 403
        assert client.post(f"{BASE}/{pending.pk}/approve").status_code == 404
    assert organiser.post(f"{BASE}/{pending.pk}/reject", {"reason": ""}).status_code == 422
    assert organiser.post(f"{BASE}/{pending.pk}/revoke", {"reason": "Sai"}).status_code == 409
    approved = organiser.post(f"{BASE}/{pending.pk}/approve")
    assert approved.status_code == 200 and approved.json()["ticket"]
    revoked = organiser.post(f"{BASE}/{pending.pk}/revoke", {"reason": "Không xuất trình thẻ"})
    assert revoked.json()["status"] == "revoked" and revoked.json()["status_reason"] == "Không xuất trình thẻ"
    topic = factories.topic()
    follower = accredited_journalist()
    follower.journalist.beats.add(topic)
    assert organiser.post(f"{BASE}/events/{conference.pk}/invitations", {"topic": topic.slug}).json() == {"invited": 1}
    assert organiser.post(f"{BASE}/events/{conference.pk}/invitations", {"topic": "khong-co"}).status_code == 422
    assert organiser.post(f"{BASE}/events/{conference.pk}/invitations", {}).status_code == 422
    assert Invitation.objects.filter(event=conference, journalist=follower).exists()


def test_non_journalists_are_refused_and_malformed_input_is_a_4xx():
    conference = event(capacity=3)
    citizen = api_for(factories.user(Role.PUBLIC))
    assert citizen.post(f"{BASE}/events/{conference.pk}", {}).status_code == 403
    reporter = api_for(accredited_journalist())
    for path, body in [
        (f"{BASE}/events/{2**63}", {}),
        (f"{BASE}/events/0", {}),
        (f"{BASE}/events/{conference.pk}", {"crew": [{"full_name": "A", "role": "director"}]}),
        (f"{BASE}/events/{conference.pk}", {"crew": [{"full_name": "\x00", "role": "camera"}]}),
        (f"{BASE}/events/{conference.pk}", {"crew": "nhiều"}),
        (f"{BASE}/{2**40}/cancel", None),
    ]:
        response = reporter.post(path, body)
        assert 400 <= response.status_code < 500, (path, response.status_code)
    assert reporter.post(f"{BASE}/events/{conference.pk}", raw="{not json").status_code == 400
    assert reporter.get(f"{BASE}/events/999999").status_code == 404
    assert not Registration.objects.exclude(status=RegistrationStatus.CANCELLED).exists()

"""The registration pages: the journalist registers with crew and cancels; the organiser decides,
invites and exports; who may open what (a permission matrix); lists whose query count does not
grow with their length; a CSV that a spreadsheet cannot run."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from presscenter.accounts.models import Role
from presscenter.events import registration
from presscenter.events.models import Invitation, Registration, RegistrationStatus, Visibility
from presscenter.events.registration import Crew
from tests import factories
from tests.events.factories import accredited_journalist, event, organiser_and_officer
from tests.press.conftest import journalist, make_outlet

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def register_data(*crew: tuple[str, str], rows: int = 2) -> dict[str, str]:
    data = {"crew-TOTAL_FORMS": str(rows), "crew-INITIAL_FORMS": str(rows), "crew-MAX_NUM_FORMS": "20"}
    for index in range(rows):
        name, role = crew[index] if index < len(crew) else ("", "")
        data[f"crew-{index}-full_name"], data[f"crew-{index}-role"] = name, role
    return data


def test_a_journalist_registers_with_crew_on_the_page_and_sees_it_in_my_events():
    conference = event(capacity=10, title="Họp báo kinh tế – xã hội quý IV")
    reporter = accredited_journalist()
    client = signed_in(reporter)
    url = reverse("events_registration:register", args=[conference.slug])
    page = client.get(url)
    assert page.status_code == 200 and "Còn 10 chỗ" in page.content.decode()
    response = client.post(url, register_data(("Ngô Quay Phim", "camera")))
    assert response.status_code == 302
    made = Registration.objects.get(journalist=reporter)
    assert made.status == RegistrationStatus.APPROVED and made.seats == 2 and made.tickets.count() == 2
    mine = client.get(reverse("events_registration:mine")).content.decode()
    assert "Họp báo kinh tế – xã hội quý IV" in mine and "Đã được chấp nhận" in mine
    client.post(reverse("events_registration:cancel", args=[made.pk]))
    assert Registration.objects.get(pk=made.pk).status == RegistrationStatus.CANCELLED


def test_the_register_page_says_why_not_and_writes_nothing():
    conference = event(capacity=10, max_crew=1)
    unaccredited = journalist(make_outlet()).user
    client = signed_in(unaccredited)
    url = reverse("events_registration:register", args=[conference.slug])
    assert "thẻ tác nghiệp" in client.get(url).content.decode()
    assert client.post(url, register_data()).status_code == 403
    reporter_client = signed_in(accredited_journalist())
    body = reporter_client.post(url, register_data(("A", "camera"), ("B", "sound"))).content.decode()
    assert "tối đa 1 người" in body
    body = reporter_client.post(url, register_data(("A", ""))).content.decode()
    assert "Hãy chọn nhiệm vụ" in body
    assert not Registration.objects.exists()


def test_an_invited_only_event_is_not_found_by_others():
    _agency, editor = organiser_and_officer()
    private = event(editor, capacity=5, visibility=Visibility.INVITED)
    url = reverse("events_registration:register", args=[private.slug])
    assert signed_in(accredited_journalist()).get(url).status_code == 404


@pytest.mark.parametrize(
    "who, expected",
    [
        ("organiser", 200),
        ("operator", 200),
        ("other_agency", 404),
        ("journalist", 403),
        ("citizen", 403),
        ("anonymous", 302),
    ],
)
def test_the_organiser_pages_permission_matrix(who, expected):
    _agency, editor = organiser_and_officer()
    conference = event(editor, capacity=5)
    users = {
        "organiser": editor,
        "operator": factories.user(Role.CENTER_OPERATOR),
        "other_agency": organiser_and_officer()[1],
        "journalist": accredited_journalist(),
        "citizen": factories.user(Role.PUBLIC),
    }
    client = signed_in(users[who]) if who in users else Client()
    for name in ("list", "invite", "export"):
        response = client.get(reverse(f"events_registrations_work:{name}", args=[conference.pk]))
        assert response.status_code == expected, name


@pytest.mark.parametrize("who, allowed", [("organiser", True), ("other_agency", False), ("journalist", False)])
def test_decisions_are_only_the_organisers(who, allowed):
    _agency, editor = organiser_and_officer()
    conference = event(editor, capacity=5, needs_approval=True)
    pending = registration.register(accredited_journalist(), conference)
    users = {"organiser": editor, "other_agency": organiser_and_officer()[1], "journalist": pending.journalist}
    signed_in(users[who]).post(reverse("events_registrations_work:decide", args=[pending.pk, "duyet"]))
    expected = RegistrationStatus.APPROVED if allowed else RegistrationStatus.PENDING
    assert Registration.objects.get(pk=pending.pk).status == expected


def test_the_organiser_rejects_and_revokes_with_a_reason_and_invites_a_list():
    _agency, editor = organiser_and_officer()
    conference = event(editor, capacity=5, needs_approval=True)
    pending = registration.register(accredited_journalist(), conference)
    client = signed_in(editor)
    decide = reverse("events_registrations_work:decide", args=[pending.pk, "tu-choi"])
    client.post(decide, {"reason": ""})
    assert Registration.objects.get(pk=pending.pk).status == RegistrationStatus.PENDING
    client.post(decide, {"reason": "Không đúng lĩnh vực"})
    assert Registration.objects.get(pk=pending.pk).status_reason == "Không đúng lĩnh vực"
    approved = registration.approve(editor, registration.register(accredited_journalist(), conference))
    client.post(reverse("events_registrations_work:decide", args=[approved.pk, "thu-hoi"]), {"reason": "Sai thông tin"})
    assert Registration.objects.get(pk=approved.pk).status == RegistrationStatus.REVOKED
    guests = [accredited_journalist(), accredited_journalist()]
    url = reverse("events_registrations_work:invite", args=[conference.pk])
    assert client.post(url, {"by": "list"}).status_code == 400
    client.post(url, {"by": "list", "journalists": [g.pk for g in guests]})
    assert set(Invitation.objects.values_list("journalist_id", flat=True)) == {g.pk for g in guests}


def test_the_attendee_csv_cannot_run_formulas():
    _agency, editor = organiser_and_officer()
    conference = event(editor, capacity=5)
    sly = accredited_journalist(full_name='=HYPERLINK("http://x")')
    registration.register(sly, conference, crew=[Crew("+cmd|' /C calc'!A0", "camera")])
    response = signed_in(editor).get(reverse("events_registrations_work:export", args=[conference.pk]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode().lstrip("\ufeff"))))
    assert rows[0][0] == "Họ và tên" and len(rows) == 3
    assert rows[1][0].startswith("'=") and rows[2][0].startswith("'+")
    assert rows[1][5] and rows[2][5]  # each person's ticket code


def test_the_registrations_list_query_count_does_not_grow(django_assert_max_num_queries):
    _agency, editor = organiser_and_officer()
    conference = event(editor, capacity=100)
    client = signed_in(editor)
    url = reverse("events_registrations_work:list", args=[conference.pk])
    for _n in range(2):
        registration.register(accredited_journalist(), conference, crew=[Crew("Quay phim", "camera")])
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        assert client.get(url).status_code == 200
    for _n in range(8):
        registration.register(accredited_journalist(), conference, crew=[Crew("Quay phim", "camera")])
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(url).content.decode()
    assert body.count("Quay phim (Quay phim)") == 10


def test_my_events_query_count_does_not_grow(django_assert_max_num_queries):
    reporter = accredited_journalist()
    client = signed_in(reporter)
    url = reverse("events_registration:mine")
    registration.register(reporter, event(capacity=5))
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        assert client.get(url).status_code == 200
    for _n in range(6):
        registration.register(reporter, event(capacity=5))
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(url).content.decode()
    assert body.count("Hủy đăng ký") == 7

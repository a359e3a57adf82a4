import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from presscenter.accounts.models import Role
from presscenter.exhibitions import domain
from presscenter.exhibitions.models import Entry, EntryStatus, Score
from tests import factories
from tests.events import factories as event_factories
from tests.exhibitions import helpers
from tests.press.conftest import journalist, make_outlet

pytestmark = pytest.mark.django_db


def _published(count: int = 3):
    _organiser_agency, organiser = event_factories.organiser_and_officer()
    exhibition = helpers.exhibition(organiser)
    exhibition, entries = helpers.judged(exhibition, count)
    for position, entry in enumerate(entries, start=1):
        domain.curate(organiser, entry, status=EntryStatus.SELECTED, position=count - position + 1)
    return domain.publish(organiser, exhibition), entries


def _body(response) -> str:
    return response.content.decode()


def test_the_public_gallery_shows_selected_photos_in_order_with_credit_and_licence(client):
    exhibition, entries = _published(3)
    rejected = Entry.objects.create(
        **{field: getattr(entries[0], field) for field in ("exhibition", "photographer", "credit_name", "outlet",
           "original", "web", "thumb", "width", "height", "web_width", "web_height", "submitted_at")},
        caption="Ảnh không được chọn", status=EntryStatus.REJECTED,
    )  # fmt: skip
    page = client.get(reverse("exhibitions_public:exhibition", args=[exhibition.event.slug]))
    body = _body(page)
    assert page.status_code == 200
    positions = [body.index(entry.caption) for entry in reversed(entries)]
    assert positions == sorted(positions)
    assert "Ảnh không được chọn" not in body
    assert f'alt="{entries[0].caption}"' in body
    assert entries[0].outlet in body
    assert "CC BY-NC-ND 4.0" in body
    photo = client.get(reverse("exhibitions_public:photo", args=[exhibition.event.slug, entries[1].pk]))
    assert photo.status_code == 200
    assert 'rel="license' in _body(photo)
    image = client.get(reverse("exhibitions_public:image", args=[exhibition.event.slug, entries[1].pk, "web"]))
    assert image.status_code == 200
    assert image["Content-Type"] == "image/jpeg"
    assert b"".join(image.streaming_content)[:2] == b"\xff\xd8"
    hidden = client.get(reverse("exhibitions_public:photo", args=[exhibition.event.slug, rejected.pk]))
    assert hidden.status_code == 404


def test_the_event_page_links_to_its_exhibition(client):
    exhibition = helpers.exhibition()
    page = client.get(reverse("events_public:event", args=[exhibition.event.slug]))
    assert reverse("exhibitions_public:exhibition", args=[exhibition.event.slug]) in _body(page)


def test_before_publication_entries_are_private(client):
    exhibition = helpers.exhibition()
    entry = helpers.entry(exhibition)
    slug = exhibition.event.slug
    page = client.get(reverse("exhibitions_public:exhibition", args=[slug]))
    assert entry.caption not in _body(page)
    assert "Thư mời gửi ảnh" in _body(page)
    for name, args in (("photo", [slug, entry.pk]), ("image", [slug, entry.pk, "thumb"]), ("catalogue", [slug])):
        assert client.get(reverse(f"exhibitions_public:{name}", args=args)).status_code == 404
    client.force_login(entry.photographer)
    assert client.get(reverse("exhibitions_public:image", args=[slug, entry.pk, "thumb"])).status_code == 200


def test_the_photographer_submits_sees_and_withdraws_on_their_page(client):
    exhibition = helpers.exhibition()
    photographer = event_factories.accredited_journalist()
    client.force_login(photographer)
    url = reverse("exhibitions_public:mine", args=[exhibition.event.slug])
    response = client.post(url, {"photo": helpers.upload(), "caption": "Hồ Gươm mùa thu.", "taken_on": "02/09/2024"})
    assert response.status_code == 302
    entry = Entry.objects.get()
    assert (entry.caption, entry.photographer_id) == ("Hồ Gươm mùa thu.", photographer.pk)
    bad = client.post(url, {"photo": helpers.upload(b"not an image" * 50, "x.jpg"), "caption": "Ảnh giả"})
    assert bad.status_code == 200
    assert "không phải là ảnh" in _body(bad)
    assert Entry.objects.count() == 1
    assert "Hồ Gươm mùa thu." in _body(client.get(url))
    client.post(reverse("exhibitions_public:withdraw", args=[exhibition.event.slug, entry.pk]))
    entry.refresh_from_db()
    assert entry.status == EntryStatus.WITHDRAWN


def test_an_unaccredited_journalist_gets_a_refusal_page(client):
    exhibition = helpers.exhibition()
    client.force_login(journalist(make_outlet()).user)
    response = client.get(reverse("exhibitions_public:mine", args=[exhibition.event.slug]))
    assert response.status_code == 403


def test_permission_matrix_of_the_working_screens(client):
    _agency, organiser = event_factories.organiser_and_officer()
    exhibition = helpers.exhibition(organiser)
    _other, stranger = event_factories.organiser_and_officer()
    juror = factories.user(Role.EDITOR, factories.organisation())
    domain.add_juror(organiser, exhibition, juror)
    entry = helpers.entry(exhibition)
    detail = reverse("exhibitions_work:detail", args=[exhibition.pk])
    jury = reverse("exhibitions_work:jury", args=[exhibition.pk])
    original = reverse("exhibitions_work:original", args=[exhibition.pk, entry.pk])
    close = reverse("exhibitions_work:stage", args=[exhibition.pk, "dong-nhan-anh"])
    cases = {
        "anonymous": (None, {detail: 302, jury: 302, original: 302}),
        "journalist": (entry.photographer, {detail: 403, jury: 403, original: 403}),
        "public": (factories.user(Role.PUBLIC), {detail: 403, jury: 403, original: 403}),
        "other agency": (stranger, {detail: 403, jury: 403, original: 403}),
        "juror": (juror, {detail: 302, jury: 200, original: 200}),
        "organiser": (organiser, {detail: 200, jury: 403, original: 200}),
        "centre operator": (factories.user(Role.CENTER_OPERATOR), {detail: 200, jury: 403, original: 200}),
    }
    for who, (user, expected) in cases.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        got = {url: client.get(url).status_code for url in expected}
        assert got == expected, who
        if who not in {"organiser", "centre operator"}:
            client.post(close)
            exhibition.refresh_from_db()
            assert exhibition.state == "call", who
    client.force_login(organiser)
    client.post(close)
    exhibition.refresh_from_db()
    assert exhibition.state == "judging"


def test_the_organiser_closes_names_jurors_curates_and_publishes_through_the_screens(client):
    _agency, organiser = event_factories.organiser_and_officer()
    exhibition = helpers.exhibition(organiser)
    entry = helpers.entry(exhibition)
    juror = factories.user(Role.CENTER_OPERATOR)
    client.force_login(organiser)
    client.post(reverse("exhibitions_work:juror_add", args=[exhibition.pk]), {"user": juror.pk})
    client.post(reverse("exhibitions_work:stage", args=[exhibition.pk, "dong-nhan-anh"]))
    client.post(
        reverse("exhibitions_work:curate", args=[exhibition.pk, entry.pk]), {"status": "selected", "position": 1}
    )
    client.post(reverse("exhibitions_work:stage", args=[exhibition.pk, "cong-bo"]))
    exhibition.refresh_from_db()
    entry.refresh_from_db()
    assert exhibition.jurors.filter(user=juror).exists()
    assert (exhibition.state, entry.status, entry.position) == ("published", "selected", 1)


def test_the_juror_scores_blind_through_the_screen(client):
    exhibition, (entry, _other) = helpers.judged(helpers.exhibition())
    first, second = factories.user(Role.CENTER_OPERATOR), factories.user(Role.CENTER_OPERATOR)
    for juror in (first, second):
        domain.add_juror(exhibition.created_by, exhibition, juror)
    domain.score(first, entry, value=9, comment="Ánh sáng đẹp, bố cục chặt.")
    client.force_login(second)
    url = reverse("exhibitions_work:entry", args=[exhibition.pk, entry.pk])
    before = _body(client.get(url))
    assert "Ánh sáng đẹp" not in before
    assert "Nikon Z 9" in before
    assert client.post(url, {"score": "11"}).status_code == 200
    client.post(url, {"score": "6", "comment": ""})
    assert Score.objects.get(juror=second).score == 6
    assert "Ánh sáng đẹp" in _body(client.get(url))


def test_gallery_and_lists_cost_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    exhibition, _entries = _published(2)
    slug = exhibition.event.slug
    urls = [reverse("exhibitions_public:exhibition", args=[slug]), reverse("exhibitions_public:index")]
    counts = {}
    for url in urls:
        with django_assert_max_num_queries(12) as captured:
            assert client.get(url).status_code == 200
        counts[url] = len(captured.captured_queries)
    more = _published(6)[0]
    with django_assert_max_num_queries(counts[urls[1]]):
        client.get(urls[1])
    with django_assert_max_num_queries(counts[urls[0]]):
        client.get(reverse("exhibitions_public:exhibition", args=[more.event.slug]))


def test_the_jury_list_and_the_ranking_cost_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    juror = factories.user(Role.CENTER_OPERATOR)
    counts = []
    for size in (2, 7):
        exhibition, entries = helpers.judged(helpers.exhibition(), size)
        domain.add_juror(exhibition.created_by, exhibition, juror)
        for entry in entries[:-1]:
            domain.score(juror, entry, value=5)
        client.force_login(juror)
        with django_assert_max_num_queries(20) as captured:
            response = client.get(reverse("exhibitions_work:jury", args=[exhibition.pk]))
        assert response.status_code == 200
        assert _body(response).count("chưa chấm") == 1
        client.force_login(exhibition.created_by)
        with django_assert_max_num_queries(30) as ranked:
            assert client.get(reverse("exhibitions_work:detail", args=[exhibition.pk])).status_code == 200
        counts.append((len(captured.captured_queries), len(ranked.captured_queries)))
    assert counts[0] == counts[1]


def test_the_catalogue_pdf_has_the_cover_intro_and_every_selected_photo_in_order(client):
    exhibition, entries = _published(3)
    response = client.get(reverse("exhibitions_public:catalogue", args=[exhibition.event.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2 + 3
    cover = reader.pages[0].extract_text()
    assert exhibition.event.title in cover
    assert "Những khoảnh khắc của Thủ đô" in reader.pages[1].extract_text()
    texts = [page.extract_text() for page in reader.pages[2:]]
    # Curated in reverse order of submission: the last entry hangs first.
    for text, entry in zip(texts, reversed(entries), strict=True):
        assert entry.caption in text
        assert entry.credit_name in text
    assert all(page.images for page in reader.pages[2:])


def test_the_working_list_and_my_entries_cost_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    operator = factories.user(Role.CENTER_OPERATOR)
    photographer = event_factories.accredited_journalist()
    counts = []
    for size in (1, 4):
        exhibitions = [helpers.exhibition(operator, max_entries=5) for _ in range(size)]
        for _ in range(size):
            helpers.entry(exhibitions[0], photographer)
        client.force_login(operator)
        with django_assert_max_num_queries(15) as listed:
            assert client.get(reverse("exhibitions_work:list")).status_code == 200
        client.force_login(photographer)
        with django_assert_max_num_queries(15) as mine:
            page = client.get(reverse("exhibitions_public:mine", args=[exhibitions[0].event.slug]))
        assert page.status_code == 200
        assert _body(page).count('class="entry-thumb"') == size
        counts.append((len(listed.captured_queries), len(mine.captured_queries)))
    assert counts[0] == counts[1]

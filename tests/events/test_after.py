"""After the event: drafting the official item from an event (answered questions included), the
releases workflow it then follows (two-person approval, signing, search, feeds, deliveries), the
published items and the media kit on the public event page, the ZIP (streamed, never an
embargoed or unpublished file), who may draft, and query counts that do not grow."""

import datetime as dt
import hashlib
import io
import os
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from presscenter.accounts.models import Role
from presscenter.audit.models import AuditEntry
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.delivery.models import OutboxEvent
from presscenter.events import after, domain
from presscenter.events.models import Event, EventQuestion, QuestionState
from presscenter.releases import domain as releases
from presscenter.releases.attachments import add_attachment
from presscenter.releases.models import Item, ItemType, State
from tests import factories
from tests.events.after_helpers import held_event
from tests.events.factories import accredited_journalist, event, organiser_and_officer
from tests.releases.test_downloads import served
from tests.workspace import files

pytestmark = pytest.mark.django_db


def _question(held: Event, text: str, *, state=QuestionState.ANSWERED, **fields) -> EventQuestion:
    author = fields.pop("author", None) or accredited_journalist()
    return EventQuestion.objects.create(event=held, author=author, text=text, state=state, **fields)


@pytest.fixture
def agency():
    org, editor = organiser_and_officer(name="Sở Y tế Hà Nội")
    spokesperson = factories.user(Role.SPOKESPERSON, org)
    return org, editor, spokesperson


def _published_outcome(editor, spokesperson, held: Event, *uploads, **fields) -> Item:
    """The record drafted from the event by `editor`, with these files (an upload, or an
    (upload, alt text) pair for a photo), approved by `spokesperson`."""
    item = after.draft_outcome(editor, held)
    for upload in uploads:
        upload, alt_text = upload if isinstance(upload, tuple) else (upload, "")
        add_attachment(editor, item, upload, alt_text=alt_text)
    if fields:
        item = releases.update_item(editor, item, **fields)
    releases.submit(editor, item)
    return releases.approve(spokesperson, item)


def test_the_draft_holds_the_event_its_speakers_and_the_answered_questions(agency):
    org, editor, _spokesperson = agency
    topic = factories.topic(name="Y tế")
    held = held_event(editor, title="Họp báo về phòng chống sốt xuất huyết", topics=[topic], agenda="<p>Khai mạc</p>")
    director = domain.add_speaker(editor, held, name="Nguyễn Văn Minh", position_title="Giám đốc", organisation=org)
    _question(
        held,
        "Số ca mắc tuần này là bao nhiêu?",
        outlet_name="Báo Hà Nội Mới",
        speaker=director,
        answer="Tuần này có 312 ca.\nGiảm 8% so với tuần trước.",
        position=2,
    )
    _question(held, "Có thiếu hóa chất phun <script>alert(1)</script> không?", answer="Không thiếu.", position=1)
    _question(held, "Câu hỏi chưa được duyệt", state=QuestionState.SUBMITTED)
    _question(held, "Câu hỏi bị loại", state=QuestionState.REJECTED, answer="không có")

    item = after.draft_outcome(editor, held)

    assert item.state == State.DRAFT and item.type == ItemType.EVENT_RECORD
    assert item.organisation == org and item.author == editor
    assert "Họp báo về phòng chống sốt xuất huyết" in item.title and item.title.startswith("Nội dung họp báo")
    assert org.name in item.lead and "tổ chức" in item.lead
    assert "<p>Khai mạc</p>" in item.body
    assert "Nguyễn Văn Minh, Giám đốc, Sở Y tế Hà Nội" in item.body
    assert "Câu hỏi 2 (Báo Hà Nội Mới)" in item.body  # the moderator's order: position 1 comes first
    assert "<p>Tuần này có 312 ca.</p><p>Giảm 8% so với tuần trước.</p>" in item.body
    assert "Trả lời (Ban tổ chức):" in item.body  # an answer with no speaker recorded
    assert "<script>" not in item.body and "&lt;script&gt;" in item.body
    assert "Câu hỏi chưa được duyệt" not in item.body and "Câu hỏi bị loại" not in item.body
    assert list(item.topics.all()) == [topic]
    assert list(held.outcome_items.all()) == [item]
    entry = AuditEntry.objects.get(action="event.outcome.draft")
    assert entry.after == {"item": item.pk, "answered_questions": 2}


def test_the_draft_is_vietnamese_whatever_the_page_language(agency, client, settings):
    _org, editor, _spokesperson = agency
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    held = held_event(editor)
    client.force_login(editor)
    response = client.post(reverse("events_after:draft", args=[held.pk]))
    assert "Check it, add photos" in client.get(response["Location"]).text  # the page speaks English
    item = held.outcome_items.get()
    assert item.title.startswith("Nội dung họp báo")


def test_the_two_person_rule_holds_and_publication_signs_indexes_and_announces(agency, client):
    _org, editor, spokesperson = agency
    held = held_event(editor, title="Họp báo quý IV của Sở Y tế")
    operator = factories.user(Role.CENTER_OPERATOR)
    item = after.draft_outcome(operator, held)
    releases.submit(operator, item)
    with pytest.raises(PermissionDenied, match="hai người"):
        releases.approve(operator, item)  # the operator drafted it: someone else approves
    published = releases.approve(spokesperson, item)

    assert published.state == State.PUBLISHED
    version = published.current_version
    assert version.signature and version.signed_bytes and version.number == 1
    assert OutboxEvent.objects.filter(item=published, kind="published").count() == 1
    title = published.title
    assert title in client.get(reverse("search:search"), {"q": "quý IV Sở Y tế"}).text
    assert title in client.get(reverse("syndication:feed", kwargs={"format": "rss"})).text
    assert title in client.get(reverse("syndication:feed_scoped", args=["type", "event_record", "atom"])).text


def test_an_editor_who_drafted_cannot_approve_even_as_a_spokesperson(agency):
    org, _editor, spokesperson = agency
    held = held_event(spokesperson)
    item = after.draft_outcome(spokesperson, held)
    releases.submit(spokesperson, item)
    with pytest.raises(PermissionDenied, match="hai người"):
        releases.approve(spokesperson, item)
    other = factories.user(Role.SPOKESPERSON, org)
    assert releases.approve(other, item).state == State.PUBLISHED


def test_refusals_leave_nothing_behind(agency):
    _org, editor, spokesperson = agency
    coming = event(editor)
    with pytest.raises(DomainError, match="chưa diễn ra"):
        after.draft_outcome(editor, coming)
    cancelled = event(editor)
    domain.cancel(editor, cancelled, reason="Lãnh đạo bận đột xuất")
    Event.objects.filter(pk=cancelled.pk).update(starts_at=timezone.now() - dt.timedelta(hours=1))
    with pytest.raises(DomainError, match="đã hủy"):
        after.draft_outcome(editor, cancelled)
    held = held_event(editor)
    first = after.draft_outcome(editor, held)
    with pytest.raises(DomainError, match="chưa công bố"):
        after.draft_outcome(editor, held)
    assert Item.objects.count() == 1
    releases.submit(editor, first)
    releases.approve(spokesperson, first)
    second = after.draft_outcome(editor, held)  # once the first is out, another may follow
    assert set(held.outcome_items.all()) == {first, second}


@pytest.mark.parametrize("who", ["journalist", "public", "other_editor"])
def test_only_who_runs_the_event_drafts(agency, who):
    _org, editor, _spokesperson = agency
    held = held_event(editor)
    outsiders = {
        "journalist": accredited_journalist(),
        "public": factories.user(Role.PUBLIC),
        "other_editor": organiser_and_officer()[1],
    }
    with pytest.raises(PermissionDenied):
        after.draft_outcome(outsiders[who], held)
    assert not Item.objects.exists()


def test_the_draft_screen_matrix(agency, client):
    _org, editor, spokesperson = agency
    held = held_event(editor)
    url = reverse("events_after:draft", args=[held.pk])
    cast = {
        None: "login",
        factories.user(Role.PUBLIC): 403,
        accredited_journalist(): 403,
        organiser_and_officer()[1]: 403,
        editor: 200,
        spokesperson: 200,
        factories.user(Role.CENTER_OPERATOR): 200,
        factories.user(Role.CENTER_ADMIN): 200,
    }
    for user, expected in cast.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.get(url)
        status = "login" if response.status_code == 302 else response.status_code
        assert status == expected, user
        if user is not None and expected == 403:
            assert client.post(url).status_code == 403
    assert not Item.objects.exists()
    client.force_login(editor)
    response = client.post(url)
    item = held.outcome_items.get()
    assert response.status_code == 302 and response["Location"] == reverse("workspace:item", args=[item.pk])
    again = client.post(url)
    assert again.status_code == 409 and "chưa công bố" in again.text
    assert held.outcome_items.count() == 1


def test_the_workspace_page_offers_drafting_after_the_start_only(agency, client):
    _org, editor, _spokesperson = agency
    client.force_login(editor)
    coming = event(editor)
    page = client.get(reverse("events_work:detail", args=[coming.pk])).text
    assert "Sau sự kiện" in page and reverse("events_after:draft", args=[coming.pk]) not in page
    held = held_event(editor)
    page = client.get(reverse("events_work:detail", args=[held.pk])).text
    assert reverse("events_after:draft", args=[held.pk]) in page
    item = after.draft_outcome(editor, held)
    page = client.get(reverse("events_work:detail", args=[held.pk])).text
    assert reverse("workspace:item", args=[item.pk]) in page and "Bản nháp" in page


def test_the_event_page_shows_published_outcomes_with_their_verification(agency, client):
    _org, editor, spokesperson = agency
    held = held_event(editor)
    draft_only = after.draft_outcome(editor, held)
    page = client.get(reverse("events_public:event", args=[held.slug])).text
    assert "Nội dung đã công bố" not in page and draft_only.title not in page
    releases.submit(editor, draft_only)
    item = releases.approve(spokesperson, draft_only)
    page = client.get(reverse("events_public:event", args=[held.slug])).text
    assert "Nội dung đã công bố" in page
    assert item.get_absolute_url() in page
    assert f"?code={item.verification_code}" in page
    releases.withdraw(spokesperson, item, reason="Sai số liệu")
    page = client.get(reverse("events_public:event", args=[held.slug])).text
    assert item.get_absolute_url() not in page


def test_an_embargoed_outcome_shows_only_to_who_may_read_ahead(agency, client):
    _org, editor, spokesperson = agency
    held = held_event(editor)
    embargo = timezone.now() + dt.timedelta(hours=5)
    item = _published_outcome(editor, spokesperson, held, embargo_until=embargo)
    add_page = reverse("events_public:event", args=[held.slug])
    assert item.get_absolute_url() not in client.get(add_page).text
    client.force_login(accredited_journalist())
    assert item.get_absolute_url() in client.get(add_page).text


def _kit(agency):
    """A held event with: a published outcome (a photo and a document), a second photo added
    in an unpublished revision, an unpublished draft with a file, a public material with a file,
    and an embargoed material with a file."""
    org, editor, spokesperson = agency
    held = held_event(editor)
    item = after.draft_outcome(editor, held)
    photo = add_attachment(editor, item, files.png("Toàn cảnh họp báo.png"), alt_text="Toàn cảnh", credit="Minh Anh")
    report = add_attachment(editor, item, files.pdf("Báo cáo.pdf"), caption="Báo cáo tình hình dịch")
    releases.submit(editor, item)
    releases.approve(spokesperson, item)
    add_attachment(editor, item, files.png("Chưa duyệt.png", size=(60, 40)), alt_text="Chưa duyệt")

    material = releases.create_item(editor, org, title="Bộ tài liệu báo chí")
    kit_doc = add_attachment(editor, material, files.docx("Số liệu.docx"))
    releases.submit(editor, material)
    material = releases.approve(spokesperson, material)
    later = timezone.now() + dt.timedelta(days=1)
    embargoed = releases.create_item(editor, org, title="Báo cáo cấm đăng", embargo_until=later)
    add_attachment(editor, embargoed, files.pdf("Cấm đăng.pdf"))
    releases.submit(editor, embargoed)
    embargoed = releases.approve(spokesperson, embargoed)
    domain.add_material(editor, held, material)
    domain.add_material(editor, held, embargoed)

    second = after.draft_outcome(editor, held)
    add_attachment(editor, second, files.pdf("Bản nháp.pdf"))
    return held, [photo, report, kit_doc]


def test_the_media_kit_zip_holds_exactly_the_published_public_files(agency, client):
    held, expected = _kit(agency)
    response = client.get(reverse("events_after:media_kit", args=[held.slug]))
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "application/zip"
    assert held.slug in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.testzip() is None
    names = archive.namelist()
    assert names[-1] == after.MANIFEST_NAME
    stored = {name.rsplit("/", 1)[1]: archive.read(name) for name in names[:-1]}
    assert set(stored) == {"Toàn cảnh họp báo.png", "Báo cáo.pdf", "Số liệu.docx"}
    for attachment in expected:
        assert hashlib.sha256(stored[attachment.original_name]).hexdigest() == attachment.sha256
    listing = archive.read(after.MANIFEST_NAME).decode()
    assert all(attachment.sha256 in listing for attachment in expected)
    assert "Cấm đăng" not in listing and "Chưa duyệt" not in listing and "Bản nháp" not in listing

    page = client.get(reverse("events_public:event", args=[held.slug])).text
    assert "Tài liệu, hình ảnh" in page and "Ảnh: Minh Anh" in page and "Báo cáo.pdf" in page
    assert "Cấm đăng.pdf" not in page and "Chưa duyệt" not in page
    assert reverse("events_after:media_kit", args=[held.slug]) in page

    etag = response["ETag"]
    assert client.get(reverse("events_after:media_kit", args=[held.slug]), HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_an_embargoed_file_never_enters_the_kit_even_for_who_may_read_it(agency, client):
    _org, editor, spokesperson = agency
    held = held_event(editor)
    later = timezone.now() + dt.timedelta(hours=3)
    _published_outcome(editor, spokesperson, held, files.pdf("Cấm đăng.pdf"), embargo_until=later)
    client.force_login(factories.user(Role.CENTER_OPERATOR))
    assert client.get(reverse("events_after:media_kit", args=[held.slug])).status_code == 404
    assert after.media_kit(held) == []


def test_the_kit_of_an_invited_only_event_is_not_found_for_others(agency, client):
    _org, editor, spokesperson = agency
    held = held_event(editor, visibility="invited")
    _published_outcome(editor, spokesperson, held, files.pdf())
    url = reverse("events_after:media_kit", args=[held.slug])
    assert client.get(url).status_code == 404
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"


def test_the_zip_streams_in_bounded_chunks(agency, client):
    _org, editor, spokesperson = agency
    held = held_event(editor)
    big = _random_pdf(12)
    _published_outcome(editor, spokesperson, held, SimpleUploadedFile("Lớn.pdf", big))
    response = client.get(reverse("events_after:media_kit", args=[held.slug]))
    chunks = list(response.streaming_content)
    assert len(chunks) > 10
    assert max(len(chunk) for chunk in chunks) <= after.CHUNK_BYTES + 1024
    archive = zipfile.ZipFile(io.BytesIO(b"".join(chunks)))
    assert archive.read(archive.namelist()[0]) == big


def _random_pdf(chunks: int) -> bytes:
    """A PDF that does not compress (a scanned document): the ZIP holds it chunk by chunk."""
    return b"%PDF-1.4\n" + os.urandom(after.CHUNK_BYTES * chunks) + b"\n%%EOF\n"


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(queries.captured_queries)


def _add_published_outcomes(editor, spokesperson, held, n):
    for i in range(n):
        photo = (files.png(f"Ảnh {i}.png", size=(40, 30)), f"Ảnh {i}")
        _published_outcome(editor, spokesperson, held, photo, files.pdf(f"Tài liệu {i}.pdf"))


def test_pages_and_the_kit_do_not_grow_queries_with_outcomes(agency, client):
    _org, editor, spokesperson = agency
    held = held_event(editor)
    _add_published_outcomes(editor, spokesperson, held, 1)
    urls = [
        (None, reverse("events_public:event", args=[held.slug])),
        (None, reverse("events_after:media_kit", args=[held.slug])),
        (editor, reverse("events_work:detail", args=[held.pk])),
        (editor, reverse("events_after:draft", args=[held.pk])),
    ]
    before = {}
    for user, url in urls:
        client.logout()
        if user:
            client.force_login(user)
        before[url] = _count(client, url)
    _add_published_outcomes(editor, spokesperson, held, 4)
    for i in range(5):
        _question(held, f"Câu hỏi {i}", answer=f"Trả lời {i}", position=i)
    for user, url in urls:
        client.logout()
        if user:
            client.force_login(user)
        assert _count(client, url) == before[url], url


def test_the_zip_streams_under_asgi_without_reading_it_whole(transactional_db, recwarn):
    org, editor = organiser_and_officer()
    spokesperson = factories.user(Role.SPOKESPERSON, org)
    held = held_event(editor)
    big = _random_pdf(5)
    _published_outcome(editor, spokesperson, held, SimpleUploadedFile("Lớn.pdf", big))
    status, headers, parts = served(reverse("events_after:media_kit", args=[held.slug]))
    assert status == 200 and headers["content-type"] == "application/zip"
    assert not [w for w in recwarn if "synchronous iterators" in str(w.message)]
    assert len([part for part in parts if part]) >= 4
    archive = zipfile.ZipFile(io.BytesIO(b"".join(parts)))
    assert archive.read(archive.namelist()[0]) == big


def test_a_file_lost_from_storage_is_left_out_and_named_in_the_list(agency, client):
    _org, editor, spokesperson = agency
    held = held_event(editor)
    item = after.draft_outcome(editor, held)
    lost = add_attachment(editor, item, files.pdf("Mất.pdf"))
    kept = add_attachment(editor, item, files.png("Còn.png", size=(40, 30)), alt_text="Còn")
    releases.submit(editor, item)
    releases.approve(spokesperson, item)
    lost.file.storage.delete(lost.file.name)
    response = client.get(reverse("events_after:media_kit", args=[held.slug]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert [name.rsplit("/", 1)[-1] for name in archive.namelist()] == ["Còn.png", after.MANIFEST_NAME]
    listing = archive.read(after.MANIFEST_NAME).decode()
    assert f"SHA-256 {lost.sha256}  (không đọc được tệp" in listing and kept.sha256 in listing


def test_the_blocks_read_in_english_too(agency, client, settings):
    _org, editor, spokesperson = agency
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    held = held_event(editor)
    _published_outcome(editor, spokesperson, held, files.pdf("Báo cáo.pdf"))
    page = client.get(reverse("events_public:event", args=[held.slug])).text
    assert "Published after the event" in page and "Documents and photos" in page
    assert "Download all (ZIP, 1 file," in page
    client.force_login(editor)
    page = client.get(reverse("events_work:detail", args=[held.pk])).text
    assert "After the event: record, documents, photos" in page and "Public media kit (ZIP, 1 file)" in page


def test_a_forum_record_has_its_sessions_and_their_speakers(agency):
    _org, editor, _spokesperson = agency
    forum = event(editor, type="forum", title="Diễn đàn chuyển đổi số", hours=6)
    opening = domain.add_session(
        editor, forum, title="Phiên khai mạc", abstract="Định hướng <b>2030</b>", track="",
        starts_at=forum.starts_at, ends_at=forum.starts_at + dt.timedelta(hours=1), room=None,
    )  # fmt: skip
    domain.add_speaker(editor, forum, name="Ông Trần Văn Chủ trì", position_title="Phó Chủ tịch UBND")
    domain.add_speaker(editor, forum, name="Bà Lê Thị Phiên", position_title="Giám đốc", session=opening)
    now = timezone.now()
    Event.objects.filter(pk=forum.pk).update(starts_at=now - dt.timedelta(hours=1))
    body = after.draft_outcome(editor, forum).body
    chair, session, speaker = (
        body.index(text) for text in ("Ông Trần Văn Chủ trì", "Phiên khai mạc", "Bà Lê Thị Phiên")
    )
    assert chair < session < speaker and "Định hướng &lt;b&gt;2030&lt;/b&gt;" in body

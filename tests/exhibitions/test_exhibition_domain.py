import datetime as dt

import pytest
from django.utils import timezone

from presscenter.accounts.models import Role
from presscenter.audit.models import AuditEntry
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.events import domain as events_domain
from presscenter.exhibitions import domain
from presscenter.exhibitions.models import Entry, EntryStatus, ExhibitionState, Score
from tests import factories
from tests.events import factories as event_factories
from tests.exhibitions import helpers
from tests.press.conftest import journalist, make_outlet

pytestmark = pytest.mark.django_db


def test_an_exhibition_belongs_to_an_exhibition_event_once():
    operator = factories.user(Role.CENTER_OPERATOR)
    conference = event_factories.event(operator)
    with pytest.raises(DomainError):
        domain.create_exhibition(operator, conference, call_text="x", opens_at=timezone.now(),
                                 closes_at=timezone.now() + dt.timedelta(days=1), max_entries=2, licence="cc-by-4.0")  # fmt: skip
    exhibition = helpers.exhibition(operator)
    with pytest.raises(DomainError):
        domain.create_exhibition(operator, exhibition.event, call_text="x", opens_at=exhibition.opens_at,
                                         closes_at=exhibition.closes_at, max_entries=2, licence="cc-by-4.0")  # fmt: skip


def test_another_agency_cannot_open_the_call():
    exhibition = helpers.exhibition()
    _agency, stranger = event_factories.organiser_and_officer()
    with pytest.raises(PermissionDenied):
        domain.update_exhibition(stranger, exhibition, max_entries=9)
    with pytest.raises(PermissionDenied):
        domain.close_call(stranger, exhibition)


def test_a_call_closing_before_it_opens_is_refused():
    with pytest.raises(DomainError) as refused:
        helpers.exhibition(closes_at=timezone.now() - dt.timedelta(days=1))
    assert refused.value.field == "closes_at"


def test_an_accredited_journalist_submits_with_credit_and_exif():
    exhibition = helpers.exhibition()
    photographer = event_factories.accredited_journalist()
    entry = helpers.entry(exhibition, photographer, caption="  Chợ Đồng Xuân   ngày cuối năm. ", place="Hoàn Kiếm")
    assert entry.caption == "Chợ Đồng Xuân ngày cuối năm."
    assert entry.credit_name == photographer.full_name
    assert entry.outlet == photographer.journalist.outlet.name
    assert entry.exif["camera"] == "Nikon Z 9"
    assert entry.exif["lens"] == "NIKKOR Z 24-70mm f/2.8 S"
    assert entry.exif["exposure"] == "1/250 s"
    assert entry.exif["aperture"] == "f/5.6"
    assert entry.exif["iso"] == "400"
    assert entry.exif["taken_at"] == "02/09/2024 08:15"
    assert entry.had_gps is True
    assert entry.taken_on == dt.date(2024, 9, 2)  # from the camera, none given
    assert AuditEntry.objects.filter(action="exhibition.entry.submit", object_id=str(entry.pk)).exists()


def test_an_unaccredited_journalist_or_an_editor_cannot_submit():
    exhibition = helpers.exhibition()
    pending = journalist(make_outlet()).user
    _agency, editor = event_factories.organiser_and_officer()
    for user in (pending, editor, factories.user(Role.PUBLIC)):
        with pytest.raises(PermissionDenied):
            helpers.entry(exhibition, user)
    assert not Entry.objects.exists()


@pytest.mark.parametrize(
    ("opens", "closes"),
    [(dt.timedelta(hours=2), dt.timedelta(days=2)), (-dt.timedelta(days=3), -dt.timedelta(hours=1))],
)
def test_no_entries_before_the_call_opens_or_after_it_closes(opens, closes):
    now = timezone.now()
    exhibition = helpers.exhibition(opens_at=now + opens, closes_at=now + closes)
    with pytest.raises(DomainError, match="không nhận ảnh"):
        helpers.entry(exhibition)
    assert not Entry.objects.exists()


def test_no_entries_once_the_organiser_closed_the_call():
    exhibition = helpers.exhibition()
    domain.close_call(exhibition.created_by, exhibition)
    with pytest.raises(DomainError):
        helpers.entry(exhibition)


def test_the_limit_per_photographer_counts_withdrawn_entries_out():
    exhibition = helpers.exhibition(max_entries=2)
    photographer = event_factories.accredited_journalist()
    first = helpers.entry(exhibition, photographer)
    helpers.entry(exhibition, photographer)
    with pytest.raises(DomainError, match="tối đa 2"):
        helpers.entry(exhibition, photographer)
    domain.withdraw(photographer, first)
    helpers.entry(exhibition, photographer)
    assert Entry.objects.filter(photographer=photographer).exclude(status=EntryStatus.WITHDRAWN).count() == 2


def test_a_caption_is_required_and_a_future_date_refused():
    exhibition = helpers.exhibition()
    with pytest.raises(DomainError) as refused:
        helpers.entry(exhibition, caption="   ")
    assert refused.value.field == "caption"
    with pytest.raises(DomainError) as refused:
        helpers.entry(exhibition, taken_on=timezone.localdate() + dt.timedelta(days=2))
    assert refused.value.field == "taken_on"


def test_only_the_photographer_withdraws_and_only_while_the_call_is_open():
    exhibition = helpers.exhibition()
    entry = helpers.entry(exhibition)
    with pytest.raises(PermissionDenied):
        domain.withdraw(event_factories.accredited_journalist(), entry)
    domain.close_call(exhibition.created_by, exhibition)
    with pytest.raises(DomainError, match="đã đóng"):
        domain.withdraw(entry.photographer, entry)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED


def test_jurors_are_staff_accounts():
    exhibition = helpers.exhibition()
    with pytest.raises(DomainError):
        domain.add_juror(exhibition.created_by, exhibition, event_factories.accredited_journalist())
    _agency, editor = event_factories.organiser_and_officer()
    domain.add_juror(exhibition.created_by, exhibition, editor)
    with pytest.raises(DomainError):
        domain.add_juror(exhibition.created_by, exhibition, editor)


def test_scores_only_by_jurors_while_judging_within_one_to_ten():
    exhibition = helpers.exhibition()
    entry = helpers.entry(exhibition)
    juror = factories.user(Role.CENTER_OPERATOR)
    domain.add_juror(exhibition.created_by, exhibition, juror)
    with pytest.raises(DomainError, match="đóng nhận ảnh"):
        domain.score(juror, entry, value=7)
    domain.close_call(exhibition.created_by, exhibition)
    with pytest.raises(PermissionDenied):
        domain.score(factories.user(Role.CENTER_OPERATOR), entry, value=7)
    for bad in (0, 11, -3):
        with pytest.raises(DomainError):
            domain.score(juror, entry, value=bad)
    domain.score(juror, entry, value=7, comment="Bố cục tốt.")
    domain.score(juror, entry, value=8)
    assert list(Score.objects.values_list("score", flat=True)) == [8]


def test_a_juror_cannot_score_their_own_entry():
    exhibition = helpers.exhibition()
    photographer = event_factories.accredited_journalist()
    own = helpers.entry(exhibition, photographer)
    other = helpers.entry(exhibition)
    # The photographer later joins the organising agency and is named to the jury.
    photographer.role, photographer.organisation = Role.EDITOR, exhibition.event.organiser
    photographer.save(update_fields=["role", "organisation"])
    domain.add_juror(exhibition.created_by, exhibition, photographer)
    domain.close_call(exhibition.created_by, exhibition)
    with pytest.raises(DomainError, match="của chính mình"):
        domain.score(photographer, own, value=10)
    domain.score(photographer, other, value=6)
    assert [entry.pk for entry in domain.jury_list(exhibition, photographer)] == [other.pk]


def test_scoring_is_blind_until_the_juror_has_scored():
    exhibition, (entry, _other) = helpers.judged(helpers.exhibition())
    first, second = factories.user(Role.CENTER_OPERATOR), factories.user(Role.CENTER_ADMIN)
    for juror in (first, second):
        domain.add_juror(exhibition.created_by, exhibition, juror)
    domain.score(first, entry, value=9)
    assert domain.sees_scores(first, entry)
    assert not domain.sees_scores(second, entry)
    assert domain.sees_scores(exhibition.created_by, entry)
    assert not domain.sees_ranking(second, exhibition)
    domain.score(second, entry, value=5)
    assert domain.sees_scores(second, entry)
    assert not domain.sees_ranking(second, exhibition)  # one entry left to score
    domain.score(second, _other, value=3)
    assert domain.sees_ranking(second, exhibition)


def test_ranking_averages_and_curation_with_audit():
    exhibition, (low, high) = helpers.judged(helpers.exhibition())
    jurors = [factories.user(Role.CENTER_OPERATOR) for _ in range(2)]
    for juror in jurors:
        domain.add_juror(exhibition.created_by, exhibition, juror)
    domain.score(jurors[0], low, value=4)
    domain.score(jurors[1], low, value=5)
    domain.score(jurors[0], high, value=9)
    ranked = list(domain.ranking(exhibition))
    assert [entry.pk for entry in ranked] == [high.pk, low.pk]
    assert ranked[1].average == pytest.approx(4.5)
    assert ranked[1].scored == 2
    with pytest.raises(DomainError, match="Chưa có ảnh"):
        domain.publish(exhibition.created_by, exhibition)
    domain.curate(exhibition.created_by, high, status=EntryStatus.SELECTED, position=2)
    domain.curate(exhibition.created_by, low, status=EntryStatus.SHORTLISTED, position=1)
    low.refresh_from_db()
    assert low.position is None  # only selected photos hang in order
    with pytest.raises(DomainError):
        domain.curate(exhibition.created_by, low, status="withdrawn")
    published = domain.publish(exhibition.created_by, exhibition)
    assert published.state == ExhibitionState.PUBLISHED
    with pytest.raises(DomainError, match="ít nhất một ảnh"):
        domain.curate(exhibition.created_by, high, status=EntryStatus.REJECTED)
    curated = AuditEntry.objects.filter(action="exhibition.entry.curate", object_id=str(high.pk)).get()
    assert curated.before == {"status": "submitted", "position": None}
    assert curated.after == {"status": "selected", "position": 2}


def test_curation_waits_for_the_call_to_close():
    exhibition = helpers.exhibition()
    entry = helpers.entry(exhibition)
    with pytest.raises(DomainError):
        domain.curate(exhibition.created_by, entry, status=EntryStatus.SELECTED, position=1)


def test_a_cancelled_exhibition_event_takes_no_photos():
    exhibition = helpers.exhibition()
    events_domain.cancel(exhibition.created_by, exhibition.event, reason="Thời tiết xấu kéo dài.")
    exhibition.refresh_from_db()
    with pytest.raises(DomainError, match="không nhận ảnh"):
        helpers.entry(exhibition)


def test_a_removed_jurors_scores_drop_out_of_the_ranking():
    exhibition, (entry, _other) = helpers.judged(helpers.exhibition())
    kept, removed = factories.user(Role.CENTER_OPERATOR), factories.user(Role.CENTER_OPERATOR)
    for juror in (kept, removed):
        domain.add_juror(exhibition.created_by, exhibition, juror)
    domain.score(kept, entry, value=8)
    domain.score(removed, entry, value=2)
    assert domain.ranking(exhibition).get(pk=entry.pk).average == pytest.approx(5)
    domain.remove_juror(exhibition.created_by, exhibition, removed)
    ranked = domain.ranking(exhibition).get(pk=entry.pk)
    assert (ranked.average, ranked.scored) == (8, 1)
    assert Score.objects.filter(juror=removed).exists()

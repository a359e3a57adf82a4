"""The exhibition in a browser: the photographer sends a photo through the form, and the
published gallery and a photo's page fit a phone and a laptop, break no CSP rule and have no
serious accessibility violation (alt text from the caption)."""

from typing import Any

import pytest
from django.urls import reverse

from presscenter.exhibitions import domain
from presscenter.exhibitions.models import Entry, EntryStatus
from tests.browser.test_accessibility import serious_violations
from tests.events import factories as event_factories
from tests.exhibitions import helpers

pytestmark = pytest.mark.browser


def test_a_photographer_sends_a_photo_in_the_browser(transactional_db, page, login, walk, tmp_path):
    exhibition = helpers.exhibition()
    photographer = event_factories.accredited_journalist()
    login(photographer)
    photo = tmp_path / "ho-guom.jpg"
    photo.write_bytes(helpers.jpeg())
    walk("photographer-call", reverse("exhibitions_public:exhibition", args=[exhibition.event.slug]))
    page.get_by_role("link", name="Gửi ảnh dự triển lãm").click()
    page.get_by_label("Ảnh (JPEG, PNG hoặc WebP, tối đa 25 MB)").set_input_files(str(photo))
    page.get_by_label("Chú thích (tiếng Việt)").fill("Hồ Gươm trong sương sớm mùa đông.")
    page.get_by_role("button", name="Gửi ảnh").click()
    page.get_by_text("Đã nhận ảnh của bạn.").wait_for()
    walk("photographer-entries")
    entry = Entry.objects.get()
    assert (entry.caption, entry.photographer_id) == ("Hồ Gươm trong sương sớm mùa đông.", photographer.pk)
    assert page.get_by_role("img", name="Hồ Gươm trong sương sớm mùa đông.").is_visible()


def test_the_published_gallery_fits_and_is_accessible(transactional_db, page, visit, walk):
    exhibition, entries = helpers.judged(helpers.exhibition(), 3)
    for position, entry in enumerate(entries, start=1):
        domain.curate(exhibition.created_by, entry, status=EntryStatus.SELECTED, position=position)
    domain.publish(exhibition.created_by, exhibition)
    slug = exhibition.event.slug
    walk("gallery", reverse("exhibitions_public:exhibition", args=[slug]))
    assert serious_violations(page) == []
    images: Any = page.locator(".gallery img")
    assert images.count() == 3
    assert all(images.nth(n).evaluate("img => img.complete && img.naturalWidth > 0") for n in range(3))
    page.get_by_role("img", name=entries[0].caption).click()
    walk("photo")
    assert serious_violations(page) == []
    assert page.get_by_role("link", name="Ảnh sau →").is_visible()

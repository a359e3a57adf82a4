"""A form refused by the CSRF check gets the site's own page, in Vietnamese, inside the site's
chrome and without an inline style (the Content-Security-Policy would refuse it)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_refused_form_gets_a_vietnamese_page_that_changes_nothing():
    response = Client(enforce_csrf_checks=True).post("/hoi-dap/tra-cuu/", {"code": "HD-AAAA-BBBB"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Chưa gửi được biểu mẫu" in html and "tải lại trang rồi gửi lại" in html
    assert "CSRF verification failed" not in html and "<style" not in html and 'style="' not in html

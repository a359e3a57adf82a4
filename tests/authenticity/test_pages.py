import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from presscenter.releases import domain
from tests.authenticity.conftest import PDF_BYTES, correct, publish_with_attachment

VERIFY = "/xac-thuc/"
TEXT = "Hà Nội khởi công cầu Trần Hưng Đạo\nSáng nay, thành phố khởi công xây dựng cầu Trần Hưng Đạo bắc qua sông Hồng."


def page(response) -> str:
    return response.content.decode()


def test_urls_are_where_the_brief_says():
    assert reverse("authenticity:verify") == VERIFY
    assert reverse("authenticity:keys") == "/xac-thuc/khoa-cong-khai/"
    assert reverse("authenticity:keys_json") == "/xac-thuc/khoa-cong-khai.json"
    assert reverse("authenticity:qr", args=["ABCD2345"]) == "/xac-thuc/qr/ABCD2345.svg"


def test_empty_page_offers_three_forms(client, db):
    html = page(client.get(VERIFY))
    assert 'name="text"' in html and 'name="file"' in html and 'name="code"' in html
    assert "verdict" not in html
    assert 'enctype="multipart/form-data"' in html


def test_code_in_query_string_is_prefilled_and_verified(client, published):
    code = published.verification_code
    response = client.get(VERIFY, {"code": f"{code[:4].lower()}-{code[4:]}"})
    html = page(response)
    assert response.status_code == 200
    assert "verdict--authentic" in html
    assert f'value="{code[:4].lower()}-{code[4:]}"' in html
    assert published.get_absolute_url() in html
    assert reverse("portal:item_version", args=[published.uid, 1]) in html
    assert reverse("authenticity:qr", args=[code]) in html


def test_unknown_code_is_red(client, db):
    html = page(client.get(VERIFY, {"code": "ZZZZ9999"}))
    assert "verdict--no_match" in html
    assert "ZZZZ9999" in html


def test_withdrawn_and_superseded_are_amber(client, newsroom, published):
    correct(newsroom, published, body="<p>Cầu dài 5,4 km, dự kiến hoàn thành sau 30 tháng.</p>")
    old = f"{TEXT}\nCầu dài 5,4 km, dự kiến hoàn thành sau 36 tháng."
    assert "verdict--superseded" in page(client.post(VERIFY, {"mode": "text", "text": old}))
    domain.withdraw(newsroom.spokesperson, published, "Nhầm số liệu.")
    html = page(client.get(VERIFY, {"code": published.verification_code}))
    assert "verdict--withdrawn" in html and "Nhầm số liệu." in html


def test_pasted_text_verifies_and_near_miss_shows_diff(client, published):
    exact = f"{TEXT}\n\nCầu dài 5,4 km, dự kiến hoàn thành sau 36 tháng."
    assert "verdict--authentic" in page(client.post(VERIFY, {"mode": "text", "text": exact}))
    html = page(client.post(VERIFY, {"mode": "text", "text": exact.replace("36", "48")}))
    assert "verdict--no_match" in html
    assert "<del>36</del>" in html and "<ins>48</ins>" in html
    assert "giống" in html


def test_empty_text_gives_a_clear_error_not_a_crash(client, db):
    response = client.post(VERIFY, {"mode": "text", "text": ""})
    assert response.status_code == 400
    assert "field-error" in page(response)
    response = client.post(VERIFY, {"mode": "text", "text": "x" * 200_001})
    assert response.status_code == 400
    assert "quá dài" in page(response)


def test_file_upload_verifies_published_attachment(client, newsroom):
    item = publish_with_attachment(newsroom)
    upload = SimpleUploadedFile("tai-ve.pdf", PDF_BYTES, content_type="application/pdf")
    html = page(client.post(VERIFY, {"mode": "file", "file": upload}))
    assert "verdict--authentic" in html
    assert item.get_absolute_url() in html


def test_empty_and_too_large_files_are_refused_clearly(client, db, settings):
    settings.ATTACHMENT_MAX_BYTES = 2 * 1024 * 1024
    empty = client.post(VERIFY, {"mode": "file", "file": SimpleUploadedFile("rong.pdf", b"")})
    assert empty.status_code == 400 and "Tệp rỗng" in page(empty)
    big = SimpleUploadedFile("lon.pdf", b"x" * (2 * 1024 * 1024 + 1))
    too_large = client.post(VERIFY, {"mode": "file", "file": big})
    assert too_large.status_code == 400 and "tối đa 2 MB" in page(too_large)
    missing = client.post(VERIFY, {"mode": "file"})
    assert missing.status_code == 400 and "field-error" in page(missing)


def test_embargoed_item_is_not_revealed_on_the_page(client, newsroom):
    item = newsroom.publish(embargo_until=timezone.now() + dt.timedelta(days=1))
    html = page(client.get(VERIFY, {"code": item.verification_code}))
    assert "verdict--no_match" in html and item.title not in html


def test_qr_code_is_a_cached_svg_of_the_verify_url(client, settings, db):
    settings.SITE_URL = "https://ttbc.hanoi.gov.vn"
    response = client.get(reverse("authenticity:qr", args=["abcd-2345"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "max-age=86400" in response["Cache-Control"] and "public" in response["Cache-Control"]
    svg = page(response)
    assert svg.startswith("<svg") and 'class="segno"' in svg
    assert "ABCD2345" in svg  # the accessible title names the code
    again = client.get(reverse("authenticity:qr", args=["ABCD2345"]), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_pages_keep_the_strict_csp(client, published):
    response = client.get(VERIFY, {"code": published.verification_code})
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "style=" not in page(response) and "<script>" not in page(response)

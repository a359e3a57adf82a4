import logging

import pycurl
import pytest
from django.utils import translation

from presscenter.webhooks import transport
from presscenter.webhooks.transport import SignedPost, post_many, post_signed
from tests.webhooks.conftest import CONNECT_FAILED, closed_port_url


def post_to(url: str) -> SignedPost:
    return SignedPost(url, True, "bi-mat", b"{}", "test", "test:1")


def test_a_refused_connection_reads_as_a_clear_message_not_libcurls():
    outcome = post_signed(
        closed_port_url(), allow_private=True, secret="bi-mat", body=b"{}", event="test", delivery="test:1"
    )
    assert (outcome.ok, outcome.status, outcome.curl_code) == (False, None, pycurl.E_COULDNT_CONNECT)
    assert outcome.error == CONNECT_FAILED
    assert "Failed to connect" in outcome.detail  # libcurl's words are kept for the server log only


@pytest.mark.parametrize(
    ("code", "vietnamese", "english"),
    [
        (pycurl.E_OPERATION_TIMEDOUT, "Máy nhận không trả lời trong thời gian cho phép.", "did not answer in time"),
        (pycurl.E_COULDNT_RESOLVE_HOST, "lỗi DNS", "could not be found"),
        (pycurl.E_PEER_FAILED_VERIFICATION, "chứng chỉ", "certificate"),
        (pycurl.E_SSL_CONNECT_ERROR, "TLS", "handshake"),
        (pycurl.E_TOO_MANY_REDIRECTS, "chuyển hướng quá nhiều lần", "redirected too many times"),
        (pycurl.E_FILESIZE_EXCEEDED, "quá lớn", "too large"),
        (pycurl.E_RECV_ERROR, "ngắt kết nối", "closed the connection"),
        (999, "mã lỗi curl 999", "curl error 999"),
    ],
)
def test_curl_errors_are_translated(code, vietnamese, english):
    assert vietnamese in transport.curl_error(code)
    with translation.override("en"):
        assert english in transport.curl_error(code)


def test_failures_are_logged_once_per_batch_by_receiver_and_kind(receiver, caplog):
    receiver.answers["/loi/bi-mat-trong-duong-dan"] = lambda _r: (500, b"")
    failing = receiver.url("/loi/bi-mat-trong-duong-dan")
    closed = closed_port_url()
    posts = [post_to(url) for url in (failing, failing, receiver.url("/tin"), closed, failing, closed)]

    with caplog.at_level(logging.WARNING, logger="presscenter.webhooks.transport"):
        outcomes = post_many(posts)

    assert [outcome.ok for outcome in outcomes] == [False, False, True, False, False, False]
    [line] = [record.getMessage() for record in caplog.records]
    here = receiver.base_url.removeprefix("http://")
    there = closed.removeprefix("http://").rstrip("/")
    assert line.startswith("webhooks: 5 of 6 POSTs failed: ")
    assert f"{here} HTTP 500 x3" in line
    assert f"{there} curl 7 x2 (Failed to connect" in line
    assert "bi-mat-trong-duong-dan" not in line  # paths may hold a token: never logged


def test_a_batch_without_failures_logs_nothing(receiver, caplog):
    with caplog.at_level(logging.WARNING, logger="presscenter.webhooks.transport"):
        assert all(outcome.ok for outcome in post_many([post_to(receiver.url("/tin"))] * 2))
    assert caplog.records == []

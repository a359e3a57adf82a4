import time

from presscenter.webhooks import signing

SECRET = "khoa-bi-mat"
BODY = '{"event": "published", "tiêu đề": "Hà Nội"}'.encode()


def test_a_fresh_signature_verifies():
    headers = signing.headers(SECRET, BODY, event="published", delivery="webhook:1:x:v1:published")
    assert headers["X-Presscenter-Signature"].startswith("v1=")
    assert headers["X-Presscenter-Event"] == "published"
    assert headers["X-Presscenter-Delivery"] == "webhook:1:x:v1:published"
    assert signing.verify(SECRET, headers["X-Presscenter-Timestamp"], BODY, headers["X-Presscenter-Signature"])


def test_tampered_body_wrong_secret_and_garbage_are_rejected():
    stamp = int(time.time())
    header = f"v1={signing.signature(SECRET, stamp, BODY)}"
    assert not signing.verify(SECRET, str(stamp), BODY + b" ", header)
    assert not signing.verify("khoa-khac", str(stamp), BODY, header)
    assert not signing.verify(SECRET, "not-a-number", BODY, header)
    assert not signing.verify(SECRET, str(stamp), BODY, "v0=" + header[3:])


def test_old_timestamps_are_rejected_as_replays():
    stamp = int(time.time()) - 301
    header = f"v1={signing.signature(SECRET, stamp, BODY)}"
    assert not signing.verify(SECRET, str(stamp), BODY, header)
    assert signing.verify(SECRET, str(stamp), BODY, header, tolerance=600)


def test_any_of_several_signatures_may_match():
    stamp = int(time.time())
    header = f"v1=deadbeef, v1={signing.signature(SECRET, stamp, BODY)}"
    assert signing.verify(SECRET, str(stamp), BODY, header)

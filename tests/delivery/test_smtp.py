"""Kept SMTP connections: reused between batches, closed with QUIT on request, reopened after."""

from django.core.mail import EmailMessage

from presscenter.mail import smtp as sender


def message(to: str) -> EmailMessage:
    return EmailMessage("Lịch họp báo", "Họp báo lúc 15 giờ.", "tin@presscenter.test", [to])


def test_a_thread_keeps_its_connection_until_closed_then_opens_another(smtp):
    sender.close_kept()
    assert sender._send_one(message("a@bao.test")).ok  # in this thread: its own kept connection
    kept = set(sender._open)
    assert len(kept) == 1
    assert sender._send_one(message("a@bao.test")).ok
    assert sender._open == kept  # reused
    sender.close_kept()
    assert not sender._open
    assert sender._send_one(message("a@bao.test")).ok
    assert len(sender._open) == 1 and sender._open != kept
    assert len(smtp.to("a@bao.test")) == 3


def test_batches_go_out_over_the_pool_whatever_connections_it_keeps(smtp):
    results = sender.send_messages([message(f"{n}@bao.test") for n in range(20)])
    assert all(result.ok for result in results)
    sender.close_kept()
    assert all(result.ok for result in sender.send_messages([message("b@bao.test")]))
    assert len(smtp.to("b@bao.test")) == 1

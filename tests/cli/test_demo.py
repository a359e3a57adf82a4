"""The demo's process group: a dead worker or clock is restarted, the web server stopping ends
the demo; every absolute link follows the demo's port."""

import os
import sys

import pytest
from django.urls import reverse

from presscenter.cli import Supervisor, demo_environment, restart_delay
from tests.delivery.conftest import journalist

SLEEPER = [sys.executable, "-c", "import time; time.sleep(120)"]
CRASHER = [sys.executable, "-c", "raise SystemExit(3)"]


@pytest.fixture
def group():
    supervisors: list[Supervisor] = []

    def make(commands, **options):
        supervisor = Supervisor(commands, **options)
        supervisors.append(supervisor)
        supervisor.start()
        return supervisor

    yield make
    for supervisor in supervisors:
        supervisor.stop()


def test_a_dead_worker_is_restarted_and_the_web_server_keeps_running(group, capsys):
    supervisor = group({"web": SLEEPER, "worker": CRASHER}, restartable={"worker"}, backoff=lambda crashes: 0)
    first = supervisor.children["worker"]
    first.wait()
    assert supervisor.step() is None  # noticed, restart due now
    assert "“worker” đã dừng (mã 3); khởi động lại sau 0 giây." in capsys.readouterr().err
    assert supervisor.step() is None
    assert supervisor.children["worker"] is not first  # a new process
    assert supervisor.children["web"].poll() is None  # the web server never stopped


def test_a_crash_loop_backs_off_longer_each_time(group):
    asked: list[int] = []
    supervisor = group({"clock": CRASHER}, restartable={"clock"}, backoff=lambda crashes: asked.append(crashes) or 0)
    while len(asked) < 3:
        supervisor.children["clock"].wait()
        supervisor.step()
    assert asked == [1, 2, 3]
    assert [restart_delay(n) for n in range(1, 8)] == [1, 2, 4, 8, 16, 30, 30]


def test_the_web_server_stopping_ends_the_demo(group, capsys):
    supervisor = group({"web": CRASHER, "worker": SLEEPER}, restartable={"worker"})
    supervisor.children["web"].wait()
    assert supervisor.step() == 3
    assert "dừng các tiến trình còn lại" in capsys.readouterr().err


def test_the_demo_site_url_follows_its_port(monkeypatch):
    for name in ("SITE_URL", "LOG_LEVEL", "PRESSCENTER_ENV"):
        monkeypatch.delenv(name, raising=False)
    demo_environment(9001)
    assert os.environ["SITE_URL"] == "http://127.0.0.1:9001"
    monkeypatch.setenv("SITE_URL", "https://tttbc.example.vn")
    demo_environment(9001)
    assert os.environ["SITE_URL"] == "https://tttbc.example.vn"  # set on purpose: kept


def test_absolute_links_follow_site_url(client, newsroom, settings):
    settings.SITE_URL = "http://127.0.0.1:9001"
    item = newsroom.publish()
    page = client.get(item.get_absolute_url()).content.decode()
    assert f'<link rel="canonical" href="http://127.0.0.1:9001{item.get_absolute_url()}">' in page
    feed = client.get(reverse("syndication:feed", kwargs={"format": "rss"})).content.decode()
    assert f"<link>http://127.0.0.1:9001{item.get_absolute_url()}</link>" in feed
    for text in (page, feed):
        assert ":8000" not in text
        assert "testserver" not in text


def test_the_private_feed_address_follows_site_url(db, client, settings):
    settings.SITE_URL = "http://127.0.0.1:9001"
    client.force_login(journalist())
    page = client.post(reverse("live:feed_token")).content.decode()
    assert "<code>http://127.0.0.1:9001/" in page
    assert "testserver" not in page

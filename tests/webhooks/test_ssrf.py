import pytest

from presscenter.core.errors import DomainError
from presscenter.webhooks.ssrf import check_url


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hook",
        "http://localhost:8000/hook",
        "http://10.1.2.3/hook",
        "http://172.16.0.5/hook",
        "http://192.168.1.10/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://0.0.0.0/",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://[::ffff:10.0.0.1]/hook",
        "http://[fc00::1]/hook",
        "http://[fe80::1]/hook",
        "http://224.0.0.1/hook",
        "http://2130706433/hook",  # 127.0.0.1 written as one decimal number
        "http://0x7f000001/hook",
        "http://100.64.0.1/hook",  # carrier-grade NAT
    ],
)
def test_private_and_special_addresses_are_refused(url):
    with pytest.raises(DomainError) as refused:
        check_url(url)
    assert "mạng nội bộ" in str(refused.value.message)


@pytest.mark.parametrize(
    "url",
    ["ftp://93.184.216.34/x", "file:///etc/passwd", "gopher://93.184.216.34/", "javascript:alert(1)", "http://", ""],
)
def test_other_schemes_and_malformed_urls_are_refused(url):
    with pytest.raises(DomainError):
        check_url(url)


def test_credentials_in_the_url_are_refused():
    with pytest.raises(DomainError) as refused:
        check_url("https://user:pass@93.184.216.34/hook")
    assert "mật khẩu" in str(refused.value.message)


def test_unknown_host_is_refused_with_a_message():
    with pytest.raises(DomainError) as refused:
        check_url("https://khong-ton-tai.invalid/hook")
    assert "Không tìm thấy máy chủ" in str(refused.value.message)


def test_a_public_address_is_vetted_with_its_path_and_port():
    target = check_url("https://93.184.216.34:8443/nhan?a=1")
    assert (target.scheme, target.host, target.port, target.path, target.address) == (
        "https",
        "93.184.216.34",
        8443,
        "/nhan?a=1",
        "93.184.216.34",
    )


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:9/hook", "http://localhost/hook", "http://10.0.0.1/", "http://[::1]/"]
)
def test_private_addresses_pass_when_allowed(url):
    assert check_url(url, allow_private=True).address

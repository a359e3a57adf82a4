"""Demo accounts: one for every role. Demo-only password, printed by `presscenter demo`."""

from dataclasses import dataclass

from presscenter.accounts.models import Role

DEMO_PASSWORD = "demo-2026!"  # noqa: S105  (printed on purpose: demo data only)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    full_name: str
    organisation: str | None = None  # slug
    accredited: bool = False


CENTER_ADMIN = DemoAccount("quantri", Role.CENTER_ADMIN, "Nguyễn Thị Thanh Hương")
CENTER_OPERATOR = DemoAccount("dieuhanh", Role.CENTER_OPERATOR, "Trần Đức Minh")

# Agencies that publish in the demo: an editor drafts, the spokesperson approves.
AGENCY_DESKS = {
    "vanphong": ("van-phong-ubnd", "Phạm Thu Trang"),
    "xaydung": ("so-xay-dung", "Lê Hoàng Nam"),
    "yte": ("so-y-te", "Vũ Thị Hồng Nhung"),
    "giaoduc": ("so-giao-duc-dao-tao", "Nguyễn Khánh Linh"),
    "moitruong": ("so-nong-nghiep-moi-truong", "Đỗ Văn Tùng"),
    "khcn": ("so-khoa-hoc-cong-nghe", "Hà Minh Quân"),
    "vanhoa": ("so-van-hoa-the-thao", "Trương Ngọc Ánh"),
    "noivu": ("so-noi-vu", "Mai Xuân Phúc"),
    "congan": ("cong-an-ha-noi", "Kiều Văn Hải"),
    "hoankiem": ("phuong-hoan-kiem", "Lò Thị Yến"),
}


def agency_accounts() -> list[DemoAccount]:
    """`<desk>.bientap` (editor) and `<desk>.phatngon` (spokesperson, named after the agency's
    spokesperson in organisations.csv, filled in by the seed)."""
    accounts = []
    for desk, (slug, editor_name) in AGENCY_DESKS.items():
        accounts.append(DemoAccount(f"{desk}.bientap", Role.EDITOR, editor_name, slug))
        accounts.append(DemoAccount(f"{desk}.phatngon", Role.SPOKESPERSON, "", slug))
    return accounts


PRESS_AND_PUBLIC = [
    DemoAccount("nhabao", Role.JOURNALIST, "Phan Thanh Tâm", accredited=True),
    DemoAccount("nhabao.chuathe", Role.JOURNALIST, "Đinh Thị Thu Hà"),
    # More accredited reporters: they register and ask at the demo's events (demo.event_registrations).
    DemoAccount("phongvien.hnm", Role.JOURNALIST, "Trần Quốc Bảo", accredited=True),
    DemoAccount("phongvien.vov", Role.JOURNALIST, "Lê Thị Minh Châu", accredited=True),
    DemoAccount("phongvien.vne", Role.JOURNALIST, "Ngô Đức Duy", accredited=True),
    DemoAccount("phongvien.nhn", Role.JOURNALIST, "Vũ Thị Hồng Nhung", accredited=True),
    DemoAccount("nguoidan", Role.PUBLIC, "Bùi Văn An"),
]


def all_accounts() -> list[DemoAccount]:
    return [CENTER_ADMIN, CENTER_OPERATOR, *agency_accounts(), *PRESS_AND_PUBLIC]


def editor_of(desk: str) -> str:
    return f"{desk}.bientap"


def spokesperson_of(desk: str) -> str:
    return f"{desk}.phatngon"


# Two-factor sign-in is required for the center's staff and spokespersons (accounts.twofactor).
# Every such demo account shares this authenticator secret and these recovery codes (each code
# works once per account), printed by `presscenter demo`: demo data only.
DEMO_OTP_SECRET = "DEMOHANOIPRESSCENTERTOTPKEYAAAAA"  # noqa: S105  (base32, 20 bytes)
DEMO_RECOVERY_CODES = ("demo-1", "demo-2", "demo-3", "demo-4", "demo-5")

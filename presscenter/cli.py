"""The `presscenter` command: run the demo, the web server, the task worker and the clock, and
the operator's tools (seed, import organisations, verify the audit log, Django management).

`presscenter demo` runs everything in one process group: web server, task worker and clock; a
worker or clock that dies is started again (with a backoff), the web server stopping ends the
demo. In production, run `serve`, `worker` (one or more) and exactly one `clock` as separate
services.
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from types import FrameType
from typing import NoReturn

SETTINGS_MODULE = "presscenter.settings"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# Seconds uvicorn gives open connections (live-event streams never end by themselves) at shutdown.
GRACEFUL_SHUTDOWN_SECONDS = 5
# Seconds the demo waits for its children after asking them to stop, before killing them.
STOP_TIMEOUT_SECONDS = 15
READY_TIMEOUT_SECONDS = 60
# A worker or clock of the demo that stops is started again after 1, 2, 4, … seconds, at most
# this long; one that had run this long before stopping starts again after 1 second.
RESTART_MAX_SECONDS = 30
STABLE_SECONDS = 60


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="presscenter",
        description="Trung tâm Báo chí Thủ đô: phần mềm của trung tâm báo chí thành phố.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="LỆNH")

    demo = commands.add_parser("demo", help="chạy bản demo: máy chủ web, tiến trình nền, đồng hồ")
    demo.add_argument("--port", type=int, default=DEFAULT_PORT, help="cổng của máy chủ web (mặc định 8000)")

    serve = commands.add_parser("serve", help="chạy máy chủ web (ASGI, uvicorn)")
    serve.add_argument("--host", default=DEFAULT_HOST, help="địa chỉ lắng nghe (mặc định 127.0.0.1)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help="cổng (mặc định 8000)")
    serve.add_argument("--workers", type=int, default=1, help="số tiến trình web (mặc định 1)")

    commands.add_parser("worker", help="chạy tiến trình xử lý tác vụ nền (theo cấu hình: CSDL hoặc Redis)")

    clock = commands.add_parser("clock", help="chạy đồng hồ: định kỳ đưa các tác vụ vào hàng đợi")
    clock.add_argument("--interval", type=float, default=None, help="số giây giữa hai nhịp")
    clock.add_argument("--once", action="store_true", help="chạy một nhịp rồi thoát")

    commands.add_parser("seed-demo", help="nạp dữ liệu mẫu vào cơ sở dữ liệu trống")

    create_admin = commands.add_parser("create-admin", help="tạo tài khoản quản trị Trung tâm đầu tiên")
    create_admin.add_argument("--username", required=True, help="tên đăng nhập")
    create_admin.add_argument("--email", default="", help="thư điện tử")

    import_orgs = commands.add_parser("import-orgs", help="nhập danh sách cơ quan từ tệp CSV")
    import_orgs.add_argument("file", metavar="TỆP.csv", help="tệp CSV UTF-8 (docs/organisations-csv.md)")
    import_orgs.add_argument("--replace", action="store_true", help="ngừng hoạt động các cơ quan không có trong tệp")

    audit = commands.add_parser("audit", help="nhật ký kiểm toán")
    audit_commands = audit.add_subparsers(dest="audit_command", required=True, metavar="LỆNH")
    verify = audit_commands.add_parser(
        "verify", help="kiểm tra chuỗi băm của nhật ký và các mốc đã ký; mã thoát 1 khi bị sửa"
    )
    verify.add_argument("--checkpoints", metavar="TỆP", default=None, help="bản sao tệp mốc lưu ở nơi khác")

    routing = commands.add_parser("routing", help="mô hình gợi ý chuyển câu hỏi đến cơ quan xử lý")
    routing_commands = routing.add_subparsers(dest="routing_command", required=True, metavar="LỆNH")
    routing_train = routing_commands.add_parser(
        "train", help="huấn luyện mô hình từ tệp CSV (cột text,label) và lưu vào tệp mô hình"
    )
    routing_train.add_argument("--csv", required=True, metavar="TỆP", help="tệp CSV UTF-8 có cột text,label")
    routing_train.add_argument(
        "--out", metavar="TỆP", default=None, help="nơi lưu mô hình (mặc định: ROUTING_MODEL_PATH trong cấu hình)"
    )
    routing_evaluate = routing_commands.add_parser(
        "evaluate",
        help="đánh giá mô hình trên một phần dữ liệu giữ lại, bên cạnh hai mô hình đối chứng",
    )
    routing_evaluate.add_argument("--csv", required=True, metavar="TỆP", help="tệp CSV UTF-8 có cột text,label")
    routing_evaluate.add_argument(
        "--test-size", type=float, default=0.2, help="tỉ lệ dữ liệu giữ lại để kiểm tra (mặc định 0.2)"
    )
    routing_evaluate.add_argument("--seed", type=int, default=0, help="hạt giống ngẫu nhiên của phép chia (mặc định 0)")

    manage = commands.add_parser("manage", help="chạy một lệnh quản trị Django (như manage.py)")
    manage.add_argument("args", nargs=argparse.REMAINDER, help="lệnh và tham số")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    options = build_parser().parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    if options.command == "demo":
        demo_environment(options.port)
        try:
            return run_demo(options.port)
        except KeyboardInterrupt:  # Ctrl-C while migrating or seeding
            return 130
    if options.command == "serve":
        _exec(_web_command(options.host, options.port, options.workers))
    if options.command == "worker":
        _setup_django()
        _exec(_worker_command())
    if options.command == "routing":
        return run_routing(options)
    if options.command == "manage":
        from django.core.management import execute_from_command_line  # noqa: PLC0415 setup

        execute_from_command_line(["presscenter manage", *options.args])
        return 0
    return _run_management_command(options)


def run_routing(options: argparse.Namespace) -> int:
    """`routing train` and `routing evaluate`: the work is in presscenter.analysis.routing; a
    refusal (bad CSV, one label…) prints its reason and exits with 1."""
    from presscenter.analysis import routing  # noqa: PLC0415 heavy

    try:
        data = routing.read_csv(options.csv)
        if data.skipped:
            print(f"Bỏ qua {data.skipped} dòng thiếu text hoặc label.", file=sys.stderr)
        if options.routing_command == "train":
            if options.out:
                out = Path(options.out)
            else:
                from django.conf import settings  # noqa: PLC0415 setup

                out = Path(settings.ROUTING_MODEL_PATH)
            model = routing.train(data.texts, data.labels)
            routing.save(model, out)
            print(f"Đã huấn luyện trên {model.trained_on} câu, {len(model.labels)} nhãn; mô hình lưu tại {out}.")
        else:
            train_texts, train_labels, test_texts, test_labels = routing.split(
                data.texts, data.labels, options.test_size, options.seed
            )
            evaluation = routing.evaluate(train_texts, train_labels, test_texts, test_labels, seed=options.seed)
            print(routing.format_table(evaluation))
    except routing.RoutingError as error:
        print(error, file=sys.stderr)
        return 1
    except OSError as error:  # the model file could not be written
        print(f"Không ghi được tệp mô hình: {error.strerror} ({error.filename}).", file=sys.stderr)
        return 1
    return 0


def demo_environment(port: int) -> None:
    """Before Django starts; the demo's children inherit it."""
    os.environ["PRESSCENTER_ENV"] = "demo"
    # Every absolute link (canonical, feeds, e-mails, QR codes) follows the port. An address
    # set on purpose (a proxy in front) is kept.
    os.environ.setdefault("SITE_URL", f"http://{DEFAULT_HOST}:{port}")
    # The demo prints its own lines, in the site's language; the children only their warnings.
    os.environ.setdefault("LOG_LEVEL", "WARNING")


def _run_management_command(options: argparse.Namespace) -> int:
    """The operator's tools run in this process; a refusal prints its reason and exits with 1."""
    _setup_django()
    from django.core.management import call_command  # noqa: PLC0415 setup
    from django.core.management.base import CommandError  # noqa: PLC0415 setup

    try:
        if options.command == "clock":
            call_command("clock", interval=options.interval, once=options.once)
        elif options.command == "seed-demo":
            call_command("seed_demo")
        elif options.command == "create-admin":
            call_command("create_admin", username=options.username, email=options.email)
        elif options.command == "import-orgs":
            call_command("import_orgs", options.file, replace=options.replace)
        elif options.command == "audit":
            call_command("audit_verify", checkpoints=options.checkpoints and Path(options.checkpoints))
    except CommandError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def _setup_django() -> None:
    import django  # noqa: PLC0415 setup

    django.setup()


def _exec(command: list[str]) -> NoReturn:
    """Replace this process, so the service manager's signals reach the server directly."""
    sys.stdout.flush()
    os.execv(command[0], command)  # noqa: S606  (our own interpreter, no shell)


def _web_command(host: str, port: int, workers: int = 1) -> list[str]:
    return [
        sys.executable, "-m", "uvicorn", "presscenter.asgi:application",
        "--host", host, "--port", str(port), "--workers", str(workers),
        "--timeout-graceful-shutdown", str(GRACEFUL_SHUTDOWN_SECONDS), "--lifespan", "off",
        "--log-level", os.environ.get("LOG_LEVEL", "INFO").lower(),
    ]  # fmt: skip


def _worker_command() -> list[str]:
    """The worker of the configured task backend: Redis (RQ) when REDIS_URL is set, else the database."""
    from django.conf import settings  # noqa: PLC0415 setup

    from presscenter.core.tasks_recovery import worker_id  # noqa: PLC0415 setup

    if settings.REDIS_URL:
        return [sys.executable, "-m", "django", "rqworker", "--job-class", "django_tasks_rq.Job", "default"]
    # This process becomes the worker (exec), so the id names the worker's own pid: the task
    # recovery sees when it has died (presscenter.core.tasks_recovery).
    return [sys.executable, "-m", "django", "db_worker", "--no-reload", "--worker-id", worker_id()]


def _cli_command(command: str) -> list[str]:
    """A child of the demo that runs `presscenter COMMAND` (the worker then names its own pid)."""
    return [sys.executable, "-m", "presscenter.cli", command]


# --- presscenter demo ------------------------------------------------------------------------


def run_demo(port: int) -> int:
    _setup_django()
    from django.conf import settings  # noqa: PLC0415 setup
    from django.core.management import call_command  # noqa: PLC0415 setup
    from django.db import connections  # noqa: PLC0415 setup
    from django.utils.translation import gettext as _  # noqa: PLC0415 setup

    from presscenter.demo import seed  # noqa: PLC0415 setup

    print(_("Chuẩn bị cơ sở dữ liệu…"), flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    if seed.is_empty():
        print(_("Nạp dữ liệu mẫu…"), flush=True)
        seed.seed()
    elif not seed.is_seeded():
        print(_("Cơ sở dữ liệu đã có dữ liệu: giữ nguyên, không nạp dữ liệu mẫu."), flush=True)
    connections.close_all()
    # Static files come from the apps (finders) outside production; the folder only has to exist.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)

    web, worker, clock = _("máy chủ web"), _("tiến trình nền"), _("đồng hồ")
    supervisor = Supervisor(
        {
            web: _web_command(DEFAULT_HOST, port),
            worker: _cli_command("worker"),
            clock: _cli_command("clock"),
        },
        restartable={worker, clock},
    )
    supervisor.handle_signals()
    supervisor.start()
    if supervisor.wait_for_port(DEFAULT_HOST, port, READY_TIMEOUT_SECONDS):
        print(demo_banner(f"http://{DEFAULT_HOST}:{port}"), flush=True)
    return supervisor.supervise()


def demo_banner(url: str) -> str:
    from django.conf import settings  # noqa: PLC0415 setup
    from django.shortcuts import resolve_url  # noqa: PLC0415 setup
    from django.utils.translation import gettext as _  # noqa: PLC0415 setup

    from presscenter.demo import people  # noqa: PLC0415 setup
    from presscenter.demo.second_factor import otpauth_uri  # noqa: PLC0415 setup
    from presscenter.demo.seed import logins  # noqa: PLC0415 setup

    rows = [(_("Vai trò"), _("Tên đăng nhập"), _("Mật khẩu"), _("Cơ quan"))]
    rows += [
        (login.role, login.username + (" *" if login.second_factor else ""), login.password, login.organisation)
        for login in logins()
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    table = [
        "  " + "  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)) + "  " + row[3]
        for row in rows
    ]
    rule = "=" * 78
    return "\n".join(
        [
            "",
            rule,
            _("%(site)s — bản demo đang chạy") % {"site": settings.SITE_NAME},
            _("Trang chủ:      %(url)s/") % {"url": url},
            _("Đăng nhập:      %(url)s%(path)s") % {"url": url, "path": resolve_url(settings.LOGIN_URL)},
            _("Tài liệu API:   %(url)s/api/docs") % {"url": url},
            "",
            _("Tài khoản demo (mọi tài khoản dùng chung một mật khẩu demo):"),
            *table,
            "",
            _(
                "* Xác thực hai lớp: thêm khóa %(secret)s vào ứng dụng xác thực (Google Authenticator, "
                "FreeOTP…; hoặc %(uri)s) rồi nhập mã sáu chữ số, hoặc dùng một mã khôi phục %(codes)s "
                "(mỗi mã một lần cho mỗi tài khoản)."
            )
            % {"secret": people.DEMO_OTP_SECRET, "uri": otpauth_uri(), "codes": ", ".join(people.DEMO_RECOVERY_CODES)},
            "",
            _("Dừng: Ctrl-C"),
            rule,
            "",
        ]
    )


def restart_delay(crashes: int) -> float:
    """Seconds before the `crashes`-th restart in a row: 1, 2, 4, … up to RESTART_MAX_SECONDS,
    so a child that cannot start (a broken setting) does not spin."""
    return float(min(2 ** max(crashes - 1, 0), RESTART_MAX_SECONDS))


class Supervisor:
    """Children in this process group. A child in `restartable` that stops is started again
    after a backoff; when any other stops, or on Ctrl-C / SIGTERM, all stop cleanly."""

    def __init__(
        self,
        commands: dict[str, list[str]],
        restartable: Collection[str] = (),
        backoff: Callable[[int], float] = restart_delay,
    ):
        self.commands = commands
        self.restartable = set(restartable)
        self.backoff = backoff
        self.children: dict[str, subprocess.Popen[bytes]] = {}
        self.started_at: dict[str, float] = {}
        self.crashes: dict[str, int] = {}  # restarts in a row, for the backoff
        self.restart_at: dict[str, float] = {}
        self.received: int | None = None

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        self.received = signum

    def handle_signals(self) -> None:
        signal.signal(signal.SIGINT, self._on_signal)
        signal.signal(signal.SIGTERM, self._on_signal)

    def start(self) -> None:
        for name in self.commands:
            self._spawn(name)

    def _spawn(self, name: str) -> None:
        self.children[name] = subprocess.Popen(self.commands[name])  # noqa: S603  (our own interpreter and modules)
        self.started_at[name] = time.monotonic()

    def _exited(self) -> str | None:
        return next(
            (name for name, child in self.children.items() if child.poll() is not None and name not in self.restart_at),
            None,
        )

    def wait_for_port(self, host: str, port: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.received is None and self.step() is None:
            try:
                with socket.create_connection((host, port), timeout=1):
                    return True
            except OSError:
                time.sleep(0.2)
        return False

    def step(self) -> int | None:
        """One look at the children: schedule or carry out restarts. Returns an exit code when
        the whole group must stop (a child that is not restartable has stopped), else None."""
        from django.utils.translation import gettext as _  # noqa: PLC0415 setup

        now = time.monotonic()
        for name, due in list(self.restart_at.items()):
            if now >= due:
                del self.restart_at[name]
                self._spawn(name)
        exited = self._exited()
        while exited is not None:
            code = self.children[exited].returncode
            if exited not in self.restartable:
                message = _("“%(name)s” đã dừng (mã %(code)s); dừng các tiến trình còn lại.")
                print(message % {"name": exited, "code": code}, file=sys.stderr, flush=True)
                return code or 1
            # A child that ran a while before stopping starts a new series of quick restarts.
            stable = now - self.started_at[exited] >= STABLE_SECONDS
            self.crashes[exited] = 1 if stable else self.crashes.get(exited, 0) + 1
            delay = self.backoff(self.crashes[exited])
            self.restart_at[exited] = now + delay
            message = _("“%(name)s” đã dừng (mã %(code)s); khởi động lại sau %(delay)s giây.")
            print(message % {"name": exited, "code": code, "delay": f"{delay:g}"}, file=sys.stderr, flush=True)
            exited = self._exited()
        return None

    def supervise(self) -> int:
        while self.received is None:
            code = self.step()
            if code is not None:
                self.stop()
                return code
            time.sleep(0.3)
        self.stop()
        return 0

    def stop(self) -> None:
        self.restart_at.clear()
        # Ctrl-C in a terminal already reached every child (same process group): give them a
        # moment to stop on their own before asking again, since a second signal cuts shutdown short.
        if self.received == signal.SIGINT:
            self._wait(GRACEFUL_SHUTDOWN_SECONDS)
        for child in self.children.values():
            if child.poll() is None:
                child.terminate()
        if not self._wait(STOP_TIMEOUT_SECONDS):
            for child in self.children.values():
                if child.poll() is None:
                    child.kill()
        for child in self.children.values():
            child.wait()

    def _wait(self, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if all(child.poll() is not None for child in self.children.values()):
                return True
            time.sleep(0.1)
        return False


if __name__ == "__main__":
    sys.exit(main())

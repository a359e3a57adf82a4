"""A ticket's QR text: ours and unaltered, or refused."""

import io

import pytest
from PIL import Image

from presscenter.events import tickets
from presscenter.events.models import Registration, RegistrationStatus, Ticket
from tests.events.factories import accredited_journalist, event

pytestmark = pytest.mark.django_db


@pytest.fixture
def ticket() -> Ticket:
    reporter = accredited_journalist()
    registration = Registration.objects.create(
        event=event(), journalist=reporter, status=RegistrationStatus.APPROVED, outlet_name="Báo Thử nghiệm"
    )
    return Ticket.objects.create(registration=registration, holder_name=str(reporter))


def test_the_payload_reads_back_to_the_code(ticket):
    assert tickets.read(tickets.payload(ticket)) == ticket.code


@pytest.mark.parametrize(
    "mangle", [lambda p: p[:-1] + ("A" if p[-1] != "A" else "B"), lambda p: p.replace("PCV1:", "")]
)
def test_an_altered_or_foreign_payload_is_refused(ticket, mangle):
    assert tickets.read(mangle(tickets.payload(ticket))) is None


def test_a_code_without_signature_and_huge_text_are_refused(ticket):
    assert tickets.read("PCV1:" + ticket.code) is None
    assert tickets.read("PCV1:" + "x" * 10_000) is None


def test_the_qr_images_render(ticket):
    assert tickets.qr_svg(ticket).startswith("<svg")
    image = Image.open(io.BytesIO(tickets.qr_png(ticket)))
    assert image.format == "PNG" and image.width > 100

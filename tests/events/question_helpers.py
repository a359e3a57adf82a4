"""A press conference with its cast for the question tests: the organising agency's editor, the
centre's operator, an editor of another agency, two accredited journalists, one not accredited,
and two speakers."""

from dataclasses import dataclass
from typing import Any

from presscenter.accounts.models import Role, User
from presscenter.events.models import Event, Speaker
from presscenter.orgs.models import Organisation
from tests import factories
from tests.events.factories import accredited_journalist, event, organiser_and_officer
from tests.press.conftest import journalist, make_outlet


@dataclass
class Cast:
    agency: Organisation
    editor: User
    operator: User
    outsider: User
    reporter: User
    colleague: User
    unaccredited: User
    citizen: User
    event: Event
    director: Speaker
    deputy: Speaker


def cast(**event_fields: Any) -> Cast:
    agency, editor = organiser_and_officer(name="Sở Giao thông Vận tải Hà Nội")
    held = event(editor, title="Họp báo về phân luồng giao thông dịp Tết", **event_fields)
    return Cast(
        agency=agency,
        editor=editor,
        operator=factories.user(Role.CENTER_OPERATOR),
        outsider=organiser_and_officer()[1],
        reporter=accredited_journalist(),
        colleague=accredited_journalist(),
        unaccredited=journalist(make_outlet()).user,
        citizen=factories.user(Role.PUBLIC),
        event=held,
        director=Speaker.objects.create(event=held, name="Nguyễn Văn Giám Đốc", position_title="Giám đốc Sở", order=1),
        deputy=Speaker.objects.create(event=held, name="Trần Thị Phó", position_title="Phó Giám đốc Sở", order=2),
    )

"""Who may see and do what with questions and feedback. An asker sees only their own; an agency
sees only what is routed to it (and its parent, once the question is escalated to it, and its
grandparent at the second level of escalation); the centre sees everything."""

import secrets
from typing import Any

from django.db.models import Q, QuerySet

from presscenter.accounts import roles
from presscenter.inquiries.models import HANDLING_STATES, Answer, Inquiry, State


def can_ask_as_press(user: Any) -> bool:
    return roles.is_journalist(user)


def can_view(user: Any, inquiry: Inquiry) -> bool:
    if roles.is_staff(user):
        return True
    if roles.is_active(user) and inquiry.asker_id == user.pk:
        return True
    return workspace_inquiries(user).filter(pk=inquiry.pk).exists()


def is_asker(user: Any, inquiry: Inquiry, key: str = "") -> bool:
    """The asker: by their account, or (asked without one) by the secret of their status link."""
    if roles.is_active(user) and inquiry.asker_id is not None and inquiry.asker_id == user.pk:
        return True
    return inquiry.asker_id is None and bool(key) and secrets.compare_digest(key, inquiry.access_key)


def workspace_inquiries(user: Any) -> QuerySet[Inquiry]:
    """The inquiries a working screen lists for this user."""
    if roles.is_staff(user):
        return Inquiry.objects.all()
    agency = roles.agency_of(user)
    if agency is None:
        return Inquiry.objects.none()
    return Inquiry.objects.filter(Q(organisation_id=agency) | escalated_to(agency))


def escalated_to(agency: int) -> Q:
    """The inquiries whose escalation reached this organisation: its children's once escalated, its
    grandchildren's at the second level."""
    return Q(escalated_at__isnull=False, organisation__parent_id=agency) | Q(
        escalation_level__gte=2, organisation__parent__parent_id=agency
    )


def openable_ids(user: Any, ids: list[int]) -> set[int]:
    """Which of these inquiries the user may open on the working screens (their detail page reads
    `workspace_inquiries` too): one query for a whole list, none for the centre or an empty list."""
    if not ids:
        return set()
    if roles.is_staff(user):
        return set(ids)
    return set(workspace_inquiries(user).filter(pk__in=ids).values_list("pk", flat=True))


def own_inquiries(user: Any) -> QuerySet[Inquiry]:
    if not roles.is_active(user):
        return Inquiry.objects.none()
    return Inquiry.objects.filter(asker=user)


def can_route(user: Any) -> bool:
    """Triage, routing, merging and rejecting are the centre's."""
    return roles.is_staff(user)


def can_manage_rules(user: Any) -> bool:
    return roles.is_staff(user)


def can_handle(user: Any, inquiry: Inquiry) -> bool:
    """Draft an answer, ask the asker for more, transfer: the responsible agency, or the centre."""
    if inquiry.state not in (*HANDLING_STATES, State.WAITING):
        return False
    if roles.is_staff(user):
        return True
    return inquiry.organisation_id is not None and roles.is_member_of(user, inquiry.organisation_id)


def can_assign(user: Any, inquiry: Inquiry) -> bool:
    if inquiry.organisation_id is None or inquiry.state not in (*HANDLING_STATES, State.WAITING):
        return False
    if roles.is_staff(user):
        return True
    return roles.is_spokesperson(user) and roles.is_member_of(user, inquiry.organisation_id)


def may_review_answer(user: Any, answer: Answer) -> bool:
    """The agency's spokesperson or the centre; whether they wrote it is checked apart
    (the two-person rule says why it refuses)."""
    if roles.is_staff(user):
        return True
    return roles.is_spokesperson(user) and roles.is_member_of(user, answer.organisation_id)


def wrote(user: Any, answer: Answer) -> bool:
    return roles.is_active(user) and answer.contributors.filter(pk=user.pk).exists()


def can_manage_notices(user: Any) -> bool:
    """The notices that could not be sent, and sending them again: the centre's staff."""
    return roles.is_staff(user)


def superiors_of(inquiry: Inquiry) -> list[int]:
    """The organisations above the handling one that the escalation reached: its parent once the
    question is escalated, its grandparent too at the second level."""
    organisation = inquiry.organisation
    if organisation is None or organisation.parent_id is None or inquiry.escalated_at is None:
        return []
    above = [organisation.parent_id]
    if inquiry.escalation_level >= 2:
        grandparent = type(organisation).objects.filter(pk=organisation.parent_id).values_list("parent_id", flat=True)
        above += [pk for pk in grandparent if pk is not None]
    return above


def can_act_as_superior(user: Any, inquiry: Inquiry) -> bool:
    """Direct the handling agency, transfer the question to an agency under it, extend the deadline
    once: the spokesperson of an organisation the escalation reached, and the centre's staff, while
    the question is being handled."""
    if inquiry.organisation_id is None or inquiry.state not in (*HANDLING_STATES, State.WAITING):
        return False
    if roles.is_staff(user):
        return True
    agency = roles.agency_of(user)
    return roles.is_spokesperson(user) and agency is not None and agency in superiors_of(inquiry)

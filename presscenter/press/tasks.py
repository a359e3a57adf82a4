"""Thin periodic task for press cards: delegates to press.domain."""

from django_tasks import task

from presscenter.press import domain


@task()
def card_expiry_task() -> dict[str, int]:
    """Remind journalists whose card lapses soon; stop accreditation of lapsed cards. Idempotent."""
    today = domain.today_local()
    return {"reminded": domain.send_expiry_reminders(today), "lapsed": domain.expire_lapsed_cards(today)}

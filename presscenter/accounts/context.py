"""Template context about the account's sign-in."""

from django.http import HttpRequest

from presscenter.accounts.middleware import owes_code


def second_factor(request: HttpRequest) -> dict[str, object]:
    """`owes_second_factor`: signed in with a password but the one-time code not given yet. Such a
    session reaches only the code pages, and the live stream refuses it, so the page chrome must
    not open the stream. A callable: only templates that ask compute it."""
    return {"owes_second_factor": lambda: owes_code(request) if hasattr(request, "user") else False}

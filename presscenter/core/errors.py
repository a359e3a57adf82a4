"""Errors that domain functions raise; views and the API turn them into translated responses."""


class DomainError(Exception):
    """A rule refused the change. `message` is already translated (lazily) for the user."""

    status = 400

    def __init__(self, message: object, *, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


class PermissionDenied(DomainError):
    status = 403


class NotFound(DomainError):
    status = 404

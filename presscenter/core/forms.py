"""What every screen's forms share."""

from django import forms

from presscenter.core.errors import DomainError


def add_domain_error(form: forms.BaseForm, error: DomainError) -> None:
    """Show a domain function's refusal on the form: next to its field when the form has that
    field, otherwise at the top of the form."""
    form.add_error(error.field if error.field in form.fields else None, str(error.message))

from django import forms
from django.utils.translation import gettext_lazy as _

from presscenter.core.errors import DomainError
from presscenter.core.forms import add_domain_error


class NameForm(forms.Form):
    name = forms.CharField()


def bound() -> NameForm:
    form = NameForm({"name": "Sở Y tế"})
    assert form.is_valid()
    return form


def test_a_refusal_about_a_field_of_the_form_shows_next_to_that_field():
    form = bound()
    add_domain_error(form, DomainError(_("Tên này đã có."), field="name"))
    assert form.errors == {"name": ["Tên này đã có."]}
    assert "name" not in form.cleaned_data  # Django drops the value of a field with an error


def test_a_refusal_without_a_field_or_about_another_field_shows_at_the_top():
    form = bound()
    add_domain_error(form, DomainError(_("Không được phép.")))
    add_domain_error(form, DomainError(_("Trường lạ."), field="not_on_this_form"))
    assert form.non_field_errors() == ["Không được phép.", "Trường lạ."]
    assert "name" not in form.errors

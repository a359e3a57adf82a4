"""The README advertises only what users are meant to use."""

from pathlib import Path

from django.contrib import admin
from django.urls import reverse

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_leaves_the_django_admin_to_the_superuser():
    """The workspace covers staff work; Django's admin registers none of our models, is not
    translated and stays only as the superuser's maintenance door."""
    assert reverse("admin:index") not in README.read_text(encoding="utf-8")
    assert not [model for model in admin.site._registry if model.__module__.startswith("presscenter.")]

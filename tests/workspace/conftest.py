import pytest
from django.test import Client


@pytest.fixture
def login():
    """A test client signed in as the given user."""

    def signed_in(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return signed_in

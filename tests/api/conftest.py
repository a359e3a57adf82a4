import json
from typing import Any

import pytest
from django.test import Client

from presscenter.accounts.models import Role
from presscenter.accounts.tokens import issue_token
from tests import factories


class ApiClient:
    """The Django test client with a bearer token and JSON bodies."""

    def __init__(self, raw_token: str | None = None, **headers: str):
        self.client = Client()
        self.headers = dict(headers)
        if raw_token:
            self.headers["Authorization"] = f"Bearer {raw_token}"

    def get(self, path: str, **params: Any):
        return self.client.get(path, params, headers=self.headers)

    def send(self, method: str, path: str, payload: Any = None, *, raw: bytes | str | None = None):
        body = raw if raw is not None else ("" if payload is None else json.dumps(payload))
        return getattr(self.client, method)(path, body, content_type="application/json", headers=self.headers)

    def post(self, path: str, payload: Any = None, **kwargs: Any):
        return self.send("post", path, payload, **kwargs)

    def patch(self, path: str, payload: Any = None, **kwargs: Any):
        return self.send("patch", path, payload, **kwargs)


def token_for(user, organisation) -> str:
    return issue_token(user, user, organisation, "Hệ thống CMS")[1]


@pytest.fixture
def anonymous(db) -> ApiClient:
    return ApiClient()


@pytest.fixture
def editor_api(newsroom) -> ApiClient:
    return ApiClient(token_for(newsroom.editor, newsroom.org))


@pytest.fixture
def spokesperson_api(newsroom) -> ApiClient:
    return ApiClient(token_for(newsroom.spokesperson, newsroom.org))


@pytest.fixture
def operator_api(newsroom) -> ApiClient:
    return ApiClient(token_for(newsroom.operator, None))


@pytest.fixture
def journalist(db):
    return factories.user(Role.JOURNALIST, accredited=True)


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert isinstance(body["error"]["details"], list)
    return body["error"]

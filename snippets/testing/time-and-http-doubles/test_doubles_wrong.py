"""The pitfall: a MagicMock on httpx.Client.get passes for a client that requests the wrong URL."""

import os
from typing import Any
from unittest.mock import MagicMock

import httpx
import pytest
import respx

BASE_URL = "https://users.example"
ADA = {"id": 1, "name": "Ada"}
TIMEOUT = float(os.environ.get("USERS_TIMEOUT", "5"))  # read once, at import


def fetch_user(client: httpx.Client, user_id: int) -> dict[str, Any]:
    # The bug: the service serves /users/{id}.
    response = client.get(f"/user/{user_id}", timeout=TIMEOUT)
    response.raise_for_status()
    user: dict[str, Any] = response.json()
    return user


@pytest.fixture
def get(monkeypatch: pytest.MonkeyPatch) -> MagicMock:
    # Any method, any URL, any arguments: the same canned response.
    response = httpx.Response(200, json=ADA, request=httpx.Request("GET", BASE_URL))
    mock = MagicMock(return_value=response)
    monkeypatch.setattr(httpx.Client, "get", mock)
    return mock


def test_fetch_user_with_a_magicmock(get: MagicMock) -> None:
    with httpx.Client(base_url=BASE_URL) as client:
        assert fetch_user(client, 1) == ADA
    assert get.call_count == 1


def test_fetch_user_with_respx() -> None:
    with (
        respx.mock(base_url=BASE_URL) as service,
        httpx.Client(base_url=BASE_URL) as client,
    ):
        service.get("/users/1").respond(json=ADA)
        assert fetch_user(client, 1) == ADA


def test_timeout_from_the_environment(
    get: MagicMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("USERS_TIMEOUT", "0.5")  # too late: TIMEOUT was read at import
    with httpx.Client(base_url=BASE_URL) as client:
        fetch_user(client, 1)
    assert get.call_args.kwargs["timeout"] == 0.5

"""Doubles at the boundaries: respx for HTTP, time-machine for the clock, monkeypatch for the environment."""

import datetime as dt
import time
from collections.abc import Iterator

import api
import httpx
import pytest
import respx
from api import UsersAPI
from time_machine import TimeMachineFixture

BASE_URL = "https://users.example"
ADA = {"id": 1, "name": "Ada"}


@pytest.fixture
def service() -> Iterator[respx.MockRouter]:
    # A request that matches no route fails the test (assert_all_mocked), and so does a
    # route that was never requested (assert_all_called); both are respx's defaults.
    with respx.mock(
        base_url=BASE_URL, assert_all_mocked=True, assert_all_called=True
    ) as mock:
        mock.post("/oauth/token", name="token").respond(
            json={"access_token": "t1", "expires_in": 300}
        )
        yield mock


@pytest.fixture
def users(service: respx.MockRouter) -> Iterator[UsersAPI]:
    with httpx.Client(base_url=BASE_URL) as client:
        yield UsersAPI(client, httpx.BasicAuth("app", "app-secret"))


def test_fetch_user(service: respx.MockRouter, users: UsersAPI) -> None:
    # This method and this URL; any other request fails the test.
    route = service.get("/users/1").respond(json=ADA)
    assert users.user(1) == ADA
    assert route.call_count == 1
    assert route.calls.last.request.headers["Authorization"] == "Bearer t1"
    # The client credentials go to the token endpoint, and nowhere else.
    token_request = service["token"].calls.last.request
    assert token_request.headers["Authorization"].startswith("Basic ")


def test_timeout_from_the_environment(
    service: respx.MockRouter, users: UsersAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("USERS_TIMEOUT", "0.5")  # undone when the test ends
    route = service.get("/users/1").respond(json=ADA)
    users.user(1)
    assert route.calls.last.request.extensions["timeout"]["read"] == 0.5


def test_timeouts_are_retried(
    service: respx.MockRouter, users: UsersAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    delays: list[float] = []
    monkeypatch.setattr(api, "sleep", delays.append)  # record the backoff, do not wait
    timeout = httpx.ConnectTimeout("timed out")
    route = service.get("/users/1").mock(
        side_effect=[timeout, timeout, httpx.Response(200, json=ADA)]
    )
    assert users.user(1) == ADA
    assert route.call_count == 3
    assert delays == [0.1, 0.2]


def test_token_is_refreshed_when_it_expires(
    service: respx.MockRouter, users: UsersAPI, time_machine: TimeMachineFixture
) -> None:
    # tick=False: the clock stands still until the test shifts it.
    time_machine.move_to(dt.datetime(2026, 1, 1, tzinfo=dt.UTC), tick=False)
    service.get("/users/1").respond(json=ADA)
    users.user(1)
    time_machine.shift(269)  # the token lives 300 s and is refreshed 30 s early
    users.user(1)
    assert service["token"].call_count == 1
    time_machine.shift(1)
    users.user(1)
    assert service["token"].call_count == 2


def test_time_machine_moves_the_wall_clock_only(
    time_machine: TimeMachineFixture,
) -> None:
    time_machine.move_to(dt.datetime(2026, 1, 1, tzinfo=dt.UTC), tick=False)
    wall, monotonic = time.time(), time.monotonic()
    time_machine.shift(3600)
    assert time.time() - wall == 3600
    assert time.monotonic() - monotonic < 60  # time-machine 3 leaves monotonic() real

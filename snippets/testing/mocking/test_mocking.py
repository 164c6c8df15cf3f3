"""pytest-mock for what a test must not touch; a dependency override for what the app asks for."""

from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio
from profiles import (
    USERS_SERVICE,
    UserDirectory,
    app,
    get_directory,
    retry,
    send_welcome,
)
from pytest_mock import MockerFixture

USERS = {1: "Ada"}


def users_service(request: httpx.Request) -> httpx.Response:
    # A stand-in for the remote service: real httpx requests and responses, no network.
    user_id = int(request.url.path.removeprefix("/users/"))
    if user_id not in USERS:
        return httpx.Response(404)
    return httpx.Response(200, json={"id": user_id, "name": USERS[user_id]})


@pytest_asyncio.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.MockTransport(users_service)
    async with httpx.AsyncClient(transport=transport, base_url=USERS_SERVICE) as http:
        yield http


def test_welcome_email_is_sent(mocker: MockerFixture) -> None:
    # Patch the name where profiles looks it up: it did `from smtplib import SMTP`.
    smtp = mocker.patch("profiles.SMTP", autospec=True)
    send_welcome("ada@example.com", "Ada")
    smtp.assert_called_once_with("localhost")
    connection = smtp.return_value.__enter__.return_value
    (message,), _ = connection.send_message.call_args
    assert message["Subject"] == "Welcome, Ada!"


@pytest.mark.asyncio
async def test_retry_recovers_from_network_errors(mocker: MockerFixture) -> None:
    sleep = mocker.patch("profiles.sleep")  # an AsyncMock: patch sees sleep is async
    call = mocker.AsyncMock(side_effect=[httpx.ConnectError("refused")] * 2 + ["ok"])
    assert await retry(call) == "ok"
    assert call.await_count == 3
    assert sleep.await_args_list == [mocker.call(0.05), mocker.call(0.1)]


@pytest.mark.asyncio
async def test_retry_gives_up(mocker: MockerFixture) -> None:
    mocker.patch("profiles.sleep")
    call = mocker.AsyncMock(side_effect=httpx.ConnectError("refused"))
    with pytest.raises(httpx.ConnectError):
        await retry(call)
    assert call.await_count == 3


@pytest.mark.asyncio
async def test_names_are_fetched_once(
    http: httpx.AsyncClient, mocker: MockerFixture
) -> None:
    directory = UserDirectory(http)
    fetch = mocker.spy(directory, "fetch")  # the real method runs; the spy counts
    assert [await directory.name(1), await directory.name(1)] == ["Ada", "Ada"]
    fetch.assert_awaited_once_with(1)


@pytest_asyncio.fixture
async def client(http: httpx.AsyncClient) -> AsyncIterator[httpx.AsyncClient]:
    # No patching: the app's own seam swaps the dependency, and the real
    # UserDirectory code still runs, against the stand-in service.
    app.dependency_overrides[get_directory] = lambda: UserDirectory(http)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app") as client:
        yield client
    app.dependency_overrides.clear()  # after yield: runs even when the test fails


@pytest.mark.asyncio
async def test_greeting(client: httpx.AsyncClient) -> None:
    response = await client.get("/greetings/1")
    assert response.status_code == 200
    assert response.json() == {"greeting": "Hello, Ada!"}


@pytest.mark.asyncio
async def test_unknown_user_is_a_404(client: httpx.AsyncClient) -> None:
    response = await client.get("/greetings/2")
    assert response.status_code == 404
    assert response.json() == {"detail": "No such user"}

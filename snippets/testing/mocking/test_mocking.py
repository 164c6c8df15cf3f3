"""pytest-mock for what a test must not touch; stand-ins for the network and the clock."""

from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio
from profiles import USERS_SERVICE, UserDirectory, create_app, retry, send_welcome
from pytest_mock import MockerFixture

USERS = {1: "Ada", 2: "Grace", 3: "Linus"}


class UsersService:
    """A stand-in for the remote service: real httpx requests and responses, no network."""

    def __init__(self) -> None:
        self.requests: list[str] = []  # what reached the "network"

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request.url.path)
        user_id = int(request.url.path.removeprefix("/users/"))
        if user_id not in USERS:
            return httpx.Response(404)
        return httpx.Response(200, json={"id": user_id, "name": USERS[user_id]})


@pytest.fixture
def service() -> UsersService:
    return UsersService()


@pytest_asyncio.fixture
async def http(service: UsersService) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.MockTransport(service)
    async with httpx.AsyncClient(transport=transport, base_url=USERS_SERVICE) as http:
        yield http


class FakeClock:
    """Time that moves only when the test says so: no sleeping, no flaky margins."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_welcome_email_is_sent(mocker: MockerFixture) -> None:
    # Patch the name where profiles looks it up: it did `from smtplib import SMTP`.
    smtp = mocker.patch("profiles.SMTP", autospec=True)
    send_welcome("ada@example.com", "Ada")
    smtp.assert_called_once_with("localhost", timeout=10)
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
async def test_fetch_with_autospecced_mocks(mocker: MockerFixture) -> None:
    # Specced mocks: get() is async like the real one, json() is a plain method.
    client = mocker.create_autospec(httpx.AsyncClient, instance=True)
    response = mocker.create_autospec(httpx.Response, instance=True)
    response.json.return_value = {"id": 1, "name": "Ada"}
    client.get.return_value = response
    assert await UserDirectory(client).fetch(1) == {"id": 1, "name": "Ada"}
    client.get.assert_awaited_once_with("/users/1")


@pytest.mark.asyncio
async def test_names_are_fetched_once(
    http: httpx.AsyncClient, mocker: MockerFixture
) -> None:
    directory = UserDirectory(http)
    fetch = mocker.spy(directory, "fetch")  # the real method runs; the spy counts
    assert [await directory.name(1), await directory.name(1)] == ["Ada", "Ada"]
    fetch.assert_awaited_once_with(1)


@pytest.mark.asyncio
async def test_names_expire_after_the_ttl(
    http: httpx.AsyncClient, service: UsersService
) -> None:
    clock = FakeClock()
    directory = UserDirectory(http, ttl=60, clock=clock)
    await directory.name(1)
    clock.now += 59
    await directory.name(1)  # 59 s old: served from the cache
    clock.now += 1
    await directory.name(1)  # 60 s old: fetched again
    assert service.requests == ["/users/1", "/users/1"]


@pytest.mark.asyncio
async def test_the_cache_is_bounded(http: httpx.AsyncClient) -> None:
    directory = UserDirectory(http, max_entries=2)
    for user_id in (1, 2, 3):
        await directory.name(user_id)
    assert list(directory.names) == [2, 3]  # the oldest entry was dropped


@pytest_asyncio.fixture
async def client(service: UsersService) -> AsyncIterator[httpx.AsyncClient]:
    # No patching: the app takes its transport as an argument, and its own
    # lifespan builds the client and the cache, as in production.
    app = create_app(transport=httpx.MockTransport(service))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://app"
        ) as client:
            yield client


@pytest.mark.asyncio
async def test_greeting(client: httpx.AsyncClient) -> None:
    response = await client.get("/greetings/1")
    assert response.status_code == 200
    assert response.json() == {"greeting": "Hello, Ada!"}


@pytest.mark.asyncio
async def test_the_cache_outlives_a_request(
    client: httpx.AsyncClient, service: UsersService
) -> None:
    for _ in range(3):
        assert (await client.get("/greetings/1")).status_code == 200
    assert service.requests == ["/users/1"]  # one lookup for three requests


@pytest.mark.asyncio
async def test_unknown_user_is_a_404(client: httpx.AsyncClient) -> None:
    response = await client.get("/greetings/4")
    assert response.status_code == 404
    assert response.json() == {"detail": "No such user"}

"""Code under test for the mocking page: a client of another service, an e-mail and an API."""

import time
from asyncio import sleep
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from email.message import EmailMessage
from smtplib import SMTP
from typing import Annotated, Any, TypeVar

import httpx
from fastapi import Depends, FastAPI, HTTPException, Request

USERS_SERVICE = "http://users.internal"
T = TypeVar("T")


async def retry(call: Callable[[], Awaitable[T]], attempts: int = 3) -> T:
    """Await call(), retrying network errors with exponential backoff (0.05 s, 0.1 s...)."""
    for attempt in range(attempts - 1):
        try:
            return await call()
        except httpx.TransportError:
            await sleep(0.05 * 2**attempt)
    return await call()  # the last attempt: its error reaches the caller


class UserDirectory:
    """Looks users up in the users service; remembers each name for `ttl` seconds."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        *,
        ttl: float = 60.0,
        max_entries: int = 10_000,
        clock: Callable[[], float] = time.monotonic,  # a test passes a fake clock
    ) -> None:
        self.client = client
        self.ttl = ttl
        self.max_entries = max_entries
        self.clock = clock
        self.names: OrderedDict[int, tuple[float, str]] = OrderedDict()

    async def fetch(self, user_id: int) -> dict[str, Any]:
        response = await retry(lambda: self.client.get(f"/users/{user_id}"))
        response.raise_for_status()
        return response.json()

    async def name(self, user_id: int) -> str:
        cached = self.names.get(user_id)
        if cached is not None and self.clock() < cached[0]:
            return cached[1]
        name = (await self.fetch(user_id))["name"]
        self.names[user_id] = (self.clock() + self.ttl, name)
        self.names.move_to_end(user_id)
        if len(self.names) > self.max_entries:
            self.names.popitem(last=False)  # bounded: drop the oldest entry
        return name


def send_welcome(address: str, name: str) -> None:
    message = EmailMessage()
    message["From"], message["To"] = "hello@example.com", address
    message["Subject"] = f"Welcome, {name}!"
    message.set_content("Thanks for signing up.")
    with SMTP("localhost", timeout=10) as smtp:
        smtp.send_message(message)


def create_app(transport: httpx.AsyncBaseTransport | None = None) -> FastAPI:
    """The app; `transport` is None in production (the network), a stand-in in tests."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # One client (one connection pool) and one cache for the life of the app.
        async with httpx.AsyncClient(
            base_url=USERS_SERVICE, transport=transport, timeout=5.0
        ) as client:
            app.state.directory = UserDirectory(client)
            yield

    app = FastAPI(lifespan=lifespan)
    app.get("/greetings/{user_id}")(greeting)
    return app


def get_directory(request: Request) -> UserDirectory:
    return request.app.state.directory  # shared by every request


async def greeting(
    user_id: int, directory: Annotated[UserDirectory, Depends(get_directory)]
) -> dict[str, str]:
    try:
        name = await directory.name(user_id)
    except httpx.HTTPStatusError as exc:
        if exc.response.status_code == httpx.codes.NOT_FOUND:
            raise HTTPException(status_code=404, detail="No such user") from None
        raise
    return {"greeting": f"Hello, {name}!"}

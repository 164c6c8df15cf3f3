"""Code under test for the mocking page: a client of another service, an e-mail and an API."""

from asyncio import sleep
from collections.abc import AsyncIterator, Awaitable, Callable
from email.message import EmailMessage
from smtplib import SMTP
from typing import Annotated, Any, TypeVar

import httpx
from fastapi import Depends, FastAPI, HTTPException

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
    """Looks users up in the users service, remembering the names it has seen."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self.names: dict[int, str] = {}

    async def fetch(self, user_id: int) -> dict[str, Any]:
        response = await retry(lambda: self.client.get(f"/users/{user_id}"))
        response.raise_for_status()
        return response.json()

    async def name(self, user_id: int) -> str:
        if user_id not in self.names:
            self.names[user_id] = (await self.fetch(user_id))["name"]
        return self.names[user_id]


def send_welcome(address: str, name: str) -> None:
    message = EmailMessage()
    message["From"], message["To"] = "hello@example.com", address
    message["Subject"] = f"Welcome, {name}!"
    message.set_content("Thanks for signing up.")
    with SMTP("localhost") as smtp:
        smtp.send_message(message)


app = FastAPI()


async def get_directory() -> AsyncIterator[UserDirectory]:
    async with httpx.AsyncClient(base_url=USERS_SERVICE) as client:
        yield UserDirectory(client)


@app.get("/greetings/{user_id}")
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

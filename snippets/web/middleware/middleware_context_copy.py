"""Where context variables flow: a `def` dependency sets them in a copy, in a thread."""

import asyncio
import contextvars
from typing import Annotated

import httpx
from fastapi import Depends, FastAPI
from starlette.types import ASGIApp, Receive, Scope, Send

current_user: contextvars.ContextVar[str] = contextvars.ContextVar("user", default="-")
seen_by_middleware: dict[str, str] = {}


class SeeUser:
    """Pure ASGI middleware: reads the context variable after the app has run."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        token = current_user.set("-")  # a fresh value for every request
        try:
            await self.app(scope, receive, send)
            seen_by_middleware[scope["path"]] = current_user.get()
        finally:
            current_user.reset(token)


async def user_async() -> str:
    current_user.set("alice")  # runs in the request's own task and context
    return "alice"


def user_sync() -> str:
    current_user.set("bob")  # runs in a worker thread, on a copy of the context
    return "bob"


app = FastAPI()
app.add_middleware(SeeUser)


@app.get("/async-dependency")
async def with_async(user: Annotated[str, Depends(user_async)]) -> dict[str, str]:
    return {"set": user, "seen": current_user.get()}


@app.get("/def-dependency")
async def with_sync(user: Annotated[str, Depends(user_sync)]) -> dict[str, str]:
    return {"set": user, "seen": current_user.get()}


async def main() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        for path in ("/async-dependency", "/def-dependency"):
            body = (await client.get(path)).json()
            seen = f"endpoint sees {body['seen']}, middleware sees {seen_by_middleware[path]}"
            print(f"{path:<17} set {body['set']}: {seen}")
            #> /async-dependency set alice: endpoint sees alice, middleware sees alice
            #> /def-dependency   set bob: endpoint sees -, middleware sees -


asyncio.run(main())

"""Request-ID and Server-Timing headers plus an access log, as pure ASGI middleware."""

import contextvars
import re
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import httpx
import uvicorn
from fastapi import Depends, FastAPI, Header
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id")
current_user: contextvars.ContextVar[str] = contextvars.ContextVar("user", default="-")
access_log: list[tuple[str, str, str, int]] = []
SAFE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # lifespan and websockets pass through untouched
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        incoming = Headers(scope=scope).get("x-request-id", "")
        # Reuse the caller's ID only when it is short and plain: it ends up in logs.
        rid = incoming if SAFE_ID.fullmatch(incoming) else uuid.uuid4().hex
        request_id.set(rid)
        status = 500  # what the client gets if the app raises before responding

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = MutableHeaders(scope=message)
                headers["X-Request-ID"] = rid
                elapsed_ms = (time.perf_counter() - start) * 1000
                headers["Server-Timing"] = f"app;dur={elapsed_ms:.1f}"
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            # Same task as the endpoint: context variables it set are visible here.
            access_log.append((rid, scope["path"], current_user.get(), status))


async def authenticate(authorization: Annotated[str, Header()] = "") -> str:
    # Stands in for real authentication: the point is the context variable it sets.
    user = authorization.removeprefix("Bearer ") or "anonymous"
    current_user.set(user)
    return user


app = FastAPI()
app.add_middleware(RequestContextMiddleware)


@app.get("/orders/{order_id}")
async def get_order(
    order_id: int, user: Annotated[str, Depends(authenticate)]
) -> dict[str, object]:
    return {"order": order_id, "owner": user, "request_id": request_id.get()}


@contextmanager
def serve(app: FastAPI) -> Iterator[str]:
    """Run the app under uvicorn on a free port of 127.0.0.1 in a background thread."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning")
    server = uvicorn.Server(config)  # port 0: the OS picks a free port
    thread = threading.Thread(target=server.run)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    try:
        port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join()


with serve(app) as url, httpx.Client(base_url=url) as client:
    headers = {"X-Request-ID": "req-42", "Authorization": "Bearer alice"}
    response = client.get("/orders/7", headers=headers)
    print(response.headers["x-request-id"], response.json())
    #> req-42 {'order': 7, 'owner': 'alice', 'request_id': 'req-42'}
    print(response.headers["server-timing"].startswith("app;dur="))
    #> True
    # An ID that is not safe to log is replaced by a fresh one.
    response = client.get("/orders/8", headers={"X-Request-ID": "<script>"})
    print(len(response.headers["x-request-id"]))
    #> 32

print(access_log[0])
#> ('req-42', '/orders/7', 'alice', 200)

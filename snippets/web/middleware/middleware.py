"""Request-ID and Server-Timing headers plus an access log, as pure ASGI middleware."""

import contextvars
import re
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Annotated

import httpx
import uvicorn
from fastapi import Depends, FastAPI, Header
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send


@dataclass
class RequestInfo:
    """Per-request facts for the access log, filled in by whoever learns them."""

    id: str
    user: str = "-"


request_info: contextvars.ContextVar[RequestInfo] = contextvars.ContextVar("request")
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
        info = RequestInfo(rid)
        token = request_info.set(info)
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
            # Read from the object, not the variable: see `authenticate` below.
            access_log.append((rid, scope["path"], info.user, status))
            request_info.reset(token)


def authenticate(authorization: Annotated[str, Header()] = "") -> str:
    # Stands in for real (sync) token checks. A plain def dependency runs in a worker
    # thread on a *copy* of the context: request_info.set() here would never reach
    # the middleware, but the object both contexts point to is shared.
    user = authorization.removeprefix("Bearer ") or "anonymous"
    request_info.get().user = user
    return user


app = FastAPI()
app.add_middleware(RequestContextMiddleware)


@app.get("/orders/{order_id}")
async def get_order(
    order_id: int, user: Annotated[str, Depends(authenticate)]
) -> dict[str, object]:
    return {"order": order_id, "owner": user, "request_id": request_info.get().id}


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

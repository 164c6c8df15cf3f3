"""The pitfall: a BaseHTTPMiddleware cannot see context variables the endpoint set."""

import contextvars
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import httpx
import uvicorn
from fastapi import Depends, FastAPI, Header, Request, Response
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id")
current_user: contextvars.ContextVar[str] = contextvars.ContextVar("user", default="-")
access_log: list[tuple[str, str, str, int]] = []


class RequestContextMiddleware(BaseHTTPMiddleware):
    async def dispatch(
        self, request: Request, call_next: RequestResponseEndpoint
    ) -> Response:
        start = time.perf_counter()
        rid = request.headers.get("x-request-id") or uuid.uuid4().hex
        request_id.set(rid)
        # call_next runs the rest of the app in another task, with a copy of
        # this context: what the endpoint sets there never comes back here.
        response = await call_next(request)
        response.headers["X-Request-ID"] = rid
        elapsed_ms = (time.perf_counter() - start) * 1000
        response.headers["Server-Timing"] = f"app;dur={elapsed_ms:.1f}"
        access_log.append(
            (rid, request.url.path, current_user.get(), response.status_code)
        )
        return response


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
    # The request ID flows down into the endpoint...
    print(response.json())
    #> {'order': 7, 'owner': 'alice', 'request_id': 'req-42'}

# ...but the user the endpoint's dependency set never flows back up.
print(access_log[0])
#> ('req-42', '/orders/7', '-', 200)

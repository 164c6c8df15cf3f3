"""Keep background tasks referenced, log their failures and drain them in the lifespan."""

import asyncio
import logging
import threading
import time
from collections.abc import AsyncIterator, Coroutine, Iterator
from contextlib import asynccontextmanager, contextmanager
from smtplib import SMTPRecipientsRefused
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, EmailStr

logger = logging.getLogger(__name__)


class BackgroundTaskManager:
    """Owns fire-and-forget tasks: keeps them alive, reports failures, drains them."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[None]] = set()

    def spawn(self, coro: Coroutine[Any, Any, None], *, name: str) -> None:
        task = asyncio.create_task(coro, name=name)
        self._tasks.add(task)  # a strong reference: the loop keeps only a weak one
        task.add_done_callback(self._on_done)

    def _on_done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        # Retrieve the exception, or asyncio logs "Task exception was never retrieved"
        # only when the task is garbage-collected, far from the failure.
        if not task.cancelled() and (exc := task.exception()) is not None:
            logger.error("background task %s failed", task.get_name(), exc_info=exc)

    async def drain(self, grace: float, *, cleanup: float = 1.0) -> None:
        """Wait up to `grace` s for the tasks (and those they start); then cancel the rest."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + grace
        # Loop: a running task may spawn another (a retry, a follow-up) while we wait.
        while self._tasks and (left := deadline - loop.time()) > 0:
            await asyncio.wait(set(self._tasks), timeout=left)
        if pending := set(self._tasks):
            logger.warning("cancelling %d unfinished background tasks", len(pending))
            for task in pending:
                task.cancel()
            # Let them run their cleanup, for a bounded time too: a cleanup can hang
            # (a QUIT to a stuck SMTP server) or a task can swallow the cancellation.
            _, stuck = await asyncio.wait(pending, timeout=cleanup)
            if stuck:
                logger.error(
                    "%d background tasks still running after cancel", len(stuck)
                )


sent: dict[str, str] = {}  # subject -> recipient
logged: list[str] = []


class Recorder(logging.Handler):
    """Stands in for your log pipeline: keeps each message, without its traceback."""

    def emit(self, record: logging.LogRecord) -> None:
        logged.append(record.getMessage())


logger.addHandler(Recorder())


async def send_email(to: str, subject: str) -> None:
    await asyncio.sleep(0.5)  # stands in for a slow SMTP call
    if to.startswith("gone@"):  # a well-formed address whose mailbox no longer exists
        raise SMTPRecipientsRefused({to: (550, b"mailbox unavailable")})
    sent[subject] = to


background = BackgroundTaskManager()


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    # Runs after uvicorn has stopped accepting requests and finished the open ones;
    # keep `grace` below the time your process manager waits before it kills.
    await background.drain(grace=5.0)


app = FastAPI(lifespan=lifespan)


@app.exception_handler(RequestValidationError)
async def invalid_request(
    request: Request, exc: RequestValidationError
) -> JSONResponse:
    # FastAPI's default 422 repeats every invalid value ("input"): a customer's address,
    # or all 10 MB of a hostile one. Say where and why; leave the value out.
    errors = [
        {"loc": e["loc"], "msg": e["msg"], "type": e["type"]} for e in exc.errors()
    ]
    return JSONResponse({"detail": errors}, status_code=422)


class Customer(BaseModel):
    # In the body, not the query string: URLs end up in access logs, proxies and
    # browser history. EmailStr answers a malformed address with a 422, and hands
    # the endpoint the normalised address: the domain lower-cased, a "Name <addr>" unwrapped.
    email: EmailStr


@app.post("/orders/{order_id}")
async def create_order(order_id: int, customer: Customer) -> dict[str, object]:
    email = send_email(customer.email, f"order {order_id}")
    background.spawn(email, name=f"email-{order_id}")
    return {"id": order_id, "status": "created"}


@contextmanager
def serve(app: FastAPI) -> Iterator[str]:
    """Run the app under uvicorn in a background thread; port 0 picks a free port."""
    server = uvicorn.Server(uvicorn.Config(app, port=0, log_level="warning"))
    thread = threading.Thread(target=server.run)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the server failed to start")
        time.sleep(0.01)
    try:
        port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True  # what SIGTERM does: a graceful shutdown
        thread.join()


with serve(app) as url, httpx.Client(base_url=url) as client:
    statuses, answered_first = [], []
    for order_id, email in [
        (1, "Ada@Example.COM"),
        (2, "gone@example.com"),
        (3, "ada.example.com"),
    ]:
        response = client.post(f"/orders/{order_id}", json={"email": email})
        statuses.append(response.status_code)
        answered_first.append(f"order {order_id}" not in sent)
    print(f"statuses: {statuses}")
    #> statuses: [200, 200, 422]
    print(f"each response came back before its email: {all(answered_first)}")
    #> each response came back before its email: True
    print(f"the 422 repeats the address: {'ada.example.com' in response.text}")
    #> the 422 repeats the address: False
    # What an access log records: no address in the request line.
    print(response.request.method, response.request.url.raw_path.decode())
    #> POST /orders/3
# The server has shut down: its lifespan drained the emails first.
print(f"sent: {sent}")
#> sent: {'order 1': 'Ada@example.com'}
print(f"logged: {logged}")
#> logged: ['background task email-2 failed']

"""Threads you start yourself: copy the request's context into them, or its ID is lost."""

import asyncio
import contextvars
import io
import json
import logging
import threading
from concurrent.futures import ThreadPoolExecutor

request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "request_id", default=None
)


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        rid = getattr(record, "request_id", None)
        return json.dumps({"started_by": record.getMessage(), "request_id": rid})


log_stream = io.StringIO()
handler = logging.StreamHandler(log_stream)
handler.addFilter(RequestIdFilter())
handler.setFormatter(JsonFormatter())
logging.getLogger().addHandler(handler)
logging.getLogger().setLevel(logging.INFO)
log = logging.getLogger("app.worker")

pool = ThreadPoolExecutor(max_workers=2)  # created once, as an app's pool is


def work(started_by: str) -> None:
    log.info(started_by)


async def handle_request() -> None:
    request_id.set("req-7")  # as the middleware does
    loop = asyncio.get_running_loop()
    # asyncio.to_thread runs work in a copy of the caller's context...
    await asyncio.to_thread(work, "asyncio.to_thread")
    # ...but neither the executor API nor a thread of your own does that.
    await loop.run_in_executor(pool, work, "loop.run_in_executor")
    await asyncio.wrap_future(pool.submit(work, "pool.submit"))
    thread = threading.Thread(target=work, args=("threading.Thread",))
    thread.start()
    await asyncio.to_thread(thread.join)  # waits without blocking the event loop
    # The fix: run the function inside a copy of the context, one copy per call.
    ctx = contextvars.copy_context()
    await asyncio.wrap_future(pool.submit(ctx.run, work, "pool.submit + ctx.run"))
    ctx = contextvars.copy_context()
    thread = threading.Thread(target=ctx.run, args=(work, "threading.Thread + ctx.run"))
    thread.start()
    await asyncio.to_thread(thread.join)


asyncio.run(handle_request())
pool.shutdown()
for text in log_stream.getvalue().splitlines():
    line = json.loads(text)
    print(f"{line['started_by']:<27} request_id: {line['request_id']}")
    #> asyncio.to_thread           request_id: req-7
    #> loop.run_in_executor        request_id: None
    #> pool.submit                 request_id: None
    #> threading.Thread            request_id: None
    #> pool.submit + ctx.run       request_id: req-7
    #> threading.Thread + ctx.run  request_id: req-7

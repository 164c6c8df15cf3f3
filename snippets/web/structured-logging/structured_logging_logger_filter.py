"""The pitfall: a filter on a logger never sees what its children and libraries log."""

import contextvars
import io
import json
import logging

import httpx

request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "request_id", default=None
)


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        rid = getattr(record, "request_id", "(no such field)")
        return json.dumps({"logger": record.name, "request_id": rid})


log_stream = io.StringIO()
handler = logging.StreamHandler(log_stream)
handler.setFormatter(JsonFormatter())
root = logging.getLogger()
root.addHandler(handler)
root.setLevel(logging.INFO)
# Looks global, as the root logger is every logger's ancestor. It is not: a logger's
# filters see only the records logged on that very logger.
root.addFilter(RequestIdFilter())

request_id.set("req-7")  # as the middleware does, for one request
logging.info("logged on the root logger itself")
logging.getLogger("app").info("logged on your module's logger")
logging.getLogger("app.db").info("logged on a child of it")
# A library logs on its own logger: httpx writes one line per request it sends.
upstream = httpx.MockTransport(lambda request: httpx.Response(200))
with httpx.Client(transport=upstream) as client:
    client.get("http://stock.internal/items/1")

for text in log_stream.getvalue().splitlines():
    line = json.loads(text)
    print(f"{line['logger']:<6} request_id: {line['request_id']}")
    #> root   request_id: req-7
    #> app    request_id: (no such field)
    #> app.db request_id: (no such field)
    #> httpx  request_id: (no such field)

"""One error shape for every failure: RFC 9457 problem details, inside CORS, with an ID."""

import asyncio
import io
import logging
import re
import uuid
from collections.abc import Mapping
from http.client import responses

import httpx
from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, PositiveInt
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger("shop.errors")
PROBLEM_TYPES = "https://api.shop.test/problems/"  # where you document each error type
SAFE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def problem(
    request: Request,
    status: int,
    detail: str,
    *,
    type_: str = "about:blank",
    title: str | None = None,
    headers: Mapping[str, str] | None = None,
    **extensions: object,
) -> JSONResponse:
    body = {
        "type": type_,
        # With type "about:blank" the title is the status phrase (RFC 9457 §4.2.1).
        "title": title or responses.get(status, "Error"),
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        **extensions,
    }
    return JSONResponse(
        body, status, headers=headers, media_type="application/problem+json"
    )


app = FastAPI()


@app.exception_handler(StarletteHTTPException)
async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    # Starlette's class also covers the router's own 404 and 405 responses;
    # exc.headers carries Allow, WWW-Authenticate, Retry-After... through.
    if isinstance(exc.detail, str):
        return problem(request, exc.status_code, exc.detail, headers=exc.headers)
    # RFC 9457's "detail" is a string: keep structured details as a member of their own.
    phrase = responses.get(exc.status_code, "Error")
    return problem(
        request, exc.status_code, phrase, headers=exc.headers, details=exc.detail
    )


@app.exception_handler(RequestValidationError)
async def invalid_request(
    request: Request, exc: RequestValidationError
) -> JSONResponse:
    # Keep where and what; drop "input", which can echo passwords or tokens back.
    errors = [
        {"field": ".".join(map(str, error["loc"])), "message": error["msg"]}
        for error in exc.errors()
    ]
    return problem(
        request,
        422,
        f"{len(errors)} field(s) failed validation",
        type_=PROBLEM_TYPES + "invalid-request",
        title="Your request is not valid",
        errors=errors,
    )


def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    # The traceback goes to the logs, under an ID the client can quote to support.
    incoming = request.headers.get("x-request-id", "")
    request_id = incoming if SAFE_ID.fullmatch(incoming) else uuid.uuid4().hex
    logger.error(
        "unhandled error on %s %s (request %s)",
        request.method,
        request.url.path,
        request_id,
        exc_info=exc,
    )
    return problem(
        request,
        500,
        "Something went wrong on our side.",
        headers={"X-Request-ID": request_id},
        request_id=request_id,
    )


class CatchAll:
    """Innermost middleware: turns an unhandled exception into the problem 500 *inside*
    the middleware stack, so CORS and every other middleware still handle the response.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_tracking(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, send_tracking)
        except Exception as exc:
            if started:  # too late for another response: let the server log and close
                raise
            await unexpected_error(Request(scope), exc)(scope, receive, send)


async def last_resort(request: Request, exc: Exception) -> JSONResponse:
    # For errors raised outside CatchAll (in an outer middleware): Starlette calls this
    # from ServerErrorMiddleware, outside every middleware, CORS included.
    return unexpected_error(request, exc)


app.add_exception_handler(Exception, last_resort)
app.add_middleware(CatchAll)  # added first: it runs innermost, inside CORS
app.add_middleware(
    CORSMiddleware, allow_origins=["https://shop.test"], allow_credentials=True
)


class RedactingFormatter(logging.Formatter):
    """Masks the password of any URL (postgresql://user:***@host) in the record and
    in its traceback: connection errors often quote the DSN they failed on."""

    CREDENTIALS = re.compile(r"(\w+://[^:/@\s]+):[^@\s]+@")

    def format(self, record: logging.LogRecord) -> str:
        return self.CREDENTIALS.sub(r"\1:***@", super().format(record))


class Order(BaseModel):
    sku: str
    quantity: PositiveInt


@app.get("/orders/{order_id}")
async def get_order(order_id: int) -> Order:
    raise HTTPException(404, f"order {order_id} not found")


@app.post("/orders")
async def create_order(order: Order) -> Order:
    raise HTTPException(409, {"reason": "out_of_stock", "sku": order.sku})


@app.get("/report")
async def report() -> dict[str, str]:
    raise ConnectionError("could not connect to postgresql://app:s3cret@db:5432/shop")


async def main() -> None:
    # raise_app_exceptions=False: send the 500 response, as a real server does.
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://api.test"
    ) as client:
        browser = {"Origin": "https://shop.test", "X-Request-ID": "req-500"}
        replies = [
            await client.get("/orders/7"),
            await client.delete("/orders/7"),
            await client.post("/orders", json={"sku": "A1", "quantity": 0}),
            await client.post("/orders", json={"sku": "A1", "quantity": 1}),
            await client.get("/report", headers=browser),
        ]
    for reply in replies:
        body = reply.json()
        print(reply.headers["content-type"], body["status"], body["title"])
        #> application/problem+json 404 Not Found
        #> application/problem+json 405 Method Not Allowed
        #> application/problem+json 422 Your request is not valid
        #> application/problem+json 409 Conflict
        #> application/problem+json 500 Internal Server Error
    not_found, not_allowed, invalid, conflict, crashed = replies
    print(list(not_found.json()))
    #> ['type', 'title', 'status', 'detail', 'instance']
    print(not_found.json()["detail"], "| Allow:", not_allowed.headers["allow"])
    #> order 7 not found | Allow: GET
    for error in invalid.json()["errors"]:
        print(error)
        #> {'field': 'body.quantity', 'message': 'Input should be greater than 0'}
    print(conflict.json()["details"])  # structured, not flattened into a string
    #> {'reason': 'out_of_stock', 'sku': 'A1'}
    print(crashed.json()["detail"], "| request_id:", crashed.json()["request_id"])
    #> Something went wrong on our side. | request_id: req-500
    # The browser may read the 500: it went through CORSMiddleware like any response.
    print("CORS on the 500:", crashed.headers.get("access-control-allow-origin"))
    #> CORS on the 500: https://shop.test


log = io.StringIO()  # stands in for your log pipeline
handler = logging.StreamHandler(log)
handler.setFormatter(RedactingFormatter("%(levelname)s %(message)s"))
logger.addHandler(handler)
asyncio.run(main())
print(log.getvalue().splitlines()[0])
#> ERROR unhandled error on GET /report (request req-500)
print(log.getvalue().splitlines()[-1])
#> ConnectionError: could not connect to postgresql://app:***@db:5432/shop
print("password in the log:", "s3cret" in log.getvalue())
#> password in the log: False

"""One error shape for every failure: RFC 9457 problem details from three handlers."""

import asyncio
import logging
from collections.abc import Mapping
from http.client import responses
from logging.handlers import BufferingHandler

import httpx
from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, PositiveInt
from starlette.exceptions import HTTPException as StarletteHTTPException

logger = logging.getLogger("shop.errors")
PROBLEM_TYPES = "https://api.shop.test/problems/"  # where you document each error type


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
    return problem(request, exc.status_code, str(exc.detail), headers=exc.headers)


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


@app.exception_handler(Exception)
async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    # The traceback goes to the logs; the client gets nothing it could exploit.
    logger.error(
        "unhandled error on %s %s", request.method, request.url.path, exc_info=exc
    )
    return problem(request, 500, "Something went wrong on our side.")


class Order(BaseModel):
    sku: str
    quantity: PositiveInt


@app.get("/orders/{order_id}")
async def get_order(order_id: int) -> Order:
    raise HTTPException(404, f"order {order_id} not found")


@app.post("/orders")
async def create_order(order: Order) -> Order:
    return order


@app.get("/report")
async def report() -> dict[str, str]:
    raise ConnectionError("could not connect to postgresql://app:s3cret@db:5432/shop")


async def main() -> None:
    # raise_app_exceptions=False: send the 500 response, as a real server does.
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://api.test"
    ) as client:
        replies = [
            await client.get("/orders/7"),
            await client.delete("/orders/7"),
            await client.post("/orders", json={"sku": "A1", "quantity": 0}),
            await client.get("/report"),
        ]
    for reply in replies:
        body = reply.json()
        print(reply.headers["content-type"], body["status"], body["title"])
        #> application/problem+json 404 Not Found
        #> application/problem+json 405 Method Not Allowed
        #> application/problem+json 422 Your request is not valid
        #> application/problem+json 500 Internal Server Error
    not_found, not_allowed, invalid, crashed = replies
    print(list(not_found.json()))
    #> ['type', 'title', 'status', 'detail', 'instance']
    print(not_found.json()["detail"], "| Allow:", not_allowed.headers["allow"])
    #> order 7 not found | Allow: GET
    for error in invalid.json()["errors"]:
        print(error)
        #> {'field': 'body.quantity', 'message': 'Input should be greater than 0'}
    print(crashed.json()["detail"])
    #> Something went wrong on our side.


log = BufferingHandler(capacity=100)  # stands in for your log pipeline
logger.addHandler(log)
asyncio.run(main())
record = log.buffer[0]
print(record.getMessage())
#> unhandled error on GET /report
print(repr(record.exc_info[1]))
#> ConnectionError('could not connect to postgresql://app:s3cret@db:5432/shop')

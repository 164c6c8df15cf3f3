"""The pitfall: one handler per domain error, and a new error nobody mapped is a 500."""

import asyncio

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse


class DomainError(Exception):
    pass


class NotFound(DomainError):
    pass


class InsufficientFunds(DomainError):
    pass


class AccountFrozen(DomainError):  # added months later, in another module
    pass


app = FastAPI()


@app.exception_handler(NotFound)
async def not_found(request: Request, exc: NotFound) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, 404)


@app.exception_handler(InsufficientFunds)
async def insufficient_funds(request: Request, exc: InsufficientFunds) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, 409)


ERRORS = {
    "acc-9": NotFound("no such account"),
    "acc-2": InsufficientFunds("not enough funds"),
    "acc-3": AccountFrozen("the account is frozen"),
}


@app.post("/accounts/{account_id}/withdrawals")
async def withdraw(account_id: str) -> dict[str, int]:
    raise ERRORS[account_id]


async def main() -> None:
    # raise_app_exceptions=False: send the 500 response, as a real server does.
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        for account_id in ERRORS:
            reply = await client.post(f"/accounts/{account_id}/withdrawals")
            print(
                account_id, reply.status_code, reply.headers["content-type"], reply.text
            )
            #> acc-9 404 application/json {"detail":"no such account"}
            #> acc-2 409 application/json {"detail":"not enough funds"}
            #> acc-3 500 text/plain; charset=utf-8 Internal Server Error


asyncio.run(main())

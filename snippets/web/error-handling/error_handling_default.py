"""The pitfall: default errors come in three shapes, and the quick fix leaks secrets."""

import asyncio

import httpx
from fastapi import APIRouter, FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, PositiveInt

router = APIRouter()


class Order(BaseModel):
    sku: str
    quantity: PositiveInt


@router.get("/orders/{order_id}")
async def get_order(order_id: int) -> Order:
    raise HTTPException(404, f"order {order_id} not found")


@router.post("/orders")
async def create_order(order: Order) -> Order:
    return order


@router.get("/report")
async def report() -> dict[str, str]:
    raise ConnectionError("could not connect to postgresql://app:s3cret@db:5432/shop")


default_app = FastAPI()
default_app.include_router(router)


async def catch_all(request: Request, exc: Exception) -> JSONResponse:
    # The usual quick fix for the plain-text 500: put the error in the body.
    return JSONResponse({"detail": str(exc)}, status_code=500)


patched_app = FastAPI()
patched_app.include_router(router)
patched_app.add_exception_handler(Exception, catch_all)


def client_for(app: FastAPI) -> httpx.AsyncClient:
    # raise_app_exceptions=False: send the 500 response, as a real server does.
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://api.test")


async def main() -> None:
    async with client_for(default_app) as client:
        responses = [
            await client.get("/orders/7"),
            await client.post("/orders", json={"sku": "A1", "quantity": 0}),
            await client.get("/report"),
        ]
    for response in responses:
        print(response.status_code, response.headers["content-type"])
        #> 404 application/json
        #> 422 application/json
        #> 500 text/plain; charset=utf-8
    not_found, invalid, crashed = responses
    print(not_found.json())  # "detail" is a string here...
    #> {'detail': 'order 7 not found'}
    print(list(invalid.json()["detail"][0]))  # ...a list of objects here...
    #> ['type', 'loc', 'msg', 'input', 'ctx']
    print(crashed.text)  # ...and not JSON at all here.
    #> Internal Server Error
    async with client_for(patched_app) as client:
        print((await client.get("/report")).json())
        #> {'detail': 'could not connect to postgresql://app:s3cret@db:5432/shop'}


asyncio.run(main())

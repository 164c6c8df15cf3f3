"""The pitfall: allow_origins=["*"] with allow_credentials=True trusts every website."""

import asyncio

import httpx
from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

app = FastAPI()
app.add_middleware(
    CORSMiddleware, allow_origins=["*"], allow_credentials=True, allow_methods=["*"]
)


@app.get("/me")
async def me() -> dict[str, str]:
    return {"email": "alice@shop.test"}  # what the user's session cookie unlocks


async def main() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://api.test"
    ) as client:
        # What a browser sends when a script on any site calls the API with cookies.
        response = await client.get("/me", headers={"Origin": "https://evil.test"})
        print(response.headers["access-control-allow-origin"])
        #> https://evil.test
        print(response.headers["access-control-allow-credentials"])
        #> true
        preflight = await client.options(
            "/me",
            headers={
                "Origin": "https://evil.test",
                "Access-Control-Request-Method": "DELETE",
            },
        )
        print(preflight.status_code, preflight.headers["access-control-allow-origin"])
        #> 200 https://evil.test


asyncio.run(main())

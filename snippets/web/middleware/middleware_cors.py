"""CORS with credentials: an explicit list of trusted origins, nothing mirrored."""

import asyncio

import httpx
from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

app = FastAPI()
app.add_middleware(
    CORSMiddleware,
    # Exact origins (scheme + host + port) of the front ends that may send cookies.
    allow_origins=["https://shop.test", "https://admin.shop.test"],
    allow_credentials=True,
    allow_methods=["GET", "POST"],
    allow_headers=["Authorization", "Content-Type"],
    max_age=600,  # browsers may cache a preflight answer for 10 minutes
)


@app.get("/me")
async def me() -> dict[str, str]:
    return {"email": "alice@shop.test"}


async def main() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://api.test"
    ) as client:
        trusted = await client.get("/me", headers={"Origin": "https://shop.test"})
        print(trusted.headers["access-control-allow-origin"])
        #> https://shop.test
        print(trusted.headers["vary"])  # caches must key the answer on Origin
        #> Origin
        other = await client.get("/me", headers={"Origin": "https://evil.test"})
        # The response still goes out, but without the header the browser hides it.
        print("access-control-allow-origin" in other.headers)
        #> False
        preflight = await client.options(
            "/me",
            headers={
                "Origin": "https://evil.test",
                "Access-Control-Request-Method": "POST",
            },
        )
        print(preflight.status_code, preflight.text)
        #> 400 Disallowed CORS origin


asyncio.run(main())

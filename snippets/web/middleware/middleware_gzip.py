"""GZip: compress big text bodies, leave small and already-compressed ones alone."""

import asyncio
from collections.abc import Iterator

import httpx
from fastapi import FastAPI, Response
from fastapi.responses import StreamingResponse
from starlette.middleware.gzip import GZipMiddleware

app = FastAPI()
# Below ~1 KB the gzip header and CPU cost outweigh the bytes saved.
app.add_middleware(GZipMiddleware, minimum_size=1000)


@app.get("/me")
async def me() -> dict[str, str]:
    return {"email": "alice@shop.test"}


@app.get("/orders")
async def orders() -> list[dict[str, object]]:
    return [{"id": i, "status": "shipped", "total": "19.90"} for i in range(200)]


@app.get("/logo.png")
async def logo() -> Response:
    return Response(b"\x89PNG" + bytes(4000), media_type="image/png")


@app.get("/events")
async def events() -> StreamingResponse:
    def stream() -> Iterator[str]:
        for i in range(100):
            yield f"data: tick {i}\n\n"

    return StreamingResponse(stream(), media_type="text/event-stream")


async def main() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://api.test"
    ) as client:
        for path in ("/me", "/orders", "/logo.png", "/events"):
            response = await client.get(path)  # httpx sends Accept-Encoding: gzip
            encoding = response.headers.get("content-encoding", "identity")
            smaller = response.num_bytes_downloaded < len(response.content)
            print(f"{path:<9} {encoding:<8} fewer bytes on the wire: {smaller}")
            #> /me       identity fewer bytes on the wire: False
            #> /orders   gzip     fewer bytes on the wire: True
            #> /logo.png identity fewer bytes on the wire: False
            #> /events   identity fewer bytes on the wire: False


asyncio.run(main())

"""BackgroundTasks: the response leaves first, the slow follow-up work runs after it."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import uvicorn
from fastapi import BackgroundTasks, FastAPI

events: list[str] = []
app = FastAPI()


async def send_welcome_email(email: str) -> None:
    await asyncio.sleep(0.1)  # stands in for a slow SMTP exchange
    events.append(f"email sent to {email}")


@app.post("/signup-inline")
async def signup_inline(email: str) -> dict[str, str]:
    await send_welcome_email(email)  # the client waits for the email too
    return {"status": "created"}


@app.post("/signup")
async def signup(email: str, background_tasks: BackgroundTasks) -> dict[str, str]:
    # Runs after the response has been sent, in this process; a sync function would run
    # in the thread pool. For work that must survive a restart, use a task queue.
    background_tasks.add_task(send_welcome_email, email)
    return {"status": "created"}


@asynccontextmanager
async def running(app: FastAPI) -> AsyncIterator[str]:
    """Serve the app with uvicorn on a free port of 127.0.0.1, in this event loop."""
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning")
    )
    serving = asyncio.create_task(server.serve())
    while not server.started:
        if serving.done():
            await serving  # startup failed: raise its error
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await serving


async def main() -> None:
    async with running(app) as url, httpx.AsyncClient(base_url=url) as client:
        for path in ("/signup-inline", "/signup"):
            events.clear()
            await client.post(path, params={"email": "ada@example.com"})
            events.append("response received")
            await asyncio.sleep(0.15)  # let the background email finish
            print(path, events)
            #> /signup-inline ['email sent to ada@example.com', 'response received']
            #> /signup ['response received', 'email sent to ada@example.com']


asyncio.run(main())

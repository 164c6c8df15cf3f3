"""BackgroundTasks: the response leaves first, the slow follow-up work runs after it."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import uvicorn
from fastapi import BackgroundTasks, FastAPI
from pydantic import BaseModel

events: list[str] = []
email_sent = asyncio.Event()
app = FastAPI()


class Signup(BaseModel):
    email: str  # in the body: an address in the URL would land in every access log


async def send_welcome_email(email: str) -> None:
    await asyncio.sleep(0.1)  # stands in for a slow SMTP exchange
    events.append(f"email sent to {email}")
    email_sent.set()


@app.post("/signup-inline")
async def signup_inline(signup: Signup) -> dict[str, str]:
    await send_welcome_email(signup.email)  # the client waits for the email too
    return {"status": "created"}


@app.post("/signup")
async def signup(signup: Signup, background_tasks: BackgroundTasks) -> dict[str, str]:
    # Runs after the response has been sent, in this process; a sync function would run
    # in the thread pool. For work that must survive a restart, use a task queue.
    background_tasks.add_task(send_welcome_email, signup.email)
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
            email_sent.clear()
            await client.post(path, json={"email": "ada@example.com"})
            events.append("response received")
            await asyncio.wait_for(email_sent.wait(), timeout=5)  # however loaded
            print(path, events)
            #> /signup-inline ['email sent to ada@example.com', 'response received']
            #> /signup ['response received', 'email sent to ada@example.com']


asyncio.run(main())

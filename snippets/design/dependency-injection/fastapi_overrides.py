"""Swap a dependency in a test with app.dependency_overrides, and restore it afterwards."""

import asyncio
import smtplib
from email.message import EmailMessage
from typing import Annotated, Protocol
from unittest.mock import patch

import httpx
from fastapi import Depends, FastAPI
from pydantic import BaseModel


class Mailer(Protocol):
    async def send(self, to: str, subject: str) -> None: ...


class SmtpMailer:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port

    async def send(self, to: str, subject: str) -> None:
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = (
            "noreply@example.org",
            to,
            subject,
        )
        await asyncio.to_thread(self._send, message)  # smtplib blocks: not on the loop

    def _send(self, message: EmailMessage) -> None:
        with smtplib.SMTP(self.host, self.port, timeout=10) as smtp:
            smtp.send_message(message)


def get_mailer() -> Mailer:
    return SmtpMailer("localhost", 25)


class ResetRequest(BaseModel):
    email: str


app = FastAPI()


@app.post("/password-reset", status_code=202)
async def password_reset(
    body: ResetRequest, mailer: Annotated[Mailer, Depends(get_mailer)]
) -> dict[str, str]:
    await mailer.send(body.email, "Reset your password")
    return {"status": "queued"}


class RecordingMailer:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    async def send(self, to: str, subject: str) -> None:
        self.sent.append((to, subject))


async def test_password_reset_sends_mail() -> None:
    mailer = RecordingMailer()
    # patch.dict puts the dict back as it was when the block ends, even if the test
    # fails: an override left behind would leak into every later test of the session.
    with patch.dict(app.dependency_overrides, {get_mailer: lambda: mailer}):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://app"
        ) as client:
            response = await client.post(
                "/password-reset", json={"email": "ada@example.org"}
            )
    assert response.status_code == 202
    assert mailer.sent == [("ada@example.org", "Reset your password")]
    print(response.status_code, mailer.sent)
    #> 202 [('ada@example.org', 'Reset your password')]


asyncio.run(test_password_reset_sends_mail())
print(app.dependency_overrides)  # nothing left over for the next test
#> {}

"""The pitfall: a service that raises HTTPException works over HTTP, and nowhere else."""

import asyncio
import traceback

import httpx
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, PositiveInt


class Bank:
    def __init__(self) -> None:
        self._balances = {"acc-1": 100, "acc-2": 30, "acc-3": 80}

    def withdraw(self, account_id: str, amount: int) -> int:
        if account_id not in self._balances:
            raise HTTPException(404, "account not found")
        if amount > self._balances[account_id]:
            raise HTTPException(409, "insufficient funds")  # the service picks a status
        self._balances[account_id] -= amount
        return self._balances[account_id]


app = FastAPI()
bank = Bank()


class Withdrawal(BaseModel):
    amount: PositiveInt


@app.post("/accounts/{account_id}/withdrawals")
async def withdraw(account_id: str, withdrawal: Withdrawal) -> dict[str, int]:
    return {"balance": bank.withdraw(account_id, withdrawal.amount)}


async def over_http() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        reply = await client.post("/accounts/acc-2/withdrawals", json={"amount": 50})
    print("over HTTP:", reply.status_code, reply.json())
    #> over HTTP: 409 {'detail': 'insufficient funds'}


def nightly_fees(bank: Bank, fee: int) -> None:
    """A job calls the same service. What should it catch? Nothing tells it."""
    for account_id in ["acc-1", "acc-2", "acc-3"]:
        bank.withdraw(account_id, fee)
        print("job: charged", account_id)
        #> job: charged acc-1


asyncio.run(over_http())
try:
    nightly_fees(Bank(), fee=50)
except Exception as exc:  # what the job's log shows, before it exits
    print("job:", traceback.format_exception_only(exc)[-1].strip())
    #> job: fastapi.exceptions.HTTPException: 409: insufficient funds
    print("job: to catch it, import", type(exc).__module__)
    #> job: to catch it, import fastapi.exceptions

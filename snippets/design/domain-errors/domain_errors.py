"""Domain errors in the service, HTTP problems at one boundary: one handler, one table."""

import asyncio
import json
import pickle
from dataclasses import dataclass
from typing import NamedTuple

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, PositiveInt


# The domain: its own exceptions, and nothing about HTTP.
class DomainError(Exception):
    """An outcome the service reports on purpose. The message and the facts are
    written for the caller: no SQL, no stack, nothing about other customers."""

    def __init__(self, message: str, **facts: str | int) -> None:
        super().__init__(message)
        self.message = message
        self.facts = facts

    def __reduce__(self) -> tuple[object, ...]:
        # Pickle (a process pool, a task queue) rebuilds an exception as its class called
        # with exc.args, here InsufficientFunds(message): a TypeError that breaks the pool.
        # Rebuild it from the message and the facts, whatever the subclass's __init__.
        return type(self).__new__, (type(self), self.message), self.__dict__


class NotFound(DomainError):
    pass


class Conflict(DomainError):
    pass


class AccountFrozen(Conflict):
    def __init__(self, account_id: str) -> None:
        super().__init__("the account is frozen", account=account_id, status="frozen")


class InsufficientFunds(DomainError):
    def __init__(self, account_id: str, balance: int, amount: int) -> None:
        super().__init__(
            f"the balance is {balance}, but that costs {amount}",
            account=account_id,
            balance=balance,
            amount=amount,
        )


@dataclass
class Account:
    balance: int
    frozen: bool = False


class Bank:
    def __init__(self) -> None:
        self._accounts = {"acc-1": Account(100), "acc-2": Account(30)}
        self._accounts["acc-3"] = Account(500, frozen=True)

    def withdraw(self, account_id: str, amount: int) -> int:
        account = self._accounts.get(account_id)
        if account is None:
            raise NotFound("no such account", account=account_id)
        if account.frozen:
            raise AccountFrozen(account_id)
        if amount > account.balance:
            raise InsufficientFunds(account_id, account.balance, amount)
        account.balance -= amount
        return account.balance


# The web layer: the one place that knows both worlds.
class Problem(NamedTuple):
    status: int
    type: str
    title: str  # the same for every occurrence of the type (RFC 9457)


DOCS = "https://bank.test/problems/"  # a page per problem type, for client authors
PROBLEMS: dict[type[DomainError], Problem] = {
    NotFound: Problem(404, DOCS + "not-found", "No such resource"),
    Conflict: Problem(409, DOCS + "conflict", "Not possible in the current state"),
    InsufficientFunds: Problem(409, DOCS + "insufficient-funds", "Not enough funds"),
}


def problem_for(error: type[DomainError]) -> Problem | None:
    # Walk the class hierarchy: AccountFrozen is a Conflict unless it gets its own row.
    for cls in error.__mro__:
        if issubclass(cls, DomainError) and cls in PROBLEMS:
            return PROBLEMS[cls]
    return None


def unmapped(base: type[DomainError] = DomainError) -> list[str]:
    """Every domain error, however deep, must have a problem: assert this in a test."""
    missing = []
    for error in base.__subclasses__():
        if problem_for(error) is None:
            missing.append(error.__name__)
        missing += unmapped(error)
    return missing


app = FastAPI()


@app.exception_handler(DomainError)  # one handler for every subclass
async def domain_problem(request: Request, exc: DomainError) -> JSONResponse:
    problem = problem_for(type(exc))
    if problem is None:  # a bug, not a 4xx: let the app's catch-all 500 handle it
        raise exc
    standard = {
        "type": problem.type,
        "title": problem.title,
        "status": problem.status,
        "detail": exc.message,
        "instance": request.url.path,
    }
    # The facts become extension members; they cannot overwrite a standard member.
    body = standard | {k: v for k, v in exc.facts.items() if k not in standard}
    return JSONResponse(body, problem.status, media_type="application/problem+json")


class Withdrawal(BaseModel):
    amount: PositiveInt


bank = Bank()


@app.post("/accounts/{account_id}/withdrawals")
async def withdraw(account_id: str, withdrawal: Withdrawal) -> dict[str, int]:
    return {"balance": bank.withdraw(account_id, withdrawal.amount)}


def nightly_fees(bank: Bank, fee: int) -> None:
    """A job calls the same service: no request, no FastAPI, the same errors."""
    for account_id in ["acc-1", "acc-2", "acc-3", "acc-9"]:
        try:
            print(account_id, "charged, balance", bank.withdraw(account_id, fee))
            #> acc-1 charged, balance 50
        except DomainError as exc:  # an outcome to report; a bug still stops the job
            print(account_id, f"{type(exc).__name__}: {exc}")
            #> acc-2 InsufficientFunds: the balance is 30, but that costs 50
            #> acc-3 AccountFrozen: the account is frozen
            #> acc-9 NotFound: no such account


async def over_http() -> dict[str, httpx.Response]:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        replies = {}
        for account_id in ["acc-1", "acc-2", "acc-3", "acc-9"]:
            url = f"/accounts/{account_id}/withdrawals"
            replies[account_id] = await client.post(url, json={"amount": 50})
    return replies


print("domain errors without a problem:", unmapped())
#> domain errors without a problem: []
nightly_fees(Bank(), fee=50)
# A worker in another process (a process pool, a task queue) returns it pickled.
error = pickle.loads(pickle.dumps(InsufficientFunds("acc-2", balance=30, amount=50)))
print("pickled:", type(error).__name__, error.facts)
#> pickled: InsufficientFunds {'account': 'acc-2', 'balance': 30, 'amount': 50}
replies = asyncio.run(over_http())
for account_id, reply in replies.items():
    print(account_id, reply.status_code, reply.headers["content-type"])
    #> acc-1 200 application/json
    #> acc-2 409 application/problem+json
    #> acc-3 409 application/problem+json
    #> acc-9 404 application/problem+json
# AccountFrozen's fact status="frozen" does not replace the problem's status member.
print("acc-3 status member:", replies["acc-3"].json()["status"])
#> acc-3 status member: 409
print(json.dumps(replies["acc-2"].json(), indent=2))
"""
{
  "type": "https://bank.test/problems/insufficient-funds",
  "title": "Not enough funds",
  "status": 409,
  "detail": "the balance is 30, but that costs 50",
  "instance": "/accounts/acc-2/withdrawals",
  "account": "acc-2",
  "balance": 30,
  "amount": 50
}
"""

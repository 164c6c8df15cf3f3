"""Call overhead of pydantic.validate_call: a validated call versus the same plain call."""

import timeit
from functools import partial

from pydantic import validate_call

from benchmarks.harness import Benchmark, Claim, Metric, in_turn

CALLS = 4_000  # per round; the fastest of ROUNDS rounds counts (the least disturbed by load)
ROUNDS = 5
NAMES = [f"user{i}" for i in range(10)]


def tag_all(names: list[str], limit: int) -> int:
    return min(len(names), limit)


validated_tag_all = validate_call(validate_return=True)(tag_all)


def _per_call(timer: timeit.Timer) -> float:
    return timer.timeit(CALLS) / CALLS


def measure(turn: int) -> dict[str, float]:
    timers = {
        name: timeit.Timer("fn(NAMES, 5)", globals={"fn": fn, "NAMES": NAMES})
        for name, fn in (("plain", tag_all), ("validated", validated_tag_all))
    }
    best = dict.fromkeys(timers, float("inf"))
    for i in range(ROUNDS):  # alternate, so both sides see the same machine load
        per_call = in_turn(turn + i, {name: partial(_per_call, timer) for name, timer in timers.items()})
        best = {name: min(best[name], seconds) for name, seconds in per_call.items()}
    plain, validated = best["plain"], best["validated"]
    return {"plain": plain, "validated": validated, "overhead": validated / plain}


BENCHMARK = Benchmark(
    title="A call with list[str] and int arguments: plain vs @validate_call(validate_return=True)",
    metrics={
        "plain": Metric("seconds", "one plain call (10-item list[str], int, returns int)"),
        "validated": Metric("seconds", "the same call through validate_call(validate_return=True)"),
        "overhead": Metric("ratio", "validated time / plain time"),
    },
    measure=measure,
    claims=(
        Claim("overhead", at_least=3, why="validation copies and checks every argument"),
        Claim("validated", at_most=50e-6, why="microseconds: negligible next to I/O"),
    ),
    packages=("pydantic", "pydantic-core"),
    repetitions=15,
    quick_repetitions=3,
)

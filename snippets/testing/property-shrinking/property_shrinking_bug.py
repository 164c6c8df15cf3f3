"""The pitfall: an off-by-one that round test numbers miss, found and shrunk."""

from hypothesis import given, settings
from hypothesis import strategies as st


def split(total_cents: int, parts: int) -> list[int]:
    """Split an amount into `parts` shares that differ by at most one cent."""
    base, leftover = divmod(total_cents, parts)
    shares = [base] * parts
    for i in range(leftover - 1):  # the bug: should be range(leftover)
        shares[i] += 1
    return shares


def test_split_examples() -> None:
    assert split(10_000, 4) == [2_500] * 4
    assert split(0, 3) == [0, 0, 0]


failing_inputs: list[tuple[int, int]] = []


@settings(database=None, derandomize=True, deadline=None, max_examples=200)
@given(total_cents=st.integers(0, 1_000_000), parts=st.integers(1, 100))
def test_split_is_exact_and_fair(total_cents: int, parts: int) -> None:
    shares = split(total_cents, parts)
    if sum(shares) != total_cents:
        failing_inputs.append((total_cents, parts))
    assert len(shares) == parts
    assert sum(shares) == total_cents, f"{shares} adds up to {sum(shares)}"
    assert max(shares) - min(shares) <= 1


test_split_examples()
print("the example-based test passes")
#> the example-based test passes
try:
    test_split_is_exact_and_fair()
except AssertionError as error:
    # The report pytest would show, with the shrunk arguments:
    for line in error.__notes__[0].splitlines():
        print(line)
        #> Failing test case: test_split_is_exact_and_fair(
        #>     total_cents=1,
        #>     parts=2,
        #> )
print(f"{split(1, 2)} adds up to {sum(split(1, 2))}, not 1")
#> [0, 0] adds up to 0, not 1
print(f"first failing input: {failing_inputs[0]}, shrunk to: {failing_inputs[-1]}")
#> first failing input: (210125, 6), shrunk to: (1, 2)

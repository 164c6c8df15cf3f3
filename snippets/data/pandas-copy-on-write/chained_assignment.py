"""The pitfall: pandas 2 ways of updating a column change nothing in pandas 3."""

import warnings

import pandas as pd

orders = pd.DataFrame(
    {"qty": [3, -1, 5], "price": [9.5, None, 4.0], "discount": [0.1, 0.9, 0.7]}
)

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")  # record each warning (even under -W error)
    # None of these writes into orders: each writes into what an indexing step returned.
    orders["qty"][orders["qty"] < 0] = 0
    orders["price"].fillna(0.0, inplace=True)
    discount = orders["discount"]  # under Copy-on-Write: a copy, made lazily
    discount[discount > 0.5] = 0.5  # no warning; pandas 2 wrote through to orders

# Each warning's class, and the first line of its message.
messages = [
    f"{type(w.message).__name__}: {str(w.message).splitlines()[0]}" for w in caught
]
print("\n".join([f"{len(caught)} warnings", *messages]))
"""
2 warnings
ChainedAssignmentError: A value is being set on a copy of a DataFrame or Series through chained assignment.
ChainedAssignmentError: A value is being set on a copy of a DataFrame or Series through chained assignment using an inplace method.
"""
print(orders.to_dict("list"))
#> {'qty': [3, -1, 5], 'price': [9.5, nan, 4.0], 'discount': [0.1, 0.9, 0.7]}

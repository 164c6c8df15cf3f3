"""Update a pandas 3 frame in one step on the frame itself: .loc, or assign the column back."""

import warnings

import pandas as pd

orders = pd.DataFrame(
    {"qty": [3, -1, 5], "price": [9.5, None, 4.0], "discount": [0.1, 0.9, 0.7]}
)

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")  # record each warning (even under -W error)
    # Each line writes into orders itself: one indexing step, or a new column put back.
    orders.loc[orders["qty"] < 0, "qty"] = 0
    orders["price"] = orders["price"].fillna(0.0)
    discount = orders["discount"]  # under Copy-on-Write: a copy, made lazily
    orders.loc[discount > 0.5, "discount"] = 0.5  # write to orders, not to the copy

# Each warning's class, and the first line of its message.
messages = [
    f"{type(w.message).__name__}: {str(w.message).splitlines()[0]}" for w in caught
]
print("\n".join([f"{len(caught)} warnings", *messages]))
#> 0 warnings
print(orders.to_dict("list"))
#> {'qty': [3, 0, 5], 'price': [9.5, 0.0, 4.0], 'discount': [0.1, 0.5, 0.5]}

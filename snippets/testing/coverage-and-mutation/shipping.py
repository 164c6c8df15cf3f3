"""Code under test for the coverage page: the shipping fee of an order."""

FREE_FROM = 50_00  # cents: orders of 50.00 or more ship free at home
SURCHARGE = 15_00  # cents, on every order sent abroad


def shipping_cents(total_cents: int, country: str) -> int:
    fee = 4_99
    if total_cents >= FREE_FROM:
        fee = 0
    if country != "US":
        fee += SURCHARGE
    return fee

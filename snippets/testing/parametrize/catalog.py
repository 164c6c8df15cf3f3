"""Code under test for the parametrize page: parsing prices and searching products."""

import re

from sqlalchemy import String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

PRICE = re.compile(r"(?P<units>\d+)(?:\.(?P<cents>\d{1,2}))?")


class Base(DeclarativeBase):
    pass


class Product(Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))


def parse_price(text: str) -> int:
    """'12.34' -> 1234 cents; anything else that is not a plain price is an error."""
    match = PRICE.fullmatch(text)
    if match is None:
        raise ValueError(f"not a price: {text!r}")
    return int(match["units"]) * 100 + int((match["cents"] or "0").ljust(2, "0"))


def search(session: Session, text: str, limit: int = 50) -> list[str]:
    """The first `limit` names that contain `text`, ignoring case, alphabetically."""
    # autoescape: a '%' or '_' typed by the user is matched literally, not as a wildcard.
    query = select(Product.name).where(Product.name.icontains(text, autoescape=True))
    return list(session.scalars(query.order_by(Product.name).limit(limit)))

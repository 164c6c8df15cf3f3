"""Code under test for the fixtures page: a user table and a function that commits."""

from sqlalchemy import String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(100))


class EmailTaken(Exception):
    """Someone already registered with this address."""


def register(session: Session, email: str, name: str) -> User:
    email = email.strip().lower()
    if session.scalar(select(User.id).where(User.email == email)) is not None:
        raise EmailTaken(email)
    user = User(email=email, name=name)
    session.add(user)
    # Real service code commits its own unit of work; the tests must cope with that.
    session.commit()
    return user

"""The pitfall: lazy loading in a loop sends one query per row (N+1), and the seed's imports fail."""

from sqlalchemy import ForeignKey, create_engine, event, select
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    joinedload,
    mapped_column,
    relationship,
)

try:  # the seed's import
    from sqlalchemy import joinedload, selectinload  # noqa: F401
except ImportError as exc:
    print(str(exc).split(" (")[0])  # the rest of the message is a path
    #> cannot import name 'joinedload' from 'sqlalchemy'


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    posts: Mapped[list["Post"]] = relationship(back_populates="author")


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    author: Mapped[User] = relationship(back_populates="posts")
    comments: Mapped[list["Comment"]] = relationship(back_populates="post")


class Comment(Base):
    __tablename__ = "comments"
    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str]
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"))
    post: Mapped[Post] = relationship(back_populates="comments")


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    for u in range(100):
        posts = [Post(title=f"post{p}") for p in range(3)]
        for post in posts:
            post.comments = [Comment(text="hi"), Comment(text="yo")]
        session.add(User(name=f"user{u}", posts=posts))
    session.commit()

queries = 0


@event.listens_for(engine, "before_cursor_execute")
def count_query(*_: object) -> None:
    global queries
    queries += 1


with Session(engine) as session:
    users = session.query(User).all()  # legacy Query API: 1 query
    lines = [f"{user.name}: {post.title}" for user in users for post in user.posts]
    print(f"{len(lines)} lines, queries: {queries}")  # + 1 query per user
    #> 300 lines, queries: 101

queries = 0
with Session(engine) as session:
    users = session.scalars(select(User)).all()
    comments = sum(len(post.comments) for user in users for post in user.posts)
    print(f"{comments} comments, queries: {queries}")  # + 1 per user + 1 per post
    #> 600 comments, queries: 401

with Session(engine) as session:
    try:
        session.scalars(select(User).options(joinedload(User.posts))).all()
    except InvalidRequestError as exc:
        print(str(exc).split(",")[0])
        #> The unique() method must be invoked on this Result

"""SQLAlchemy 2.x: select() with selectinload/joinedload loads relationships in 1-3 queries."""

from sqlalchemy import ForeignKey, create_engine, event, select
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    joinedload,
    mapped_column,
    raiseload,
    relationship,
    selectinload,
)


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


def add_users(session: Session, users: int = 100) -> None:
    """Each user with 3 posts, each post with 2 comments."""
    for u in range(users):
        posts = [Post(title=f"post{p}") for p in range(3)]
        for post in posts:
            post.comments = [Comment(text="hi"), Comment(text="yo")]
        session.add(User(name=f"user{u}", posts=posts))
    session.commit()


def main() -> None:
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        add_users(session)

    queries = 0

    @event.listens_for(engine, "before_cursor_execute")
    def count_query(*_: object) -> None:
        nonlocal queries
        queries += 1

    # selectinload: one more SELECT ... WHERE id IN (...) per relationship level.
    with Session(engine) as session:
        stmt = select(User).options(
            selectinload(User.posts).selectinload(Post.comments)
        )
        users = session.scalars(stmt).all()
        comments = sum(len(post.comments) for user in users for post in user.posts)
        print(f"{comments} comments, queries: {queries}")
        #> 600 comments, queries: 3

    # joinedload: one SELECT with a LEFT OUTER JOIN; a user repeats once per post, so
    # the result must be de-duplicated with .unique() (SQLAlchemy 2.x insists).
    queries = 0
    with Session(engine) as session:
        stmt = select(User).options(joinedload(User.posts))
        users = session.scalars(stmt).unique().all()
        lines = [f"{user.name}: {post.title}" for user in users for post in user.posts]
        print(f"{len(users)} users, {len(lines)} lines, queries: {queries}")
        #> 100 users, 300 lines, queries: 1

    # raiseload("*"): any relationship you forgot to load raises instead of querying.
    with Session(engine) as session:
        user = session.scalars(select(User).options(raiseload("*")).limit(1)).one()
        try:
            print(user.posts)
        except InvalidRequestError as exc:
            print(exc)
            #> 'User.posts' is not available due to lazy='raise'


if __name__ == "__main__":  # the benchmark imports the models and add_users()
    main()

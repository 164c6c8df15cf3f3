"""Django ORM: select_related joins, prefetch_related batches, each with its query count."""

from types import ModuleType

import django
from django.apps import AppConfig
from django.conf import settings


class BlogConfig(AppConfig):
    """An app for the models declared in this one file (no package to import)."""

    path = "."


settings.configure(
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    INSTALLED_APPS=[BlogConfig("blog", ModuleType("blog"))],  # an instance, not a path
    DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
)
django.setup()

from django.db import connection, models  # noqa: E402  (needs configured settings)
from django.db.models import Prefetch  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


class User(models.Model):
    name = models.CharField(max_length=50)
    bio = models.TextField(default="")

    class Meta:
        app_label = "blog"


class Profile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    website = models.URLField()

    class Meta:
        app_label = "blog"


class Post(models.Model):
    title = models.CharField(max_length=100)
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="posts")

    class Meta:
        app_label = "blog"


class Comment(models.Model):
    text = models.CharField(max_length=200)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")

    class Meta:
        app_label = "blog"


def create_tables_and_rows(count: int = 100) -> None:
    """Each user with a profile, 3 posts, and 2 comments per post."""
    with connection.schema_editor() as editor:
        for model in (User, Profile, Post, Comment):
            editor.create_model(model)
    users = User.objects.bulk_create(User(name=f"user{u}") for u in range(count))
    Profile.objects.bulk_create(
        Profile(user=u, website=f"https://{u.name}.test") for u in users
    )
    posts = Post.objects.bulk_create(
        Post(title=f"post{p}", author=u) for u in users for p in range(3)
    )
    Comment.objects.bulk_create(
        Comment(text="hi", post=post) for post in posts for _ in range(2)
    )


def main() -> None:
    create_tables_and_rows()

    # select_related: forward foreign keys and one-to-ones, in the same SELECT (a JOIN).
    with CaptureQueriesContext(connection) as ctx:
        authors = [post.author.name for post in Post.objects.select_related("author")]
    print(f"{len(authors)} authors, queries: {len(ctx)}")
    #> 300 authors, queries: 1

    # The seed's call, right now that User has a reverse one-to-one called profile.
    with CaptureQueriesContext(connection) as ctx:
        sites = [
            user.profile.website for user in User.objects.select_related("profile")
        ]
    print(f"{len(sites)} profiles, queries: {len(ctx)}")
    #> 100 profiles, queries: 1

    # prefetch_related: reverse foreign keys and many-to-many, one SELECT ... IN per level.
    with CaptureQueriesContext(connection) as ctx:
        titles = [
            post.title
            for user in User.objects.prefetch_related("posts")
            for post in user.posts.all()
        ]
    print(f"{len(titles)} titles, queries: {len(ctx)}")
    #> 300 titles, queries: 2

    with_comments = Prefetch(
        "posts", queryset=Post.objects.prefetch_related("comments")
    )
    with CaptureQueriesContext(connection) as ctx:
        texts = [
            comment.text
            for user in User.objects.prefetch_related(with_comments)
            for post in user.posts.all()
            for comment in post.comments.all()
        ]
    print(f"{len(texts)} comments, queries: {len(ctx)}")
    #> 600 comments, queries: 3

    # defer()/only() leave out columns you will not read (reading one later costs a query)
    print(User.objects.defer("bio").query)
    #> SELECT "blog_user"."id", "blog_user"."name" FROM "blog_user"


if __name__ == "__main__":  # the benchmark imports the models and the set-up
    main()

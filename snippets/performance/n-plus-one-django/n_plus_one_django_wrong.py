"""The pitfall: Django's lazy related managers query once per row, and select_related needs a real field."""

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

from django.core.exceptions import FieldError  # noqa: E402  (needs configured settings)
from django.db import connection, models  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


class User(models.Model):
    name = models.CharField(max_length=50)
    bio = models.TextField(default="")

    class Meta:
        app_label = "blog"


class Post(models.Model):
    title = models.CharField(max_length=100)
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="posts")

    class Meta:
        app_label = "blog"


with connection.schema_editor() as editor:
    editor.create_model(User)
    editor.create_model(Post)
users = User.objects.bulk_create(User(name=f"user{u}") for u in range(100))
Post.objects.bulk_create(
    Post(title=f"post{p}", author=user) for user in users for p in range(3)
)

with CaptureQueriesContext(connection) as ctx:
    titles = [post.title for user in User.objects.all() for post in user.posts.all()]
print(f"{len(titles)} titles, queries: {len(ctx)}")  # 1 + 1 per user
#> 300 titles, queries: 101

with CaptureQueriesContext(connection) as ctx:
    authors = [post.author.name for post in Post.objects.all()]
print(f"{len(authors)} authors, queries: {len(ctx)}")  # 1 + 1 per post
#> 300 authors, queries: 301

with CaptureQueriesContext(connection) as ctx:
    bios = [user.bio for user in User.objects.only("name")]  # bio deferred, then read
print(f"{len(bios)} bios, queries: {len(ctx)}")  # 1 + 1 per user
#> 100 bios, queries: 101

try:
    list(User.objects.select_related("profile"))  # the seed's call; User has no profile
except FieldError as exc:
    print(exc)
    #> Invalid field name(s) given in select_related: 'profile'. Choices are: (none)

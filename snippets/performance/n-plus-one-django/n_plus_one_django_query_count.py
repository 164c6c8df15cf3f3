"""A query-count regression test with assertNumQueries: it fails when the prefetch goes."""

import unittest
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
from django.test import TestCase  # noqa: E402


class User(models.Model):
    name = models.CharField(max_length=50)

    class Meta:
        app_label = "blog"


class Post(models.Model):
    title = models.CharField(max_length=100)
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="posts")

    class Meta:
        app_label = "blog"


# The code under test: what a view or a serializer would call.
def post_titles() -> dict[str, list[str]]:
    users = User.objects.prefetch_related("posts")
    return {user.name: [post.title for post in user.posts.all()] for user in users}


# The same function after a "harmless" refactor that dropped prefetch_related().
def post_titles_refactored() -> dict[str, list[str]]:
    users = User.objects.all()
    return {user.name: [post.title for post in user.posts.all()] for user in users}


class PostTitlesQueryCount(TestCase):
    titles = staticmethod(post_titles)

    def test_query_count_does_not_grow_with_rows(self) -> None:
        # Two sizes: the count must belong to the code, not to the data.
        for users in (10, 100):
            User.objects.all().delete()
            authors = User.objects.bulk_create(User(name=f"u{u}") for u in range(users))
            Post.objects.bulk_create(
                Post(title=f"p{p}", author=author)
                for author in authors
                for p in range(3)
            )
            with self.assertNumQueries(2):  # the users, then their posts
                self.assertEqual(len(self.titles()), users)


if __name__ == "__main__":
    # In a project, `manage.py test` (or pytest-django) creates the test database.
    with connection.schema_editor() as editor:
        editor.create_model(User)
        editor.create_model(Post)
    result = unittest.TestResult()
    unittest.defaultTestLoader.loadTestsFromTestCase(PostTitlesQueryCount).run(result)
    print(f"post_titles: {result.testsRun} test, failures: {len(result.failures)}")
    #> post_titles: 1 test, failures: 0

    class Refactored(PostTitlesQueryCount):
        titles = staticmethod(post_titles_refactored)

    result = unittest.TestResult()
    unittest.defaultTestLoader.loadTestsFromTestCase(Refactored).run(result)
    for _test, trace in result.failures:
        # The first line of the failure; the report then lists every query it counted.
        print(next(line for line in trace.splitlines() if "queries executed" in line))
        #> AssertionError: 11 != 2 : 11 queries executed, 2 expected

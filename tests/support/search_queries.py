"""Queries readers type, each with the pattern pages that answer it (issue 18): the site's search query set.

Readers arrive with a symptom, not an API name. Each query is what one of them would type: the exact
text of an error or warning that Python or a library prints (reproduced with the pinned packages, or
quoted from the pages' own verified output), a symptom in the reader's own words, the name of an API,
or a plain problem. The queries were written from the pages' prose, without reading their front
matter `tags:` and without copying their titles, so that they test whether search finds a page from
what readers say rather than from what the page says about itself. `answers` lists every page that
answers the query well (one to three), by URL: docs/web/settings.md is "web/settings/".
"""

from __future__ import annotations

from typing import NamedTuple


class Query(NamedTuple):
    text: str  # what the reader types
    kind: str  # "error" (exact text Python or a library prints), "symptom" (plain words), "api", "problem"
    answers: tuple[str, ...]  # URLs of the pages that answer it, like "async/gather/" (1 to 3)


QUERIES: tuple[Query, ...] = (
    # Errors and warnings, exactly as Python or the library prints them
    Query("Task was destroyed but it is pending!", "error", ("async/background-tasks/",)),
    Query("Task exception was never retrieved", "error", ("async/background-tasks/", "async/worker-queue/")),
    Query(
        "ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)",
        "error",
        ("async/return-exceptions/", "async/gather/"),
    ),
    Query(
        "RuntimeError: cannot reuse already awaited coroutine",
        "error",
        ("performance/caching/", "async/retries-backoff/"),
    ),
    Query(
        "_pickle.PicklingError: Can't pickle <function <lambda> at 0x7f3a2c1b8d60>: attribute lookup "
        "<lambda> on __main__ failed",
        "error",
        ("async/cpu-bound/",),
    ),
    Query("httpx.PoolTimeout", "error", ("async/semaphore/", "web/shared-http-client/")),
    Query(
        "httpx.HTTPStatusError: Client error '429 Too Many Requests' for url 'https://api.example.com/items/1'",
        "error",
        ("async/semaphore/", "async/retries-backoff/"),
    ),
    Query("AttributeError: 'Queue' object has no attribute 'shutdown'", "error", ("async/worker-queue/",)),
    Query("Waiting for background tasks to complete. (CTRL+C to force quit)", "error", ("async/background-tasks/",)),
    Query(
        "sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called; can't call await_() here. Was "
        "IO attempted in an unexpected place?",
        "error",
        ("performance/n-plus-one-sqlalchemy/", "testing/async-integration/"),
    ),
    Query(
        "RuntimeWarning: coroutine 'Connection.cursor' was never awaited",
        "error",
        ("testing/async-integration/", "performance/n-plus-one-sqlalchemy/"),
    ),
    Query(
        "sqlalchemy.exc.InvalidRequestError: The unique() method must be invoked on this Result, as it "
        "contains results that include joined eager loads against collections",
        "error",
        ("performance/n-plus-one-sqlalchemy/",),
    ),
    Query(
        "django.core.exceptions.FieldError: Invalid field name(s) given in select_related: 'profile'. "
        "Choices are: (none)",
        "error",
        ("performance/n-plus-one-django/",),
    ),
    Query("sqlite3.OperationalError: database is locked", "error", ("performance/fastapi-streaming/",)),
    Query(
        "sqlite3.OperationalError: cannot start a transaction within a transaction",
        "error",
        ("design/context-managers/",),
    ),
    Query(
        "TypeError: Can't instantiate abstract class Cache without an implementation for abstract methods "
        "'delete', 'list_keys'",
        "error",
        ("design/abstract-base-classes/",),
    ),
    Query(
        "FileExistsError: [WinError 183] Cannot create a file when that file already exists: "
        "'settings.json.tmp' -> 'settings.json'",
        "error",
        ("design/atomic-file-write/",),
    ),
    Query(
        "DeprecationWarning: Call to deprecated close. (Use aclose() instead) -- Deprecated since version 5.0.1.",
        "error",
        ("design/fastapi-lifespan/",),
    ),
    Query("ERROR: Application startup failed. Exiting.", "error", ("design/fastapi-lifespan/", "web/settings/")),
    Query(
        "StarletteDeprecationWarning: Using `httpx` with `starlette.testclient` is deprecated; install "
        "`httpx2` instead.",
        "error",
        ("testing/mocking/", "design/fastapi-lifespan/"),
    ),
    Query(
        "PydanticDeprecatedSince20: Support for class-based `config` is deprecated, use ConfigDict instead.",
        "error",
        ("performance/fastapi-responses/",),
    ),
    Query("FastAPIDeprecationWarning: ORJSONResponse is deprecated", "error", ("performance/fastapi-responses/",)),
    Query(
        "pydantic_core._pydantic_core.ValidationError: 1 validation error for Order cupon Extra inputs are "
        "not permitted",
        "error",
        ("types/pydantic-strict-models/", "web/input-output-models/"),
    ),
    Query(
        "pydantic_core._pydantic_core.ValidationError: 2 validation errors for Settings api_key Field required",
        "error",
        ("web/settings/",),
    ),
    Query(
        "Instance is frozen [type=frozen_instance, input_value=2, input_type=int]",
        "error",
        ("types/pydantic-strict-models/", "web/settings/"),
    ),
    Query("TypeError: unhashable type: 'list'", "error", ("performance/caching/", "types/pydantic-strict-models/")),
    Query(
        "PydanticSerializationError: Error serializing to JSON: invalid utf-8 sequence of 1 bytes from index 0",
        "error",
        ("testing/property-strategies/",),
    ),
    Query(
        "PydanticUserError: Please use `typing_extensions.TypedDict` instead of `typing.TypedDict` on Python < 3.12.",
        "error",
        ("types/typeddict/",),
    ),
    Query("TypeError: isinstance() argument 2 cannot be a parameterized generic", "error", ("types/runtime-checks/",)),
    Query("TypeError: Protocols with non-method members don't support issubclass()", "error", ("types/protocols/",)),
    Query(
        'error: Argument 1 to "assert_never" has incompatible type "Literal[OrderStatus.DISPUTED]"; expected "Never"',
        "error",
        ("types/narrowing-exhaustiveness/",),
    ),
    Query('error: "T" has no attribute "id"  [attr-defined]', "error", ("types/generics/",)),
    Query(
        'error: Only concrete class can be given where "type[Repository]" is expected  [type-abstract]',
        "error",
        ("design/dependency-injection/",),
    ),
    Query(
        'error: Untyped decorator makes function "fetch_rates" untyped  [untyped-decorator]',
        "error",
        ("types/typed-decorators/",),
    ),
    Query("TypeError: object dict can't be used in 'await' expression", "error", ("testing/mocking/",)),
    Query(
        "TypeError: AsyncClient.__init__() got an unexpected keyword argument 'app'",
        "error",
        ("testing/async-integration/",),
    ),
    Query(
        "requested an async fixture 'client', with no plugin or hook that handled it",
        "error",
        ("testing/async-integration/",),
    ),
    Query(
        "ScopeMismatch: You tried to access the function scoped fixture _function_scoped_runner with a "
        "session scoped request object",
        "error",
        ("testing/async-integration/", "testing/fixtures/"),
    ),
    Query("SAWarning: transaction already deassociated from connection", "error", ("testing/fixtures/",)),
    Query("[XPASS(strict)]", "error", ("testing/parametrize/",)),
    Query(
        "ChainedAssignmentError: A value is being set on a copy of a DataFrame or Series through chained assignment.",
        "error",
        ("data/pandas-memory/",),
    ),
    Query(
        "polars.exceptions.ArgumentRemovedError: the argument 'streaming' for 'LazyFrame.collect' was "
        "deprecated in version 1.25.0 and has been removed in version 2.0",
        "error",
        ("data/polars-lazy/",),
    ),
    Query(
        "numpy._core._exceptions._ArrayMemoryError: Unable to allocate 3.73 GiB for an array with shape "
        "(500000000,) and data type int64",
        "error",
        ("data/pandas-chunked/", "data/pandas-memory/", "data/polars-lazy/"),
    ),
    Query(
        "has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource",
        "error",
        ("web/error-handling/", "web/middleware/"),
    ),
    Query("ERROR: Exception in ASGI application", "error", ("web/error-handling/", "web/structured-logging/")),
    Query(
        "--- Logging error --- TypeError: Object of type Decimal is not JSON serializable",
        "error",
        ("web/structured-logging/",),
    ),
    Query("ValueError: Another profiling tool is already active", "error", ("performance/profiling/",)),
    Query("422 Unprocessable Entity", "error", ("web/error-handling/", "types/pydantic-validation/")),
    Query("KeyError: 'DATABASE_URL'", "error", ("web/settings/",)),
    Query("AssertionError: 11 != 2 : 11 queries executed, 2 expected", "error", ("performance/n-plus-one-django/",)),
    Query("sqlite3.ProgrammingError: Cannot operate on a closed database.", "error", ("types/typed-decorators/",)),
    Query(
        "ValueError: cannot safely convert passed user dtype of int8 for int64 dtyped data in column 0",
        "error",
        ("data/pandas-memory/",),
    ),
    Query(
        "TypeError: 'function' object is not subscriptable",
        "error",
        ("types/generics/",),
    ),
    # Symptoms, in the reader's own words
    Query("my endpoint freezes the whole server", "symptom", ("web/async-endpoints/", "async/cpu-bound/")),
    Query("why is my async code not faster", "symptom", ("async/gather/", "async/cpu-bound/", "web/async-endpoints/")),
    Query(
        "tasks keep running after one fails",
        "symptom",
        ("async/gather/", "async/return-exceptions/", "async/as-completed/"),
    ),
    Query("emails never sent when the server restarts during a deploy", "symptom", ("async/background-tasks/",)),
    Query("background task disappears halfway without any error", "symptom", ("async/background-tasks/",)),
    Query("queue.join() hangs forever", "symptom", ("async/worker-queue/",)),
    Query(
        "break out of async for loop and the database connection is never given back",
        "symptom",
        ("async/as-completed/", "performance/generators/"),
    ),
    Query(
        "customer charged twice when the client retried after a timeout",
        "symptom",
        ("async/idempotency-keys/", "async/retries-backoff/"),
    ),
    Query(
        "all clients retry at the same moment and knock the service over again", "symptom", ("async/retries-backoff/",)
    ),
    Query(
        "handler keeps calling the slow service after the client already gave up",
        "symptom",
        ("async/timeouts-cancellation/",),
    ),
    Query("still getting 429 errors even with a semaphore", "symptom", ("async/semaphore/",)),
    Query(
        "gathering 10000 requests at once hammers the server", "symptom", ("async/semaphore/", "async/worker-queue/")
    ),
    Query("pandas uses too much memory", "symptom", ("data/pandas-memory/", "data/pandas-chunked/")),
    Query(
        "csv file is bigger than my RAM",
        "symptom",
        ("data/pandas-chunked/", "data/polars-lazy/", "data/dask-scale-out/"),
    ),
    Query("dask is slower than plain pandas", "symptom", ("data/dask-scale-out/",)),
    Query("polars streaming still loads everything into memory", "symptom", ("data/polars-lazy/",)),
    Query("money totals come out a cent off", "symptom", ("data/pandas-memory/",)),
    Query("config file is empty after the program crashed while saving it", "symptom", ("design/atomic-file-write/",)),
    Query(
        "money left one account but never arrived in the other",
        "symptom",
        ("design/unit-of-work/", "design/context-managers/"),
    ),
    Query("database connection stays open when redis is down at startup", "symptom", ("design/fastapi-lifespan/",)),
    Query(
        "nightly job crashes on HTTPException raised inside the service layer", "symptom", ("design/domain-errors/",)
    ),
    Query("client gets a 500 for a business rule error", "symptom", ("design/domain-errors/", "web/error-handling/")),
    Query(
        "mock from one test leaks into the next test",
        "symptom",
        ("design/dependency-injection/", "testing/mocking/", "web/settings/"),
    ),
    Query("redis freezes every time the store lists its keys", "symptom", ("design/abstract-base-classes/",)),
    Query("test passes alone but fails in the suite", "symptom", ("testing/fixtures/",)),
    Query("tests pass on sqlite but fail on postgres", "symptom", ("testing/parametrize/",)),
    Query("test with mocks passes but the code is broken in production", "symptom", ("testing/mocking/",)),
    Query("patched SMTP but the real one still gets called", "symptom", ("testing/mocking/",)),
    Query("hypothesis failure does not come back on CI", "symptom", ("testing/property-shrinking/",)),
    Query("cache bug only shows up after a particular sequence of calls", "symptom", ("testing/property-stateful/",)),
    Query(
        "memory keeps growing in a long running service", "symptom", ("performance/profiling/", "performance/caching/")
    ),
    Query(
        "API response leaks the password hash",
        "symptom",
        ("web/input-output-models/", "performance/fastapi-responses/", "performance/fastapi-streaming/"),
    ),
    Query("export endpoint runs out of memory on a large table", "symptom", ("performance/fastapi-streaming/",)),
    Query(
        "hundreds of SQL queries to render one page",
        "symptom",
        ("performance/n-plus-one-sqlalchemy/", "performance/n-plus-one-django/"),
    ),
    Query("millions of small objects use too much memory", "symptom", ("performance/memory-layout/",)),
    Query("program is slow and I don't know where the time goes", "symptom", ("performance/profiling/",)),
    Query("reading a big file into a list eats all the memory", "symptom", ("performance/generators/",)),
    Query(
        "isinstance says my object implements the protocol but calling the method fails",
        "symptom",
        ("types/protocols/",),
    ),
    Query(
        "mypy reports no errors but the decorated function fails when I call it",
        "symptom",
        ("types/typed-decorators/",),
    ),
    Query("new enum member silently falls through my match statement", "symptom", ("types/narrowing-exhaustiveness/",)),
    Query("TypedDict does not check anything at runtime", "symptom", ("types/typeddict/",)),
    Query("generic repository lets Repository[str] through", "symptom", ("types/generics/",)),
    Query("pydantic accepts the string '42' for an int field", "symptom", ("types/pydantic-strict-models/",)),
    Query("validator passes this year and fails next year", "symptom", ("types/pydantic-validation/",)),
    Query(
        "password shows up in the 422 error response",
        "symptom",
        ("types/pydantic-validation/", "web/error-handling/", "web/input-output-models/"),
    ),
    Query("PATCH request wipes the fields I didn't send", "symptom", ("web/input-output-models/",)),
    Query("anyone can make themselves admin at signup", "symptom", ("web/input-output-models/",)),
    Query("pydantic union picks the wrong model", "symptom", ("types/pydantic-modelling/",)),
    Query("every log line shows the same request id under load", "symptom", ("web/structured-logging/",)),
    Query("value set in a dependency is lost in the middleware", "symptom", ("web/middleware/",)),
    Query("typo in .env only noticed when a user hits the endpoint", "symptom", ("web/settings/",)),
    Query(
        "app opens a new connection to the upstream service for every request", "symptom", ("web/shared-http-client/",)
    ),
    Query("login endpoint lets a bot try passwords as fast as it wants", "symptom", ("web/authentication/",)),
    Query("another site can submit a form to my app with the user's cookie", "symptom", ("web/csrf-cookies/",)),
    # API names
    Query("asyncio.gather", "api", ("async/gather/",)),
    Query("return_exceptions=True", "api", ("async/return-exceptions/", "async/gather/")),
    Query("asyncio.as_completed", "api", ("async/as-completed/",)),
    Query("contextlib.aclosing", "api", ("async/as-completed/", "performance/generators/")),
    Query("asyncio.Semaphore", "api", ("async/semaphore/",)),
    Query("asyncio.timeout_at", "api", ("async/timeouts-cancellation/",)),
    Query("asyncio.shield", "api", ("async/timeouts-cancellation/", "design/context-managers/")),
    Query("Queue.task_done", "api", ("async/worker-queue/",)),
    Query("run_in_executor ProcessPoolExecutor", "api", ("async/cpu-bound/",)),
    Query("asyncio.to_thread", "api", ("web/async-endpoints/", "async/cpu-bound/")),
    Query("stamina.retry", "api", ("async/retries-backoff/",)),
    Query("Idempotency-Key header", "api", ("async/idempotency-keys/",)),
    Query("fastapi BackgroundTasks", "api", ("async/background-tasks/", "performance/fastapi-responses/")),
    Query("read_csv chunksize", "api", ("data/pandas-chunked/",)),
    Query("pl.scan_parquet", "api", ("data/polars-lazy/",)),
    Query("dask repartition partition_size", "api", ("data/dask-scale-out/",)),
    Query("contextlib.AsyncExitStack", "api", ("design/fastapi-lifespan/",)),
    Query("os.replace", "api", ("design/atomic-file-write/",)),
    Query("contextlib.contextmanager", "api", ("design/context-managers/",)),
    Query("app.dependency_overrides", "api", ("design/dependency-injection/", "web/settings/", "testing/mocking/")),
    Query("abc.abstractmethod", "api", ("design/abstract-base-classes/",)),
    Query("exception_handler", "api", ("web/error-handling/", "design/domain-errors/")),
    Query("selectinload", "api", ("performance/n-plus-one-sqlalchemy/",)),
    Query("prefetch_related", "api", ("performance/n-plus-one-django/",)),
    Query("StreamingResponse", "api", ("performance/fastapi-streaming/",)),
    Query("__slots__", "api", ("performance/memory-layout/",)),
    Query("cProfile", "api", ("performance/profiling/",)),
    Query("join_transaction_mode", "api", ("testing/fixtures/",)),
    Query("RuleBasedStateMachine", "api", ("testing/property-stateful/",)),
    Query("hypothesis @example", "api", ("testing/property-shrinking/",)),
    Query("st.composite", "api", ("testing/property-strategies/",)),
    Query("TypeIs", "api", ("types/narrowing-exhaustiveness/",)),
    Query("Field(discriminator=...)", "api", ("types/pydantic-modelling/",)),
    Query("validate_call", "api", ("types/runtime-checks/",)),
    Query("ParamSpec", "api", ("types/typed-decorators/",)),
    Query("BaseHTTPMiddleware", "api", ("web/middleware/",)),
    # Plain problems
    Query("retry a flaky HTTP call", "problem", ("async/retries-backoff/",)),
    Query("limit concurrent requests", "problem", ("async/semaphore/",)),
    Query("call several APIs at the same time", "problem", ("async/gather/",)),
    Query("keep the results that succeeded when some calls fail", "problem", ("async/return-exceptions/",)),
    Query("show the first result as soon as it arrives", "problem", ("async/as-completed/",)),
    Query(
        "process a stream of millions of records with a fixed number of workers", "problem", ("async/worker-queue/",)
    ),
    Query(
        "send an email after returning the response",
        "problem",
        ("async/background-tasks/", "performance/fastapi-responses/"),
    ),
    Query("run CPU heavy code from async code", "problem", ("async/cpu-bound/", "web/async-endpoints/")),
    Query("make a POST request safe to retry", "problem", ("async/idempotency-keys/", "async/retries-backoff/")),
    Query(
        "one time budget for the whole request including retries",
        "problem",
        ("async/timeouts-cancellation/", "async/retries-backoff/"),
    ),
    Query("sum a huge CSV file in chunks", "problem", ("data/pandas-chunked/",)),
    Query(
        "read only the needed columns from a parquet file",
        "problem",
        ("data/polars-lazy/", "data/pandas-chunked/", "data/dask-scale-out/"),
    ),
    Query(
        "build a data pipeline that does not load the whole file into memory",
        "problem",
        ("performance/generators/", "data/pandas-chunked/"),
    ),
    Query("save a file without corrupting it if the process dies", "problem", ("design/atomic-file-write/",)),
    Query(
        "commit on success and roll back on error automatically",
        "problem",
        ("design/context-managers/", "design/unit-of-work/"),
    ),
    Query(
        "open and close a database engine together with the FastAPI app",
        "problem",
        ("design/fastapi-lifespan/", "design/dependency-injection/"),
    ),
    Query("replace real services with fakes in tests", "problem", ("design/dependency-injection/", "testing/mocking/")),
    Query("map domain exceptions to HTTP status codes", "problem", ("design/domain-errors/",)),
    Query("cache function results with an expiry time", "problem", ("performance/caching/",)),
    Query("paginate a large table in an API", "problem", ("performance/fastapi-streaming/",)),
    Query("find a memory leak", "problem", ("performance/profiling/",)),
    Query("roll back the database after each test", "problem", ("testing/fixtures/",)),
    Query(
        "test a class against a simple model with random sequences of operations",
        "problem",
        ("testing/property-stateful/",),
    ),
    Query("find the smallest input that breaks my function", "problem", ("testing/property-shrinking/",)),
    Query("test FastAPI endpoints that use an async database", "problem", ("testing/async-integration/",)),
    Query(
        "one repository class for users and products with type checking",
        "problem",
        ("types/generics/", "design/abstract-base-classes/"),
    ),
    Query("check function argument types at runtime", "problem", ("types/runtime-checks/",)),
    Query("type hint a decorator that injects an argument", "problem", ("types/typed-decorators/",)),
    Query("accept camelCase JSON but use snake_case in Python", "problem", ("types/pydantic-modelling/",)),
    Query("check that two password fields match", "problem", ("types/pydantic-validation/",)),
    Query("hash passwords in a FastAPI app", "problem", ("web/authentication/",)),
    Query("protect a cookie session from cross-site request forgery", "problem", ("web/csrf-cookies/",)),
    Query(
        "return the same JSON error format for every error", "problem", ("web/error-handling/", "design/domain-errors/")
    ),
    Query("separate models for create, update and read", "problem", ("web/input-output-models/",)),
    Query("add a request id to every response and log line", "problem", ("web/middleware/", "web/structured-logging/")),
    Query("load configuration from environment variables and a .env file", "problem", ("web/settings/",)),
    # Added with the pages of issue 17 (pandas Copy-on-Write, CPU parallelism, benchmarking)
    Query(
        "ChainedAssignmentError: A value is being set on a copy of a DataFrame or Series through chained assignment",
        "error",
        ("data/pandas-copy-on-write/",),
    ),
    Query("df[mask][col] = value does nothing in pandas 3", "symptom", ("data/pandas-copy-on-write/",)),
    Query("do I still need .copy() in pandas 3", "problem", ("data/pandas-copy-on-write/",)),
    Query(
        "resource_tracker: There appear to be 1 leaked shared_memory objects to clean up at shutdown",
        "error",
        ("performance/cpu-parallelism/",),
    ),
    Query("ProcessPoolExecutor map is slower than a plain loop", "symptom", ("performance/cpu-parallelism/",)),
    Query("share a numpy array between processes without copying it", "problem", ("performance/cpu-parallelism/",)),
    Query("InterpreterPoolExecutor", "api", ("performance/cpu-parallelism/",)),
    Query("my timing gives a different number every run", "symptom", ("performance/benchmarking/",)),
    Query("compare the speed of two functions fairly", "problem", ("performance/benchmarking/",)),
    Query("timeit repeat warm-up median", "api", ("performance/benchmarking/",)),
    # Added with the second round of issue 17's pages (reader's words, not the pages' own lines)
    Query("tests pass one by one but fail when run together", "symptom", ("testing/suite-hygiene/",)),
    Query("pytest-randomly reproduce failing order with a seed", "api", ("testing/suite-hygiene/",)),
    Query("snapshot test fails every time because of a timestamp", "symptom", ("testing/snapshot-testing/",)),
    Query("syrupy path_type matcher", "api", ("testing/snapshot-testing/",)),
    Query("100% coverage but my tests miss bugs", "symptom", ("testing/coverage-and-mutation/",)),
    Query("coverage.py branch coverage partial branch", "api", ("testing/coverage-and-mutation/",)),
    Query("mock httpx requests in pytest without a network", "problem", ("testing/time-and-http-doubles/",)),
    Query("freeze time in a test to check a token expires", "problem", ("testing/time-and-http-doubles/",)),
    Query("RESPX: some routes were not called", "error", ("testing/time-and-http-doubles/",)),
    Query("run SQL on parquet files without loading them into pandas", "problem", ("data/duckdb-parquet/",)),
    Query("duckdb out of memory error on a group by", "error", ("data/duckdb-parquet/",)),
    Query("dask computes everything twice", "symptom", ("data/dask-shuffle-persist/",)),
    Query("dask merge with a small lookup table without shuffle", "problem", ("data/dask-shuffle-persist/",)),
    Query(
        "bulk insert thousands of rows into postgres with sqlalchemy",
        "problem",
        ("performance/database-bulk-and-indexes/",),
    ),
    Query(
        "postgres query does a seq scan instead of using my index",
        "symptom",
        ("performance/database-bulk-and-indexes/",),
    ),
    Query(
        "QueuePool limit of size overflow reached, connection timed out",
        "error",
        ("performance/database-bulk-and-indexes/",),
    ),
    Query("df.apply axis=1 is very slow", "symptom", ("performance/vectorisation/",)),
    Query("numpy sum of squares is negative overflow", "symptom", ("performance/vectorisation/",)),
)

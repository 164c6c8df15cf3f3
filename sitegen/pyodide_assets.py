"""Run it in the page: the self-hosted Pyodide runtime, the wheels the snippets need, and which snippets
can run in the reader's browser (mkdocs.yml `hooks:`, and `python -m sitegen.pyodide_assets`).

- The pins live in `sitegen/pyodide-pins.toml`: the npm `pyodide` package (tarball URL and its npm
  integrity, sha512) and one wheel per distribution a browser-run snippet imports, each pinned to the
  version requirements-docs.txt installs, with its PyPI URL and sha256. `python -m sitegen.pyodide_assets
  pin` rewrites it from those pins (the only step that asks the registries anything but the pinned files).
- The build fetches them into a cache outside the repository (`~/.cache/python-advanced-patterns/pyodide/`
  of the user, whatever HOME says, or `$PAP_PYODIDE_CACHE`), checks every hash, and copies the runtime and
  wheels into `site/assets/pyodide/` with `manifest.json` (snippet path -> wheels, in load order). A
  fetch that fails fails the build, naming what it could not fetch: the site never builds without Run.
- A snippet runs in the browser unless something rules it out, found statically from its imports and
  calls (threads, processes, sockets, servers, a package with no wheel served here) or stated in its
  page's front matter (`not_in_browser: {file.py: reason}`) for the ones that fail in Pyodide for
  another reason. `browser_plan()` gives both lists; the build, the page hook and the tests use it.
- The download link of a runnable snippet gets `data-pap-run` (on_post_page); the page's small script
  (overrides/assets/javascripts/run-snippet.js) adds a Run button there, and loads the rest only on click.
"""

from __future__ import annotations

import ast
import base64
import hashlib
import io
import json
import os
import pwd
import re
import shutil
import sys
import tarfile
import tempfile
import tomllib
import urllib.error
import urllib.request
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sitegen.records import _Record  # the records' base: extra fields forbidden, frozen

PINS = Path(__file__).with_name("pyodide-pins.toml")
# What each runnable snippet printed in headless Chromium, and why the others have no Run button
# (tests/test_run_in_browser.py compares; `--update-examples`, `make verify`, rewrites). Not in verified/:
# every file there is one snippet's record (sitegen.records.all_records).
RECORD = Path(__file__).parent.parent / "verified" / "pyodide.json"  # beside the snippets' records
# What the site serves of the npm package: the loader, the interpreter and the standard library.
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
SERVED = "assets/pyodide"  # in the built site
NPM_PACKAGE = "pyodide"

# Distributions a snippet may import in the browser (with what they require, from their metadata): the
# pure-Python wheels and the emscripten builds that PyPI carries for the pinned versions.
BROWSER_DISTRIBUTIONS = (
    "pydantic",
    "pydantic-core",
    "pydantic-settings",
    "python-dotenv",
    "typing-extensions",
    "annotated-types",
    "typing-inspection",
    "sqlalchemy",
    "hypothesis",
    "sortedcontainers",
    "stamina",
    "tenacity",
)
EMSCRIPTEN_TAG = "pyemscripten_2026_0_wasm32"  # Pyodide 314's platform (pyodide-lock.json: abi_version)

# Statically visible reasons a snippet cannot run in WebAssembly: no threads, processes or sockets.
BLOCKED_MODULES = {
    "threading": "starts threads (WebAssembly here has none)",
    "concurrent": "uses a thread or process pool (WebAssembly here has neither)",
    "multiprocessing": "starts processes (WebAssembly here has none)",
    "subprocess": "starts processes (WebAssembly here has none)",
    "socket": "opens sockets (a browser page cannot)",
    "smtplib": "opens sockets (a browser page cannot)",
    "uvicorn": "starts a server on a socket (a browser page cannot)",
    "redis": "talks to a Redis server over a socket (a browser page cannot)",
    "psycopg": "talks to a PostgreSQL server over a socket (a browser page cannot)",
}
# Parts of a served package that need one that is not (the greenlet of SQLAlchemy's asyncio extension).
BLOCKED_SUBMODULES = {
    "sqlalchemy.ext.asyncio": "needs greenlet (SQLAlchemy's asyncio extension), which has no WebAssembly build",
}
BLOCKED_CALLS = {
    "to_thread": "runs work in a thread (WebAssembly here has none)",
    "run_in_executor": "runs work in a thread or process pool (WebAssembly here has neither)",
}


def cache_dir() -> Path:
    """Outside the repository, and the same for a build whose HOME is a temporary folder (the tests')."""
    if env := os.environ.get("PAP_PYODIDE_CACHE"):
        return Path(env)
    return Path(pwd.getpwuid(os.getuid()).pw_dir) / ".cache" / "python-advanced-patterns" / "pyodide"


# --------------------------------------------------------------------------- pins


@dataclass(frozen=True)
class Wheel:
    name: str  # normalised distribution name
    version: str
    file: str
    url: str
    sha256: str
    imports: tuple[str, ...]  # top-level modules
    requires: tuple[str, ...]  # distributions (normalised names)


@dataclass(frozen=True)
class Pins:
    version: str  # of the npm package
    python: str  # what it runs
    tarball: str
    integrity: str  # npm's, "sha512-<base64>"
    lock_info: dict[str, str]  # pyodide-lock.json's "info": the runtime checks it against the lock it is given
    files: dict[str, str]  # RUNTIME_FILES -> sha256
    wheels: dict[str, Wheel]

    def module_owner(self) -> dict[str, str]:
        return {module: w.name for w in self.wheels.values() for module in w.imports}

    def closure(self, names: Iterable[str]) -> list[str]:
        """The wheels to load for these distributions, each after what it requires."""
        order: list[str] = []

        def visit(name: str) -> None:
            if name in order:
                return
            for dep in self.wheels[name].requires:
                visit(dep)
            order.append(name)

        for name in sorted(names):
            visit(name)
        return order


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@cache
def _load_pins(path: Path, mtime_ns: int) -> Pins:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    core = data["pyodide"]
    wheels = {
        w["name"]: Wheel(
            w["name"], w["version"], w["file"], w["url"], w["sha256"], tuple(w["imports"]), tuple(w["requires"])
        )
        for w in data["wheel"]
    }
    return Pins(
        core["version"],
        core["python"],
        core["tarball"],
        core["integrity"],
        dict(core["lock_info"]),
        dict(core["files"]),
        wheels,
    )


def load_pins(path: Path = PINS) -> Pins:
    return _load_pins(path, path.stat().st_mtime_ns)


class BrowserRun(_Record):
    sha256: str  # of the snippet's source when it ran
    stdout: str


class BrowserRecord(_Record):
    """verified/pyodide.json: the in-browser verification, as its own Python version."""

    pyodide: str
    python: str
    runs: dict[str, BrowserRun]  # snippet path -> what it printed in the browser
    not_in_browser: dict[str, str]  # snippet path -> why it has no Run button


# --------------------------------------------------------------------------- fetching


class FetchError(RuntimeError):
    pass


def _download(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return bytes(response.read())
    except (urllib.error.URLError, OSError) as exc:
        raise FetchError(f"could not fetch {url}: {exc}") from None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _check_integrity(data: bytes, integrity: str, what: str) -> None:
    algorithm, _, digest = integrity.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if actual != digest:
        raise FetchError(f"{what}: {algorithm} is {actual}, the pin says {digest}")


def runtime_cache(pins: Pins, cache: Path | None = None) -> Path:
    return (cache or cache_dir()) / f"pyodide-{pins.version}"


def ensure_cached(pins: Pins | None = None, cache: Path | None = None) -> Path:
    """The runtime and every pinned wheel in the cache, hashes checked; fetched when missing.
    Returns the cache folder (runtime files under pyodide-<version>/, wheels under wheels/)."""
    pins = pins or load_pins()
    root = cache or cache_dir()
    runtime = runtime_cache(pins, root)
    failures: list[str] = []
    if not all(_cached_ok(runtime / f, h) for f, h in pins.files.items()):
        try:
            tgz = _download(pins.tarball)
            _check_integrity(tgz, pins.integrity, f"{NPM_PACKAGE}@{pins.version} ({pins.tarball})")
            files = _extract(tgz, RUNTIME_FILES)
            for name, data in files.items():
                if _sha256(data) != pins.files[name]:
                    raise FetchError(f"{name} of {NPM_PACKAGE}@{pins.version}: sha256 differs from the pin")
            runtime.mkdir(parents=True, exist_ok=True)
            for name, data in files.items():
                _write_atomic(runtime / name, data)
        except FetchError as exc:
            failures.append(str(exc))
    wheels = root / "wheels"
    for wheel in pins.wheels.values():
        if _cached_ok(wheels / wheel.file, wheel.sha256):
            continue
        try:
            data = _download(wheel.url)
            if _sha256(data) != wheel.sha256:
                raise FetchError(f"{wheel.file} ({wheel.url}): sha256 differs from the pin")
            wheels.mkdir(parents=True, exist_ok=True)
            _write_atomic(wheels / wheel.file, data)
        except FetchError as exc:
            failures.append(str(exc))
    if failures:
        raise FetchError(
            "Run in the page needs the pinned Pyodide runtime and wheels (sitegen/pyodide-pins.toml), "
            f"cached in {root}; fetching failed:\n  " + "\n  ".join(failures)
        )
    return root


def _cached_ok(path: Path, sha256: str) -> bool:
    return path.is_file() and _sha256(path.read_bytes()) == sha256


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def _extract(tgz: bytes, names: Iterable[str]) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(tgz), mode="r:gz") as archive:
        for name in names:
            member = archive.extractfile(f"package/{name}")
            if member is None:
                raise FetchError(f"{name} is not in the {NPM_PACKAGE} package")
            found[name] = member.read()
    return found


# --------------------------------------------------------------------------- which snippets run


@dataclass(frozen=True)
class BrowserPlan:
    runnable: dict[str, list[str]]  # snippet path (relative to snippets/) -> wheels to load, in order
    excluded: dict[str, str]  # snippet path -> why it has no Run button


def _imports(tree: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _calls(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            names.add(func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", ""))
    return names


def why_not(source: str, folder_modules: set[str], pins: Pins) -> str | list[str]:
    """Why a script cannot run in the browser, or the distributions it needs there."""
    tree = ast.parse(source)
    modules = _imports(tree)
    tops = {m.split(".")[0] for m in modules}
    for module, reason in BLOCKED_MODULES.items():
        if module in tops:
            return f"{reason}: imports {module}"
    for module, reason in BLOCKED_SUBMODULES.items():
        if any(m == module or m.startswith(module + ".") for m in modules):
            return f"{reason}: imports {module}"
    if "asyncio.subprocess" in modules:
        return BLOCKED_MODULES["subprocess"] + ": imports asyncio.subprocess"
    for call, reason in BLOCKED_CALLS.items():
        if call in _calls(tree):
            return f"{reason}: calls {call}()"
    owner = pins.module_owner()
    needed: set[str] = set()
    missing: list[str] = []
    for top in sorted(tops - set(sys.stdlib_module_names) - folder_modules):
        if top in owner:
            needed.add(owner[top])
        else:
            missing.append(top)
    if missing:
        return f"imports {', '.join(missing)}: not among the packages the site serves to the browser"
    return sorted(needed)


def browser_plan(
    snippets: Path, records: Path, front_matter: Mapping[str, Mapping[str, str]], pins: Pins | None = None
) -> BrowserPlan:
    """Every snippet script that has a verification record (pytest modules are not scripts: they are
    excluded as such), runnable or not and why.

    `front_matter` maps a page folder ("async/gather") to its `not_in_browser` field."""
    pins = pins or load_pins()
    runnable: dict[str, list[str]] = {}
    excluded: dict[str, str] = {}
    for path in sorted(snippets.rglob("*.py")):
        rel = path.relative_to(snippets).as_posix()
        if not (records / f"{rel}.json").is_file():
            continue  # not a verified snippet (helper files of a pytest module, conftest.py)
        folder = path.parent.relative_to(snippets).as_posix()
        stated = front_matter.get(folder, {}).get(path.name)
        if path.name.startswith("test_"):
            excluded[rel] = "a pytest module: the page shows what pytest prints"
        elif stated:
            excluded[rel] = stated
        else:
            local = {p.stem for p in path.parent.glob("*.py")}
            verdict = why_not(path.read_text(encoding="utf-8"), local, pins)
            if isinstance(verdict, str):
                excluded[rel] = verdict
            else:
                runnable[rel] = pins.closure(verdict)
    return BrowserPlan(runnable, excluded)


def current_plan() -> BrowserPlan:
    # Absolute: MkDocs loads this file as a hook module of its own, outside the package.
    from sitegen.catalog import current_catalog
    from sitegen.project import project

    proj = project()
    stated = {p.path.removesuffix(".md"): dict(p.meta.not_in_browser) for p in current_catalog(proj.docs).patterns}
    return browser_plan(proj.snippets, proj.records, stated)


def manifest(plan: BrowserPlan, pins: Pins, runtime_bytes: int) -> dict[str, Any]:
    """What the page's runner reads (site/assets/pyodide/manifest.json)."""
    return {
        "pyodide": pins.version,
        "python": pins.python,
        "runtime_bytes": runtime_bytes,  # what the first run downloads before the wheels, uncompressed
        "lock_info": pins.lock_info,
        "wheels": {w.name: w.file for w in pins.wheels.values()},
        "snippets": plan.runnable,
    }


# --------------------------------------------------------------------------- MkDocs hooks

_PLAN: BrowserPlan | None = None
DOWNLOAD_LINK = re.compile(r'<a download="[^"]+" href="([^"]*?downloads/([^"]+\.py))"')


def _offline(config: Any) -> bool:
    plugin = config["plugins"].get("material/offline") or config["plugins"].get("offline")
    return bool(plugin and plugin.config.get("enabled"))


def on_pre_build(config: Any, **_: Any) -> None:
    global _PLAN
    _PLAN = current_plan()
    if not _offline(config):
        from mkdocs.exceptions import PluginError

        try:
            ensure_cached()  # fails the build early, naming what it could not fetch
        except FetchError as exc:
            raise PluginError(str(exc)) from None


def on_post_page(output: str, page: Any, config: Any, **_: Any) -> str:
    plan = _PLAN
    if plan is None or "pap-snippet-meta" not in output:
        return output

    def mark(match: re.Match[str]) -> str:
        return match.group(0) + " data-pap-run" if match.group(2) in plan.runnable else match.group(0)

    return DOWNLOAD_LINK.sub(mark, output)


def on_post_build(config: Any, **_: Any) -> None:
    """The runtime and the wheels into site/assets/pyodide/ (not in the offline copy: a page opened from
    the file system cannot load WebAssembly, and its Run button says so)."""
    if _offline(config) or _PLAN is None:
        return
    pins = load_pins()
    root = ensure_cached(pins)
    target = Path(config["site_dir"]) / SERVED
    (target / "wheels").mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        shutil.copyfile(runtime_cache(pins, root) / name, target / name)
    for wheel in pins.wheels.values():
        shutil.copyfile(root / "wheels" / wheel.file, target / "wheels" / wheel.file)
    size = sum((target / name).stat().st_size for name in RUNTIME_FILES)
    (target / "manifest.json").write_text(json.dumps(manifest(_PLAN, pins, size), indent=1) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- pinning


def _pinned_versions(requirements: Path) -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in requirements.read_text(encoding="utf-8").splitlines():
        name, sep, version = line.split("#")[0].strip().partition("==")
        if sep:
            pins[normalise(name)] = version.split(";")[0].strip()
    return pins


def pin(requirements: Path, version: str, out: Path = PINS) -> str:
    """Rewrite the pins: the npm package `pyodide@version` and, for each distribution the browser gets, the
    wheel PyPI has for the version requirements-docs.txt pins (pure Python, or Pyodide's platform)."""
    import importlib.metadata as md

    from packaging.requirements import Requirement

    meta = json.loads(_download(f"https://registry.npmjs.org/{NPM_PACKAGE}/{version}"))
    tarball, integrity = meta["dist"]["tarball"], meta["dist"]["integrity"]
    tgz = _download(tarball)
    _check_integrity(tgz, integrity, tarball)
    files = _extract(tgz, (*RUNTIME_FILES, "pyodide-lock.json"))
    info = json.loads(files.pop("pyodide-lock.json"))["info"]
    wanted = _pinned_versions(requirements)
    top_level: dict[str, list[str]] = {}
    for module, dists in md.packages_distributions().items():
        for dist in dists:
            top_level.setdefault(normalise(dist), []).append(module)
    env = {"python_version": ".".join(info["python"].split(".")[:2]), "sys_platform": "emscripten"}
    env |= {"platform_system": "Emscripten", "platform_machine": "wasm32", "extra": ""}
    lines = [
        "# The Pyodide runtime and the wheels the site serves to run snippets in the reader's browser.",
        "# Written by `python -m sitegen.pyodide_assets pin` from requirements-docs.txt; read by the build.",
        "",
        "[pyodide]",
        f'version = "{version}"',
        f'python = "{info["python"]}"',
        f'tarball = "{tarball}"',
        f'integrity = "{integrity}"',
        "lock_info = { " + ", ".join(f'{k} = "{v}"' for k, v in sorted(info.items())) + " }",
        "",
        "[pyodide.files]",
        *(f'"{name}" = "{_sha256(data)}"' for name, data in sorted(files.items())),
    ]
    for name in BROWSER_DISTRIBUTIONS:
        pinned = wanted[name]
        index = json.loads(_download_with(f"https://pypi.org/simple/{name}/", "application/vnd.pypi.simple.v1+json"))
        stem = f"{name.replace('-', '_')}-{pinned}-"
        candidates = [
            f
            for f in index["files"]
            if f["filename"].lower().startswith(stem)
            and (f["filename"].endswith("-none-any.whl") or f["filename"].endswith(f"{EMSCRIPTEN_TAG}.whl"))
            and not f.get("yanked")
        ]
        if not candidates:
            raise FetchError(f"PyPI has no pure-Python or {EMSCRIPTEN_TAG} wheel of {name}=={pinned}")
        chosen = sorted(candidates, key=lambda f: "none-any" in f["filename"])[0]
        requires = sorted(
            {
                normalise(r.name)
                for r in map(Requirement, md.requires(name) or [])
                if r.marker is None or r.marker.evaluate(env)
            }
        )
        unpinned = [r for r in requires if r not in BROWSER_DISTRIBUTIONS]
        if unpinned:
            raise FetchError(f"{name} requires {unpinned}: add them to BROWSER_DISTRIBUTIONS")
        lines += [
            "",
            "[[wheel]]",
            f'name = "{name}"',
            f'version = "{pinned}"',
            f'file = "{chosen["filename"]}"',
            f'url = "{chosen["url"]}"',
            f'sha256 = "{chosen["hashes"]["sha256"]}"',
            f"imports = {json.dumps(sorted(top_level.get(name, [])))}",
            f"requires = {json.dumps(requires)}",
        ]
    text = "\n".join(lines) + "\n"
    out.write_text(text, encoding="utf-8")
    return text


def _download_with(url: str, accept: str) -> bytes:
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return bytes(response.read())
    except (urllib.error.URLError, OSError) as exc:
        raise FetchError(f"could not fetch {url}: {exc}") from None


def main(argv: list[str]) -> int:
    if argv[:1] == ["pin"] and len(argv) == 2:
        from sitegen.project import project

        pin(project().root / "requirements-docs.txt", argv[1])
        print(f"wrote {PINS}")
        return 0
    if argv[:1] == ["fetch"]:
        print(ensure_cached())
        return 0
    if argv[:1] == ["plan"]:
        plan = current_plan()
        print(json.dumps({"runnable": plan.runnable, "excluded": plan.excluded}, indent=1))
        return 0
    print("usage: python -m sitegen.pyodide_assets pin VERSION | fetch | plan", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

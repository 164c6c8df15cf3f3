// The runner behind the Run buttons (loaded by ../run-snippet.js on the first click, never before).
//
// One Python per tab: Pyodide from this site (assets/pyodide/, copied there by the build with the
// wheels the snippets import; manifest.json says which snippet needs which). A snippet runs as
// `python -W error file.py` does, which is how the test suite verified the output shown on the page:
// as `__main__`, its file written beside it, warnings raised as errors. Under the snippet, a panel
// shows what it printed (standard error in its own colour) and an editable copy of the file to run
// again; Reset puts the tested file back. Copy and Download above still give the tested file.

const BASE = new URL("../../pyodide/", import.meta.url).href;

const style = document.createElement("link");
style.rel = "stylesheet";
style.href = new URL("../../stylesheets/run-panel.css", import.meta.url).href;
document.head.append(style);

const RUNNER = `
import logging, os, sys, tempfile, traceback, types, warnings

def _pap_run(code, name):
    folder = tempfile.mkdtemp(prefix="run-")
    path = os.path.join(folder, name)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(code)
    main = types.ModuleType("__main__")
    main.__file__ = path
    main.__builtins__ = __builtins__
    saved = sys.modules["__main__"], sys.argv, list(sys.path), os.getcwd()
    sys.modules["__main__"], sys.argv = main, [path]
    sys.path.insert(0, folder)
    os.chdir(folder)
    status = 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            exec(compile(code, path, "exec"), main.__dict__)
    except SystemExit as exc:
        if exc.code not in (None, 0):
            if not isinstance(exc.code, int):
                print(exc.code, file=sys.stderr)
            status = exc.code if isinstance(exc.code, int) else 1
    except BaseException as exc:
        traceback.print_exception(type(exc), exc, exc.__traceback__.tb_next)
        status = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        sys.modules["__main__"], sys.argv, sys.path[:] = saved[0], saved[1], saved[2]
        os.chdir(saved[3])
        # The next run starts as a fresh interpreter would: no modules of this folder, no logging set-up.
        for mod in [m for m, v in sys.modules.items() if (getattr(v, "__file__", "") or "").startswith(folder)]:
            del sys.modules[mod]
        for logger in [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]:
            if isinstance(logger, logging.Logger):
                for handler in list(logger.handlers):
                    logger.removeHandler(handler)
                logger.setLevel(logging.WARNING if logger is logging.root else logging.NOTSET)
                logger.propagate, logger.disabled = True, False
    return status
`;

let runtime = null; // Promise of {py, manifest, loaded}
let queue = Promise.resolve(); // one run at a time: they share the interpreter and its output
let sink = null; // where the current run's output goes

function load(status) {
  if (!runtime) {
    runtime = (async () => {
      const manifest = await (await fetch(BASE + "manifest.json")).json();
      const mb = Math.round(manifest.runtime_bytes / 1e6);
      status(`Loading Python ${manifest.python} (Pyodide ${manifest.pyodide}: ${mb} MB, cached after the first time)…`);
      const { loadPyodide } = await import(BASE + "pyodide.mjs");
      const py = await loadPyodide({
        indexURL: BASE,
        // The packages come from this site by URL: the runtime needs no index of its own (and would
        // fetch a 120 KB one).
        lockFileContents: { info: manifest.lock_info, packages: {} },
        packageBaseUrl: BASE,
      });
      const write = (kind) => {
        const decoder = new TextDecoder();
        return {
          write: (bytes) => {
            if (sink) sink(kind, decoder.decode(bytes, { stream: true }));
            return bytes.length;
          },
        };
      };
      py.setStdout(write("out"));
      py.setStderr(write("err"));
      py.runPython(RUNNER);
      return { py, manifest, loaded: new Set(), run: py.globals.get("_pap_run") };
    })();
    runtime.catch(() => (runtime = null)); // a failed load can be retried
  }
  return runtime;
}

function panelFor(link) {
  const meta = link.closest(".pap-snippet-meta");
  let panel = meta.nextElementSibling;
  if (panel && panel.classList.contains("pap-run")) return panel;
  const name = link.getAttribute("download");
  const id = "pap-run-" + Math.random().toString(36).slice(2, 8);
  panel = document.createElement("div");
  panel.className = "pap-run";
  panel.setAttribute("role", "region");
  panel.setAttribute("aria-label", "Run " + name);
  panel.innerHTML = `
    <div class="pap-run-bar">
      <span class="pap-run-title">Run in your browser: <code class="pap-run-name"></code></span>
      <span class="pap-run-status" role="status" aria-live="polite"></span>
      <progress hidden></progress>
    </div>
    <pre class="pap-run-out" tabindex="0" aria-label="Output"></pre>
    <details class="pap-run-edit">
      <summary>Edit the code and run it again</summary>
      <label for="${id}">Runs as <code>python -W error <span class="pap-run-name"></span></code> does: warnings are errors, as in the tests</label>
      <textarea id="${id}" wrap="off" spellcheck="false" autocapitalize="off" autocomplete="off"></textarea>
      <div class="pap-run-bar">
        <button type="button" class="md-button md-button--primary pap-run-again">Run again</button>
        <button type="button" class="md-button pap-run-reset">Reset</button>
      </div>
    </details>`;
  panel.querySelectorAll(".pap-run-name").forEach((c) => (c.textContent = name));
  meta.after(panel);
  const area = panel.querySelector("textarea");
  panel.querySelector(".pap-run-again").addEventListener("click", () => start(link, panel, area.value));
  panel.querySelector(".pap-run-reset").addEventListener("click", async () => {
    area.value = await original(link);
    fit(area);
  });
  area.addEventListener("input", () => fit(area));
  return panel;
}

function fit(area) {
  area.rows = Math.min(30, Math.max(4, area.value.split("\n").length));
}

const sources = new Map();
function original(link) {
  if (!sources.has(link.href)) {
    sources.set(
      link.href,
      fetch(link.href).then((r) => {
        if (!r.ok) throw new Error(`${link.href}: ${r.status}`);
        return r.text();
      })
    );
  }
  return sources.get(link.href);
}

function start(link, panel, code) {
  const rel = decodeURIComponent(new URL(link.href).pathname.split("/downloads/").pop());
  const name = link.getAttribute("download");
  const out = panel.querySelector(".pap-run-out");
  const statusEl = panel.querySelector(".pap-run-status");
  const bar = panel.querySelector("progress");
  const status = (text) => (statusEl.textContent = text);
  panel.dataset.state = "queued";
  panel.querySelectorAll("button").forEach((b) => (b.disabled = true));
  out.textContent = "";
  status("Waiting for the run before…");
  queue = queue.then(async () => {
    bar.hidden = false;
    try {
      panel.dataset.state = "loading";
      const rt = await load(status);
      const wheels = (rt.manifest.snippets[rel] || []).filter((w) => !rt.loaded.has(w));
      if (wheels.length) {
        status(`Installing ${wheels.join(", ")}…`);
        await rt.py.loadPackage(
          wheels.map((w) => BASE + "wheels/" + rt.manifest.wheels[w]),
          { messageCallback: () => {}, errorCallback: (m) => console.warn(m) }
        );
        wheels.forEach((w) => rt.loaded.add(w));
      }
      const source = code ?? (await original(link));
      panel.querySelector("textarea").value ||= source;
      fit(panel.querySelector("textarea"));
      status(`Running ${name}…`);
      panel.dataset.state = "running";
      sink = (kind, text) => {
        const last = out.lastElementChild;
        if (last && last.className === kind) last.textContent += text;
        else {
          const span = document.createElement("span");
          span.className = kind;
          span.textContent = text;
          out.append(span);
        }
      };
      const started = performance.now();
      const code_ = await rt.run.callPromising(source, name);
      sink = null;
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      status(code_ === 0 ? `Finished in ${seconds} s` : `Exited with status ${code_} after ${seconds} s`);
      if (!out.textContent) out.textContent = "(no output)";
      panel.dataset.exit = code_;
      panel.dataset.state = "done";
    } catch (error) {
      sink = null;
      status("Could not run it: " + error.message);
      panel.dataset.state = "failed";
    } finally {
      bar.hidden = true;
      panel.querySelectorAll("button").forEach((b) => (b.disabled = false));
    }
  });
  return queue;
}

export function run(link) {
  const panel = panelFor(link);
  panel.scrollIntoView({ block: "nearest" });
  return start(link, panel, null);
}

// Run in the page: a Run button beside the download link of every snippet that can run in WebAssembly.
//
// The build marks those links (`data-pap-run`, sitegen/pyodide_assets.py); this script only adds the
// buttons, so a page that is never run pays for nothing else. The first click loads the runner
// (run/runner.js, with its stylesheet), which loads Python (Pyodide, served by this site) once per page
// and keeps it for later runs. A copy opened from the file system cannot load WebAssembly: there the
// button says that Run needs the site served over HTTP.
(function () {
  "use strict";
  var runner = new URL("run/runner.js", document.currentScript.src).href;

  function addButtons() {
    document.querySelectorAll(".pap-snippet-meta a[data-pap-run]").forEach(function (link) {
      if (link.parentNode.querySelector(".pap-run-button")) return;
      var button = document.createElement("button");
      button.className = "pap-run-button";
      button.textContent = "▶ Run";
      button.setAttribute("aria-label", "Run " + link.download + " in your browser");
      link.after(" · ", button);
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element && event.target.closest(".pap-run-button");
    if (!button) return;
    if (location.protocol == "file:") {
      button.disabled = true;
      button.textContent = "Run needs the site served over HTTP (make serve), not opened from a file";
      return;
    }
    import(runner).then(function (module) {
      module.run(button.parentNode.querySelector("a[data-pap-run]"));
    });
  });

  // Now, and on each page Material's instant navigation swaps in (document$ may have fired already).
  addButtons();
  if (window.document$) window.document$.subscribe(addButtons);
})();

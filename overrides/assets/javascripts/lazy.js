// Scripts only some pages use load when a page needs them, so the others do not pay for them: the
// pattern tables' sorting and filters (quick-reference.js) when a page with such a table shows, and
// the diff view (change-view.js) on the first click of a diff button. Both keep working across
// Material's instant navigation: pages swapped in are announced by document$, clicks are delegated.
(function () {
  "use strict";

  var base = document.currentScript.src.replace(/[^/]*$/, "");
  var loading = {};

  function load(name) {
    if (!loading[name]) {
      loading[name] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = base + name;
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return loading[name];
  }

  function scan() {
    if (document.querySelector("table.pap-patterns")) load("quick-reference.js");
  }

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element && event.target.closest(".pap-diff-toggle");
    if (!button) return;
    if (window.papToggleDiff) window.papToggleDiff(button);
    else load("change-view.js").then(function () { window.papToggleDiff(button); });
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
  else scan();
  if (window.document$) window.document$.subscribe(scan);
})();

// Filters and sorting for the generated pattern tables. Without JavaScript the table is complete.
(function () {
  "use strict";

  function text(cell) {
    return (cell.getAttribute("data-sort") || cell.textContent || "").trim();
  }

  function compare(a, b) {
    var na = Number(a), nb = Number(b);
    if (a !== "" && b !== "" && !isNaN(na) && !isNaN(nb)) return na - nb;
    return a.localeCompare(b, undefined, { sensitivity: "base" });
  }

  function option(select, value, label) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    select.appendChild(o);
  }

  function makeSelect(name, label, values) {
    var wrap = document.createElement("label");
    wrap.textContent = label;
    var select = document.createElement("select");
    select.name = name;
    select.setAttribute("data-filter", name);
    option(select, "", "All");
    values.forEach(function (v) { option(select, v[0], v[1]); });
    wrap.appendChild(select);
    return wrap;
  }

  function enhance(table) {
    if (table.getAttribute("data-enhanced")) return;
    table.setAttribute("data-enhanced", "1");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);

    // Sorting: a button in every header; aria-sort says the current order.
    headers.forEach(function (th, index) {
      th.setAttribute("aria-sort", "none");
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var sorted = rows.slice().sort(function (a, b) {
          var r = compare(text(a.cells[index]), text(b.cells[index]));
          return ascending ? r : -r;
        });
        sorted.forEach(function (r) { table.tBodies[0].appendChild(r); });
      });
    });

    // Filters: complexity, section (when the table has one) and module.
    var sections = {}, modules = {}, levels = {};
    rows.forEach(function (r) {
      levels[r.dataset.complexity] = true;
      sections[r.dataset.section] = r.dataset.sectionTitle || sections[r.dataset.section] || r.dataset.section;
      r.dataset.modules.split(" ").forEach(function (m) { if (m) modules[m] = true; });
    });
    var sectionIndex = headers.findIndex(function (h) { return h.textContent.trim() === "Section"; });
    rows.forEach(function (r) {
      if (sectionIndex >= 0) sections[r.dataset.section] = r.cells[sectionIndex].textContent.trim();
    });

    var bar = document.createElement("div");
    bar.className = "pap-filters";
    bar.setAttribute("role", "search");
    bar.appendChild(makeSelect("complexity", "Complexity", Object.keys(levels).sort().map(function (l) {
      return [l, "★".repeat(Number(l)) + " (" + l + ")"];
    })));
    if (sectionIndex >= 0) {
      bar.appendChild(makeSelect("section", "Section", Object.keys(sections).map(function (s) {
        return [s, sections[s]];
      })));
    }
    bar.appendChild(makeSelect("module", "Module", Object.keys(modules).sort(compare).map(function (m) {
      return [m, m];
    })));
    var count = document.createElement("span");
    count.className = "pap-filter-count";
    count.setAttribute("aria-live", "polite");
    bar.appendChild(count);
    table.parentNode.insertBefore(bar, table);

    function apply() {
      var want = {};
      bar.querySelectorAll("select").forEach(function (s) { want[s.name] = s.value; });
      var shown = 0;
      rows.forEach(function (r) {
        var ok = (!want.complexity || r.dataset.complexity === want.complexity) &&
          (!want.section || r.dataset.section === want.section) &&
          (!want.module || r.dataset.modules.split(" ").indexOf(want.module) >= 0);
        r.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown + " of " + rows.length + " patterns";
    }
    bar.addEventListener("change", apply);
    apply();
  }

  function init() {
    document.querySelectorAll("table.pap-patterns").forEach(enhance);
  }

  // Material's instant navigation swaps pages without a reload: document$ emits on each page.
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();

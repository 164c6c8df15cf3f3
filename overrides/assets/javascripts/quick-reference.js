// Sorting for every generated pattern table, and filters (complexity, section, module) for the
// quick reference. Without JavaScript each table is complete and in its generated order.
(function () {
  "use strict";

  function sortKey(cell) {
    return (cell.getAttribute("data-sort") || cell.textContent || "").trim();
  }

  function compare(a, b) {
    var na = Number(a), nb = Number(b);
    if (a !== "" && b !== "" && !isNaN(na) && !isNaN(nb)) return na - nb;
    return a.localeCompare(b, undefined, { sensitivity: "base", numeric: true });
  }

  function makeSelect(name, label, choices) {
    var wrap = document.createElement("label");
    wrap.appendChild(document.createTextNode(label));
    var select = document.createElement("select");
    select.name = name;
    [["", "All"]].concat(choices).forEach(function (choice) {
      var o = document.createElement("option");
      o.value = choice[0];
      o.textContent = choice[1];
      select.appendChild(o);
    });
    wrap.appendChild(select);
    return wrap;
  }

  // Sorting: each heading becomes a button; aria-sort on the heading says the current order.
  // Sorting is stable, so rows that tie keep the generated order (simplest first, then title).
  function addSorting(table, rows) {
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (th, index) {
      th.setAttribute("aria-sort", "none");
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent.trim();
      button.title = "Sort by " + button.textContent.toLowerCase();
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.slice()
          .sort(function (a, b) {
            var r = compare(sortKey(a.cells[index]), sortKey(b.cells[index]));
            return ascending ? r : -r;
          })
          .forEach(function (r) { table.tBodies[0].appendChild(r); });
      });
    });
  }

  function addFilters(table, rows, sectionColumn) {
    var levels = {}, sections = {}, modules = {};
    rows.forEach(function (r) {
      levels[r.dataset.complexity] = true;
      // Sections in the order the guide lists them (the generated order of the rows).
      if (!(r.dataset.section in sections)) {
        sections[r.dataset.section] = r.cells[sectionColumn].textContent.trim();
      }
      r.dataset.modules.split(" ").forEach(function (m) { if (m) modules[m] = true; });
    });

    var bar = document.createElement("div");
    bar.className = "pap-filters";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Filter the patterns");
    bar.appendChild(makeSelect("complexity", "Complexity", Object.keys(levels).sort(compare).map(function (l) {
      return [l, "★".repeat(Number(l)) + " " + l];
    })));
    bar.appendChild(makeSelect("section", "Section", Object.keys(sections).map(function (s) {
      return [s, sections[s]];
    })));
    bar.appendChild(makeSelect("module", "Module", Object.keys(modules).sort(compare).map(function (m) {
      return [m, m];
    })));
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "pap-filter-reset";
    reset.textContent = "Show all";
    bar.appendChild(reset);
    var count = document.createElement("span");
    count.className = "pap-filter-count";
    count.setAttribute("aria-live", "polite");
    bar.appendChild(count);
    table.parentNode.insertBefore(bar, table);

    var selects = Array.prototype.slice.call(bar.querySelectorAll("select"));
    function apply() {
      var want = {};
      selects.forEach(function (s) { want[s.name] = s.value; });
      var shown = 0;
      rows.forEach(function (r) {
        var ok = (!want.complexity || r.dataset.complexity === want.complexity) &&
          (!want.section || r.dataset.section === want.section) &&
          (!want.module || r.dataset.modules.split(" ").indexOf(want.module) >= 0);
        r.hidden = !ok;
        if (ok) shown += 1;
      });
      reset.hidden = shown === rows.length && selects.every(function (s) { return !s.value; });
      count.textContent = shown + " of " + rows.length + (rows.length === 1 ? " pattern" : " patterns");
    }
    bar.addEventListener("change", apply);
    reset.addEventListener("click", function () {
      selects.forEach(function (s) { s.value = ""; });
      apply();
    });
    apply();
  }

  function enhance(table) {
    if (table.hasAttribute("data-enhanced")) return;
    table.setAttribute("data-enhanced", "");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var headings = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) {
      return th.textContent.trim();
    });
    addSorting(table, rows);
    // Filters belong to the quick reference: the table with a Section column that is not one
    // level of the complexity index (those follow a "Complexity n" heading of their own).
    var sectionColumn = headings.indexOf("Section");
    var heading = table.closest(".pap-table").previousElementSibling;
    var level = heading && /^complexity-\d$/.test(heading.id || "");
    if (sectionColumn >= 0 && !level) addFilters(table, rows, sectionColumn);
  }

  function init() {
    document.querySelectorAll("table.pap-patterns").forEach(enhance);
  }

  // Once the page is parsed; and after each page swap of Material's instant navigation, which
  // document$ announces (it does not emit in every build: the offline one completes without).
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
})();

// Search results: pattern pages first, then the section, home and reference pages, each group in
// the order Material's ranking gave it. A section's introduction or the home page names the same
// APIs and problems as its patterns, but the reader searching for one wants the pattern.
//
// Pattern pages are the pages one folder down that are not a folder's index: <section>/<slug>/
// (<section>/<slug>.html in the offline build). Material renders the results in batches as the
// reader scrolls; each batch is put in order as it arrives, before the browser paints it.
(function () {
  "use strict";

  var PATTERN = /^[^/]+\/(?!index\.html$)[^/]+(\/|\.html)$/;

  function root() {
    // __md_scope: the site's root URL, set by Material in every page's head.
    return (window.__md_scope ? window.__md_scope.href : new URL(".", document.baseURI).href);
  }

  function isPattern(item, base) {
    var link = item.querySelector(".md-search-result__link");
    if (!link || !link.href) return false;
    var url = link.href.split(/[?#]/)[0];
    return url.indexOf(base) === 0 && PATTERN.test(url.slice(base.length));
  }

  function order(list) {
    var base = root();
    var items = Array.prototype.slice.call(list.children);
    var flags = items.map(function (item) { return isPattern(item, base); });
    var firstOther = flags.indexOf(false);
    if (firstOther < 0 || flags.indexOf(true, firstOther) < 0) return; // already in order
    var patterns = items.filter(function (_, i) { return flags[i]; });
    var others = items.filter(function (_, i) { return !flags[i]; });
    patterns.concat(others).forEach(function (item) { list.appendChild(item); });
  }

  function watch() {
    var list = document.querySelector(".md-search-result__list");
    if (!list || list.hasAttribute("data-pap-ordered")) return;
    list.setAttribute("data-pap-ordered", "");
    var observer = new MutationObserver(function () {
      order(list);
      observer.takeRecords(); // the moves made by order() need no second pass
    });
    observer.observe(list, { childList: true });
  }

  // Once the page is parsed; and after each page swap of Material's instant navigation, which
  // document$ announces (it does not emit in every build: the offline one completes without).
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(watch);
})();

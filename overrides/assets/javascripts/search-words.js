// Search queries lose their stop words before they reach Material's search worker. Material turns
// each word of a query into a prefix ("is" becomes is*, matching isinstance, issue, isolation...),
// and lunr leaves prefixes out of its stop-word filter, so in "why is my endpoint slow" the words
// "why", "is" and "my" ranked pages as much as "endpoint" and "slow" did. The words dropped are
// lunr's own English stop words, and single letters; a query made of nothing else is left whole,
// and so is one that starts with a quoted phrase or uses a modifier (+word, -word, word*, word~, title:).
(function () {
  "use strict";

  var QUERY = 2; // Material's SearchMessageType.QUERY
  var STOP = new Set((
    "a able about across after all almost also am among an and any are as at be because been but by " +
    "can cannot could dear did do does either else ever every for from get got had has have he her hers " +
    "him his how however i if in into is it its just least let like likely may me might most must my " +
    "neither no nor not of off often on only or other our own rather said say says she should since so " +
    "some than that the their them then there these they this tis to too twas us wants was we were what " +
    "when where which while who whom why will with would yet you your"
  ).split(" "));

  function plain(word) {
    return /^[A-Za-z']+$/.test(word);
  }

  function strip(query) {
    // A query that starts with a quote, a leading + or -, a trailing *, ~ or ^, or a field name: the
    // reader asked for something exact. Quotes inside a pasted message (mypy's `function "fetch"`)
    // are not a request for a phrase: Material would require the quoted name on every result.
    if (/^\s*"|(^|\s)[+\-]|[*~^](\s|$)|(^|\s)(title|text|tags):/.test(query)) return query;
    var words = query.replace(/"/g, " ").split(/\s+/).filter(Boolean);
    var kept = words.filter(function (w) {
      var lower = w.toLowerCase().replace(/'/g, "");
      return !(plain(w) && (STOP.has(lower) || lower.length < 2));
    });
    return kept.length ? kept.join(" ") : query;
  }

  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      arguments[0] = { type: QUERY, data: strip(message.data) };
    }
    return post.apply(this, arguments);
  };
  window.__papSearchWords = strip; // for the browser tests
})();

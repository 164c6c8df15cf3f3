// "See what the fix changes" (loaded by lazy.js on the first click of a diff button): a right-way block switches between its code (the lines that differ
// from its pitfall highlighted at build time) and a unified diff from that pitfall, as `diff -u`
// prints it. Nothing here computes a diff: the build wrote the hunks (difflib's, from the two
// files) on the button, and both programs are already on the page, highlighted, so the diff reuses
// their lines. The hidden code stays in place, so Copy still gives the runnable file.
(function () {
  "use strict";

  // The highlighted lines of a code element, each with its open spans closed and reopened, so a
  // docstring spanning lines stays coloured. The build's highlight spans (class "hll") are dropped.
  function htmlLines(code) {
    var lines = [];
    var stack = []; // opening tags in effect, "" for a dropped highlight span
    var line = "";
    var token = /<span[^>]*>|<\/span>|\n|[^<\n]+|<[^>]*>/g;
    var html = code.innerHTML; // once: each read serialises the whole block again
    var match;
    while ((match = token.exec(html))) {
      var t = match[0];
      if (t === "\n") {
        lines.push(line + stack.filter(Boolean).map(function () { return "</span>"; }).join(""));
        line = stack.join("");
      } else if (t.lastIndexOf("<span", 0) === 0) {
        var tag = /class="hll"/.test(t) ? "" : t;
        stack.push(tag);
        line += tag;
      } else if (t === "</span>") {
        if (stack.pop()) line += t;
      } else {
        line += t;
      }
    }
    if (line.replace(/<[^>]*>/g, "")) lines.push(line);
    return lines;
  }

  function textLines(source) {
    var div = document.createElement("div");
    return source.replace(/\n$/, "").split("\n").map(function (text) {
      div.textContent = text;
      return div.innerHTML;
    });
  }

  // The code of the block a snippet's verification line (with its download link) follows.
  function codeOf(rel) {
    var links = document.querySelectorAll(".pap-snippet-meta a[download]");
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute("href") || "";
      if (href.slice(-rel.length - 11) === "/downloads/" + rel) {
        var block = links[i].closest(".pap-snippet-meta").previousElementSibling;
        return block && block.querySelector("pre > code");
      }
    }
    return null;
  }

  // A hunk header's range, as difflib and `diff -u` write it.
  function range(start, stop) {
    var length = stop - start;
    if (length === 1) return String(start + 1);
    return (length ? start + 1 : start) + "," + length;
  }

  function diffView(button, block) {
    var from = button.getAttribute("data-from");
    var source = button.getAttribute("data-source");
    var oldCode = source === null ? codeOf(from) : null;
    if (source === null && !oldCode) return null;
    var oldLines = source === null ? htmlLines(oldCode) : textLines(source);
    var newLines = htmlLines(block.querySelector("pre > code"));
    var title = block.querySelector(".filename");
    var rows = [
      ["pap-diff-file", "--- " + from.split("/").pop()],
      ["pap-diff-file", "+++ " + (title ? title.textContent : "")],
    ];
    button.getAttribute("data-hunks").split("/").forEach(function (hunk) {
      var ops = hunk.split(",").map(function (op) {
        var f = op.split(" ");
        return { tag: f[0], i1: +f[1], i2: +f[2], j1: +f[3], j2: +f[4] };
      });
      var first = ops[0], last = ops[ops.length - 1];
      rows.push(["pap-diff-hunk", "@@ -" + range(first.i1, last.i2) + " +" + range(first.j1, last.j2) + " @@"]);
      ops.forEach(function (op) {
        var k;
        if (op.tag === "e") {
          for (k = op.j1; k < op.j2; k++) rows.push(["", " " + newLines[k], true]);
          return;
        }
        for (k = op.i1; k < op.i2; k++) rows.push(["pap-diff-del", "-" + oldLines[k], true]);
        for (k = op.j1; k < op.j2; k++) rows.push(["pap-diff-add", "+" + newLines[k], true]);
      });
    });
    var code = document.createElement("code");
    code.className = "pap-diff";
    code.setAttribute("data-from", from);
    code.setAttribute("aria-label", "Changes from " + from.split("/").pop());
    code.innerHTML = rows
      .map(function (row) {
        var span = document.createElement("span");
        if (!row[2]) span.textContent = row[1]; // headers are plain text; code lines are highlighted HTML
        return '<span class="pap-diff-line ' + row[0] + '">' + (row[2] ? row[1] : span.innerHTML) + "\n</span>";
      })
      .join("");
    return code;
  }

  function label(button, pressed) {
    if (!button.hasAttribute("data-label")) button.setAttribute("data-label", button.textContent);
    button.setAttribute("aria-pressed", String(pressed));
    button.textContent = pressed ? "Show the code" : button.getAttribute("data-label");
  }

  // The diff goes in the same <pre> as the code, after it: the copy button (Material's, inside the
  // <pre>) stays, and it copies the first <code>, the file.
  function toggle(button, block) {
    var pre = block.querySelector("pre");
    var original = pre.querySelector("code:not(.pap-diff)");
    var wasPressed = button.getAttribute("aria-pressed") === "true";
    block.previousElementSibling.querySelectorAll(".pap-diff-toggle").forEach(function (other) {
      label(other, false);
    });
    pre.querySelectorAll("code.pap-diff").forEach(function (diff) { diff.hidden = true; });
    original.hidden = false;
    if (wasPressed) return;
    var from = button.getAttribute("data-from");
    var diff = pre.querySelector('code.pap-diff[data-from="' + from + '"]');
    if (!diff) {
      diff = diffView(button, block);
      if (!diff) return;
      pre.appendChild(diff);
    }
    original.hidden = true;
    diff.hidden = false;
    label(button, true);
  }

  // Called by lazy.js for each click of a diff button (it loads this file on the first one).
  window.papToggleDiff = function (button) {
    var paragraph = button.closest(".pap-change");
    var block = paragraph && paragraph.nextElementSibling;
    if (block && block.classList.contains("highlight")) toggle(button, block);
  };
})();

// Copy buttons on snippets give the file exactly as it was tested, final newline included.
//
// Material copies the text shown in the block (without line numbers or annotation markers) and
// trims the end, which drops the newline every formatted Python file ends with. For a block
// that shows a snippet (the build puts the verification line right after it), hand Material's
// copy handler the same text with that newline restored, through the `data-clipboard-text`
// attribute it reads first. Other blocks (shell commands) keep Material's behaviour, so pasting
// a command does not run it.
(function () {
  "use strict";

  function snippetCode(button) {
    var block = button.closest(".highlight");
    if (!block) return null;
    var meta = block.nextElementSibling;
    if (!meta || !meta.classList.contains("pap-snippet-meta")) return null;
    return block.querySelector("pre > code");
  }

  document.addEventListener(
    "click",
    function (event) {
      var button = event.target instanceof Element && event.target.closest("[data-clipboard-target]");
      if (!button) return;
      var code = snippetCode(button);
      if (!code) return;
      // The attribute switches Material's styles to what it copies: annotations hidden.
      code.setAttribute("data-md-copying", "");
      var text = code.innerText;
      code.removeAttribute("data-md-copying");
      button.setAttribute("data-clipboard-text", text.replace(/\s+$/, "") + "\n");
    },
    true // capture: runs before Material's delegated handler reads the attribute
  );
})();

// ← and → go to the previous and next pattern, as on Go by Example. The targets are hidden links that
// the page template puts on pattern pages only (section indexes skipped); clicking one lets
// Material's instant navigation load it. Keys that something else on the page needs are left alone:
// with a modifier, in a form field or the search box, on a focused tab or code block (arrows scroll it).
document.addEventListener("keydown", (event) => {
  if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  const focus = event.target instanceof Element ? event.target : null;
  if (focus && (focus.closest("input, textarea, select, pre, [contenteditable], [role='tab']") || focus.isContentEditable)) {
    return;
  }
  const link = document.querySelector(event.key === "ArrowLeft" ? "a.pap-key-prev" : "a.pap-key-next");
  if (!link) return;
  event.preventDefault();
  link.click();
});

// A measured figure's provenance opens under it on click, tap or keyboard (the figure is a
// <button aria-expanded>), not only on hover: hover does not exist on touch screens.
document.addEventListener("click", (event) => {
  const button = event.target instanceof Element ? event.target.closest("button.pap-measured") : null;
  if (!button) return;
  const panel = document.getElementById(button.getAttribute("aria-controls"));
  if (!panel) return;
  const open = button.getAttribute("aria-expanded") !== "true";
  button.setAttribute("aria-expanded", String(open));
  panel.hidden = !open;
});

// A little progressive enhancement; every page reads fine without it.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Report page: click a certainty in the legend to hide or show its highlights.
  const text = document.getElementById("text");
  document.querySelectorAll(".legend .toggle").forEach((label) => {
    const box = label.querySelector("input");
    label.setAttribute("role", "button");
    label.setAttribute("tabindex", "0");
    label.title = "show or hide these highlights";
    const flip = () => {
      box.checked = !box.checked;
      label.classList.toggle("off", !box.checked);
      if (text) text.classList.toggle("hide-" + box.dataset.certainty, !box.checked);
    };
    label.addEventListener("click", (event) => { event.preventDefault(); flip(); });
    label.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); flip(); }
    });
  });
  // Map: a marker lights up while its row in the list is hovered.
  document.querySelectorAll("table.list tr").forEach((row) => {
    const link = row.querySelector("a");
    if (!link) return;
    const name = link.textContent;
    const marker = [...document.querySelectorAll("#map .marker")].find((m) => m.dataset.name === name);
    if (!marker) return;
    row.addEventListener("mouseenter", () => marker.classList.add("active"));
    row.addEventListener("mouseleave", () => marker.classList.remove("active"));
  });
});

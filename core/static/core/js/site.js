// Progressive enhancement only: every page works without this file.
document.documentElement.classList.remove("no-js");

// Videos from other websites load only after the visitor asks for it.
document.querySelectorAll("[data-video-consent]").forEach((box) => {
  const button = box.querySelector("[data-video-load]");
  const template = box.querySelector("[data-video-template]");
  if (!button || !template || !template.innerHTML.trim()) return;
  button.hidden = false;
  button.addEventListener("click", () => {
    const player = document.createElement("div");
    player.className = "video-player";
    player.appendChild(template.content.cloneNode(true));
    box.replaceWith(player);
    const frame = player.querySelector("iframe");
    if (frame) frame.focus();
  });
});

// Print the FAQ opened, so a printed page holds every answer.
window.addEventListener("beforeprint", () => {
  document.querySelectorAll("details:not([open])").forEach((el) => {
    el.setAttribute("open", "");
    el.dataset.openedForPrint = "true";
  });
});
window.addEventListener("afterprint", () => {
  document.querySelectorAll("details[data-opened-for-print]").forEach((el) => {
    el.removeAttribute("open");
    delete el.dataset.openedForPrint;
  });
});

// A print button where a page offers one (without JavaScript: the browser's own print).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});

// Where the eye should go after a submit. Without JavaScript the browser still scrolls to the
// fragment; with it, focus moves there too, so a screen reader announces what happened.
// - An error summary (`[data-error-summary]`, tabindex="-1") after a failed submit.
// - Otherwise the element the fragment names, when it can take focus (tabindex="-1"), e.g. the
//   results heading a search form points at (`action="#resultaten"`).
(() => {
  const summary = document.querySelector("[data-error-summary]");
  let target = summary;
  if (!target && window.location.hash.length > 1) {
    target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (target && !target.hasAttribute("tabindex")) target = null;
  }
  if (target) target.focus();
})();

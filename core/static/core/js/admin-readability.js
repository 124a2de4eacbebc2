// The LIX of the page being edited, live in Wagtail's "Checks" panel, beside Wagtail's own
// readability score. Wagtail measures the preview and announces the content it measured
// (the `w-preview:content` event); the LIX is computed from the same content, over its
// paragraphs, as core/readability.py computes it on the server.
(() => {
  const script = document.currentScript;
  const label = script.dataset.label || "LIX";
  const limit = Number(script.dataset.limit || 45);
  const tooHard = script.dataset.tooHard || "";
  const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
  const SENTENCE_END = /(?<=[.!?:])["'’”)]*\s+(?=["'‘“(]?[\p{Lu}0-9])/u;
  const MIN_WORDS = 8;

  const words = (text) => text.match(WORD) || [];

  function lix(paragraphs) {
    let wordCount = 0;
    let longWords = 0;
    let sentences = 0;
    paragraphs.forEach((paragraph) => {
      sentences += paragraph.split(SENTENCE_END).filter((part) => words(part).length).length;
      words(paragraph).forEach((word) => {
        wordCount += 1;
        if (word.replace(/[^\p{L}]/gu, "").length > 6) longWords += 1;
      });
    });
    if (!wordCount || !sentences) return null;
    return Math.round(wordCount / sentences + (100 * longWords) / wordCount);
  }

  function paragraphsOf(html) {
    const doc = new DOMParser().parseFromString(html, "text/html");
    return [...doc.querySelectorAll("p, li, blockquote, dd")]
      .map((el) => el.textContent.replace(/\s+/g, " ").trim())
      .filter((text) => words(text).length >= MIN_WORDS);
  }

  function metricElement() {
    let target = document.querySelector("[data-content-lix]");
    if (target) return target;
    const score = document.querySelector("[data-content-readability-score]");
    if (!score || !score.parentElement) return null;
    const box = score.parentElement.cloneNode(true);
    box.querySelector("h3").textContent = label;
    target = box.querySelector("p");
    target.removeAttribute("data-content-readability-score");
    target.setAttribute("data-content-lix", "");
    score.parentElement.after(box);
    return target;
  }

  document.addEventListener("w-preview:content", (event) => {
    const content = event.detail && event.detail.content;
    const target = content && metricElement();
    if (!target) return;
    const score = lix(paragraphsOf(content.innerHTML || ""));
    target.textContent = score === null ? "-" : String(score);
    target.title = score !== null && score > limit ? tooHard : "";
  });
})();

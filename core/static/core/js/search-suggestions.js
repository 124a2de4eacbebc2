// Suggestions while typing in a search box (progressive enhancement: without this file the
// box is a plain form). The input becomes an ARIA 1.2 combobox with a listbox popup:
// Arrow Down/Up move through the suggestions, Enter opens the highlighted one, Escape closes
// the list; a polite live region says how many suggestions there are.
(() => {
  const MIN_LENGTH = 2;
  const DELAY_MS = 200;
  const MAX_LENGTH = 100;

  function enhance(form, index) {
    const input = form.querySelector('input[name="q"]');
    const url = form.dataset.suggestionsUrl;
    if (!input || !url || !window.fetch) return;
    const baseId = input.id || `search-box-${index}`;
    const listbox = document.createElement("ul");
    listbox.id = `${baseId}-suggestions`;
    listbox.className = "search-box__listbox";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", form.getAttribute("aria-label") || "");
    listbox.hidden = true;
    const status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    const hint = document.createElement("span");
    hint.id = `${baseId}-hint`;
    hint.className = "visually-hidden";
    hint.textContent = form.dataset.hint || "";
    form.append(listbox, status, hint);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);
    input.setAttribute("aria-describedby", hint.id);
    input.setAttribute("autocomplete", "off");

    let suggestions = [];
    let active = -1;
    let timer = null;
    let latest = 0; // number of the newest request: older answers are ignored
    let controller = null;

    function say(count) {
      const text =
        count === 0
          ? form.dataset.statusNone
          : count === 1
            ? form.dataset.statusOne
            : (form.dataset.statusMany || "{n}").replace("{n}", String(count));
      status.textContent = text || "";
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(position) {
      const options = listbox.querySelectorAll('[role="option"]');
      options.forEach((option, i) => option.setAttribute("aria-selected", String(i === position)));
      active = position;
      if (position >= 0 && options[position]) {
        input.setAttribute("aria-activedescendant", options[position].id);
        options[position].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(items) {
      suggestions = items;
      listbox.replaceChildren();
      items.forEach((item, i) => {
        const option = document.createElement("li");
        option.id = `${listbox.id}-${i}`;
        option.className = "search-box__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        const title = document.createElement("span");
        title.className = "search-box__option-title";
        title.textContent = item.title;
        const type = document.createElement("span");
        type.className = "search-box__option-type";
        type.textContent = item.type ? `(${item.type})` : "";
        option.append(title, " ", type);
        // Keep the focus in the input while a pointer or finger presses an option.
        option.addEventListener("mousedown", (event) => event.preventDefault());
        option.addEventListener("click", () => go(i));
        listbox.append(option);
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (items.length) {
        listbox.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
      say(items.length);
    }

    function go(position) {
      const item = suggestions[position];
      if (item && item.url) window.location.assign(item.url);
    }

    async function fetchSuggestions(text) {
      const number = ++latest;
      if (controller) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      try {
        const response = await fetch(`${url}?q=${encodeURIComponent(text)}`, {
          headers: { Accept: "application/json" },
          signal: controller ? controller.signal : undefined,
        });
        if (number !== latest) return;
        if (!response.ok) {
          show([]);
          return;
        }
        const data = await response.json();
        if (number !== latest || input.value.trim() !== text) return;
        show(Array.isArray(data.suggestions) ? data.suggestions : []);
      } catch (error) {
        if (number === latest) close(); // aborted or offline: the plain form still works
      }
    }

    input.addEventListener("input", () => {
      window.clearTimeout(timer);
      const text = input.value.trim();
      if (text.length < MIN_LENGTH || text.length > MAX_LENGTH) {
        latest += 1; // an answer still on its way is stale now
        suggestions = [];
        close();
        listbox.replaceChildren();
        status.textContent = "";
        return;
      }
      timer = window.setTimeout(() => fetchSuggestions(text), DELAY_MS);
    });

    input.addEventListener("keydown", (event) => {
      const count = suggestions.length;
      if (event.key === "ArrowDown" || event.key === "Down") {
        if (!count) return;
        event.preventDefault();
        if (listbox.hidden) {
          listbox.hidden = false;
          input.setAttribute("aria-expanded", "true");
        }
        highlight(active + 1 >= count ? 0 : active + 1);
      } else if (event.key === "ArrowUp" || event.key === "Up") {
        if (!count || listbox.hidden) return;
        event.preventDefault();
        highlight(active <= 0 ? count - 1 : active - 1);
      } else if (event.key === "Enter") {
        if (!listbox.hidden && active >= 0) {
          event.preventDefault();
          go(active);
        }
      } else if (event.key === "Escape" || event.key === "Esc") {
        if (!listbox.hidden) {
          event.preventDefault();
          close();
        }
      }
    });

    // Close when the focus leaves the input (Tab to the button, a click or tap elsewhere);
    // pressing an option keeps the focus in the input (see mousedown above).
    input.addEventListener("blur", close);
    document.addEventListener("pointerdown", (event) => {
      if (!form.contains(event.target)) close();
    });
  }

  document.querySelectorAll("form[data-search-suggestions]").forEach(enhance);
})();

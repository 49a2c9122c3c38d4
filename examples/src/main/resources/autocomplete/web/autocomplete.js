// The search box: debounced requests, arrow keys, Enter and Escape, ARIA combobox semantics.
// Terms are always inserted as text nodes, never as markup.
(function () {
  "use strict";
  var DEBOUNCE_MS = 120;
  var box = document.getElementById("search-box");
  var list = document.getElementById("suggestions");
  var heading = document.getElementById("list-heading");
  var status = document.getElementById("status");
  var chosen = document.getElementById("chosen");
  var category = document.getElementById("category");
  var mode = document.getElementById("mode");
  var items = [];
  var active = -1;
  var timer = null;
  var sequence = 0;
  var controller = null;

  var session = sessionId();

  function sessionId() {
    try {
      var stored = window.localStorage.getItem("archlab-session");
      if (stored) { return stored; }
      var fresh = "s-" + Math.random().toString(36).slice(2, 12);
      window.localStorage.setItem("archlab-session", fresh);
      return fresh;
    } catch (e) {
      return "s-" + Math.random().toString(36).slice(2, 12);
    }
  }

  function request() {
    var typed = box.value;
    var params = new URLSearchParams();
    params.set("limit", "8");
    if (category.value) { params.set("category", category.value); }
    var url;
    if (typed.trim() === "") {
      url = "/api/popular?" + params.toString();
    } else {
      params.set("q", typed);
      params.set("mode", mode.value);
      params.set("user", session);
      url = "/api/search?" + params.toString();
    }
    var mine = ++sequence;
    if (controller) { controller.abort(); }
    controller = new AbortController();
    fetch(url, { signal: controller.signal, headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (data) {
        if (mine !== sequence) { return; }
        show(data.suggestions || [], typed.trim() === "");
      })
      .catch(function (error) {
        if (error.name === "AbortError") { return; }
        close();
        status.textContent = "Suggestions are unavailable right now.";
      });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(request, DEBOUNCE_MS);
  }

  function show(suggestions, popular) {
    items = suggestions;
    active = -1;
    while (list.firstChild) { list.removeChild(list.firstChild); }
    box.removeAttribute("aria-activedescendant");
    if (items.length === 0) {
      close();
      status.textContent = popular ? "" : "No suggestions.";
      return;
    }
    heading.textContent = popular ? "Popular searches" : "";
    heading.hidden = !popular;
    items.forEach(function (item, index) {
      var li = document.createElement("li");
      li.id = "suggestion-" + index;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      var term = document.createElement("span");
      term.className = "term";
      appendHighlighted(term, item.term, item.highlight);
      li.appendChild(term);
      var meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = (item.fuzzy ? "did you mean · " : "") + (item.category || "");
      li.appendChild(meta);
      li.addEventListener("mousedown", function (event) {
        event.preventDefault();
        choose(index);
      });
      list.appendChild(li);
    });
    list.hidden = false;
    box.setAttribute("aria-expanded", "true");
    status.textContent = items.length + (items.length === 1 ? " suggestion" : " suggestions") +
      (popular ? " (popular)" : "") + ". Use the up and down arrows to review.";
  }

  function appendHighlighted(parent, term, span) {
    if (!span || span.length !== 2 || span[0] < 0 || span[1] > term.length || span[0] >= span[1]) {
      parent.appendChild(document.createTextNode(term));
      return;
    }
    parent.appendChild(document.createTextNode(term.slice(0, span[0])));
    var mark = document.createElement("mark");
    mark.textContent = term.slice(span[0], span[1]);
    parent.appendChild(mark);
    parent.appendChild(document.createTextNode(term.slice(span[1])));
  }

  function move(step) {
    if (items.length === 0) { return; }
    var next = active + step;
    if (next < 0) { next = items.length - 1; }
    if (next >= items.length) { next = 0; }
    setActive(next);
  }

  function setActive(index) {
    var children = list.children;
    for (var i = 0; i < children.length; i++) {
      children[i].setAttribute("aria-selected", i === index ? "true" : "false");
    }
    active = index;
    if (index >= 0) {
      box.setAttribute("aria-activedescendant", "suggestion-" + index);
      children[index].scrollIntoView({ block: "nearest" });
    } else {
      box.removeAttribute("aria-activedescendant");
    }
  }

  function choose(index) {
    var term = items[index].term;
    box.value = term;
    close();
    chosen.textContent = "You chose: " + term;
    status.textContent = "Chose " + term + ".";
    fetch("/api/history", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ term: term, session: session })
    }).catch(function () { /* history is best effort */ });
  }

  function close() {
    list.hidden = true;
    heading.hidden = true;
    active = -1;
    box.setAttribute("aria-expanded", "false");
    box.removeAttribute("aria-activedescendant");
  }

  box.addEventListener("input", schedule);
  box.addEventListener("focus", function () { if (box.value.trim() === "") { schedule(); } });
  category.addEventListener("change", schedule);
  mode.addEventListener("change", schedule);
  box.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (list.hidden) { request(); } else { move(1); }
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      move(-1);
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (!list.hidden && active >= 0) { choose(active); }
    } else if (event.key === "Escape") {
      if (!list.hidden) {
        event.preventDefault();
        close();
        status.textContent = "Suggestions closed.";
      }
    }
  });
  box.addEventListener("blur", function () { setTimeout(close, 150); });
  document.getElementById("search-form").addEventListener("submit", function (event) {
    event.preventDefault();
  });
})();

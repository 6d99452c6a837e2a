/* nngraph reading guide: the coverage matrix's filters and sorting, and offline search.
   Everything the pages show from data goes in with textContent, never as markup. */
(function () {
  "use strict";

  function matrix() {
    var form = document.getElementById("matrix-filters");
    var table = document.getElementById("matrix");
    if (!form || !table) { return; }
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var status = document.getElementById("matrix-status");
    var original = rows.slice();

    function rankOf(row, column) {
      var cell = row.cells[column + 2];
      var match = cell && /\bd(\d)\b/.exec(cell.className);
      return match ? Number(match[1]) : -1;
    }

    function apply() {
      var kind = form.elements.kind.value;
      var free = form.elements.free.checked;
      var exercises = form.elements.exercises.checked;
      var verified = form.elements.status.value === "verified";
      var from = parseInt(form.elements.from.value, 10);
      var to = parseInt(form.elements.to.value, 10);
      table.classList.toggle("verified-only", verified);
      var shown = 0;
      rows.forEach(function (row) {
        var d = row.dataset;
        var year = parseInt(d.year, 10);
        var visible = (!kind || d.kind === kind) && (!free || d.free === "1") &&
          (!exercises || d.ex === "1") && (!verified || Number(d.verified) > 0) &&
          (isNaN(from) || (!isNaN(year) && year >= from)) &&
          (isNaN(to) || (!isNaN(year) && year <= to));
        row.hidden = !visible;
        if (visible) { shown += 1; }
      });
      status.textContent = shown + " of " + rows.length + " works shown";
    }

    function sort() {
      var key = form.elements.sort.value;
      var ordered = original.slice();
      if (key === "title") {
        ordered.sort(function (a, b) { return a.dataset.title < b.dataset.title ? -1 : a.dataset.title > b.dataset.title ? 1 : 0; });
      } else if (key === "year") {
        ordered.sort(function (a, b) { return (Number(a.dataset.year) || 0) - (Number(b.dataset.year) || 0); });
      } else if (key.charAt(0) === "t") {
        var column = Number(key.slice(1));
        ordered.sort(function (a, b) { return rankOf(b, column) - rankOf(a, column); });
      }
      ordered.forEach(function (row) { body.appendChild(row); });
      rows = ordered;
    }

    form.addEventListener("input", function (event) {
      if (event.target.name === "sort") { sort(); }
      apply();
    });
    form.addEventListener("change", function (event) {
      if (event.target.name === "sort") { sort(); }
      apply();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  }

  function search() {
    var results = document.getElementById("search-results");
    if (!results || !window.MiniSearch || !window.NNGRAPH_SEARCH) { return; }
    var input = document.getElementById("q");
    var status = document.getElementById("search-status");
    var index = new window.MiniSearch({
      fields: ["title", "text"],
      storeFields: ["title", "kind"],
      searchOptions: {boost: {title: 3}, prefix: true, fuzzy: 0.2, combineWith: "AND"}
    });
    index.addAll(window.NNGRAPH_SEARCH);

    function show(query) {
      results.textContent = "";
      if (!query.trim()) { status.textContent = ""; return; }
      var found = index.search(query).slice(0, 50);
      status.textContent = found.length + (found.length === 1 ? " result" : " results") + " for “" + query + "”";
      found.forEach(function (hit) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = hit.id;
        link.textContent = hit.title;
        var kind = document.createElement("span");
        kind.className = "kind";
        kind.textContent = hit.kind;
        item.appendChild(link);
        item.appendChild(kind);
        results.appendChild(item);
      });
    }

    var query = new URLSearchParams(window.location.search).get("q") || "";
    input.value = query;
    show(query);
    input.addEventListener("input", function () { show(input.value); });
    document.getElementById("search-form").addEventListener("submit", function (event) {
      event.preventDefault();
      show(input.value);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    matrix();
    search();
    document.body.setAttribute("data-ready", "1");
  });
})();

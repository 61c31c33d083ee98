// Filter the rows of a table as you type: <form data-filter-for="table-id"> with a search input, rows marked
// data-filter-row. Without JavaScript the same form filters on the server (?filter=). Also keeps the download
// links (data-filter-link: xlsx and CSV) in step, so a download holds what is shown.
(function () {
  "use strict";
  document.querySelectorAll("form[data-filter-for]").forEach(function (form) {
    var table = document.getElementById(form.dataset.filterFor);
    var input = form.querySelector('input[type="search"]');
    if (!table || !input) return;
    var rows = Array.prototype.slice.call(table.querySelectorAll("tr[data-filter-row]"));
    var status = document.querySelector("[data-filter-status]");
    var links = Array.prototype.slice.call(document.querySelectorAll("a[data-filter-link]"));
    var total = rows.length;

    function apply() {
      var needle = input.value.trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var keys = Array.prototype.slice.call(row.querySelectorAll("th, td.sleutel"));
        var text = keys.map(function (cell) { return cell.textContent; }).join(" ").toLowerCase();
        var match = !needle || text.indexOf(needle) !== -1;
        row.hidden = !match;
        if (match) shown += 1;
      });
      if (status) status.textContent = shown + " van " + total + " rijen";
      links.forEach(function (link) {
        var url = new URL(link.href, window.location.href);
        if (needle) url.searchParams.set("filter", input.value.trim());
        else url.searchParams.delete("filter");
        link.href = url.pathname + url.search;
      });
    }
    input.addEventListener("input", apply);
    form.addEventListener("submit", function (event) {
      // Only the text filter works live; a change of level or direction reloads the page.
      var changed = Array.prototype.some.call(form.querySelectorAll("input[type=radio]"), function (r) {
        return r.checked !== r.defaultChecked;
      });
      if (!changed) { event.preventDefault(); apply(); }
    });
    if (input.value) apply();
  });
})();

// /query: YASGUI against this service's /sparql, with the named queries (GET /queries/{name}.rq) as tabs.
// Everything stays on this host: no prefix.cc, no LOV, no endpoint catalogue, nothing kept between visits.
(function () {
  "use strict";
  var root = document.getElementById("yasgui");
  if (!root || !window.Yasgui) return;
  var endpoint = new URL(root.dataset.endpoint, window.location.href).href;

  var yasgui = new window.Yasgui(root, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    tabName: "Vraag",
    persistenceId: null,
    populateFromUrl: false,
    endpointCatalogueOptions: { getData: function () { return []; } },
    yasqe: { value: "", prefixCcApi: "", autocompleters: ["prefixes", "variables"], editorHeight: "320px" },
    yasr: { prefixes: {}, defaultPlugin: "table" },
  });

  function label(element, text) {
    if (!element) return;
    if (!element.getAttribute("aria-label") || /^[A-Z][a-z]+ (a )?(new )?tab$/.test(element.getAttribute("aria-label"))) {
      element.setAttribute("aria-label", text);
    }
    if (element.title && /[A-Za-z]/.test(element.title) && element.title !== text) element.title = text;  // YASGUI's English tooltips
  }

  // YASGUI's own controls carry icons without names; give them Dutch names for screen readers.
  function nameControls() {
    root.querySelectorAll(".yasqe_queryButton").forEach(function (b) { label(b, "Query uitvoeren"); });
    root.querySelectorAll(".yasqe_share").forEach(function (b) { label(b, "Link naar deze query"); });
    root.querySelectorAll(".addTab").forEach(function (b) { label(b, "Nieuw tabblad"); });
    root.querySelectorAll(".closeTab").forEach(function (b) { label(b, "Tabblad sluiten"); });
    root.querySelectorAll(".autocomplete, input.endpointText").forEach(function (i) { label(i, "SPARQL-endpoint"); });
    root.querySelectorAll("textarea").forEach(function (t) { label(t, "SPARQL-query"); });
    root.querySelectorAll(".yasr select, .dataTables_length select").forEach(function (s) { label(s, "Aantal rijen per pagina"); });
    root.querySelectorAll(".dataTables_filter input, .tableFilter").forEach(function (i) { label(i, "Filter de resultaten"); });
    // CodeMirror scrolls its own box; make it reachable by keyboard, as a named region.
    root.querySelectorAll(".CodeMirror-scroll").forEach(function (box) {
      if (box.getAttribute("tabindex") !== "0") {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "Query-tekst (scrollgebied)");
      }
    });
  }
  new MutationObserver(nameControls).observe(root, { childList: true, subtree: true });
  nameControls();

  function open(name, title, activate) {
    return fetch("/queries/" + encodeURIComponent(name) + ".rq", { headers: { Accept: "application/sparql-query" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.statusText);
        return response.text();
      })
      .then(function (text) {
        var tab = yasgui.getTab();
        if (activate === false && tab) {
          tab.getYasqe().setValue(text);
          tab.setName(title);
          return tab;
        }
        tab = yasgui.addTab(true, { name: title, yasqe: { value: text }, requestConfig: { endpoint: endpoint } });
        yasgui.selectTabId(tab.getId());
        return tab;
      });
  }

  document.querySelectorAll("a.voorbeeld[data-query]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      open(link.dataset.query, link.dataset.title, true).catch(function (error) {
        window.alert("Kon de vraag niet laden: " + error.message);
      });
    });
  });

  var newTab = document.getElementById("nieuw-tabblad");
  if (newTab) {
    newTab.parentElement.hidden = false;
    newTab.addEventListener("click", function () {
      var tab = yasgui.addTab(true, { requestConfig: { endpoint: endpoint } });
      yasgui.selectTabId(tab.getId());
    });
  }

  var start = document.querySelector('a.voorbeeld[data-query="' + root.dataset.start + '"]');
  if (start) open(start.dataset.query, start.dataset.title, false).catch(function () {});
  window.beleidsgraafYasgui = yasgui;
})();

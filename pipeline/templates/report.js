// The records table: filters, paging, and the link from each row to its
// characters in the document text. Plain DOM, no framework, nothing fetched.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("nf-data").textContent);
  // Rows are rendered a page at a time so a big output stays responsive.
  var PAGE = 500;
  var tbody = document.querySelector("#records tbody");
  var more = document.getElementById("more");
  var count = document.getElementById("count");
  var filters = {
    type: document.getElementById("filter-type"),
    doc: document.getElementById("filter-doc"),
    flag: document.getElementById("filter-flag"),
    text: document.getElementById("filter-text"),
  };
  var byId = {};
  data.rows.forEach(function (r) { byId[r.id] = r; });
  var current = [];
  var shown = PAGE;
  var lit = [];

  // The review page plugs into these (cells: extra cells per row; match: extra filter).
  var NF = (window.NF = { data: data, byId: byId, hooks: { cells: null, match: null }, apply: apply, render: render, select: select });

  function option(select, value, label) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    select.appendChild(o);
  }

  function fillFilters() {
    option(filters.type, "", "all");
    if (data.rows.some(function (r) { return r.kind === "claim"; })) option(filters.type, "claim", "claim");
    data.types.forEach(function (t) { option(filters.type, t, t); });
    option(filters.doc, "", "all");
    data.docs.forEach(function (d, i) { option(filters.doc, String(i), d); });
    var flags = {};
    data.rows.forEach(function (r) { r.flags.forEach(function (f) { flags[f] = true; }); });
    option(filters.flag, "", "all");
    option(filters.flag, "*", "any flag");
    Object.keys(flags).sort().forEach(function (f) { option(filters.flag, f, f); });
  }

  function matches(r) {
    if (filters.type.value && r.type !== filters.type.value) return false;
    if (filters.doc.value && String(r.doc) !== filters.doc.value) return false;
    var flag = filters.flag.value;
    if (flag === "*" && !r.flags.length) return false;
    if (flag && flag !== "*" && r.flags.indexOf(flag) < 0) return false;
    var q = filters.text.value.trim().toLowerCase();
    if (q && (r.id + "\n" + r.text + "\n" + r.value).toLowerCase().indexOf(q) < 0) return false;
    return !NF.hooks.match || NF.hooks.match(r);
  }

  function apply() {
    current = data.rows.filter(matches);
    shown = PAGE;
    render();
  }

  function cell(tr, cls, text) {
    var td = document.createElement("td");
    td.className = cls;
    td.textContent = text == null ? "" : String(text);
    tr.appendChild(td);
    return td;
  }

  function rowElement(r) {
    var tr = document.createElement("tr");
    tr.dataset.id = r.id;
    tr.className = "row-" + r.kind;
    cell(tr, "id", r.id);
    cell(tr, "doc", data.docs[r.doc]);
    var chip = document.createElement("span");
    chip.className = "chip seg t-" + r.type;
    chip.textContent = r.type;
    cell(tr, "type", "").appendChild(chip);
    // Long sentences are clamped to a few lines; the full text is the tooltip.
    var clamp = document.createElement("div");
    clamp.className = "clamp";
    clamp.textContent = r.text;
    var td = cell(tr, "rtext", "");
    td.title = r.text;
    td.appendChild(clamp);
    cell(tr, "value", r.value);
    cell(tr, "method", r.method);
    var flags = cell(tr, "flags", "");
    r.flags.forEach(function (f) {
      var s = document.createElement("span");
      s.className = "flag flag-" + f;
      s.textContent = f;
      if (r.fd && r.fd[f]) s.title = r.fd[f];
      flags.appendChild(s);
    });
    if (NF.hooks.cells) NF.hooks.cells(r, tr);
    if (NF.selected === r.id) tr.classList.add("selected");
    return tr;
  }

  function render() {
    var frag = document.createDocumentFragment();
    current.slice(0, shown).forEach(function (r) { frag.appendChild(rowElement(r)); });
    tbody.textContent = "";
    tbody.appendChild(frag);
    var rest = current.length - Math.min(shown, current.length);
    more.hidden = rest <= 0;
    more.textContent = "show " + Math.min(rest, PAGE) + " more (" + rest + " not shown)";
    count.textContent = current.length + " of " + data.rows.length + " records";
  }

  function elementsOf(id) {
    return document.querySelectorAll('.documents [data-id="' + CSS.escape(id) + '"]');
  }

  // Highlight a record's span (a claim: its sentence, and its mentions as linked)
  // and scroll the first piece of it into view.
  function select(id, scrollRow) {
    lit.forEach(function (el) { el.classList.remove("active", "linked"); });
    lit = [];
    var old = tbody.querySelector("tr.selected");
    if (old) old.classList.remove("selected");
    NF.selected = id;
    var r = byId[id];
    var els = Array.prototype.slice.call(elementsOf(id));
    els.forEach(function (el) { el.classList.add("active"); lit.push(el); });
    (r ? r.mids : []).forEach(function (mid) {
      Array.prototype.forEach.call(elementsOf(mid), function (el) { el.classList.add("linked"); lit.push(el); });
    });
    var first = els[0] || lit[0];
    if (first) first.scrollIntoView({ block: "center", inline: "nearest" });
    var tr = tbody.querySelector('tr[data-id="' + CSS.escape(id) + '"]');
    if (tr) {
      tr.classList.add("selected");
      if (scrollRow) tr.scrollIntoView({ block: "nearest" });
    }
    if (history.replaceState) history.replaceState(null, "", "#r=" + encodeURIComponent(id));
  }

  tbody.addEventListener("click", function (e) {
    if (e.target.closest(".review-cell")) return;
    var tr = e.target.closest("tr");
    if (tr) select(tr.dataset.id, false);
  });
  document.querySelector(".documents").addEventListener("click", function (e) {
    var m = e.target.closest(".m");
    if (m) select(m.dataset.id, true);
  });
  more.addEventListener("click", function () {
    shown += PAGE;
    render();
  });
  [filters.type, filters.doc, filters.flag].forEach(function (s) { s.addEventListener("change", apply); });
  // Typing waits for a pause before filtering, so each key does not re-render the table.
  var typing = 0;
  filters.text.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(apply, 200);
  });

  fillFilters();
  apply();
  if (location.hash.indexOf("#r=") === 0) select(decodeURIComponent(location.hash.slice(3)), true);
})();

// The records list: filters, paging, one card per record, and the link from
// each card to its characters in the article text. Plain DOM, nothing fetched.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("nf-data").textContent);
  // Cards are rendered a page at a time so a big output stays responsive.
  var PAGE = 200;
  var list = document.getElementById("records");
  var more = document.getElementById("more");
  var count = document.getElementById("count");
  var back = document.getElementById("back");
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
  var twoPanes = window.matchMedia("(min-width: 700px)");

  // The review page plugs into these (cells: extra content per card; match: extra filter).
  var NF = (window.NF = { data: data, byId: byId, hooks: { cells: null, match: null }, apply: apply, render: render, select: select });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = String(text);
    return e;
  }

  function option(select, value, label) {
    var o = el("option", null, label);
    o.value = value;
    select.appendChild(o);
  }

  function fillFilters() {
    option(filters.type, "", "all");
    if (data.rows.some(function (r) { return r.kind === "claim"; })) option(filters.type, "claim", "claim");
    data.types.forEach(function (t) { option(filters.type, t, t); });
    option(filters.doc, "", "all");
    data.docs.forEach(function (d, i) { option(filters.doc, String(i), d.title); });
    var flags = {};
    data.rows.forEach(function (r) { r.flags.forEach(function (f) { flags[f] = true; }); });
    option(filters.flag, "", "all");
    option(filters.flag, "*", "any flag");
    Object.keys(flags).sort().forEach(function (f) { option(filters.flag, f, f.replace(/_/g, " ")); });
  }

  function matches(r) {
    if (filters.type.value && r.type !== filters.type.value) return false;
    if (filters.doc.value && String(r.doc) !== filters.doc.value) return false;
    var flag = filters.flag.value;
    if (flag === "*" && !r.flags.length) return false;
    if (flag && flag !== "*" && r.flags.indexOf(flag) < 0) return false;
    var q = filters.text.value.trim().toLowerCase();
    var doc = data.docs[r.doc];
    if (q && (r.id + "\n" + r.text + "\n" + r.value + "\n" + doc.title).toLowerCase().indexOf(q) < 0) return false;
    return !NF.hooks.match || NF.hooks.match(r);
  }

  function apply() {
    current = data.rows.filter(matches);
    shown = PAGE;
    render();
  }

  function detail(dl, term, value) {
    if (value == null || value === "" || (value.length === 0 && typeof value !== "string")) return;
    dl.appendChild(el("dt", null, term));
    dl.appendChild(el("dd", null, Array.isArray(value) ? value.join("\n") : value));
  }

  // One record: what it says in plain words, the words of the text, the article
  // it comes from; ids and how it was found behind "details".
  function card(r) {
    var li = el("li", "rec rec-" + r.kind);
    li.dataset.id = r.id;
    li.tabIndex = 0;
    var head = el("div", "rec-head");
    head.appendChild(el("span", "chip seg t-" + r.type, r.type));
    head.appendChild(el("span", "val", r.value || r.text));
    li.appendChild(head);
    var quote = el("blockquote", "quote clamp", r.text);
    quote.title = r.text;
    li.appendChild(quote);
    var src = el("p", "src");
    var doc = data.docs[r.doc];
    if (doc.url) {
      var a = el("a", null, doc.title);
      a.href = doc.url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      src.appendChild(a);
    } else {
      src.appendChild(el("span", null, doc.title));
    }
    if (doc.published) src.appendChild(el("span", "pub", " · " + doc.published));
    li.appendChild(src);
    if (r.flags.length) {
      var flags = el("p", "flags");
      r.flags.forEach(function (f) {
        var s = el("span", "flag flag-" + f, f.replace(/_/g, " "));
        if (r.fd && r.fd[f]) s.title = r.fd[f];
        flags.appendChild(s);
      });
      li.appendChild(flags);
    }
    var actions = el("div", "actions");
    var jump = el("button", "jump", "show in text");
    jump.type = "button";
    actions.appendChild(jump);
    li.appendChild(actions);
    var details = el("details", "ids");
    details.appendChild(el("summary", null, "details"));
    var dl = el("dl");
    detail(dl, "record id", r.id);
    detail(dl, "document id", doc.id);
    detail(dl, r.kind === "claim" ? "metric" : "found by", r.method);
    detail(dl, "mentions", r.mids);
    Object.keys(r.fd || {}).forEach(function (f) { detail(dl, f.replace(/_/g, " "), r.fd[f]); });
    details.appendChild(dl);
    li.appendChild(details);
    if (NF.hooks.cells) NF.hooks.cells(r, li);
    if (NF.selected === r.id) li.classList.add("selected");
    return li;
  }

  function render() {
    var frag = document.createDocumentFragment();
    current.slice(0, shown).forEach(function (r) { frag.appendChild(card(r)); });
    list.textContent = "";
    list.appendChild(frag);
    var rest = current.length - Math.min(shown, current.length);
    more.hidden = rest <= 0;
    more.textContent = "show " + Math.min(rest, PAGE) + " more (" + rest + " not shown)";
    count.textContent = current.length + " of " + data.rows.length + " records";
  }

  function elementsOf(id) {
    return document.querySelectorAll('.documents [data-id="' + CSS.escape(id) + '"]');
  }

  function cardOf(id) {
    return list.querySelector('li.rec[data-id="' + CSS.escape(id) + '"]');
  }

  // Highlight a record's span (a claim: its sentence, and its mentions as linked)
  // and scroll the first piece of it into view. `jump` (the "show in text"
  // button) also moves the keyboard focus there and offers the way back.
  function select(id, opts) {
    opts = opts || {};
    lit.forEach(function (e) { e.classList.remove("active", "linked"); });
    lit = [];
    var old = list.querySelector("li.selected");
    if (old) old.classList.remove("selected");
    NF.selected = id;
    var r = byId[id];
    var els = Array.prototype.slice.call(elementsOf(id));
    els.forEach(function (e) { e.classList.add("active"); lit.push(e); });
    (r ? r.mids : []).forEach(function (mid) {
      Array.prototype.forEach.call(elementsOf(mid), function (e) { e.classList.add("linked"); lit.push(e); });
    });
    var first = els[0] || lit[0];
    var li = cardOf(id);
    // Two panes: each scrolls to its side of the record. One column (a phone):
    // a tap only marks, and only the "show in text" jump moves the page.
    var panes = twoPanes.matches;
    if (li) {
      li.classList.add("selected");
      if (opts.scrollCard && panes) li.scrollIntoView({ block: "nearest" });
    }
    if (first && (panes || opts.jump)) first.scrollIntoView({ block: "center", inline: "nearest" });
    if (first && opts.jump) {
      first.tabIndex = -1;
      first.focus({ preventScroll: true });
    }
    back.hidden = !(opts.jump || (opts.scrollCard && !panes));
    if (history.replaceState) history.replaceState(null, "", "#r=" + encodeURIComponent(id));
  }

  // Controls inside a card keep their own clicks and keys.
  function onControl(target) {
    return !!target.closest("button, a, input, textarea, select, summary, details, .review");
  }

  list.addEventListener("click", function (e) {
    var li = e.target.closest("li.rec");
    if (!li) return;
    if (e.target.closest("button.jump")) return select(li.dataset.id, { jump: true });
    if (!onControl(e.target)) select(li.dataset.id, {});
  });
  list.addEventListener("keydown", function (e) {
    var li = e.target.closest("li.rec");
    if (!li || e.target !== li) return;
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      select(li.dataset.id, {});
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      var next = e.key === "ArrowDown" ? li.nextElementSibling : li.previousElementSibling;
      if (next) {
        e.preventDefault();
        next.focus();
      }
    }
  });
  document.querySelector(".documents").addEventListener("click", function (e) {
    var m = e.target.closest(".m");
    if (m) select(m.dataset.id, { scrollCard: true });
  });
  back.addEventListener("click", function () {
    back.hidden = true;
    var li = NF.selected && cardOf(NF.selected);
    if (li) {
      li.scrollIntoView({ block: "center" });
      li.focus({ preventScroll: true });
    }
  });
  more.addEventListener("click", function () {
    shown += PAGE;
    render();
  });
  [filters.type, filters.doc, filters.flag].forEach(function (s) { s.addEventListener("change", apply); });
  // Typing waits for a pause before filtering, so each key does not re-render the list.
  var typing = 0;
  filters.text.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(apply, 200);
  });

  // One column (a phone): the filters scroll away with the page, so once they
  // are out of view a button brings them back.
  var toFilters = document.getElementById("to-filters");
  var filterBar = document.querySelector(".filters");
  if (window.IntersectionObserver) {
    new IntersectionObserver(function (seen) {
      toFilters.hidden = seen[0].isIntersecting || twoPanes.matches;
    }).observe(filterBar);
  }
  toFilters.addEventListener("click", function () {
    filterBar.scrollIntoView({ block: "start" });
    filters.type.focus({ preventScroll: true });
  });

  fillFilters();
  apply();
  // A link to a record (#r=id); a mangled one must not stop the scripts after this.
  var linked = null;
  try {
    if (location.hash.indexOf("#r=") === 0) linked = decodeURIComponent(location.hash.slice(3));
  } catch (e) { /* not a record link: start at the top */ }
  if (linked) select(linked, { scrollCard: true });
})();

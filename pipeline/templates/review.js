// The review page: per record, verified / wrong / needs-check and a note, stored
// by the server in review.sqlite under the record's stable id.
(function () {
  "use strict";
  var NF = window.NF;
  var VERDICTS = ["verified", "wrong", "needs-check"];
  var verdicts = {};
  var filter = document.getElementById("filter-verdict");

  [["", "all"], ["none", "not reviewed"]].concat(VERDICTS.map(function (v) { return [v, v]; })).forEach(function (p) {
    var o = document.createElement("option");
    o.value = p[0];
    o.textContent = p[1];
    filter.appendChild(o);
  });
  filter.addEventListener("change", NF.apply);

  NF.hooks.match = function (r) {
    var want = filter.value;
    var v = verdicts[r.id];
    if (!want) return true;
    if (want === "none") return !v;
    return !!v && v.verdict === want;
  };

  function showState(tr, v) {
    tr.dataset.verdict = v ? v.verdict : "";
    Array.prototype.forEach.call(tr.querySelectorAll("button[data-verdict]"), function (b) {
      b.setAttribute("aria-pressed", String(!!v && b.dataset.verdict === v.verdict));
    });
    var note = tr.querySelector("input.note");
    if (note && document.activeElement !== note) note.value = v ? v.note || "" : "";
  }

  function status(tr, text, isError) {
    var s = tr.querySelector(".status");
    s.textContent = text;
    s.classList.toggle("error", !!isError);
  }

  function save(r, tr, verdict) {
    var note = tr.querySelector("input.note").value;
    status(tr, "saving…", false);
    fetch("/api/verdict", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ record_id: r.id, verdict: verdict, note: note }),
    })
      .then(function (res) {
        return res.json().then(function (body) { return { ok: res.ok, body: body }; });
      })
      .then(function (out) {
        if (!out.ok) throw new Error(out.body.error || "not saved");
        verdicts[r.id] = out.body.verdict;
        showState(tr, out.body.verdict);
        markText(r.id);
        status(tr, "saved", false);
      })
      .catch(function (err) { status(tr, "error: " + err.message, true); });
  }

  NF.hooks.cells = function (r, tr) {
    var td = document.createElement("td");
    td.className = "review-cell";
    VERDICTS.forEach(function (v) {
      var b = document.createElement("button");
      b.type = "button";
      b.dataset.verdict = v;
      b.textContent = v;
      b.addEventListener("click", function () { save(r, tr, v); });
      td.appendChild(b);
    });
    var note = document.createElement("input");
    note.className = "note";
    note.placeholder = "note";
    note.addEventListener("keydown", function (e) {
      if (e.key !== "Enter") return;
      var v = verdicts[r.id];
      if (v) save(r, tr, v.verdict);
      else status(tr, "choose a verdict first", true);
    });
    td.appendChild(note);
    var s = document.createElement("span");
    s.className = "status";
    td.appendChild(s);
    tr.appendChild(td);
    showState(tr, verdicts[r.id]);
  };

  // Underline reviewed spans in the text in the colour of their verdict.
  function markText(id) {
    var v = verdicts[id];
    Array.prototype.forEach.call(document.querySelectorAll('.documents [data-id="' + CSS.escape(id) + '"]'), function (el) {
      VERDICTS.forEach(function (x) { el.classList.remove("v-" + x); });
      if (v) el.classList.add("v-" + v.verdict);
    });
  }

  function showOrphans() {
    var gone = Object.keys(verdicts).filter(function (id) { return verdicts[id].status === "orphaned"; });
    if (!gone.length) return;
    var d = document.createElement("details");
    d.className = "orphans";
    var s = document.createElement("summary");
    s.textContent = gone.length + " verdicts on records no longer in this output (kept in review.sqlite)";
    d.appendChild(s);
    gone.forEach(function (id) {
      var p = document.createElement("p");
      p.textContent = id + ": " + verdicts[id].verdict + (verdicts[id].note ? " (" + verdicts[id].note + ")" : "");
      d.appendChild(p);
    });
    document.querySelector("header").appendChild(d);
  }

  fetch("/api/verdicts")
    .then(function (res) { return res.json(); })
    .then(function (all) {
      verdicts = all;
      Object.keys(verdicts).forEach(markText);
      showOrphans();
      NF.render();
      document.body.dataset.verdictsLoaded = "1";
    });
})();

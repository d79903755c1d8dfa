// The review page: per record a verdict (verified / wrong / needs check, or
// none) and a note, stored by the server in review.sqlite under the record's
// stable id, with who made it. A note is saved while it is typed (after a
// pause) and when the field is left; every card says whether it is saved.
(function () {
  "use strict";
  var NF = window.NF;
  var VERDICTS = ["verified", "wrong", "needs-check"];
  var LABELS = { verified: "verified", wrong: "wrong", "needs-check": "needs check" };
  var NOTE_PAUSE = 700; // ms of no typing before a note is saved
  var verdicts = {};
  var drafts = {}; // record id -> note typed but not yet saved (survives re-rendering)
  var queues = {}; // record id -> the chain of its saves, so they land in order
  var timers = {};
  var pending = 0;
  var filter = document.getElementById("filter-verdict");
  var reviewer = document.getElementById("reviewer");
  var KEY = "newsfacts-reviewer";

  try { reviewer.value = localStorage.getItem(KEY) || ""; } catch (e) { /* storage off: name per visit */ }
  reviewer.addEventListener("change", function () {
    try { localStorage.setItem(KEY, reviewer.value.trim()); } catch (e) { /* kept for this visit only */ }
  });

  [["", "all"], ["none", "not reviewed"]]
    .concat(VERDICTS.map(function (v) { return [v, LABELS[v]]; }))
    .concat([["changed", "record changed since its verdict"], ["note", "with a note"]])
    .forEach(function (p) {
      var o = document.createElement("option");
      o.value = p[0];
      o.textContent = p[1];
      filter.appendChild(o);
    });
  filter.addEventListener("change", NF.apply);

  // A verdict on a record that has changed since is not that verdict any more.
  function effective(v) {
    if (!v || !v.verdict) return "";
    return v.status === "changed" ? "changed" : v.verdict;
  }

  NF.hooks.match = function (r) {
    var want = filter.value;
    var v = verdicts[r.id];
    if (!want) return true;
    if (want === "none") return !effective(v);
    if (want === "note") return !!(v && v.note) || !!drafts[r.id];
    return effective(v) === want;
  };

  function cardOf(id) {
    return document.querySelector('#records li.rec[data-id="' + CSS.escape(id) + '"]');
  }

  function setState(id, text, cls) {
    var li = cardOf(id);
    var s = li && li.querySelector(".state");
    if (!s) return;
    s.textContent = text;
    s.className = "state" + (cls ? " " + cls : "");
  }

  function when(iso) {
    if (!iso) return "";
    var d = new Date(iso);
    return isNaN(d) ? iso : d.toLocaleString();
  }

  function showState(li, id) {
    var v = verdicts[id];
    var eff = effective(v);
    li.dataset.verdict = eff;
    li.classList.toggle("changed", eff === "changed");
    Array.prototype.forEach.call(li.querySelectorAll("button[data-verdict]"), function (b) {
      b.setAttribute("aria-pressed", String(!!v && b.dataset.verdict === v.verdict));
    });
    li.querySelector("button.clear").disabled = !(v && v.verdict);
    var note = li.querySelector("textarea.note");
    if (document.activeElement !== note) note.value = id in drafts ? drafts[id] : v ? v.note || "" : "";
    var who = li.querySelector(".who");
    who.textContent = v && v.verdict ? LABELS[v.verdict] + " " + when(v.decided) + (v.reviewer ? " by " + v.reviewer : "") : "";
    var badge = li.querySelector(".changed-badge");
    badge.hidden = eff !== "changed";
    badge.textContent = eff === "changed" ? "the record changed since it was marked " + LABELS[v.verdict] + ": check it again" : "";
  }

  // Send one change; `body` holds what changes (verdict and/or note).
  function send(id, body) {
    body.record_id = id;
    body.reviewer = reviewer.value.trim();
    pending += 1;
    setState(id, "saving…", "unsaved");
    var run = function () {
      return fetch("/api/verdict", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        keepalive: true,
      })
        .then(function (res) {
          return res.json().then(function (out) { return { ok: res.ok, out: out }; });
        })
        .then(function (got) {
          if (!got.ok) throw new Error(got.out.error || "not saved");
          verdicts[id] = got.out.verdict;
          if ("note" in body && drafts[id] === body.note) delete drafts[id];
          var li = cardOf(id);
          if (li) showState(li, id);
          markText(id);
          setState(id, id in drafts ? "unsaved changes" : "saved", id in drafts ? "unsaved" : "");
        })
        .catch(function (err) { setState(id, "not saved: " + err.message + " (retry by editing or leaving the note)", "error"); })
        .then(function () { pending -= 1; });
    };
    queues[id] = (queues[id] || Promise.resolve()).then(run);
    return queues[id];
  }

  function saveNote(id) {
    clearTimeout(timers[id]);
    delete timers[id];
    if (!(id in drafts)) return;
    send(id, { note: drafts[id] });
  }

  NF.hooks.cells = function (r, li) {
    var box = document.createElement("div");
    box.className = "review";
    var row = document.createElement("div");
    row.className = "verdicts";
    VERDICTS.forEach(function (v) {
      var b = document.createElement("button");
      b.type = "button";
      b.dataset.verdict = v;
      b.textContent = LABELS[v];
      b.addEventListener("click", function () {
        var body = { verdict: v };
        if (r.id in drafts) body.note = drafts[r.id];
        clearTimeout(timers[r.id]);
        send(r.id, body);
      });
      row.appendChild(b);
    });
    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "clear";
    clear.textContent = "clear verdict";
    clear.addEventListener("click", function () { send(r.id, { verdict: null }); });
    row.appendChild(clear);
    box.appendChild(row);
    var who = document.createElement("span");
    who.className = "who";
    box.appendChild(who);
    var badge = document.createElement("span");
    badge.className = "changed-badge";
    badge.hidden = true;
    box.appendChild(badge);
    var label = document.createElement("label");
    label.className = "notelabel";
    label.textContent = "note";
    var note = document.createElement("textarea");
    note.className = "note";
    note.rows = 2;
    note.maxLength = 10000;
    note.addEventListener("input", function () {
      drafts[r.id] = note.value;
      setState(r.id, "unsaved changes", "unsaved");
      clearTimeout(timers[r.id]);
      timers[r.id] = setTimeout(function () { saveNote(r.id); }, NOTE_PAUSE);
    });
    note.addEventListener("blur", function () { saveNote(r.id); });
    label.appendChild(note);
    box.appendChild(label);
    var state = document.createElement("span");
    state.className = "state";
    state.setAttribute("role", "status");
    box.appendChild(state);
    li.appendChild(box);
    showState(li, r.id);
    if (r.id in drafts) setState(r.id, "unsaved changes", "unsaved");
    else if (verdicts[r.id]) setState(r.id, "saved", "");
  };

  // Leaving with a note not yet sent: send it now, and ask the browser to warn.
  window.addEventListener("pagehide", function () { Object.keys(timers).forEach(saveNote); });
  window.addEventListener("beforeunload", function (e) {
    if (!Object.keys(drafts).length && !pending) return;
    Object.keys(timers).forEach(saveNote);
    e.preventDefault();
    e.returnValue = "";
  });

  // Underline reviewed spans in the text in the colour of their verdict.
  function markText(id) {
    var eff = effective(verdicts[id]);
    Array.prototype.forEach.call(document.querySelectorAll('.documents [data-id="' + CSS.escape(id) + '"]'), function (el) {
      VERDICTS.concat(["changed"]).forEach(function (x) { el.classList.remove("v-" + x); });
      if (eff) el.classList.add("v-" + eff);
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
      var v = verdicts[id];
      var p = document.createElement("p");
      p.textContent = id + ": " + (v.verdict || "no verdict") + (v.note ? " (" + v.note + ")" : "");
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

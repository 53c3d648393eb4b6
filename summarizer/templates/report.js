{% raw %}
"use strict";
// The report's only script. Article text is untrusted: every value reaches the page through
// textContent, createTextNode or a DOM property, never through an HTML parser.
(function () {
  const DATA = JSON.parse(document.getElementById("report-data").textContent);
  const ARTICLES = DATA.articles;
  const MEETINGS = DATA.meetings;
  const MODES = [["visit", "visit / hosted"], ["sidelines", "sidelines"], ["phone", "call"],
    ["other", "other"]];
  const KIND_NAMES = { quote: "quote", date: "date phrase", person: "participant",
    city: "city", country: "country", forum: "forum", topic: "topic", outcome: "agreement",
    background: "background", inconsistency: "inconsistency", boilerplate: "boilerplate",
    setaside: "set aside (written to a model)" };
  // Always shown in a source; the others (a city, a topic found by search) only when asked for.
  const AMBIENT = new Set(["quote", "date", "person", "outcome", "background", "inconsistency",
    "boilerplate", "setaside"]);
  const FIRST_CARDS = 30; // rendered at once; the rest follow in chunks so first paint is quick
  const CHUNK = 80;
  let texts = null; // the article texts, parsed the first time a source is opened
  let rendered = 0;
  const cards = [];
  const marks = [];
  const filters = { participant: "", country: "", forum: "" };

  function h(tag, props, children) {
    const el = document.createElement(tag);
    if (props) {
      for (const key of Object.keys(props)) {
        if (key === "class") el.className = props[key];
        else if (key === "text") el.textContent = props[key];
        else if (key === "on") el.addEventListener("click", props[key]);
        else el[key] = props[key];
      }
    }
    for (const child of children || []) {
      if (child === null || child === undefined || child === false) continue;
      el.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return el;
  }

  function modeClass(mode) {
    return mode === "hosted" ? "visit" : (mode || "other");
  }

  function day(iso) {
    const [y, m, d] = iso.split("-").map(Number);
    return Date.UTC(y, m - 1, d);
  }

  function place(m) {
    return [m.city, m.country].filter(Boolean).join(", ");
  }

  function names(m) {
    return m.participants.map((p) => p.name).join(" – ");
  }

  // ---- filters -----------------------------------------------------------------------
  function countriesOf(m) {
    const out = new Set(m.participants.map((p) => p.country).filter(Boolean));
    if (m.country) out.add(m.country);
    return out;
  }

  function matches(m) {
    if (filters.participant && !m.participants.some((p) => p.name === filters.participant ||
        p.spellings.includes(filters.participant))) return false;
    if (filters.country && !countriesOf(m).has(filters.country)) return false;
    if (filters.forum && m.forum !== filters.forum) return false;
    return true;
  }

  function fillSelect(id, values, key) {
    const select = document.getElementById(id);
    for (const value of Array.from(values).sort()) {
      select.appendChild(h("option", { value: value, text: value }));
    }
    select.addEventListener("change", () => { filters[key] = select.value; applyFilters(); });
  }

  function setUpFilters() {
    const people = new Set(), countries = new Set(), forums = new Set();
    for (const m of MEETINGS) {
      m.participants.forEach((p) => people.add(p.name));
      countriesOf(m).forEach((c) => countries.add(c));
      if (m.forum) forums.add(m.forum);
    }
    fillSelect("f-participant", people, "participant");
    fillSelect("f-country", countries, "country");
    fillSelect("f-forum", forums, "forum");
    document.getElementById("f-clear").addEventListener("click", () => {
      for (const key of Object.keys(filters)) filters[key] = "";
      for (const id of ["f-participant", "f-country", "f-forum"]) {
        document.getElementById(id).value = "";
      }
      applyFilters();
    });
  }

  function applyFilters() {
    let shown = 0;
    MEETINGS.forEach((m, i) => {
      const ok = matches(m);
      if (ok) shown += 1;
      if (marks[i]) marks[i].classList.toggle("dim", !ok);
      if (cards[i]) cards[i].classList.toggle("hidden", !ok);
    });
    document.getElementById("f-count").textContent =
      shown === MEETINGS.length ? "" : shown + " of " + MEETINGS.length + " meetings";
  }

  // ---- timeline ----------------------------------------------------------------------
  function drawTimeline() {
    const legend = document.getElementById("legend");
    for (const [mode, label] of MODES) {
      legend.appendChild(h("span", {}, [h("i", { class: "m-" + mode }), label]));
    }
    legend.appendChild(h("span", { text: "dot: a day · bar: a range · pale band: only the month is known" }));
    const dated = [], undated = [];
    MEETINGS.forEach((m, i) => (m.date.start ? dated : undated).push(i));
    const box = document.getElementById("timeline");
    if (!dated.length) {
      box.appendChild(h("p", { class: "muted", text: "No dated meeting." }));
    } else {
      let lo = Math.min(...dated.map((i) => day(MEETINGS[i].date.start)));
      let hi = Math.max(...dated.map((i) => day(MEETINGS[i].date.end || MEETINGS[i].date.start)));
      const pad = Math.max(20 * 864e5, (hi - lo) * 0.04);
      lo -= pad; hi += pad;
      const x = (t) => ((t - lo) / (hi - lo)) * 100;
      drawTicks(box, lo, hi, x);
      const width = box.clientWidth || 1000;
      const labelled = dated.length <= 60; // a city label beside each mark while there is room
      const laneEnds = [];
      const MAX_LANES = 24;
      for (const i of dated) {
        const m = MEETINGS[i];
        const start = x(day(m.date.start));
        const end = Math.max(x(day(m.date.end || m.date.start) + 864e5), start + 1200 / width);
        const label = labelled ? (m.city || m.country || "") : "";
        const reach = Math.max(end, start) * width / 100 + (label ? 8 + label.length * 7.5 : 4);
        let lane = laneEnds.findIndex((e) => e < (start * width) / 100);
        if (lane < 0) lane = laneEnds.length < MAX_LANES ? laneEnds.length : MAX_LANES - 1;
        laneEnds[lane] = Math.max(laneEnds[lane] || 0, reach);
        const mark = h("button", {
          type: "button",
          class: "mark m-" + modeClass(m.mode) + " " + m.date.precision,
          on: () => showCard(i),
        });
        mark.setAttribute("aria-label", m.date.words + ": " + names(m) + ", " + place(m));
        mark.dataset.meeting = m.id;
        mark.style.left = start + "%";
        mark.style.width = (end - start) + "%";
        mark.style.top = (26 + lane * 22) + "px";
        mark.addEventListener("mouseenter", (e) => tip(e, m));
        mark.addEventListener("mousemove", (e) => tip(e, m));
        mark.addEventListener("mouseleave", () => { document.getElementById("tip").hidden = true; });
        if (label) mark.appendChild(h("span", { class: "mark-label", text: label }));
        if (start > 80) mark.classList.add("flip"); // its label goes left, inside the box
        marks[i] = mark;
        box.appendChild(mark);
      }
      box.style.height = (26 + laneEnds.length * 22 + 8) + "px";
    }
    if (undated.length) {
      const list = document.getElementById("undated");
      list.appendChild(document.createTextNode("Date unknown: "));
      for (const i of undated) {
        const m = MEETINGS[i];
        const link = h("button", { type: "button", text: names(m) + (place(m) ? ", " + place(m) : ""),
          on: () => showCard(i) });
        marks[i] = link;
        list.appendChild(link);
      }
    }
  }

  function drawTicks(box, lo, hi, x) {
    const first = new Date(lo), last = new Date(hi);
    const years = last.getUTCFullYear() - first.getUTCFullYear();
    const step = years > 12 ? 12 * Math.ceil(years / 12) : years > 3 ? 12 : years >= 1 ? 3 : 1;
    let y = first.getUTCFullYear(), mo = first.getUTCMonth() + 1;
    for (; Date.UTC(y, mo - 1, 1) <= hi; mo += 1) {
      if (mo > 12) { mo = 1; y += 1; }
      const t = Date.UTC(y, mo - 1, 1);
      if (t < lo || (mo - 1) % step !== 0) continue;
      const label = mo === 1 ? String(y) : new Date(t).toLocaleString("en", { month: "short", timeZone: "UTC" });
      const tick = h("span", { class: "tick" + (mo === 1 ? " year" : ""), text: label });
      tick.style.left = x(t) + "%";
      box.appendChild(tick);
    }
  }

  function tip(event, m) {
    const box = document.getElementById("tip");
    box.replaceChildren(
      h("div", { text: names(m) }),
      h("div", { text: m.date.words + (m.date.precision !== "day" ? " (" + m.date.precision + ")" : "") }),
      h("div", { text: [place(m), m.forum, m.mode].filter(Boolean).join(" · ") }),
      h("div", { text: m.participants.map((p) => [p.name, p.role, p.country].filter(Boolean).join(", ")).join("; ") }),
    );
    box.hidden = false;
    box.style.left = Math.min(event.clientX + 12, window.innerWidth - 360) + "px";
    box.style.top = (event.clientY + 14) + "px";
  }

  // ---- cards -------------------------------------------------------------------------
  function chips(refs, caption) {
    return refs.map(([aid, idx]) => {
      const a = ARTICLES[aid];
      const chip = h("button", {
        type: "button",
        class: "chip" + (idx.length ? "" : " no-span"),
        text: a ? a.short : aid,
        title: (a && a.headline ? a.headline + " — " : "") + aid +
          (idx.length ? "" : " (no exact words to highlight)"),
        on: () => openSource(aid, idx, caption),
      });
      chip.dataset.article = aid;
      return chip;
    });
  }

  function values(list, caption) {
    if (!list.length) return [h("span", { class: "muted", text: "not stated" })];
    return list.map((v) => h("span", { class: "value" }, [v.value, ...chips(v.refs, caption + ": " + v.value)]));
  }

  function card(m) {
    const badges = [h("span", { class: "badge", text: m.mode })];
    if (m.forum) badges.push(h("span", { class: "badge", text: m.forum }));
    badges.push(h("span", { class: "badge", text: m.sources.length + " source(s)" }));
    if (m.change) badges.push(h("span", { class: "badge " + m.change, text: m.change }));
    if (m.conflicts.length) badges.push(h("span", { class: "badge warn", text: m.conflicts.length + " conflict(s)" }));
    if (m.inconsistencies.length) {
      badges.push(h("span", { class: "badge warn", text: m.inconsistencies.length + " inconsistency(ies)" }));
    }
    const facts = h("dl", { class: "facts" });
    const row = (label, content) => { facts.append(h("dt", { text: label }), h("dd", {}, content)); };
    row("Participants", m.participants.map((p) => h("span", { class: "value" }, [
      h("strong", { text: p.name }),
      [p.role, p.country].filter(Boolean).length ? " (" + [p.role, p.country].filter(Boolean).join(", ") + ")" : "",
      p.spellings.length ? " also " + p.spellings.join(", ") : "",
      ...chips(p.refs, p.name),
    ])));
    row("Date", [h("span", { class: "value", text: m.date.words + " · " + m.date.precision +
      (m.date.phrase ? " · “" + m.date.phrase + "”" : "") + " · " + m.date.basis })]
      .concat(h("div", {}, values(m.fields.date, "date"))));
    row("City", values(m.fields.city, "city"));
    row("Country", values(m.fields.country, "country"));
    row("Forum", values(m.fields.forum, "forum"));
    row("Mode", values(m.fields.mode, "mode"));
    row("Topics", values(m.topics, "topic"));
    if (m.outcomes.length) row("Agreed", values(m.outcomes, "agreement"));
    const body = [
      h("div", { class: "card-head" }, [
        h("span", { class: "card-date", text: m.date.words }),
        h("h2", { text: names(m) + (place(m) ? " · " + place(m) : "") }),
        ...badges,
      ]),
      ...m.diff.map((line) => h("div", { class: "diff", text: "changed: " + line })),
      h("p", { class: "summary" }, [m.summary, " ",
        h("span", { class: "muted small", text: m.summaryBy === "template" ? "(template summary)" : "(summary: " + m.summaryBy + ")" })]),
      facts,
    ];
    if (m.conflicts.length) {
      body.push(h("h3", { text: "Sources disagree" }));
      for (const c of m.conflicts) {
        body.push(h("div", { class: "conflict" }, [
          h("strong", { text: c.field + ": " }), ...values(c.values, c.field),
          h("div", { class: "muted small", text: "shown: " + c.chosen }),
        ]));
      }
    }
    if (m.inconsistencies.length) {
      body.push(h("h3", { text: "Inconsistencies" }));
      for (const i of m.inconsistencies) {
        body.push(h("div", { class: "conflict" }, [i.problem, ...chips(i.refs, "inconsistency: " + i.problem),
          h("div", { class: "muted small", text: "“" + i.text + "”" })]));
      }
    }
    if (m.statements.length) {
      body.push(h("h3", { text: "Statements" }));
      for (const s of m.statements) {
        body.push(h("div", { class: "statement" }, [
          h("q", { text: s.quote }),
          h("div", { class: "who" }, ["— " + s.speaker + (s.byParticipant ? "" : " (not a participant)"),
            ...chips(s.refs, "quote by " + s.speaker)]),
        ]));
      }
    }
    body.push(h("h3", { text: "Sources" }));
    body.push(h("ul", { class: "small" }, m.sources.map((aid) => {
      const a = ARTICLES[aid] || {};
      return h("li", {}, [...chips([[aid, []]], "article"), " " + [a.outlet || "outlet not stated",
        a.published || "undated", a.headline || aid].join(" · ")]);
    })));
    if (m.notes.length) {
      body.push(h("h3", { text: "Notes" }), h("ul", { class: "small" }, m.notes.map((n) => h("li", { text: n }))));
    }
    const el = h("article", { class: "card mode-" + modeClass(m.mode), id: "m-" + m.id }, body);
    el.dataset.meeting = m.id;
    return el;
  }

  function renderUpTo(n) {
    const box = document.getElementById("cards");
    const end = Math.min(n, MEETINGS.length);
    const frag = document.createDocumentFragment();
    for (; rendered < end; rendered += 1) {
      const el = card(MEETINGS[rendered]);
      if (!matches(MEETINGS[rendered])) el.classList.add("hidden");
      cards[rendered] = el;
      frag.appendChild(el);
    }
    box.appendChild(frag);
  }

  function renderRest() {
    if (rendered >= MEETINGS.length) { document.body.dataset.ready = "true"; return; }
    renderUpTo(rendered + CHUNK);
    setTimeout(renderRest, 0);
  }

  function showCard(i) {
    renderUpTo(i + 1);
    const el = cards[i];
    el.scrollIntoView({ block: "start" });
    el.classList.add("flash");
    setTimeout(() => el.classList.remove("flash"), 1500);
    history.replaceState(null, "", "#meeting=" + encodeURIComponent(MEETINGS[i].id));
  }

  // ---- what changed, and what is not on the timeline -----------------------------------
  function listSection(parent, title, items, empty) {
    const section = h("section", {}, [h("h3", { text: title })]);
    section.appendChild(items.length ? h("ul", {}, items) : h("p", { class: "muted small", text: empty }));
    parent.appendChild(section);
  }

  function drawChanges() {
    const c = DATA.changes;
    if (!c.at) return;
    const box = document.getElementById("changes");
    box.hidden = false;
    box.appendChild(h("h3", { text: "What changed in the last run (" + c.at + ")" }));
    const line = [c.briefed + " article(s) briefed", c.reused + " reused",
      c.removedSources.length + " removed", DATA.failed.length + " failed"].join(", ");
    box.appendChild(h("p", { class: "small", text: line }));
    const byId = new Map(MEETINGS.map((m, i) => [m.id, i]));
    const items = [];
    const link = (id, label) => byId.has(id)
      ? h("button", { type: "button", class: "chip", text: label + ": " + id, on: () => showCard(byId.get(id)) })
      : h("span", { text: label + ": " + id });
    c.added.forEach((id) => items.push(h("li", {}, [link(id, "new")])));
    c.changed.forEach((id) => items.push(h("li", {}, [link(id, "changed")])));
    c.removed.forEach((id) => items.push(h("li", { text: "removed: " + id })));
    box.appendChild(items.length ? h("ul", { class: "small" }, items)
      : h("p", { class: "muted small", text: "No meeting was added, removed or changed." }));
  }

  function drawApart() {
    const box = document.getElementById("apart");
    listSection(box, "Announced meetings (not held yet; not on the timeline)", DATA.announced.map((a) =>
      h("li", {}, [a.participants.join(" – ") + " · " + a.date.words + " · " +
        [a.city, a.country, a.forum].filter(Boolean).join(", "), ...chips([[a.article, []]], "announced meeting")])),
      "None.");
    listSection(box, "Articles reporting no meeting", DATA.noMeeting.map((aid) =>
      h("li", {}, [...chips([[aid, []]], "article"), " " + (ARTICLES[aid].headline || aid) + " — " +
        ARTICLES[aid].summary])), "None.");
    listSection(box, "Failed articles", DATA.failed.map((f) => h("li", { text: f.error })), "None.");
  }

  // ---- the source view ---------------------------------------------------------------
  function openSource(aid, focus, caption) {
    const a = ARTICLES[aid];
    const panel = document.getElementById("source");
    document.getElementById("source-title").textContent = (a && a.headline) || aid;
    document.getElementById("source-meta").textContent = [aid, a && a.outlet, a && a.published]
      .filter(Boolean).join(" · ");
    const view = document.getElementById("source-text");
    view.replaceChildren();
    const legend = document.getElementById("source-legend");
    legend.replaceChildren();
    if (texts === null) texts = JSON.parse(document.getElementById("report-texts").textContent);
    const text = texts[aid];
    const where = focus.map((i) => a.marks[i]).filter(Boolean);
    document.getElementById("source-focus").textContent = text === undefined ? ""
      : where.length ? "Highlighted: " + caption + " (characters " +
        where.map((k) => k[0] + "–" + k[1]).join(", ") + ")"
      : caption === "article" ? "" : "No exact words to highlight for " + caption +
        " (the article words it differently, or code decided it).";
    if (text === undefined) {
      view.appendChild(h("p", { class: "muted", text: "The article text is not available: its file " +
        "was moved or changed after it was briefed. Re-run to refresh it." }));
    } else {
      const shown = a.marks.map((k, i) => (AMBIENT.has(k[2]) || focus.includes(i) ? k : null));
      renderText(view, legend, text, shown, new Set(focus));
    }
    panel.hidden = false;
    panel.dataset.article = aid;
    document.body.classList.add("with-source"); // wide screens keep the cards beside it
    history.replaceState(null, "", "#source=" + encodeURIComponent(aid) + "&marks=" + focus.join(","));
    const first = view.querySelector(".focus");
    if (first) first.scrollIntoView({ block: "center" });
    else view.scrollTop = 0;
  }

  function renderText(view, legend, text, list, focus) {
    const speakers = new Map();
    for (const k of list) {
      if (k && k[2] === "quote" && !speakers.has(k[3])) speakers.set(k[3], speakers.size % 6);
    }
    const kinds = new Set(list.filter(Boolean).map((k) => k[2]));
    for (const kind of Object.keys(KIND_NAMES)) {
      if (kind === "quote" || !kinds.has(kind)) continue;
      legend.appendChild(h("span", { class: "k-" + kind, text: KIND_NAMES[kind] }));
    }
    for (const [speaker, n] of speakers) {
      legend.appendChild(h("span", { class: "q" + n, text: "“” " + speaker }));
    }
    const cuts = new Set([0, text.length]);
    for (const k of list) { if (k) { cuts.add(k[0]); cuts.add(k[1]); } }
    const points = Array.from(cuts).sort((p, q) => p - q);
    const frag = document.createDocumentFragment();
    for (let n = 0; n + 1 < points.length; n += 1) {
      const from = points[n], to = points[n + 1];
      const piece = text.slice(from, to);
      const over = [];
      list.forEach((k, i) => { if (k && k[0] <= from && to <= k[1]) over.push(i); });
      if (!over.length) { frag.appendChild(document.createTextNode(piece)); continue; }
      const classes = [], labels = [];
      for (const i of over) {
        const k = list[i];
        classes.push("k-" + k[2]);
        if (k[2] === "quote") classes.push("q" + speakers.get(k[3]));
        labels.push(KIND_NAMES[k[2]] + ": " + k[3]);
        if (focus.has(i)) classes.push("focus");
      }
      const span = h("span", { class: classes.join(" "), text: piece, title: labels.join("\n") });
      span.dataset.marks = over.join(" ");
      frag.appendChild(span);
    }
    view.appendChild(frag);
  }

  function closeSource() {
    document.getElementById("source").hidden = true;
    document.body.classList.remove("with-source");
    history.replaceState(null, "", location.pathname);
  }

  // ---- start -------------------------------------------------------------------------
  function start() {
    const sources = Object.keys(ARTICLES).length;
    const conflicted = MEETINGS.filter((m) => m.conflicts.length).length;
    document.getElementById("stats").textContent = MEETINGS.length + " meeting(s) from " + sources +
      " article(s)" + (conflicted ? " · " + conflicted + " with conflicting sources" : "") +
      " · generated " + DATA.generated;
    setUpFilters();
    drawChanges();
    drawTimeline();
    renderUpTo(FIRST_CARDS);
    drawApart();
    document.getElementById("source-close").addEventListener("click", closeSource);
    document.addEventListener("keydown", (e) => { if (e.key === "Escape") closeSource(); });
    const hash = new URLSearchParams(location.hash.slice(1));
    if (hash.get("source") && ARTICLES[hash.get("source")]) {
      const focus = (hash.get("marks") || "").split(",").filter(Boolean).map(Number);
      openSource(hash.get("source"), focus, "the linked words");
    } else if (hash.get("meeting")) {
      const i = MEETINGS.findIndex((m) => m.id === hash.get("meeting"));
      if (i >= 0) showCard(i);
    }
    setTimeout(renderRest, 0);
  }

  start();
})();
{% endraw %}

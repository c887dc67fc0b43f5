/* einfluence dashboard: small progressive enhancements over server-rendered pages.
   Figures (plotly.js served by einfluence), sortable tables, jobs with a progress bar. Pages
   work without it for reading; jobs need it. */
(() => {
  "use strict";
  const root = document.documentElement;
  const ws = document.body.dataset.workspace;
  const labels = JSON.parse(document.getElementById("web-labels")?.textContent || "{}");
  const L = (key, fallback) => labels[key] || fallback || key;
  const api = (path) => `/api/v1/workspaces/${encodeURIComponent(ws)}${path}`;

  function csrf() {
    const m = document.cookie.match(/(?:^|;\s*)einfluence_csrf=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : "";
  }
  async function call(method, url, body, isForm) {
    const headers = { "X-CSRF-Token": csrf(), "Accept": "application/json" };
    if (body !== undefined && !isForm) headers["Content-Type"] = "application/json";
    const response = await fetch(url, { method, headers, credentials: "same-origin",
      body: body === undefined ? undefined : (isForm ? body : JSON.stringify(body)) });
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    return { status: response.status, data };
  }
  // a text of the catalogue with its values ({n} and {n_...} are numbers, {key, values} a text
  // said within it); null when the page was not given the key (the server's English is shown then)
  function say(key, values) {
    if (!key || !(key in labels)) return null;
    return labels[key].replace(/\{(\w+)\}/g, (_, name) => {
      const value = (values || {})[name];
      if (value == null) return "";
      // a text within the text (which object of a file, a kind of the data), said the same way
      if (typeof value === "object") return value.key ? (say(value.key, value.values) ?? "") : "";
      return name === "n" || name.startsWith("n_") ? Number(value).toLocaleString(root.lang || "en") : String(value);
    });
  }
  // an import error names the file, the line and the field, then why (its common reasons in the
  // page's language); other problems as the API says them
  function problemText(data, status) {
    if (!data) return `HTTP ${status}`;
    if (data.reason != null && labels["input.file"]) {
      const where = [];
      if (data.file) where.push(say("input.file", { file: data.file }));
      if (data.line != null) where.push(say("input.line", { line: data.line }));
      if (data.field) where.push(say("input.field", { field: data.field }));
      const values = { ...(data.reason_values || {}) };
      const value = values.value; delete values.value;
      let why = say(data.reason_key, values);
      why = why == null ? data.reason : why + (value != null ? L("input.colon") + value : "");
      return where.length ? where.join(", ") + L("input.colon") + why : why;
    }
    let text = data.detail || data.title || `HTTP ${status}`;
    if (data.field) text += ` (${data.field})`;
    return text;
  }
  function stageText(job) { return say(job.stage_key, job.stage_values) ?? job.stage; }
  window.einfluence = { call, api, csrf, L, say, problemText, stageText };

  // sign out: the API forgets the session and its cookies
  document.getElementById("sign-out")?.addEventListener("click", async () => {
    await call("POST", "/api/v1/logout");
    location.href = "/";
  });

  // the workspace list in the header
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    select.addEventListener("change", () => select.form.submit());
  }

  // figures: drawn from their JSON with the served plotly.js; the page is marked ready after
  // plotly's dates and buttons in French (plotly.js ships English only)
  const FRENCH = { moduleType: "locale", name: "fr", dictionary: {
      "Autoscale": "Échelle automatique", "Box Select": "Sélection rectangulaire", "Download plot as a png": "Télécharger en PNG",
      "Pan": "Déplacer", "Reset axes": "Réinitialiser les axes", "Zoom": "Zoom", "Zoom in": "Zoom avant", "Zoom out": "Zoom arrière",
      "Lasso Select": "Sélection lasso", "Reset view": "Réinitialiser la vue" },
    format: { days: ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
      shortDays: ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
      months: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
      shortMonths: ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
      date: "%d/%m/%Y", decimal: ",", thousands: "\u202f" } };
  async function drawFigures() {
    const specs = document.querySelectorAll("script[data-figure]");
    if (specs.length && typeof Plotly !== "undefined") {
      const lang = document.documentElement.lang;
      if (lang === "fr") Plotly.register(FRENCH);
      const drawn = [];
      for (const spec of specs) {
        const fig = JSON.parse(spec.textContent);
        drawn.push(Plotly.newPlot(spec.dataset.figure, fig.data, fig.layout, { displaylogo: false, responsive: true, locale: lang }));
      }
      await Promise.all(drawn);
    }
  }

  // a notice of a run being computed: look again in a few seconds
  for (const note of document.querySelectorAll("[data-refresh]")) {
    setTimeout(() => location.reload(), 1000 * Number(note.dataset.refresh || 3));
  }

  // sortable tables: <table data-sortable>, <th data-sort="number|text"> (cells may carry data-value)
  for (const table of document.querySelectorAll("table[data-sortable]")) {
    const heads = [...table.tHead.rows[0].cells];
    heads.forEach((th, col) => {
      if (!th.dataset.sort) return;
      const button = document.createElement("button");
      button.className = "sort"; button.type = "button";
      button.innerHTML = th.innerHTML; th.innerHTML = ""; th.appendChild(button);
      button.addEventListener("click", () => {
        const descending = th.getAttribute("aria-sort") !== "descending";
        heads.forEach((h) => h.removeAttribute("aria-sort"));
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        const rows = [...table.tBodies[0].rows];
        const key = (row) => {
          const cell = row.cells[col];
          const raw = cell.dataset.value ?? cell.textContent.trim();
          return th.dataset.sort === "number" ? Number(raw) : raw.toLowerCase();
        };
        rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (descending ? -1 : 1));
        for (const row of rows) table.tBodies[0].appendChild(row);
      });
    });
  }

  // jobs: follow one until it ends, showing its stage and percentage
  async function follow(job, bar, status) {
    for (;;) {
      if (bar) bar.value = job.percent ?? bar.value;
      if (status) status.textContent = `${L("web.job", "job")} #${job.job_id} · ${L("web.state." + job.state, job.state)}` +
        (job.stage ? ` · ${stageText(job)}` : "") + (job.percent != null ? ` · ${Math.round(job.percent)} %` : "");
      if (["succeeded", "failed", "cancelled"].includes(job.state)) return job;
      await new Promise((r) => setTimeout(r, 400));
      const answer = await call("GET", api(`/jobs/${job.job_id}`));
      if (answer.status !== 200) throw new Error(problemText(answer.data, answer.status));
      job = answer.data;
    }
  }
  window.einfluence.follow = follow;

  // forms that start a job: data-endpoint, data-method, data-body (a function name building the body)
  for (const form of document.querySelectorAll("form[data-job]")) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const out = form.querySelector("[data-job-status]");
      const bar = form.querySelector("progress");
      const error = form.querySelector("[data-job-error]");
      const button = form.querySelector("button[type=submit]");
      error.hidden = true; error.textContent = "";
      button.disabled = true;
      try {
        const build = window.einfluenceBodies?.[form.dataset.job];
        const { url, body, isForm, method } = build(form);
        const answer = await call(method || "POST", url, body, isForm);
        if (![200, 201, 202].includes(answer.status)) throw new Error(problemText(answer.data, answer.status));
        if (bar) bar.hidden = false;
        const job = answer.data && answer.data.job_id ? await follow(answer.data, bar, out) : answer.data;
        if (job.state && job.state !== "succeeded") {
          throw new Error(job.error ? problemText(job.error, job.error.status) : L("web.state." + job.state, job.state));
        }
        const done = window.einfluenceDone?.[form.dataset.job];
        if (done) done(job, form); else location.reload();
      } catch (err) {
        error.textContent = `${L("web.problem", "Problem:")} ${err.message}`;
        error.hidden = false;
        error.focus();
      } finally {
        button.disabled = false;
      }
    });
  }

  window.addEventListener("load", async () => {
    try {
      await drawFigures();
      if (window.einfluenceReady) await window.einfluenceReady();
      root.dataset.ready = "1";
    } catch (err) {
      root.dataset.error = String(err);
      console.error(err);
    }
  });
})();

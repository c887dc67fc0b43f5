/* The Opinion page's forms: their fields as the API's SettleIn, TippingIn and ConvertIn, run as a
   job by dashboard.js (data-job="opinion"), then the answer shown. Only the fields of the chosen
   question are enabled (the others' fieldsets are disabled, so FormData leaves them out). */
(() => {
  const { api } = window.einfluence;
  const form = document.getElementById("opinion-form");

  function body(form) {
    const f = new FormData(form);
    const text = (k) => (f.get(k) == null ? "" : String(f.get(k)).trim());
    const number = (k) => (text(k) === "" ? undefined : Number(text(k)));
    const question = text("analysis");
    const out = { brand: text("brand") || undefined, community_run: number("community_run") };
    if (question === "settle") {
      Object.assign(out, { model: text("settle_model") || undefined, susceptibility: number("susceptibility"),
        epsilon: number("epsilon"), steps: number("steps"), communities: number("communities") });
      const accounts = text("convert").split(/[\s,;]+/).filter(Boolean);
      if (accounts.length) out.convert = accounts;
    } else if (question === "tipping") {
      Object.assign(out, { model: text("tipping_model") || undefined, community: number("community"),
        detractors: text("side") === "b", choose: text("choose") || undefined, undecided: text("undecided") || undefined,
        max_share: number("max_share"), runs: number("runs"), horizon: number("horizon"), q: number("q"),
        seed: number("seed"), by_community: f.get("by_community") != null });
    } else {
      Object.assign(out, { k: number("k"), community: number("community"), susceptibility: number("susceptibility") });
    }
    return { url: api(`/opinion/${question}`), body: out };
  }

  window.einfluenceBodies = { opinion: body };
  window.einfluenceDone = { opinion(job, sent) {
    // the answer, shown in its section (the other sections keep what they showed)
    const question = new FormData(sent).get("analysis");
    const id = job.result && job.result.plan_id;
    const query = new URLSearchParams(location.search);
    for (const key of ["use", "before"]) query.delete(key);
    if (id) query.set(question, id);
    query.set("question", question);  // the form stays on the question asked
    location.href = `${location.pathname}?${query}#${question}`;
  } };

  // only the fields of the chosen question
  function show() {
    const question = new FormData(form).get("analysis");
    for (const group of form.querySelectorAll("fieldset[data-for]")) {
      const on = group.dataset.for.split(" ").includes(question);
      group.hidden = !on;
      group.disabled = !on;
    }
  }
  if (form) {
    for (const radio of form.querySelectorAll("input[name=analysis]")) radio.addEventListener("change", show);
    show();
  }
})();

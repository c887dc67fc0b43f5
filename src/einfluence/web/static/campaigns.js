/* The campaign planner's form: its fields as the API's PlanIn, run as a job, then the plan shown. */
(() => {
  const { L, api } = window.einfluence;
  window.einfluenceBodies = { plan(form) {
    const f = new FormData(form);
    const number = (k) => (f.get(k) === "" || f.get(k) == null ? undefined : Number(f.get(k)));
    const body = { budget: number("budget"), novelty: number("novelty"), base_fee: number("base_fee"),
      per_thousand: number("per_thousand"), model: f.get("model"), blanket_kind: f.get("blanket_kind"),
      simulations: number("simulations") };
    const message = [f.get("brand"), f.get("message")].filter(Boolean).join(" ").trim();
    if (message) body.message = message;
    if (f.get("topic")) body.topic = f.get("topic");
    const target = f.get("target") || "";
    if (target.startsWith("community:")) body.community = Number(target.slice(10));
    else if (target.startsWith("audience:")) body.audience = target.slice(9);
    if (f.get("shortlist")) { delete body.community; delete body.audience; body.shortlist = f.get("shortlist"); }
    const costs = (f.get("costs") || "").trim();
    if (costs) {
      body.costs = {};
      for (const line of costs.split(/\n+/)) {
        const [who, value] = line.split(/[,;\t]/).map((s) => s.trim());
        if (!who || !(Number(value) >= 0)) throw new Error(`${L("web.plan.costs_bad")} ${line}`);
        body.costs[who] = Number(value);
      }
    }
    return { url: api("/plans"), body };
  } };
  window.einfluenceDone = { plan(job) {
    const id = job.result && job.result.plan_id;
    location.href = id ? `?plan=${id}` : location.pathname;
  } };
})();

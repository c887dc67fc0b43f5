/* The leaderboard's shortlists: tick rows, save them under a name in the workspace (the API's
   PUT /shortlists/{name}, with the ranking's filters they were picked from); remove one. */
window.addEventListener("DOMContentLoaded", () => {
  const { L, api, call, problemText } = window.einfluence;
  const form = document.getElementById("shortlist-form");
  const status = document.getElementById("short-status");
  const error = document.getElementById("short-error");
  function fail(message) {
    if (!error) return;
    error.textContent = `${L("web.problem", "Problem:")} ${message}`;
    error.hidden = false; error.focus();
  }
  form?.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true; status.textContent = "";
    const accounts = [...document.querySelectorAll("#board tbody tr")].filter((tr) => tr.querySelector(".pick:checked"))
      .map((tr) => ({ account: tr.dataset.account, network: tr.dataset.network }));
    if (!accounts.length) { fail(L("web.shortlist.empty")); return; }
    const name = document.getElementById("short-name").value.trim();
    const filters = JSON.parse(document.getElementById("short-filters")?.textContent || "{}");
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      const answer = await call("PUT", api(`/shortlists/${encodeURIComponent(name)}?wait=30`), { accounts, filters });
      if (answer.status !== 200) throw new Error(problemText(answer.data, answer.status));
      status.textContent = `${L("web.shortlist.saved")} ${name} (${accounts.length})`;
      location.reload();
    } catch (err) { fail(err.message); } finally { button.disabled = false; }
  });
  for (const button of document.querySelectorAll("[data-remove-shortlist]")) {
    button.addEventListener("click", async () => {
      const answer = await call("DELETE", api(`/shortlists/${encodeURIComponent(button.dataset.removeShortlist)}?wait=30`));
      if (answer.status !== 200) { fail(problemText(answer.data, answer.status)); return; }
      location.reload();
    });
  }
});

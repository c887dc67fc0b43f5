/* The leaderboard's shortlists: tick rows, save them under a name (kept in this browser). */
window.addEventListener("DOMContentLoaded", () => {
  const { shortlists, L } = window.einfluence;
  const list = document.getElementById("short-lists");
  const status = document.getElementById("short-status");
  function show() {
    list.textContent = "";
    const all = shortlists.all();
    const names = Object.keys(all);
    if (!names.length) { const li = document.createElement("li"); li.textContent = L("web.shortlist.none"); list.appendChild(li); }
    for (const name of names) {
      const li = document.createElement("li");
      li.textContent = `${name} (${all[name].length}) `;
      const remove = document.createElement("button");
      remove.type = "button"; remove.className = "secondary"; remove.textContent = L("web.remove");
      remove.setAttribute("aria-label", `${L("web.remove")} ${name}`);
      remove.addEventListener("click", () => { shortlists.remove(name); show(); });
      li.appendChild(remove);
      list.appendChild(li);
    }
  }
  document.getElementById("shortlist-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const rows = [...document.querySelectorAll("#board tbody tr")].filter((tr) => tr.querySelector(".pick:checked"))
      .map((tr) => ({ account: tr.dataset.account, network: tr.dataset.network, handle: tr.dataset.handle }));
    if (!rows.length) { status.textContent = L("web.shortlist.empty"); return; }
    const name = document.getElementById("short-name").value.trim();
    shortlists.save(name, rows);
    status.textContent = `${L("web.shortlist.saved")} ${name} (${rows.length})`;
    show();
  });
  show();
});

/* Saved shortlists (this browser) offered as a target: choosing one fills hidden account fields. */
window.addEventListener("DOMContentLoaded", () => {
  const { shortlists } = window.einfluence;
  for (const select of document.querySelectorAll("select[data-shortlist-target]")) {
    const all = shortlists.all();
    for (const name of Object.keys(all)) {
      const option = document.createElement("option");
      option.value = name; option.textContent = `${name} (${all[name].length})`;
      select.appendChild(option);
    }
    select.addEventListener("change", () => {
      const holder = select.form.querySelector("#b-accounts");
      if (!holder) return;
      holder.textContent = "";
      for (const row of all[select.value] || []) {
        const input = document.createElement("input");
        input.type = "hidden"; input.name = "account"; input.value = row.account;
        holder.appendChild(input);
      }
      const target = select.form.querySelector("[name=target]");
      if (select.value && target) target.value = "";
    });
  }
});

/* The community map: the API's map drawn with sigma.js (WebGL). Nodes coloured by community
   (Okabe–Ito, the rest grey), sized by score; leaders (★) and brokers (◆) always labelled, so
   that roles are not told by colour alone; hover for the handle, click for the profile. The
   "communities" view aggregates the accounts into one node per community. */
(() => {
  "use strict";
  const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"];
  const GREY = "#9a9a9a";
  const box = document.getElementById("map");
  const status = document.getElementById("map-status");
  const legend = document.getElementById("map-legend");
  const tip = document.getElementById("map-tip");
  const { L, api, problemText } = window.einfluence;
  const GraphClass = graphology.Graph || graphology;
  const SigmaClass = Sigma.Sigma || Sigma.default || Sigma;
  let data = null, renderer = null, pendingTies = null;
  function addTies() {  // after the first frames: the accounts are drawn and hoverable already
    if (!pendingTies) return;
    const add = pendingTies; pendingTies = null;
    setTimeout(() => { add(); box.dataset.ties = "1"; }, 0);
  }
  const started = performance.now();

  function colourOf(order) { return (c) => (order.has(c) && order.get(c) < PALETTE.length ? PALETTE[order.get(c)] : GREY); }
  function name(n) { return n.handle ? `@${n.handle.replace(/^@/, "")}` : String(n.account); }

  function accountsGraph() {
    const graph = new GraphClass({ multi: false, type: "undirected" });
    const order = new Map(data.communities.map((c, i) => [c.community, i]));
    const colour = colourOf(order);
    const top = Math.max(...data.nodes.map((n) => n.score), 1e-9);
    // one label always shown per community (its best-scored leader), the other leaders and
    // leaders labelled as one zooms in (and the brokers, few, always): all at once are unreadable
    const first = new Map();
    data.nodes.forEach((n, i) => {
      if (n.leader && (!first.has(n.community) || n.score > data.nodes[first.get(n.community)].score)) first.set(n.community, i);
    });
    const shown = new Set(first.values());
    data.nodes.forEach((n, i) => {
      const mark = n.leader ? "★ " : n.broker ? "◆ " : "";
      const role = n.leader || n.broker;
      graph.addNode(String(i), { x: n.x, y: n.y, size: (role ? 4 : 2) + 10 * Math.sqrt(n.score / top),
        color: colour(n.community), label: mark + name(n), forceLabel: shown.has(i) || n.broker,
        account: String(n.account), network: n.network, community: n.community, score: n.score });
    });
    // the ties are added once the accounts are on screen (see addTies): the map is interactive first
    return { graph, colour, ties: () => {
      for (const [a, b] of data.edges) {
        if (a !== b && !graph.hasEdge(String(a), String(b))) graph.addEdge(String(a), String(b), { size: 0.4, color: "rgba(120,120,120,0.18)" });
      }
    } };
  }

  function communitiesGraph() {
    const graph = new GraphClass({ multi: false, type: "undirected" });
    const order = new Map(data.communities.map((c, i) => [c.community, i]));
    const colour = colourOf(order);
    const sums = new Map();
    for (const n of data.nodes) {
      const s = sums.get(n.community) || { x: 0, y: 0, n: 0 };
      s.x += n.x; s.y += n.y; s.n += 1; sums.set(n.community, s);
    }
    const sizes = new Map(data.communities.map((c) => [c.community, c.size]));
    const top = Math.max(...sizes.values(), 1);
    for (const [c, s] of sums) {
      graph.addNode(`c${c}`, { x: s.x / s.n, y: s.y / s.n, size: 6 + 24 * Math.sqrt((sizes.get(c) || s.n) / top),
        color: colour(c), label: `${L("community")} ${c} (${(sizes.get(c) || s.n).toLocaleString(document.documentElement.lang)} ${L("size")})`, forceLabel: true, community: c });
    }
    const weights = new Map();
    for (const [a, b, w] of data.edges) {
      const ca = data.nodes[a].community, cb = data.nodes[b].community;
      if (ca === cb) continue;
      const key = ca < cb ? `${ca}|${cb}` : `${cb}|${ca}`;
      weights.set(key, (weights.get(key) || 0) + (w || 1));
    }
    const heaviest = Math.max(...weights.values(), 1);
    for (const [key, w] of weights) {
      const [a, b] = key.split("|");
      graph.addEdge(`c${a}`, `c${b}`, { size: 0.5 + 6 * w / heaviest, color: "rgba(90,90,90,0.35)" });
    }
    return { graph, colour };
  }

  function showLegend(colour) {
    legend.textContent = "";
    for (const c of data.communities.slice(0, PALETTE.length)) {
      const li = document.createElement("li");
      const sw = document.createElement("span"); sw.className = "sw"; sw.style.background = colour(c.community);
      li.append(sw, `${L("community")} ${c.community} (${c.size.toLocaleString(document.documentElement.lang)})`);
      legend.appendChild(li);
    }
    const li = document.createElement("li");
    li.textContent = `★ ${L("leader")} · ◆ ${L("broker")}`;
    legend.appendChild(li);
  }

  function draw(view) {
    if (renderer) { renderer.kill(); renderer = null; }
    const { graph, colour, ties } = view === "communities" ? communitiesGraph() : accountsGraph();
    renderer = new SigmaClass(graph, box, { renderEdgeLabels: false, labelRenderedSizeThreshold: 14,
      labelDensity: 0.6, hideEdgesOnMove: true, allowInvalidContainer: true });
    pendingTies = ties || null;
    renderer.on("enterNode", ({ node, event }) => {
      const a = graph.getNodeAttributes(node);
      tip.textContent = a.account ? `${a.label.replace(/^[★◆] /, "")} · ${L("community")} ${a.community} · ${L("score")} ${a.score.toFixed(1)}` : a.label;
      tip.style.display = "block";
      tip.style.left = `${event.x + 12}px`; tip.style.top = `${event.y + 12}px`;
      box.style.cursor = a.account ? "pointer" : "default";
    });
    renderer.on("leaveNode", () => { tip.style.display = "none"; box.style.cursor = "default"; });
    renderer.on("clickNode", ({ node }) => {
      const a = graph.getNodeAttributes(node);
      if (a.account) location.href = `/w/${encodeURIComponent(document.body.dataset.workspace)}/accounts/${encodeURIComponent(a.account)}?network=${encodeURIComponent(a.network)}`;
    });
    showLegend(colour);
    return graph;
  }

  window.einfluenceReady = async () => {
    const answer = await window.einfluence.call("GET", api(`/community-runs/${box.dataset.run}/map?max_accounts=${box.dataset.accounts}`));
    if (answer.status !== 200) { status.textContent = `${L("web.problem")} ${problemText(answer.data, answer.status)}`; return; }
    data = answer.data.data;
    const fetched = performance.now();
    const graph = draw(document.getElementById("m-view").value);
    const built = performance.now();
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const drawn = performance.now();
    addTies();
    // interactive_ms: from the navigation's start (performance.now()'s origin) to the map drawn
    window.einfluenceMap = { nodes: graph.order, edges: graph.size, fetch_ms: fetched - started, draw_ms: drawn - fetched,
                             build_ms: built - fetched, frames_ms: drawn - built, script_start_ms: started,
                             interactive_ms: drawn };
    status.textContent = L("web.map.drawn").replace("{nodes}", data.nodes.length.toLocaleString(document.documentElement.lang)).replace("{edges}", data.edges.length.toLocaleString(document.documentElement.lang));
    // interactive_ms: the accounts drawn (hover and click work); the ties follow in the next frames
    box.dataset.drawn = String(graph.order);
  };
  document.getElementById("m-view").addEventListener("change", (e) => { if (data) { draw(e.target.value); addTies(); } });
})();

/* The community map: the API's map (one array per field, positions computed by the server: no
   layout runs here) drawn with sigma.js (WebGL). Nodes coloured by community (Okabe–Ito, the rest
   grey), sized by score, drawn as points (the circle program costs seconds per frame where WebGL
   runs in software); only leaders (★) and brokers (◆) carry labels, which sigma's label grid
   keeps apart (more appear as one zooms in), so that roles are not told by colour alone; hover
   for the account's label (@handle, else its name, else its id), click for the profile. The
   ties are added once the accounts are drawn: in their community's colour inside a community,
   dark grey between two, fainter as they multiply.

   Nothing is told by the canvas alone: buttons (and +, −, arrows, 0 on them) zoom and move it,
   and a table lists every account drawn with its community, role, score and profile link. The
   "communities" view aggregates the accounts into one node per community. */
(() => {
  "use strict";
  const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"];
  const GREY = "#9a9a9a";
  const PAGE = 100;
  const box = document.getElementById("map");
  const status = document.getElementById("map-status");
  const legend = document.getElementById("map-legend");
  const tip = document.getElementById("map-tip");
  const lang = document.documentElement.lang || "en";
  const { L, api, problemText } = window.einfluence;
  const GraphClass = graphology.Graph || graphology;
  const SigmaClass = Sigma.Sigma || Sigma.default || Sigma;
  const rendering = Sigma.rendering || {};
  const started = performance.now();
  const fmt = (v, digits = 0) => Number(v).toLocaleString(lang, { maximumFractionDigits: digits, minimumFractionDigits: digits });
  let data = null, renderer = null, pendingTies = null, colour = null;

  const tiesBox = document.getElementById("m-ties");
  function showTies() {  // the "show the ties" box: sigma's edge reducer hides them all (the graph is untouched)
    if (!renderer) return;
    const hidden = !tiesBox.checked;
    renderer.setSetting("edgeReducer", hidden ? (e, a) => ({ ...a, hidden: true }) : null);
    box.dataset.tiesShown = hidden ? "0" : "1";
  }
  function addTies() {  // after the first frames: the accounts are drawn and hoverable already
    if (!pendingTies) return;
    const add = pendingTies; pendingTies = null;
    setTimeout(() => { add(); box.dataset.ties = "1"; }, 0);
  }
  // a colour with an opacity, its red, green and blue multiplied by the opacity: sigma blends
  // as for premultiplied colours (ONE, ONE_MINUS_SRC_ALPHA), so a plain translucent grey comes
  // out lighter than the page (why the ties were once invisible)
  function tint(hex, alpha) {
    const v = parseInt(hex.slice(1), 16);
    const [r, g, b] = [v >> 16, (v >> 8) & 255, v & 255].map((c) => Math.round(c * alpha));
    return `rgba(${r},${g},${b},${alpha.toFixed(3)})`;
  }
  function colourOf(order) { return (c) => (order.has(c) && order.get(c) < PALETTE.length ? PALETTE[order.get(c)] : GREY); }
  // an account's label, the rule of einfluence.base.labels.account_label: @handle, else its
  // name, else its source id (ids mean nothing to a reader); one line, runs of white space made
  // one space. Shown through textContent (in a <bdi>) and sigma's canvas, never as HTML
  function accountLabel(i) {
    const line = (v) => (v === null || v === undefined ? "" : String(v).split(/\s+/).filter(Boolean).join(" "));
    const handle = line(data.nodes.handle[i]).replace(/^@+/, "");
    if (handle) return `@${handle}`;
    return line((data.nodes.name || [])[i]) || String(data.nodes.account[i]);
  }
  function profile(i) {
    const ws = encodeURIComponent(document.body.dataset.workspace);
    return `/w/${ws}/accounts/${encodeURIComponent(data.nodes.account[i])}?network=${encodeURIComponent(data.networks[data.nodes.network[i]])}`;
  }

  function accountsGraph() {
    const graph = new GraphClass({ multi: false, type: "undirected" });
    const nd = data.nodes;
    let top = 1e-9;
    for (const s of nd.score) if (s > top) top = s;
    for (let i = 0; i < data.n_nodes; i++) {
      const role = nd.leader[i] || nd.broker[i];
      graph.addNode(String(i), { x: nd.x[i], y: nd.y[i], size: (role ? 4 : 2) + 10 * Math.sqrt(nd.score[i] / top),
        color: colour(nd.community[i]), label: role ? (nd.leader[i] ? "★ " : "◆ ") + accountLabel(i) : null, i });
    }
    return { graph, ties: () => {
      // one-pixel lines whose opacity falls as they multiply (a few thousand ties read as lines,
      // tens of thousands as a haze that leaves the nodes in front): a tie inside a community in
      // its colour, a tie between two communities in dark grey, so that bridges stand out
      const { a, b } = data.edges;
      const alpha = Math.min(0.3, Math.max(0.12, 13 / Math.sqrt(Math.max(a.length, 1))));
      const inside = new Map(), between = tint("#3c4655", alpha);
      for (let j = 0; j < a.length; j++) {
        const s = String(a[j]), t = String(b[j]);
        if (s === t || graph.hasEdge(s, t)) continue;
        const c = nd.community[a[j]];
        let color = between;
        if (c === nd.community[b[j]]) {
          color = inside.get(c);
          if (!color) { color = tint(colour(c), alpha); inside.set(c, color); }
        }
        graph.addEdge(s, t, { size: 1, color });
      }
    } };
  }

  function communitiesGraph() {
    const graph = new GraphClass({ multi: false, type: "undirected" });
    const nd = data.nodes;
    const sums = new Map();
    for (let i = 0; i < data.n_nodes; i++) {
      const s = sums.get(nd.community[i]) || { x: 0, y: 0, n: 0 };
      s.x += nd.x[i]; s.y += nd.y[i]; s.n += 1; sums.set(nd.community[i], s);
    }
    const sizes = new Map(data.communities.map((c) => [c.community, c.size]));
    const top = Math.max(...sizes.values(), 1);
    for (const [c, s] of sums) {
      graph.addNode(`c${c}`, { x: s.x / s.n, y: s.y / s.n, size: 6 + 24 * Math.sqrt((sizes.get(c) || s.n) / top),
        color: colour(c), label: `${L("community")} ${c} (${fmt(sizes.get(c) || s.n)})`, forceLabel: true, community: c });
    }
    const weights = new Map();
    const { a, b, weight } = data.edges;
    for (let j = 0; j < a.length; j++) {
      const ca = nd.community[a[j]], cb = nd.community[b[j]];
      if (ca === cb) continue;
      const key = ca < cb ? `${ca}|${cb}` : `${cb}|${ca}`;
      weights.set(key, (weights.get(key) || 0) + (weight[j] || 1));
    }
    const heaviest = Math.max(...weights.values(), 1);
    for (const [key, w] of weights) {
      const [x, y] = key.split("|");
      graph.addEdge(`c${x}`, `c${y}`, { size: 1 + 8 * w / heaviest, color: tint("#3c4655", 0.45),
        type: rendering.EdgeRectangleProgram ? "thick" : "line" });
    }
    return { graph };
  }

  function showLegend() {
    legend.textContent = "";
    for (const c of data.communities.slice(0, PALETTE.length)) {
      const li = document.createElement("li");
      const sw = document.createElement("span"); sw.className = "sw"; sw.style.background = colour(c.community);
      li.append(sw, `${L("community")} ${c.community} (${fmt(c.size)})`);
      legend.appendChild(li);
    }
    const li = document.createElement("li");
    li.textContent = `★ ${L("leader")} · ◆ ${L("broker")}`;
    legend.appendChild(li);
  }

  function settings() {
    const out = { renderEdgeLabels: false, hideEdgesOnMove: true, hideLabelsOnMove: true, allowInvalidContainer: true,
      labelRenderedSizeThreshold: 5, labelDensity: 0.25, labelGridCellSize: 160, labelFont: "system-ui, sans-serif",
      defaultEdgeType: "line" };
    if (rendering.NodePointProgram) {
      out.nodeProgramClasses = { circle: rendering.NodePointProgram };
      out.nodeHoverProgramClasses = { circle: rendering.NodePointProgram };
    }
    // the accounts' ties as lines (cheap where WebGL runs in software); the few aggregated ties
    // of the communities view as bands as thick as their weight
    out.edgeProgramClasses = {};
    if (rendering.EdgeLineProgram) out.edgeProgramClasses.line = rendering.EdgeLineProgram;
    if (rendering.EdgeRectangleProgram) out.edgeProgramClasses.thick = rendering.EdgeRectangleProgram;
    return out;
  }

  function draw(view) {
    if (renderer) { renderer.kill(); renderer = null; }
    const { graph, ties } = view === "communities" ? communitiesGraph() : accountsGraph();
    renderer = new SigmaClass(graph, box, settings());
    pendingTies = ties || null;
    renderer.on("enterNode", ({ node, event }) => {
      const a = graph.getNodeAttributes(node);
      tip.textContent = "";
      if (a.i !== undefined) {  // the label isolated (<bdi>): an override in it reverses nothing after it
        const who = document.createElement("bdi");
        who.textContent = accountLabel(a.i);
        tip.append(who, ` · ${L("community")} ${data.nodes.community[a.i]} · ${L("score")} ${fmt(data.nodes.score[a.i], 1)}`);
      } else tip.textContent = a.label;
      tip.style.display = "block";
      tip.style.left = `${event.x + 12}px`; tip.style.top = `${event.y + 12}px`;
      box.style.cursor = a.i !== undefined ? "pointer" : "default";
    });
    renderer.on("leaveNode", () => { tip.style.display = "none"; box.style.cursor = "default"; });
    renderer.on("clickNode", ({ node }) => {
      const a = graph.getNodeAttributes(node);
      if (a.i !== undefined) location.href = profile(a.i);
    });
    return graph;
  }

  // the camera from buttons and keys (the canvas is not needed to move and zoom)
  function move(action) {
    if (!renderer) return;
    const camera = renderer.getCamera();
    const state = camera.getState();
    const step = 0.25 * state.ratio;
    const moves = { left: { x: state.x - step }, right: { x: state.x + step }, up: { y: state.y + step },
      down: { y: state.y - step } };
    if (action === "in") camera.animatedZoom({ duration: 200 });
    else if (action === "out") camera.animatedUnzoom({ duration: 200 });
    else if (action === "reset") camera.animatedReset({ duration: 200 });
    else if (moves[action]) camera.animate(moves[action], { duration: 200 });
  }
  const KEYS = { "+": "in", "=": "in", "-": "out", "−": "out", "0": "reset", ArrowLeft: "left", ArrowRight: "right",
    ArrowUp: "up", ArrowDown: "down" };
  const controls = document.querySelector(".map-controls");
  controls?.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-map]");
    if (button) move(button.dataset.map);
  });
  controls?.addEventListener("keydown", (event) => {
    const action = KEYS[event.key];
    if (!action || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    move(action);
  });

  // the table of the accounts drawn: best score first, a page at a time, by community if asked
  const tableBox = document.getElementById("map-table-box");
  const filter = document.getElementById("map-filter");
  const more = document.getElementById("map-more"), less = document.getElementById("map-less");
  let rows = [], first = 0;
  function listed() {
    const nd = data.nodes;
    const all = [...Array(data.n_nodes).keys()].sort((p, q) => nd.score[q] - nd.score[p] || p - q);
    return filter.value === "" ? all : all.filter((i) => String(nd.community[i]) === filter.value);
  }
  function showRows() {
    const body = document.querySelector("#map-table tbody");
    body.textContent = "";
    const nd = data.nodes;
    const last = Math.min(first + PAGE, rows.length);
    for (let r = first; r < last; r++) {
      const i = rows[r];
      const tr = document.createElement("tr");
      const cells = [fmt(r + 1), null, data.networks[nd.network[i]], String(nd.community[i]),
        [nd.leader[i] ? `★ ${L("leader")}` : "", nd.broker[i] ? `◆ ${L("broker")}` : ""].filter(Boolean).join(", "),
        fmt(nd.score[i], 1)];
      cells.forEach((text, c) => {
        const td = document.createElement("td");
        if (c === 0 || c === 3 || c === 5) td.className = "n";
        if (c === 1) {
          const a = document.createElement("a"), who = document.createElement("bdi");
          a.href = profile(i); who.textContent = accountLabel(i); a.appendChild(who); td.appendChild(a);
        }
        else td.textContent = text;
        tr.appendChild(td);
      });
      body.appendChild(tr);
    }
    document.getElementById("map-rows").textContent = L("web.map.rows").replace("{first}", fmt(rows.length ? first + 1 : 0))
      .replace("{last}", fmt(last)).replace("{total}", fmt(rows.length));
    less.disabled = first === 0; more.disabled = last >= rows.length;
  }
  function fillTable() {
    if (!data || !tableBox.open) return;
    if (filter.options.length === 1) {
      for (const c of data.communities) {
        const option = document.createElement("option");
        option.value = String(c.community); option.textContent = `${c.community} (${fmt(c.size)})`;
        filter.appendChild(option);
      }
    }
    rows = listed(); first = 0; showRows();
  }
  tableBox?.addEventListener("toggle", fillTable);
  filter?.addEventListener("change", fillTable);
  more?.addEventListener("click", () => { first += PAGE; showRows(); });
  less?.addEventListener("click", () => { first = Math.max(0, first - PAGE); showRows(); });

  window.einfluenceReady = async () => {
    // the URL the page preloads (its download starts with the page's, before the scripts run)
    const url = document.querySelector("link[rel=preload][as=fetch]")?.href ||
      api(`/community-runs/${box.dataset.run}/map?max_accounts=${box.dataset.accounts}&format=columns&wait=2`);
    let response, answer;
    for (;;) {  // a map not computed yet: 202 after a short wait, asked again (one computation serves all)
      response = await fetch(url, { credentials: "same-origin" });
      answer = null;
      try { answer = await response.json(); } catch (e) { answer = null; }
      if (response.status !== 202) break;
      status.textContent = `${L("web.computing")} ${L("web.stage.community map")}`;
      await new Promise((r) => setTimeout(r, 1000 * Number(response.headers.get("Retry-After") || 3)));
    }
    if (response.status !== 200) { status.textContent = `${L("web.problem")} ${problemText(answer, response.status)}`; return; }
    data = answer.data;
    const fetched = performance.now();
    colour = colourOf(new Map(data.communities.map((c, i) => [c.community, i])));
    const graph = draw(document.getElementById("m-view").value);
    showTies();
    showLegend();
    const built = performance.now();
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const drawn = performance.now();
    addTies();
    // interactive_ms: from the navigation's start (performance.now()'s origin) to the map drawn
    window.einfluenceMap = { nodes: graph.order, edges: graph.size, fetch_ms: fetched - started, draw_ms: drawn - fetched,
                             build_ms: built - fetched, frames_ms: drawn - built, script_start_ms: started,
                             interactive_ms: drawn };
    status.textContent = L("web.map.drawn").replace("{nodes}", fmt(data.n_nodes)).replace("{edges}", fmt(data.edges.a.length));
    box.dataset.drawn = String(graph.order);
    fillTable();
    // for the tests: the camera, and how many nodes carry a label against how many have a role
    window.einfluence.mapState = () => ({ camera: renderer.getCamera().getState(),
      labelled: renderer.getGraph().filterNodes((n, a) => a.label).length,
      roles: data.nodes.leader.filter((v, i) => v || data.nodes.broker[i]).length });
  };
  document.getElementById("m-view").addEventListener("change", (e) => { if (data) { draw(e.target.value); showTies(); addTies(); } });
  tiesBox.addEventListener("change", showTies);
})();

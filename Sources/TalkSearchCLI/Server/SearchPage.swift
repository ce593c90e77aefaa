/// The search page `talksearch serve` returns at `/`: one self-contained HTML document (no external
/// files) that talks to `/api/search`. The state lives in the page URL (`?q=...&event=...&page=2`), so
/// a search can be bookmarked and shared; the layout is one column that fits a phone.
enum SearchPage {
    static let html = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>TalkSearch</title>
<style>
  :root { --ink: #1d2330; --muted: #5b6475; --line: #dde2ea; --accent: #2255cc; --mark: #ffe58a; }
  * { box-sizing: border-box; }
  [hidden] { display: none !important; }
  body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fafbfc; }
  main { max-width: 54rem; margin: 0 auto; padding: 1rem; }
  h1 { font-size: 1.4rem; margin: .5rem 0 1rem; }
  form { display: flex; gap: .5rem; }
  input[type=search] { flex: 1; min-width: 0; font: inherit; padding: .6rem .8rem; border: 1px solid var(--line); border-radius: .5rem; }
  button { font: inherit; padding: .6rem 1rem; border: 0; border-radius: .5rem; background: var(--accent); color: white; cursor: pointer; }
  button[disabled] { opacity: .4; cursor: default; }
  #status { color: var(--muted); margin: .8rem 0; min-height: 1.4em; }
  #status.error { color: #b00020; }
  #suggestion a, .facet a, .chip { color: var(--accent); text-decoration: none; cursor: pointer; }
  .chips { display: flex; flex-wrap: wrap; gap: .4rem; margin: .4rem 0; }
  .chip { border: 1px solid var(--accent); border-radius: 1rem; padding: .1rem .6rem; font-size: .9rem; background: white; }
  .layout { display: grid; grid-template-columns: 1fr; gap: 1rem; }
  .layout aside { order: 2; }
  @media (min-width: 48rem) { .layout { grid-template-columns: 13rem 1fr; } .layout aside { order: 0; } }
  aside { font-size: .9rem; }
  .facet h3 { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin: .8rem 0 .3rem; }
  .facet ul { list-style: none; padding: 0; margin: 0; }
  .facet li { display: flex; justify-content: space-between; gap: .5rem; padding: .1rem 0; }
  .facet .count { color: var(--muted); }
  ol#results { list-style: none; padding: 0; margin: 0; }
  ol#results li { background: white; border: 1px solid var(--line); border-radius: .6rem; padding: .8rem 1rem; margin-bottom: .7rem; }
  .title { font-weight: 600; font-size: 1.05rem; }
  .title a { color: var(--ink); }
  .meta { color: var(--muted); font-size: .9rem; margin-top: .2rem; }
  .snippet { margin-top: .4rem; font-size: .95rem; }
  mark { background: var(--mark); color: inherit; padding: 0 .1em; border-radius: .2em; }
  nav.pages { display: flex; justify-content: space-between; align-items: center; margin: 1rem 0; }
  details { margin-top: 1.5rem; color: var(--muted); font-size: .9rem; }
  code { background: #eef1f6; padding: 0 .25em; border-radius: .25em; }
</style>
</head>
<body>
<main>
  <h1>TalkSearch</h1>
  <form id="form" role="search">
    <input id="q" type="search" name="q" placeholder="deep learning, &quot;machine learning&quot;, speakers:fawzi, learn*" autocomplete="off" aria-label="Search talks" list="completions">
    <datalist id="completions"></datalist>
    <button type="submit">Search</button>
  </form>
  <div class="chips" id="chips"></div>
  <div id="status" role="status"></div>
  <div id="suggestion"></div>
  <div class="layout">
    <aside id="facets"></aside>
    <section>
      <ol id="results"></ol>
      <nav class="pages" id="pages" hidden>
        <button id="previous" type="button">Previous</button>
        <span id="page"></span>
        <button id="next" type="button">Next</button>
      </nav>
    </section>
  </div>
  <details>
    <summary>Query syntax (SQLite FTS5)</summary>
    <p><code>deep learning</code> both words · <code>deep OR neural</code> either · <code>learning NOT privacy</code> without ·
    <code>"machine learning"</code> a phrase · <code>learn*</code> a prefix · <code>NEAR(adversarial robustness, 5)</code> within 5 words ·
    <code>title:ethics</code>, <code>speakers:fawzi</code>, <code>description:geometry</code> one field · <code>^robust</code> first word of a field ·
    parentheses group: <code>python AND (asyncio OR trio)</code>. Words are matched without case or accents, and stemmed: <code>robust</code> finds "robustness".</p>
  </details>
</main>
<script>
const FILTERS = ["event", "year", "language", "speaker", "tag"];
const FACETS = "event,year,language,speaker,tag";
const PAGE_SIZE = 10;
const $ = (id) => document.getElementById(id);

function state() { return new URLSearchParams(location.search); }

function setState(params) {
  history.pushState(null, "", "?" + params.toString());
  run();
}

function escapeText(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

async function run() {
  const params = state();
  const q = params.get("q") || "";
  $("q").value = q;
  renderChips(params);
  if (!q.trim()) { $("status").textContent = "Type a few words."; $("results").innerHTML = ""; $("facets").innerHTML = ""; $("pages").hidden = true; return; }
  const page = Math.max(1, parseInt(params.get("page") || "1", 10));
  const api = new URLSearchParams({ q, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, facets: FACETS });
  for (const field of FILTERS) for (const value of params.getAll(field)) api.append(field, value);
  if (params.get("fuzzy")) api.set("fuzzy", "1");
  $("status").className = ""; $("status").textContent = "Searching…";
  let response, body;
  try {
    response = await fetch("/api/search?" + api.toString());
    body = await response.json();
  } catch (error) {
    $("status").className = "error"; $("status").textContent = "The server did not answer: " + error; return;
  }
  if (!response.ok) {
    $("status").className = "error"; $("status").textContent = body.error || ("Error " + response.status);
    $("results").innerHTML = ""; $("facets").innerHTML = ""; $("pages").hidden = true; $("suggestion").innerHTML = "";
    return;
  }
  render(body, params, page);
}

function render(body, params, page) {
  const noun = body.total_matches === 1 ? "talk matches" : "talks match";
  $("status").textContent = `${body.total_matches} ${noun} “${body.searched}” (${body.took_ms.toFixed(2)} ms)`;
  $("suggestion").innerHTML = "";
  if (body.suggestion && body.searched === body.query) {
    $("suggestion").innerHTML = `Did you mean <a id="did-you-mean">${escapeText(body.suggestion)}</a>?`;
    $("did-you-mean").onclick = () => { const p = state(); p.set("q", body.suggestion); p.delete("page"); setState(p); };
  } else if (body.searched !== body.query) {
    $("suggestion").textContent = `Searched “${body.searched}” for “${body.query}”.`;
  }
  $("results").innerHTML = body.hits.map((hit) => `
    <li>
      <div class="title">${hit.rank}. ${hit.url ? `<a href="${escapeText(hit.url)}" target="_blank" rel="noopener">${hit.title_html}</a>` : hit.title_html}</div>
      <div class="meta">${[hit.speakers_html, escapeText(hit.event), escapeText(hit.recorded)].filter(Boolean).join(" · ")}</div>
      ${hit.snippet_html ? `<div class="snippet">${hit.snippet_html}</div>` : ""}
    </li>`).join("");
  $("facets").innerHTML = Object.entries(body.facets).filter(([, facet]) => facet.values.length).map(([field, facet]) => `
    <div class="facet"><h3>${field}</h3><ul>${facet.values.map((v) =>
      `<li><a data-field="${field}" data-value="${escapeText(v.value)}">${escapeText(v.value)}</a><span class="count">${v.count}</span></li>`).join("")}</ul></div>`).join("");
  for (const link of $("facets").querySelectorAll("a[data-field]")) {
    link.onclick = () => {
      const p = state();
      if (link.dataset.field === "year") p.set("year", link.dataset.value); else p.append(link.dataset.field, link.dataset.value);
      p.delete("page"); setState(p);
    };
  }
  const pages = Math.max(1, Math.ceil(body.total_matches / PAGE_SIZE));
  $("pages").hidden = body.total_matches <= PAGE_SIZE;
  $("page").textContent = `Page ${page} of ${pages}`;
  $("previous").disabled = page <= 1;
  $("next").disabled = page >= pages;
  $("previous").onclick = () => { const p = state(); p.set("page", page - 1); setState(p); };
  $("next").onclick = () => { const p = state(); p.set("page", page + 1); setState(p); };
}

function renderChips(params) {
  const chips = [];
  for (const field of FILTERS) for (const value of params.getAll(field)) chips.push([field, value]);
  $("chips").innerHTML = chips.map(([field, value]) =>
    `<a class="chip" data-field="${field}" data-value="${escapeText(value)}" title="Remove this filter">${field}: ${escapeText(value)} ✕</a>`).join("");
  for (const chip of $("chips").querySelectorAll(".chip")) {
    chip.onclick = () => {
      const p = state();
      const kept = p.getAll(chip.dataset.field).filter((v) => v !== chip.dataset.value);
      p.delete(chip.dataset.field);
      for (const v of kept) p.append(chip.dataset.field, v);
      p.delete("page"); setState(p);
    };
  }
}

let completionTimer;
$("q").addEventListener("input", () => {
  clearTimeout(completionTimer);
  completionTimer = setTimeout(async () => {
    const q = $("q").value;
    if (!q || /\s$/.test(q)) return;
    const response = await fetch("/api/complete?" + new URLSearchParams({ q, limit: 8 }));
    if (!response.ok) return;
    const body = await response.json();
    $("completions").innerHTML = body.completions.map((c) => `<option value="${escapeText(c.text)}">`).join("");
  }, 150);
});

$("form").addEventListener("submit", (event) => {
  event.preventDefault();
  const p = state();
  p.set("q", $("q").value);
  p.delete("page");
  setState(p);
});
window.addEventListener("popstate", run);
run();
</script>
</body>
</html>
"""#
}

// The Comms workspace: signs in (Teams SSO, or "Sign in as" on the local run), then shows the queue and, for Comms
// approvers, the trends and the register (case handlers: the support trend). Everything from the server is written with textContent, never as HTML.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const tokenKey = "workspace-local-token";
  let token = null;
  let inTeams = false;
  let registerPage = 0;

  function show(id) { $(id).hidden = false; }
  function hide(id) { $(id).hidden = true; }
  function say(text) { $("status").textContent = text; }

  function cell(row, text, className) {
    const td = document.createElement("td");
    td.textContent = text;
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function openLink(event) {
    // In Teams a deep link opens in Teams itself, not in a browser tab.
    if (inTeams) {
      event.preventDefault();
      microsoftTeams.app.openLink(event.currentTarget.href);
    }
  }

  async function api(path) {
    const response = await fetch(path, { headers: { Authorization: "Bearer " + token } });
    if (response.status === 401) {
      sessionStorage.removeItem(tokenKey);
      throw new Error(inTeams ? "Your sign-in was not accepted. Close the tab and open it again." : "Your sign-in ran out. Reload the page to sign in again.");
    }
    if (response.status === 403) {
      const body = await response.json();
      const refusal = new Error(body.message);
      refusal.refused = true;
      throw refusal;
    }
    if (!response.ok) throw new Error("The workspace could not load (" + response.status + "). Try again in a minute.");
    return response;
  }

  async function signIn() {
    inTeams = await window.workspaceTeams.initialize();
    if (inTeams) {
      token = await microsoftTeams.authentication.getAuthToken();
      return true;
    }
    token = sessionStorage.getItem(tokenKey);
    if (token) return true;
    const response = await fetch("/workspace/api/local-sign-in");
    if (!response.ok) {
      say("Open the Comms workspace from Teams: it signs you in with your university account.");
      return false;
    }
    const people = await response.json();
    const list = $("sign-in-people");
    for (const person of people) {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = person.name + " · " + person.roles.join(", ");
      button.addEventListener("click", async () => {
        const answer = await fetch("/workspace/api/local-sign-in", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ id: person.id }),
        });
        sessionStorage.setItem(tokenKey, (await answer.json()).token);
        window.location.reload();
      });
      item.appendChild(button);
      list.appendChild(item);
    }
    say("Choose who to sign in as.");
    show("sign-in");
    return false;
  }

  async function loadQueue() {
    const queue = await (await api("/workspace/api/queue")).json();
    const rows = $("queue-rows");
    rows.replaceChildren();
    for (const item of queue.items) {
      const row = document.createElement("tr");
      row.className = "state-" + item.state.toLowerCase();
      const reference = document.createElement("td");
      const link = document.createElement("a");
      link.href = item.link;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      link.textContent = item.reference;
      link.setAttribute("aria-label", item.reference + ": open its card in the Comms channel");
      link.addEventListener("click", openLink);
      reference.appendChild(link);
      row.appendChild(reference);
      cell(row, item.kind);
      cell(row, item.title);
      cell(row, item.age);
      cell(row, item.target);
      const state = cell(row, "", "state");
      const badge = document.createElement("span");
      badge.className = "badge";
      badge.textContent = item.state === "Past" ? "Past" : item.state === "Near" ? "Near" : "On track";
      state.append(badge, " " + item.stateText);
      rows.appendChild(row);
    }
    $("queue-empty").hidden = queue.items.length > 0;
    const counts = $("counts");
    counts.replaceChildren();
    for (const count of queue.counts) {
      const item = document.createElement("li");
      const strong = document.createElement("strong");
      strong.textContent = count.kind + ": " + count.count + ".";
      item.append(strong, " " + count.explanation);
      counts.appendChild(item);
    }
    $("counts-heading").hidden = queue.counts.length === 0;
    show("queue");
  }

  // Trends: each chart is drawn by Chart.js on a canvas with a text title, and its numbers are in a table under it
  // (inside <details>) for screen readers and anyone who prefers them. Colours come from the page's theme.
  let trendsData = null;
  const charts = [];

  function colour(name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim(); }

  function table(caption, header, rows) {
    const details = document.createElement("details");
    const summary = document.createElement("summary");
    summary.textContent = "Show the numbers as a table";
    details.appendChild(summary);
    const wrap = document.createElement("div");
    wrap.className = "scroll";
    const t = document.createElement("table");
    const c = document.createElement("caption");
    c.textContent = caption;
    t.appendChild(c);
    const head = document.createElement("thead");
    const headRow = document.createElement("tr");
    for (const text of header) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = text;
      headRow.appendChild(th);
    }
    head.appendChild(headRow);
    t.appendChild(head);
    const body = document.createElement("tbody");
    for (const [label, value] of rows) {
      const row = document.createElement("tr");
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = label;
      row.appendChild(th);
      cell(row, String(value));
      body.appendChild(row);
    }
    t.appendChild(body);
    wrap.appendChild(t);
    details.appendChild(wrap);
    return details;
  }

  // One chart: labels, the numbers drawn (null draws no bar), the words the table shows, and a note under the title.
  function chart(title, column, labels, values, texts, options) {
    const figure = document.createElement("figure");
    figure.className = "chart";
    const heading = document.createElement("h3");
    heading.textContent = title;
    figure.appendChild(heading);
    if (options.note) {
      const note = document.createElement("p");
      note.className = "hint";
      note.textContent = options.note;
      figure.appendChild(note);
    }
    const box = document.createElement("div");
    box.className = "canvas";
    const canvas = document.createElement("canvas");
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", title + ". The numbers are in the table below.");
    box.appendChild(canvas);
    figure.appendChild(box);
    figure.appendChild(table(title, [options.rowHeader || "Month", column], labels.map((label, i) => [label, texts[i]])));
    $("trends-charts").appendChild(figure);
    const text = colour("--text");
    const grid = colour("--border");
    charts.push(new Chart(canvas, {
      type: "bar",
      data: { labels, datasets: [{ label: column, data: values, backgroundColor: colour("--link") }] },
      options: {
        indexAxis: options.horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false } },
        scales: {
          x: { ticks: { color: text, precision: 0 }, grid: { color: grid }, beginAtZero: true },
          y: { ticks: { color: text, precision: 0 }, grid: { color: grid }, beginAtZero: true },
        },
      },
    }));
  }

  function drawTrends() {
    for (const c of charts.splice(0)) c.destroy();
    $("trends-charts").replaceChildren();
    const data = trendsData;
    const waits = $("waits");
    waits.replaceChildren();
    function wait(text) {
      const item = document.createElement("li");
      item.textContent = text;
      waits.appendChild(item);
    }
    const counts = (list) => list.map((entry) => entry.count);
    const labels = (list) => list.map((entry) => entry.label);
    if (data.requests) {
      const r = data.requests;
      chart("Account requests each month", "Requests", data.months, r.byMonth, r.byMonth, {});
      chart("Account requests: where they stand", "Requests", labels(r.outcomes), counts(r.outcomes), counts(r.outcomes), { rowHeader: "Outcome", horizontal: true });
      wait("Time from an account request to Comms' decision: " + r.timeToDecision.text);
    }
    if (data.incidents) {
      const inc = data.incidents;
      chart("Incidents reported each month", "Incidents", data.months, inc.byMonth, inc.byMonth, {});
      chart("Incidents by platform", "Incidents", labels(inc.byPlatform), counts(inc.byPlatform), counts(inc.byPlatform), { rowHeader: "Platform", horizontal: true });
      chart("Incidents by kind", "Incidents", labels(inc.byKind), counts(inc.byKind), counts(inc.byKind), { rowHeader: "Kind", horizontal: true });
      chart("Incidents: where they stand", "Incidents", labels(inc.outcomes), counts(inc.outcomes), counts(inc.outcomes), {
        rowHeader: "Outcome", horizontal: true, note: "An escalated incident is also counted by where it stands.",
      });
      wait("Time from an incident report to someone in Comms taking it: " + inc.timeToTake.text);
    }
    if (data.support) {
      const sup = data.support;
      chart("Support referrals each month", "Referrals", data.months, sup.byMonthShown, sup.byMonth, {
        note: "Counts only. A month with fewer than 5 referrals has no bar and reads “fewer than 5”, so nobody can be picked out.",
      });
      wait("Time from a support referral to a case handler taking it: " + sup.timeToTake.text);
    }
    $("waits-heading").hidden = waits.children.length === 0;
  }

  async function loadTrends() {
    trendsData = await (await api("/workspace/api/trends")).json();
    show("trends");
    drawTrends();
  }

  // The canvas does not follow the CSS theme by itself: redraw when the theme changes.
  window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => { if (trendsData) drawTrends(); });
  new MutationObserver(() => { if (trendsData) drawTrends(); }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });

  function fill(select, choices) {
    const keep = select.value;
    select.replaceChildren(select.options[0]);
    for (const choice of choices) {
      const option = document.createElement("option");
      option.value = choice.value;
      option.textContent = choice.title;
      select.appendChild(option);
    }
    select.value = keep;
  }

  function registerQuery(page) {
    const query = new URLSearchParams(new FormData($("register-filters")));
    if (page !== undefined) query.set("page", String(page));
    return query.toString();
  }

  async function loadRegister(page) {
    const data = await (await api("/workspace/api/register?" + registerQuery(page))).json();
    registerPage = data.page;
    fill($("register-status"), data.filters.statuses);
    fill($("register-platform"), data.filters.platforms);
    fill($("register-unit"), data.filters.units);
    fill($("register-administrator"), data.filters.administrators);
    const rows = $("register-rows");
    rows.replaceChildren();
    for (const account of data.rows) {
      const row = document.createElement("tr");
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = account.platform + " · " + account.handle;
      row.appendChild(th);
      cell(row, account.unit);
      cell(row, account.status);
      cell(row, account.administrators.join("; "));
      cell(row, account.nextAuditDue);
      rows.appendChild(row);
    }
    const first = data.total === 0 ? 0 : data.page * data.pageSize + 1;
    const last = data.page * data.pageSize + data.rows.length;
    const range = data.total === 0 ? "No accounts match." : "Accounts " + first + " to " + last + " of " + data.total + ".";
    $("register-range").textContent = range;
    $("register-caption").textContent = "Official accounts: " + range;
    $("register-previous").disabled = data.page === 0;
    $("register-next").disabled = last >= data.total;
    show("register");
  }

  async function downloadCsv() {
    const response = await api("/workspace/api/register.csv?" + registerQuery());
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement("a");
    link.href = url;
    link.download = "official-accounts.csv";
    document.body.appendChild(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
  }

  function fail(error) {
    if (error.refused) {
      $("refusal-text").textContent = error.message;
      hide("queue");
      hide("register");
      hide("trends");
      show("refusal");
      say("");
      return;
    }
    say(error.message || String(error));
  }

  async function start() {
    try {
      if (!(await signIn())) return;
      const me = await (await api("/workspace/api/me")).json();
      $("who").textContent = "Signed in as " + me.name + " (" + me.roles.join(", ") + ")";
      await loadQueue();
      if (me.maySeeTrends) await loadTrends();
      if (me.mayExportRegister) await loadRegister(0);
      say("");
    } catch (error) {
      fail(error);
    }
  }

  $("register-filters").addEventListener("submit", (event) => { event.preventDefault(); loadRegister(0).catch(fail); });
  $("register-previous").addEventListener("click", () => loadRegister(registerPage - 1).catch(fail));
  $("register-next").addEventListener("click", () => loadRegister(registerPage + 1).catch(fail));
  $("register-csv").addEventListener("click", () => downloadCsv().catch(fail));
  start();
})();

/* The item finder (所有任务): filters the items of data/finder.json in the browser.
 *
 * Runs on the page holding form#finder (every page loads this file; others return at once).
 * The filter lives in the query string (?org=&year=&theme=&dept=&status=&target=1&q=), so a filtered
 * view can be shared and is restored on load.  Text from the data reaches the page only
 * through textContent, Option() and optgroup.label: never as markup.
 */
(function () {
  "use strict";

  const form = document.getElementById("finder");
  if (!form) {
    return;
  }
  const summary = document.getElementById("finder-summary");
  const results = document.getElementById("finder-results");
  const more = document.getElementById("finder-more");

  const PAGE_SIZE = 200;
  const TYPING_DELAY = 300;
  const FACETS = ["org", "year", "theme", "dept", "status"];
  const PARAMETERS = [...FACETS, "target", "q"];
  const TEXT = {
    loading: "正在加载事项……",
    failed: "无法加载事项数据，请刷新页面重试，或按计划浏览。",
    none: "没有符合条件的事项。",
    found: (count) => `共 ${count} 条事项。`,
    partial: (count, shown) => `共 ${count} 条事项，显示前 ${shown} 条。`,
    year: (year) => `${year}年`,
    number: (number) => `编号 ${number}`,
    owners: "责任单位：",
    support: "配合单位：",
    themes: "主题：",
    targets: (count) => `${count} 项量化目标`,
  };

  const byId = (records) => new Map(records.map((record) => [record.id, record]));

  function element(tag, className, text) {
    const node = document.createElement(tag);
    node.className = className;
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  /* The data's records by id, for looking names up. */
  function lookups(data) {
    return {plans: byId(data.plans), organisations: byId(data.organisations), themes: byId(data.themes),
      departments: byId(data.departments)};
  }

  function fillOptions(data, {organisations}) {
    const add = (parent, value, label) => parent.append(new Option(label, value));
    data.organisations.forEach((o) => add(form.elements.org, o.id, o.name));
    data.years.forEach((year) => add(form.elements.year, String(year), TEXT.year(year)));
    data.themes.forEach((t) => add(form.elements.theme, t.id, t.name));
    data.statuses.forEach((status) => add(form.elements.status, status, status));
    const groups = new Map();
    for (const d of data.departments) {
      if (!groups.has(d.organisation)) {
        const group = document.createElement("optgroup");
        group.label = organisations.get(d.organisation).name;
        form.elements.dept.append(group);
        groups.set(d.organisation, group);
      }
      add(groups.get(d.organisation), d.id, d.name);
    }
  }

  /* The items, each with what the keyword filter searches (lower case) and what a result shows. */
  function prepare(data, {plans, organisations, themes, departments}, dataUrl) {
    const names = (ids, records) => ids.map((id) => records.get(id).name);
    return data.items.map((item) => {
      const plan = plans.get(item.plan);
      const shown = {
        title: item.title,
        url: new URL(item.url, dataUrl).href,
        plan: plan.title,
        number: item.number,
        owners: names(item.owners, departments),
        support: names(item.support, departments),
        themes: names(item.themes, themes),
        targets: item.targets,
      };
      const words = [item.title, item.text, plan.title, organisations.get(plan.organisation).name,
        ...shown.owners, ...shown.support, ...shown.themes];
      return {item, plan, shown, words: words.join("\n").toLowerCase()};
    });
  }

  function readState() {
    const state = {q: form.elements.q.value.trim(), target: form.elements.target.checked ? "1" : ""};
    FACETS.forEach((name) => { state[name] = form.elements[name].value; });
    return state;
  }

  function restoreState(params) {
    for (const name of FACETS) {
      const select = form.elements[name];
      const wanted = params.get(name);
      select.value = Array.from(select.options).some((o) => o.value === wanted) ? wanted : "";
    }
    form.elements.q.value = params.get("q") || "";
    form.elements.target.checked = params.get("target") === "1";
  }

  function writeState(state) {
    const params = new URLSearchParams();
    for (const name of PARAMETERS) {
      if (state[name]) {
        params.set(name, state[name]);
      }
    }
    const query = params.toString();
    history.replaceState(history.state, "", query ? `?${query}` : location.pathname);
  }

  function matches(state) {
    const terms = state.q.toLowerCase().split(/\s+/).filter(Boolean);
    return ({item, plan, words}) =>
      (!state.org || plan.organisation === state.org)
      && (!state.year || String(plan.year) === state.year)
      && (!state.theme || item.themes.includes(state.theme))
      && (!state.dept || item.owners.includes(state.dept) || item.support.includes(state.dept))
      && (!state.status || item.status === state.status)
      && (!state.target || item.targets > 0)
      && terms.every((term) => words.includes(term));
  }

  function result({shown}) {
    const li = element("li", "plansite-finder__result");
    const link = element("a", "plansite-finder__title", shown.title);
    link.href = shown.url;
    const where = element("p", "plansite-finder__meta", `${shown.plan} · ${TEXT.number(shown.number)}`);
    li.append(link, where);
    const details = [];
    if (shown.owners.length) {
      details.push(TEXT.owners + shown.owners.join("、"));
    }
    if (shown.support.length) {
      details.push(TEXT.support + shown.support.join("、"));
    }
    if (shown.themes.length) {
      details.push(TEXT.themes + shown.themes.join("、"));
    }
    if (shown.targets) {
      details.push(TEXT.targets(shown.targets));
    }
    if (details.length) {
      li.append(element("p", "plansite-finder__meta", details.join(" · ")));
    }
    return li;
  }

  function start(entries) {
    let found = [];
    let shownCount = 0;
    let typing = 0;

    function announce() {
      summary.textContent = !found.length ? TEXT.none
        : shownCount < found.length ? TEXT.partial(found.length, shownCount) : TEXT.found(found.length);
      more.hidden = shownCount >= found.length;
    }

    function showMore() {
      const next = found.slice(shownCount, shownCount + PAGE_SIZE).map(result);
      results.append(...next);
      shownCount += next.length;
      announce();
      return next;
    }

    function apply() {
      const state = readState();
      writeState(state);
      found = entries.filter(matches(state));
      results.replaceChildren();
      shownCount = 0;
      showMore();
    }

    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("change", apply);
    form.addEventListener("input", (event) => {
      if (event.target === form.elements.q) {
        clearTimeout(typing);
        typing = setTimeout(apply, TYPING_DELAY);
      }
    });
    // The reset event comes before the controls are reset.
    form.addEventListener("reset", () => setTimeout(apply));
    more.addEventListener("click", () => {
      const [first] = showMore();
      first.querySelector("a").focus();
    });

    restoreState(new URLSearchParams(location.search));
    form.hidden = false;
    apply();
  }

  summary.textContent = TEXT.loading;
  const dataUrl = new URL(form.dataset.source, location.href);
  fetch(dataUrl)
    .then((response) => {
      if (!response.ok) {
        throw new Error(`${response.status} ${response.statusText}`);
      }
      return response.json();
    })
    .then((data) => {
      const records = lookups(data);
      fillOptions(data, records);
      start(prepare(data, records, dataUrl));
    })
    .catch((error) => {
      summary.textContent = TEXT.failed;
      console.error("finder:", error);
    });
}());

/* The item finder (所有事项): filters the items of data/finder/ in the browser.
 *
 * Runs on the page holding form#finder (every page loads this file; others return at once).
 * The data is split (see generator/finder.py): an index with the facets and per year its item count
 * and file, loaded first, and a file per year, loaded when the filter needs that year and kept.
 * The filter lives in the query string (?org=&year=&theme=&dept=&status=&target=1&kw=; year=all for
 * every year), so a filtered view can be shared and is restored on load.  Without a query string
 * the newest year is shown and a note says so; a query string with filters but no year means all
 * years.  The status filter (进展) is an item's state on the build day, as its page states it; items of
 * a review (工作总结) have none and match only when it is not set.  Each result shows its state in words
 * (进展：逾期未报) first among its details, so the list says it with no filter and confirms it with one; an
 * item of a review shows none; then the deadline the plan states, and on a line of their own its targets, what
 * each asks (目标：学前三年毛入园率 ≥ 94.5%（完成时限 2025-06-30）).  Each option of a list says how many items
 * choosing it shows, the other filters as they are (基教科（12）, as a screen reader reads it; after a dot when the
 * name ends in brackets: 某县教育局（体育局） · 12), counted in the years loaded: an option that needs a year not
 * loaded says its name alone.  Text from the data reaches the page
 * only through textContent, Option(), dataset and optgroup.label: never as markup.
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
  const defaultYearNote = document.getElementById("finder-default-year");
  const removals = document.getElementById("finder-without");

  const fold = window.plansiteFold || ((text) => text);  // a11y.js, listed before this file in mkdocs.yml
  const PAGE_SIZE = 200;
  const TYPING_DELAY = 300;
  const COUNTS_LOAD = 3000;  // items the counts of an empty answer may load: a year of 1,000 plans (2.3 MB)
  const ALL_YEARS = "all";
  const FACETS = ["org", "year", "theme", "dept", "status"];
  const PARAMETERS = [...FACETS, "target", "kw"];
  const DEPARTMENT_LIMIT = Number(form.dataset.departmentLimit);
  const TEXT = {
    loading: "正在加载筛选条件……",
    loadingYears: (items, years, loaded) =>
      `正在加载 ${years} 个年度共 ${items} 条事项（已加载 ${loaded} 个年度）……`,
    failed: "无法加载事项数据，请刷新页面重试，或按计划浏览。",
    none: "没有符合条件的事项。",
    noneInYear: (year) => `${year}年没有符合条件的事项。`,
    found: (count) => `共 ${count} 条事项。`,
    removals: "去掉其中一个条件的结果如下：",
    noRemoval: "去掉其中任何一个条件也没有符合的事项。",
    remove: (filter, count) => `去掉“${filter}”` + (count === null ? "" : `，共 ${count} 条`),
    filter: (facet, value) => `${facet}：${value}`,
    targetOnly: "只看有量化目标的事项",
    partial: (count, shown) => `共 ${count} 条事项，显示前 ${shown} 条。`,
    year: (year) => `${year}年`,
    counted: (name, count) => (/[）)]$/.test(name) ? `${name} · ${count}` : `${name}（${count}）`),
    number: (number) => `编号 ${number}`,
    state: "进展：",
    owners: "责任单位：",
    support: "配合单位：",
    themes: "主题：",
    deadline: "完成时限：",
    targets: "目标：",
    target: ({text, deadline}) => (deadline ? `${text}（完成时限 ${deadline}）` : text),
    allDepartments: "全部部门",
    chooseOrganisation: "全部部门（按部门筛选请先选择发布机构）",
  };

  const byId = (records) => new Map(records.map((record) => [record.id, record]));
  const itemsOf = (years) => years.reduce((sum, year) => sum + year.items, 0);  // years of the index

  function element(tag, className, text) {
    const node = document.createElement(tag);
    node.className = className;
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function fail(error) {
    summary.textContent = TEXT.failed;
    console.error("finder:", error);
  }

  function getJson(url) {
    return fetch(url).then((response) => {
      if (!response.ok) {
        throw new Error(`${response.status} ${response.statusText}`);
      }
      return response.json();
    });
  }

  /* The index's records by id, for looking names up. */
  function lookups(index) {
    return {organisations: byId(index.organisations), themes: byId(index.themes),
      departments: byId(index.departments)};
  }

  /* An option of a list, its name kept apart from its text, which adds a count (see countOptions). */
  function option(name, value) {
    const made = new Option(name, value);
    made.dataset.name = name;
    return made;
  }

  function fillOptions(index) {
    const add = (value, name) => option(name, value);
    form.elements.org.append(...index.organisations.map((o) => add(o.id, o.name)));
    form.elements.year.append(...index.years.map(({year}) => add(String(year), TEXT.year(year))));
    form.elements.theme.append(...index.themes.map((t) => add(t.id, t.name)));
    form.elements.status.append(...index.states.map((state) => add(state, state)));
  }

  /* A year's items, each with what the keyword filter searches (lower case, full-width digits and letters
   * folded, see a11y.js; `plansite find` searches the same:
   * generator/find.py, searched_text) and what a result shows. */
  function prepare(data, {organisations, themes, departments}, dataUrl) {
    const plans = byId(data.plans);
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
        deadline: item.deadline,
        state: item.state,
      };
      const words = [item.title, item.text, plan.title, organisations.get(plan.organisation).name,
        ...shown.owners, ...shown.support, ...shown.themes];
      return {item, plan, year: String(data.year), shown, words: fold(words.join("\n")).toLowerCase()};
    });
  }

  function readState() {
    const state = {kw: form.elements.kw.value.trim(), target: form.elements.target.checked ? "1" : ""};
    FACETS.forEach((name) => { state[name] = form.elements[name].value; });
    return state;
  }

  /* The filter into the address; the page's default view (see restoreState) has none.  A change of the filter
   * is a new entry of the browser's history, so Back returns to the filter before it; keywords typed in one run
   * (``typing``) make one entry, and the address the page opened with is corrected in place (``replace``). */
  function writeState(state, isDefault, how) {
    const params = new URLSearchParams();
    for (const name of PARAMETERS) {
      if (state[name]) {
        params.set(name, state[name]);
      }
    }
    const query = isDefault ? "" : params.toString();
    const typing = how === "typing";
    const same = (query && `?${query}`) === location.search;
    const change = same || how === "replace" || (typing && history.state && history.state.typing)
      ? history.replaceState : history.pushState;
    change.call(history, {typing}, "", query ? `?${query}` : location.pathname);
  }

  /* The filters set, each as a test of an item (the year's too: the items of every year loaded are counted). */
  function tests(state) {
    const terms = fold(state.kw).toLowerCase().split(/\s+/).filter(Boolean);
    const all = {
      org: ({plan}) => plan.organisation === state.org,
      year: ({year}) => state.year === ALL_YEARS || year === state.year,
      theme: ({item}) => item.themes.includes(state.theme),
      dept: ({item}) => item.owners.includes(state.dept) || item.support.includes(state.dept),
      status: ({item}) => item.state === state.status,
      target: ({item}) => item.targets.length > 0,
      kw: ({words}) => terms.every((term) => words.includes(term)),
    };
    return Object.entries(all).filter(([name]) => state[name]);
  }

  function matches(state) {
    const set = tests(state);
    return (entry) => set.every(([, test]) => test(entry));
  }

  /* An item's values of each list: what it counts for. */
  const VALUES = {
    org: ({plan}) => [plan.organisation],
    year: ({year}) => [year],
    theme: ({item}) => item.themes,
    dept: ({item}) => [...new Set([...item.owners, ...item.support])],
    status: ({item}) => (item.state ? [item.state] : []),
  };

  /* The ``entries`` that pass every filter, in their order, and for each list how many of them each value gives
   * with the other filters as they are: an item failing no filter counts for its values of every list, an item
   * failing one filter for its values of that one. */
  function tally(state, entries) {
    const set = tests(state);
    const found = [];
    const counts = new Map(FACETS.map((name) => [name, new Map()]));
    const add = (name, entry) => VALUES[name](entry).forEach((value) =>
      counts.get(name).set(value, (counts.get(name).get(value) || 0) + 1));
    for (const entry of entries) {
      const failed = set.filter(([, test]) => !test(entry)).map(([name]) => name);
      if (!failed.length) {
        found.push(entry);
        FACETS.forEach((name) => add(name, entry));
      } else if (failed.length === 1 && counts.has(failed[0])) {
        add(failed[0], entry);
      }
    }
    return {found, counts};
  }

  function result({shown}) {
    const li = element("li", "plansite-finder__result");
    const link = element("a", "plansite-finder__title", shown.title);
    link.href = shown.url;
    const where = element("p", "plansite-finder__meta", `${shown.plan} · ${TEXT.number(shown.number)}`);
    li.append(link, where);
    const details = [];
    if (shown.state) {
      details.push(TEXT.state + shown.state);
    }
    if (shown.deadline) {
      details.push(TEXT.deadline + shown.deadline);
    }
    if (shown.owners.length) {
      details.push(TEXT.owners + shown.owners.join("、"));
    }
    if (shown.support.length) {
      details.push(TEXT.support + shown.support.join("、"));
    }
    if (shown.themes.length) {
      details.push(TEXT.themes + shown.themes.join("、"));
    }
    if (details.length) {
      li.append(element("p", "plansite-finder__meta", details.join(" · ")));
    }
    if (shown.targets.length) {
      li.append(element("p", "plansite-finder__meta", TEXT.targets + shown.targets.map(TEXT.target).join("；")));
    }
    return li;
  }

  /* The department list: the chosen organisation's departments, or all of them if they are few
   * (see generator/finder.py), and ``keep`` (an id) even if it is neither, selected. */
  function departmentList(index, {organisations, departments}) {
    const select = form.elements.dept;
    const tooMany = index.departments.length > DEPARTMENT_LIMIT;
    const listed = (org) => index.departments.filter((d) => (org ? d.organisation === org : !tooMany));

    function fill(keep) {
      const org = form.elements.org.value;
      const shown = listed(org);
      if (departments.has(keep) && !shown.some((d) => d.id === keep)) {
        shown.push(departments.get(keep));
      }
      select.replaceChildren(new Option(!org && tooMany ? TEXT.chooseOrganisation : TEXT.allDepartments, ""));
      const groups = new Map();
      for (const d of shown) {
        if (!groups.has(d.organisation)) {
          const group = document.createElement("optgroup");
          group.label = organisations.get(d.organisation).name;
          select.append(group);
          groups.set(d.organisation, group);
        }
        groups.get(d.organisation).append(option(d.name, d.id));
      }
      select.value = departments.has(keep) ? keep : "";
    }

    /* After the organisation changed: the chosen department stays if the new list has it. */
    function follow() {
      const kept = listed(form.elements.org.value).some((d) => d.id === select.value);
      fill(kept ? select.value : "");
    }

    return {fill, follow};
  }

  /* Year files, each fetched once: ``load`` gives a promise of its items, ``ready`` those already here. */
  function yearFiles(indexUrl, names) {
    const ready = new Map();
    const pending = new Map();

    function load({year, file}) {
      if (!pending.has(year)) {
        const url = new URL(file, indexUrl);
        const loading = getJson(url).then((data) => {
          const entries = prepare(data, names, url);
          ready.set(year, entries);
          return entries;
        });
        loading.catch(() => pending.delete(year));
        pending.set(year, loading);
      }
      return pending.get(year);
    }

    return {ready, load};
  }

  function start(index, indexUrl) {
    const names = lookups(index);
    const departments = departmentList(index, names);
    const files = yearFiles(indexUrl, names);
    const newest = index.years.length ? String(index.years[0].year) : ALL_YEARS;
    let defaultYear = false;
    let found = [];
    let shownCount = 0;
    let typing = 0;
    let generation = 0;

    /* An address without a year shows the newest year if it has no filter either, else every year. */
    function restoreState(params) {
      const offered = (name) => Array.from(form.elements[name].options).some((o) => o.value === params.get(name));
      for (const name of ["org", "theme", "status"]) {
        form.elements[name].value = offered(name) ? params.get(name) : "";
      }
      defaultYear = !PARAMETERS.some((name) => params.has(name));
      form.elements.year.value = offered("year") ? params.get("year") : defaultYear ? newest : ALL_YEARS;
      departments.fill(params.get("dept"));
      form.elements.kw.value = params.get("kw") || "";
      form.elements.target.checked = params.get("target") === "1";
    }

    /* The years the filter can find items in, as the index lists them (newest first). */
    function neededYears(state) {
      const within = [state.year === ALL_YEARS ? null : [Number(state.year)],
        state.org && names.organisations.get(state.org).years,
        state.dept && names.departments.get(state.dept).years].filter(Boolean);
      return index.years.filter(({year}) => within.every((years) => years.includes(year)));
    }

    function announce() {
      const year = form.elements.year.value;
      summary.textContent = !found.length ? (year !== ALL_YEARS ? TEXT.noneInYear(year) : TEXT.none)
        : shownCount < found.length ? TEXT.partial(found.length, shownCount) : TEXT.found(found.length);
      more.hidden = shownCount >= found.length;
    }

    /* The filters set (the year, unless every year), in the address's order. */
    function filtersSet(state) {
      return PARAMETERS.filter((name) => state[name] && state[name] !== ALL_YEARS);
    }

    function without(state, name) {
      return {...state, [name]: name === "year" ? ALL_YEARS : ""};
    }

    /* A filter as the form shows it: 年度：2025年, 关键词：学前, 只看有量化目标的事项. */
    function filterLabel(name) {
      const control = form.elements[name];
      if (control.type === "checkbox") {
        return TEXT.targetOnly;
      }
      const value = control.type === "search" ? control.value.trim() : control.selectedOptions[0].dataset.name;
      return TEXT.filter(form.querySelector(`label[for="${control.id}"]`).textContent, value);
    }

    function matchingCount(state, years) {
      return years.every(({year}) => files.ready.has(year))
        ? years.flatMap(({year}) => files.ready.get(year)).filter(matches(state)).length : null;
    }

    /* Nothing matches: for each filter set, as plansite find says, how many items match without it, with a
     * button that removes it.  Counts that need years not loaded yet load them while they hold at most
     * COUNTS_LOAD items in all; more (every year of a large site) would be megabytes for a hint, and the
     * buttons of those counts say no count.  The lists' options are counted again with the years loaded. */
    function offerRemovals(state, run) {
      removals.replaceChildren();
      const set = filtersSet(state);
      if (set.length < 2) {
        return;
      }
      const others = set.map((name) => ({name, state: without(state, name), years: neededYears(without(state, name))}));
      const loads = new Set();
      for (const {years} of others) {
        const missing = years.filter((year) => !files.ready.has(year.year) && !loads.has(year));
        if (itemsOf([...loads, ...missing]) <= COUNTS_LOAD) {
          missing.forEach((year) => loads.add(year));
        }
      }
      Promise.allSettled([...loads].map(files.load)).then(() => {
        if (run !== generation) {
          return;
        }
        if (loads.size) {
          countOptions(state);  // the years loaded for the counts below can now be counted in the lists too
        }
        const offers = others.map((other) => ({...other, count: matchingCount(other.state, other.years)}))
          .filter((other) => other.count !== 0);
        summary.textContent += offers.length ? TEXT.removals : TEXT.noRemoval;
        removals.append(...offers.map(({name, count}) => {
          const button = element("button", "md-button", TEXT.remove(filterLabel(name), count));
          button.type = "button";
          button.addEventListener("click", () => remove(name));
          const li = element("li", "");
          li.append(button);
          return li;
        }));
      });
    }

    /* A filter removed from the form, the control then focused (its button is gone with the empty answer). */
    function remove(name) {
      const control = form.elements[name];
      if (name === "year") {
        control.value = ALL_YEARS;
        defaultYear = false;
      } else if (name === "target") {
        control.checked = false;
      } else {
        control.value = "";
      }
      if (name === "org") {
        departments.fill(form.elements.dept.value);
      }
      apply();
      control.focus();
    }

    function showMore() {
      const next = found.slice(shownCount, shownCount + PAGE_SIZE).map(result);
      results.append(...next);
      shownCount += next.length;
      announce();
      return next;
    }

    /* Each option's count (see tally), when every year it needs is loaded, else its name alone; returned, the
     * items of the years loaded that match ``state``, newest year first (as the index lists the years). */
    function countOptions(state) {
      const loaded = index.years.filter(({year}) => files.ready.has(year)).flatMap(({year}) => files.ready.get(year));
      const {found, counts} = tally(state, loaded);
      for (const name of FACETS) {
        for (const shown of Array.from(form.elements[name].options).slice(1)) {
          const years = neededYears({...state, [name]: shown.value});
          shown.text = years.every(({year}) => files.ready.has(year))
            ? TEXT.counted(shown.dataset.name, counts.get(name).get(shown.value) || 0) : shown.dataset.name;
        }
      }
      return found;
    }

    /* Show the items that match ``state`` and count the options, in one pass over the years loaded: every year
     * the state needs is (the others hold no item that matches it). */
    function show(state, run) {
      found = countOptions(state);
      results.removeAttribute("aria-busy");
      results.replaceChildren();
      shownCount = 0;
      showMore();
      if (!found.length) {
        offerRemovals(state, run);
      }
    }

    /* Load the years' files, saying how many items they hold and how many years are in. */
    function load(years, run) {
      const items = itemsOf(years);
      let loaded = 0;
      const progress = () => {
        if (run === generation) {
          summary.textContent = TEXT.loadingYears(items, years.length, loaded);
        }
      };
      progress();
      return Promise.all(years.map((year) => files.load(year).then(() => {
        loaded += 1;
        progress();
      })));
    }

    /* Show what the form asks for; ``how`` the address changes (see writeState). */
    function apply(how) {
      const state = readState();
      writeState(state, defaultYear && !PARAMETERS.some((name) => name !== "year" && state[name]), how);
      defaultYearNote.hidden = !defaultYear;
      const years = neededYears(state);
      const run = ++generation;
      removals.replaceChildren();
      if (years.every(({year}) => files.ready.has(year))) {
        show(state, run);
        return;
      }
      results.replaceChildren();
      results.setAttribute("aria-busy", "true");
      more.hidden = true;
      load(years, run).then(() => run === generation && show(state, run), (error) => {
        if (run === generation) {
          results.removeAttribute("aria-busy");
          fail(error);
        }
      });
    }

    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("change", (event) => {
      if (event.target === form.elements.org) {
        departments.follow();
      }
      if (event.target === form.elements.year) {
        defaultYear = false;
      }
      apply();
    });
    form.addEventListener("input", (event) => {
      if (event.target === form.elements.kw) {
        clearTimeout(typing);
        typing = setTimeout(apply, TYPING_DELAY, "typing");
      }
    });
    // The reset event comes before the controls are reset: then the page's default view is restored.
    form.addEventListener("reset", () => setTimeout(() => {
      restoreState(new URLSearchParams());
      apply();
    }));
    // Back and Forward: the filter of that entry (its address), shown again.
    window.addEventListener("popstate", () => {
      clearTimeout(typing);
      restoreState(new URLSearchParams(location.search));
      apply("replace");
    });
    more.addEventListener("click", () => {
      const [first] = showMore();
      first.querySelector("a").focus();
    });

    fillOptions(index);
    restoreState(new URLSearchParams(location.search));
    form.hidden = false;
    apply("replace");
  }

  summary.textContent = TEXT.loading;
  const indexUrl = new URL(form.dataset.source, location.href);
  getJson(indexUrl).then((index) => start(index, indexUrl)).catch(fail);
}());

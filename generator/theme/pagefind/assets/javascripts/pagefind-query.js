// A query as Plansite's Pagefind index holds its words (generator/pagefind.py, APART): the index has each
// Chinese character and digit as a word of its own, so the query is cut the same way.  A word of the query
// (letters and digits, no punctuation) is asked for its characters in a row, as Pagefind's exact search
// does with a quoted query: 普惠性 → "普 惠 性", which finds 普惠性 and not 普及 … 优惠 … 性.  A word with
// punctuation (94.5%) asks for each of its characters anywhere in the page.
const APART = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff0-9]/gu
const ZERO_WIDTH_SPACE = "\u200b"
const EXCERPT_WORDS = 30  // Pagefind counts words, and a Chinese word is a character here

// Full-width digits, letters, ％ and ． as the index holds them, in ASCII (a11y.js, where every page of the site
// defines it; generator/fullwidth.py for the index).
const fold = globalThis.plansiteFold ?? (text => text)

// The words of a query, each once; quotes around the whole query are dropped.
export function queryWords(query) {
  return [...new Set(fold(query).trim().replace(/^"(.*)"$/u, "$1").split(/\s+/u).filter(word => word))]
}

// What Pagefind is asked for one word of a query.
export function pagefindQuery(word) {
  const apart = pieces(word)
  return inARow(word) && apart.length > 1 ? `"${apart.join(" ")}"` : apart.join(" ")
}

const inARow = word => /^[\p{L}\p{N}]+$/u.test(word)
const pieces = word => word.replace(APART, " $& ").trim().split(/\s+/u)

// Each word of a query is asked apart (in a row, as above), and the pages holding every word are kept, ranked
// by the sum of their scores.  Asking Pagefind once for all the words' characters anywhere took seconds on a
// large site (a common character is held thousands of times in thousands of pages, and Pagefind scores each
// place) and found pages holding the characters scattered.  The answer has the results and filters of
// Pagefind's (what its UI reads): the filter counts are those of the pages kept, counted from pageFilters(),
// the filter values of every page (plansite-filters.json, written with the index).  Pagefind is never asked
// to count them: it counts every filter whose data it has loaded for every result of every word, which took
// 0.35 s a word at 10,000 plans.
export async function pagefindSearch(pagefind, query, options, pageFilters) {
  const [searches, filtersOfPages] = await Promise.all([
    Promise.all(queryWords(query).map(word => pagefind.search(pagefindQuery(word), options))), pageFilters()])
  const others = searches.slice(1).map(search => new Map(search.results.map(result => [result.id, result.score])))
  const results = (searches.length ? searches[0].results : [])
    .filter(result => others.every(scores => scores.has(result.id)))
    .map(result => ({...result, score: others.reduce((sum, scores) => sum + scores.get(result.id), result.score)}))
    .sort((a, b) => b.score - a.score)
  return {results, filters: filterCounts(results.map(result => result.id), filtersOfPages)}
}

// For each filter and value, how many of the pages (ids) have it, as Pagefind counts them (zeros too).
// filtersOfPages: {values: [[filter, value], …], pages: {page id: [index in values, …]}}.
export function filterCounts(ids, {values, pages}) {
  const counts = {}
  for (const [filter, value] of values) (counts[filter] ??= {})[value] = 0
  for (const id of ids) {
    for (const [filter, value] of (pages[id] || []).map(at => values[at])) counts[filter][value]++
  }
  return counts
}

// Pagefind's exact search stops at the first place a page holds the query, and a page found for a query of
// several words comes with the places of its first word only.  So the page's data gets a sub-result for every
// section (heading) holding a word asked in a row, with an excerpt around the first place there and every
// such word marked, found in the page's text as Pagefind keeps it (its words between zero-width spaces,
// already escaped for HTML).  A page holding one word in one section keeps Pagefind's own.
export function pagefindResult(data, query) {
  const phrases = queryWords(query).filter(inARow).map(word => pieces(word).map(piece => piece.toLocaleLowerCase()))
  const words = data.raw_content.split(ZERO_WIDTH_SPACE)
  const anchors = data.anchors.filter(anchor => /h\d/i.test(anchor.element) && /\S/.test(anchor.text || ""))
    .sort((a, b) => a.location - b.location)
  const sections = new Map()
  for (let start = 0; start < words.length; start++) {
    for (const phrase of phrases) {
      if (!phrase.every((word, at) => (words[start + at] || "").trim().toLocaleLowerCase() === word)) continue
      const anchor = anchors.filter(candidate => candidate.location <= start).pop()
      const key = anchor ? anchor.location : -1
      if (!sections.has(key)) sections.set(key, {anchor, start, locations: []})
      sections.get(key).locations.push(...phrase.map((_, at) => start + at))
    }
  }
  if (sections.size === 0 || (sections.size === 1 && queryWords(query).length === 1)) return data
  data.sub_results = [...sections.values()].map(({anchor, start, locations}) => {
    const from = Math.max(anchor ? anchor.location : 0, start - Math.floor(EXCERPT_WORDS / 3))
    const shown = words.slice(from, from + EXCERPT_WORDS)
    return {
      title: anchor ? anchor.text : data.meta.title,
      url: anchor ? withAnchor(data.url, anchor.id) : data.url,
      anchor, locations,
      excerpt: shown.map((word, at) => locations.includes(from + at) ? `<mark>${word}</mark>` : word).join(""),
      plain_excerpt: shown.join(""),
    }
  })
  return data
}

function withAnchor(url, id) {
  const address = new URL(url, "https://example.com")
  address.hash = id
  return address.href.replace(/^https:\/\/example\.com/u, "")
}

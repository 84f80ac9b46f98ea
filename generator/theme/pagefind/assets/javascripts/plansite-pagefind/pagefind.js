// Pagefind's API (site/pagefind/pagefind.js) with Plansite's search: the search page gives this folder to
// Pagefind's UI as its bundlePath, so the UI asks a query as pagefindSearch does (../pagefind-query.js), and
// the filters and their counts come from plansite-filters.json, not from Pagefind's filter data (loading all
// of it makes Pagefind count every filter on every search).
import * as pagefind from "../../../pagefind/pagefind.js"
import {filterCounts, pagefindQuery, pagefindSearch, queryWords} from "../pagefind-query.js"

export const {options, init, destroy, mergeIndex} = pagefind
const FILTERS_OF_PAGES = new URL("../../../pagefind/plansite-filters.json", import.meta.url)
let filtersOfPages = null  // fetched once, again if that failed

function pageFilters() {
  filtersOfPages ??= fetch(FILTERS_OF_PAGES).then(answer => {
    if (!answer.ok) throw new Error(`${FILTERS_OF_PAGES}: HTTP ${answer.status}`)
    return answer.json()
  }).catch(error => {
    filtersOfPages = null
    throw error
  })
  return filtersOfPages
}

export const search = (query, asked = {}) => pagefindSearch(pagefind, query, asked, pageFilters)

// Every filter with the number of pages having each value, as the UI lists them before a query.
export async function filters() {
  const known = await pageFilters()
  return filterCounts(Object.keys(known.pages), known)
}

// The UI preloads the chunks of a query as it is typed: those of each of its words.
export async function preload(query, asked = {}) {
  await Promise.all(queryWords(query).map(word => pagefind.preload(pagefindQuery(word), asked)))
}

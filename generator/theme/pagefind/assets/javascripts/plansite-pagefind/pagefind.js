// Pagefind's API (site/pagefind/pagefind.js) with Plansite's search: the search page gives this folder to
// Pagefind's UI as its bundlePath, so the UI asks a query as pagefindSearch does (../pagefind-query.js).
import * as pagefind from "../../../pagefind/pagefind.js"
import {pagefindQuery, pagefindSearch, queryWords} from "../pagefind-query.js"

export const {options, init, destroy, mergeIndex, filters} = pagefind
const FILTERS_OF_PAGES = new URL("../../../pagefind/plansite-filters.json", import.meta.url)
let filtersOfPages = null  // fetched for the first query of several words, fetched again if that failed

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

// The UI preloads the chunks of a query as it is typed: those of each of its words.
export async function preload(query, asked = {}) {
  await Promise.all(queryWords(query).map(word => pagefind.preload(pagefindQuery(word), asked)))
}

// A query as Plansite's Pagefind index holds its words (generator/pagefind.py, APART): the index has each
// Chinese character and digit as a word of its own, so the query is cut the same way.  A query of one word
// (letters and digits, no punctuation) asks for its characters in a row, as Pagefind's exact search does
// with a quoted query: 普惠性 → "普 惠 性", which finds 普惠性 and not 普及 … 优惠 … 性.  A query of several
// words, or with punctuation (94.5%), asks for every character anywhere in the page.
const APART = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff0-9]/gu
const ZERO_WIDTH_SPACE = "\u200b"
const EXCERPT_WORDS = 30  // Pagefind counts words, and a Chinese word is a character here

export function pagefindQuery(query) {
  const words = query.trim().replace(/^"(.*)"$/u, "$1").split(/\s+/u).filter(word => word)
  const apart = words.map(word => word.replace(APART, " $& ").trim().split(/\s+/u).join(" "))
  const inARow = words.length === 1 && /^[\p{L}\p{N}]+$/u.test(words[0]) && apart[0].includes(" ")
  return inARow ? `"${apart[0]}"` : apart.join(" ")
}

// Pagefind's exact search stops at the first place a page holds the query, so the page's data lists one
// section of it.  For a query asked in a row this gives the data a sub-result for every section (heading)
// holding it, each with an excerpt around the first place there, found in the page's text as Pagefind keeps
// it (its words between zero-width spaces, already escaped for HTML).
export function pagefindResult(data, query) {
  const asked = pagefindQuery(query)
  if (!asked.startsWith('"')) return data
  const phrase = asked.slice(1, -1).split(" ").map(word => word.toLocaleLowerCase())
  const words = data.raw_content.split(ZERO_WIDTH_SPACE)
  const anchors = data.anchors.filter(anchor => /h\d/i.test(anchor.element) && /\S/.test(anchor.text || ""))
    .sort((a, b) => a.location - b.location)
  const sections = new Map()
  for (let start = 0; start + phrase.length <= words.length; start++) {
    if (!phrase.every((word, at) => words[start + at].trim().toLocaleLowerCase() === word)) continue
    const anchor = anchors.filter(candidate => candidate.location <= start).pop()
    const key = anchor ? anchor.location : -1
    if (!sections.has(key)) sections.set(key, {anchor, start, locations: []})
    sections.get(key).locations.push(...phrase.map((_, at) => start + at))
  }
  if (sections.size <= 1) return data
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

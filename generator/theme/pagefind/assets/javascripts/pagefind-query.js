// A query as Plansite's Pagefind index holds its words (generator/pagefind.py, APART): the index has each
// Chinese character and digit as a word of its own, so the query is cut the same way.  A query of one word
// (letters and digits, no punctuation) asks for its characters in a row, as Pagefind's exact search does
// with a quoted query: 普惠性 → "普 惠 性", which finds 普惠性 and not 普及 … 优惠 … 性.  A query of several
// words, or with punctuation (94.5%), asks for every character anywhere in the page.
const APART = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff0-9]/gu

export function pagefindQuery(query) {
  const words = query.trim().replace(/^"(.*)"$/u, "$1").split(/\s+/u).filter(word => word)
  const apart = words.map(word => word.replace(APART, " $& ").trim().split(/\s+/u).join(" "))
  const inARow = words.length === 1 && /^[\p{L}\p{N}]+$/u.test(words[0]) && apart[0].includes(" ")
  return inARow ? `"${apart[0]}"` : apart.join(" ")
}

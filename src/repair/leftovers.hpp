// Scraping leftovers: whole lines a scraper copied along with an article, found by their shape.
//
//   std::vector<Edit> cuts = scrape_leftovers(doc);   // deletions, sorted, non-overlapping
//
// Three kinds, each an edit that deletes one paragraph (its line, and the blank lines after it):
//   - navigation words at the edges: a short line (at most 4 words) that starts with a lowercase
//     letter and ends without sentence punctuation, before the article's first sentence or after
//     its last ("close", "first Drop", "font change");
//   - a paragraph of three or more words that repeats an earlier one word for word (a headline
//     or caption scraped twice);
//   - an image caption framed by its credit: a line that starts with one to three capitalised
//     words and ends with the same words glued to the caption ("Getty Images KPA soldiers march
//     ... on September 9, 2018Getty Images").
// The article's sentences are the paragraphs of at least 8 words ending in sentence punctuation;
// a document without one has no edges, and headings inside it are never touched. A line that
// holds a URL, an address, a handle, code or invalid bytes is never cut. The rules see
// nothing but the text's shape, so they are off unless asked for (fix --leftovers).
#pragma once

#include <vector>

#include "repair/edit.hpp"
#include "text/document.hpp"

namespace unspin::repair {

std::vector<Edit> scrape_leftovers(const text::Document& doc);

// Merges `cuts` (from scrape_leftovers) into `edits` (sorted, non-overlapping): an edit inside a
// deleted line is dropped with it. Returns, for each edit of the result, the index it had in
// `edits`, or -1 for a cut, so that parallel vectors can follow.
std::vector<long> merge_cuts(std::vector<Edit>& edits, std::vector<Edit> cuts);

}  // namespace unspin::repair

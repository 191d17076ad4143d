import MiniSearch from 'minisearch';
import { tokens } from '@ocop/core';

/** Something a shopper may have meant: an id and the texts that name it (name, craft, province…). */
export interface Candidate {
  id: string;
  texts: string[];
}

/**
 * The candidate whose texts come nearest to `query` (accent-insensitive, any word may match, each
 * word forgiving about a third of its letters as typos, the last as a prefix), or null when no word
 * comes near. For "did you mean" hints over small lists such as villages and crafts. Pure.
 */
export function nearest(query: string, candidates: Candidate[]): string | null {
  if (tokens(query).length === 0 || candidates.length === 0) return null;
  const index = new MiniSearch<Candidate>({
    fields: ['text'],
    extractField: (c, name) => (name === 'id' ? c.id : c.texts.join(' ')),
    tokenize: tokens,
    processTerm: (t) => t,
  });
  index.addAll(candidates);
  const [best] = index.search(query, {
    combineWith: 'OR',
    prefix: (_t, i, terms) => i === terms.length - 1,
    fuzzy: (t) => (t.length >= 4 ? 0.34 : false),
  });
  return best ? String(best.id) : null;
}

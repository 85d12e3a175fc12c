/**
 * The knowledge layer's one public entry: what bot/ may use of the content (schemas and loading), the search index
 * and its lifecycle, and the Vietnamese text tools. Everything else under knowledge/ is internal to it.
 *
 * @example
 * import { openIndex, foldVietnamese, type KnowledgeIndex } from '../knowledge';
 */
export { formatProblem, parseYaml, type ContentProblem } from './content/load';
export type { Conversation, LevelRow, Province, TravelRule, TravelRules, TriageBasis, TriageRules, Vaccination } from './content/schema';
export { openIndex, type LoadedIndex } from './engine/artifact';
export { createEmbeddings, type EmbeddingsSettings } from './engine/embeddings';
export { LiveIndex, type LiveIndexStatus } from './engine/live-index';
export { cardStatus, guidanceAsOf, today, type CardRecord, type CardStatus, type Hit, type KnowledgeIndex, type SearchResult } from './engine/search';
export { tokenize } from './text/analyze';
export { dateMentioned, withoutTimes } from './text/dates';
export { provinceFinder, type ProvinceFinder, type ProvinceMention } from './text/provinces';
export { foldVietnamese, hasWord, normalizeVietnamese } from './text/vietnamese';

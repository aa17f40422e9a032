export { streamKey } from './stream-key';
export { entryMatcher, entryText } from './match';
export { fateOf, type DestinationContext } from './fate';
export { leavesUnsearched, stopText } from './stop-text';
export { CAPPED_NOTE, traceMarkdown, type MarkdownOptions } from './markdown';

import type { z } from 'zod';

type Issue = z.core.$ZodRawIssue;

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  object: 'a set of fields',
  array: 'a list',
};

/**
 * zod's default messages ("Invalid input: expected string, received number") in plain words. Only
 * defaults are replaced: messages written into the schemas ("a webhook target looks like …") win,
 * so the form speaks with one voice.
 */
export function plainWords(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? 'is required'
        : `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? 'must not be empty'
          : `must be at least ${Number(issue.minimum)} characters`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `needs at least ${Number(issue.minimum)}`;
      return `must be at least ${Number(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${Number(issue.maximum)} characters`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `can have at most ${Number(issue.maximum)}`;
      return `must be at most ${Number(issue.maximum)}`;
    case 'invalid_format':
      return `is not a valid ${issue.format === 'regex' ? 'value' : issue.format}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `has unknown field${issue.keys.length === 1 ? '' : 's'}: ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return 'does not match any allowed form';
    default:
      return undefined;
  }
}

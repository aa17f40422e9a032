import { z } from 'zod';

export const TestStepName = z.enum([
  'validate_config',
  'reverse_map',
  'filter',
  'map',
  'validate_payload',
  'deliver',
]);
export const TestStep = z.looseObject({
  name: z.string(),
  ok: z.boolean(),
  message: z.string(),
  detail: z.unknown().optional(),
});
export type TestStep = z.infer<typeof TestStep>;

/** `POST .../:provider/test` and `POST .../webhooks/:id/test`. */
export const TestResult = z.looseObject({
  ok: z.boolean(),
  provider: z.string().optional(),
  webhookId: z.string().optional(),
  testMode: z.boolean().optional(),
  startedAt: z.string(),
  durationMs: z.number(),
  steps: z.array(TestStep),
  request: z.unknown().optional(),
  response: z.unknown().optional(),
});
export type TestResult = z.infer<typeof TestResult>;

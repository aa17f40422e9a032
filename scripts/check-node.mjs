#!/usr/bin/env node
// First thing `npm start` and `npm test` run: below Node 22.19 (undici 8 crashes at import there,
// and the tests fail in dozens of confusing ways) stop with ONE line saying what is needed and how.
// Plain, old syntax on purpose: this file must run on any Node an operator might have.
import process from 'node:process';
import { pathToFileURL } from 'node:url';

export const REQUIRED = [22, 19];

/** The one-line message for a Node version that is too old, or undefined when it is fine. */
export function nodeVersionProblem(version) {
  const [major, minor] = String(version).replace(/^v/, '').split('.').map(Number);
  const ok = major > REQUIRED[0] || (major === REQUIRED[0] && minor >= REQUIRED[1]);
  if (ok) return undefined;
  return `Integration Ops needs Node ${REQUIRED.join('.')} or newer, but this is Node ${String(version).replace(/^v/, '')}: run \`nvm install\` in this folder (it reads .nvmrc) or install Node 22 LTS, then run the command again.`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const problem = nodeVersionProblem(process.versions.node);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}

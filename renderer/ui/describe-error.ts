import type { BridgeError } from '../../shared/bridge';

/** Turn a bridge error into what failed and what to do about it: never raw JSON. */
export function describeError(error: BridgeError): { title: string; hint: string } {
  switch (error.kind) {
    case 'network':
      return { title: error.message, hint: 'Check the network, VPN or proxy, then retry.' };
    case 'offline':
      return {
        title: error.message,
        hint: 'Changes are not queued. Retry once the API is reachable again.',
      };
    case 'timeout':
      return {
        title: error.message,
        hint: 'The API did not answer in time. Retry; if it persists, check the API status.',
      };
    case 'auth':
      return { title: error.message, hint: 'The token was refused. Update it under Connections.' };
    case 'not_found':
      return {
        title: error.message,
        hint: 'Check the site id and that the resource still exists.',
      };
    case 'rate_limited':
      return {
        title: error.message,
        hint: error.retryAt
          ? `Rate limited until ${new Date(error.retryAt).toLocaleTimeString()}.`
          : 'Wait a moment, then retry.',
      };
    case 'validation':
      return { title: error.message, hint: 'Correct the highlighted fields and try again.' };
    case 'conflict':
      return {
        title: error.message,
        hint: 'Someone changed this on the server. Review the current version, then redo your change on it.',
      };
    case 'contract':
      return {
        title: error.message,
        hint: 'The API answered in an unexpected format. Copy the diagnostics for a support ticket.',
      };
    case 'cancelled':
      return { title: error.message, hint: 'The request was cancelled.' };
    case 'http':
      return {
        title: error.message,
        hint: 'The API reported an error. Retry, or check the diagnostics.',
      };
    case 'internal':
      return { title: error.message, hint: 'Retry; if it persists, restart the app.' };
  }
}

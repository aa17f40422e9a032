import type { CallContext, Emit, HandlersOf } from '../../../shared/bridge';
import type { damageCalls } from '../../../shared/bridge/calls/damage';
import type { DamageRegister } from './register';

export function createDamageHandlers(
  register: DamageRegister,
  emit: Emit,
): HandlersOf<typeof damageCalls, CallContext> {
  return {
    'damage.list': () => Promise.resolve(register.list()),
    'damage.dismiss': async ({ id }) => {
      const dismissed = await register.dismiss(id);
      // Every window: the notice leaves the screens of the other windows and tabs too.
      if (dismissed) emit('damage.dismissed', { id });
      return { dismissed };
    },
  };
}

import type { CallContext, HandlersOf } from '../../../shared/bridge';
import type { damageCalls } from '../../../shared/bridge/calls/damage';
import type { DamageRegister } from './register';

export function createDamageHandlers(
  register: DamageRegister,
): HandlersOf<typeof damageCalls, CallContext> {
  return {
    'damage.list': () => Promise.resolve(register.list()),
    'damage.dismiss': async ({ id }, ctx) => {
      const dismissed = await register.dismiss(id);
      if (dismissed) ctx.emit('damage.dismissed', { id });
      return { dismissed };
    },
  };
}

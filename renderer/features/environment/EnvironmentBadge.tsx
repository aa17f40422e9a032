import type { Connection } from '../../../shared/bridge';
import { ENVIRONMENT_LABEL } from './environment';

/** The connection's environment in its colour: in the header on every screen, and in the forms. */
export function EnvironmentBadge({
  connection,
}: {
  connection: Pick<Connection, 'environment' | 'color' | 'name'>;
}) {
  return (
    <span
      className={`env-badge env-${connection.color} env-is-${connection.environment}`}
      data-testid="environment-badge"
      data-environment={connection.environment}
      title={`Connection ${connection.name}: ${connection.environment}`}
    >
      {ENVIRONMENT_LABEL[connection.environment]}
    </span>
  );
}

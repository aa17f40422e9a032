import type { Session } from 'electron';

/** Deny every permission request and check (camera, geolocation, notifications...) by default. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // Screen capture requests get no source at all.
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));
}

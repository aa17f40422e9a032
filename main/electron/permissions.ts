import type { Session } from 'electron';

/**
 * Writing text to the clipboard ("Copy for a ticket", "Copy bundle") is the one permission the app
 * needs; browsers grant it to a focused page by default, Electron asks these handlers, so without
 * this exception the copy buttons would work in browser mode and fail on the desktop. Reading the
 * clipboard stays denied.
 */
const GRANTED = new Set(['clipboard-sanitized-write']);

/** Deny every other permission request and check (camera, geolocation, notifications...). */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(GRANTED.has(permission)),
  );
  session.setPermissionCheckHandler((_contents, permission) => GRANTED.has(permission));
  session.setDevicePermissionHandler(() => false);
  // Screen capture requests get no source at all.
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));
}

import { Menu, type MenuItemConstructorOptions } from 'electron';
import { openExternal } from './open-external';

/** A conventional application menu; no devtools entry in packaged builds. */
export function buildAppMenu(isPackaged: boolean): Menu {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...(isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        {
          label: 'Selwise integrations documentation',
          click: () => void openExternal('https://docs.selwise.com/integrations/operations'),
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}

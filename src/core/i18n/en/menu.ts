/**
 * English: the reference catalogue. Its literal types give every key and, through `{name}` placeholders, the
 * parameters a message requires; fa/, ar/ and tl/ must have exactly these keys and placeholders (test/core/i18n.test.ts).
 * Each section is its own module because Code.js loads on every cell call: the server bundles only the sections it uses.
 */

export const menu = {
  'menu.analyze': 'Analyze customers',
  'menu.template': 'Insert template',
  'menu.title': 'Customer Value',
} as const;

export type MenuKey = keyof typeof menu;
export type MenuMessages = Record<MenuKey, string>;

// Filipino as Filipino business people write it: Tagalog sentences, with the English words they use at work
import type { MenuMessages } from '../en/menu';

export const menu: MenuMessages = {
  'menu.analyze': 'Suriin ang mga customer',
  'menu.template': 'Maglagay ng template',
  'menu.title': 'Customer Value',
};

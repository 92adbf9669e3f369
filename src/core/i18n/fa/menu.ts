// Persian, for an Iranian shop owner: the words of Iranian e-commerce (ارزش طول عمر مشتری, نرخ ریزش), not a word-for-word copy.
import type { MenuMessages } from '../en/menu';

export const menu: MenuMessages = {
  'menu.analyze': 'تحلیل مشتریان',
  'menu.template': 'افزودن قالب',
  'menu.title': 'ارزش مشتری',
};

// Arabic, for a shop owner in the Gulf or the Levant: the terms Arab e-commerce uses (القيمة الدائمة للعميل, معدل التسرب).
import type { MenuMessages } from '../en/menu';

export const menu: MenuMessages = {
  'menu.analyze': 'تحليل العملاء',
  'menu.template': 'إدراج قالب',
  'menu.title': 'قيمة العميل',
};

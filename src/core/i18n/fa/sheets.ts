// Persian, for an Iranian shop owner: ریزش for churn, مشتری ثابت for a regular customer, as Iranian e-commerce says them.
import type { SheetMessages } from '../en/sheets';

export const sheets: SheetMessages = {
  'segment.champions.name': 'قهرمانان',
  'segment.champions.description': 'در {top} از نظر ارزش کل (گذشته + پیش‌بینی‌شده) و از نظر ارزش پیش‌بینی‌شده.',
  'segment.rising.name': 'رو به رشد',
  'segment.rising.description': 'در {top} از نظر ارزش پیش‌بینی‌شده، ولی (هنوز) نه از نظر ارزش کل.',
  'segment.pastStars.name': 'ستاره‌های سابق',
  'segment.pastStars.description': 'در {top} از نظر ارزش کل، ولی نه از نظر ارزش پیش‌بینی‌شده: بیشتر ارزششان را قبلاً آورده‌اند.',
  'segment.lowValue.name': 'کم‌ارزش',
  'segment.lowValue.description': 'نه در {top} از نظر ارزش کل و نه از نظر ارزش پیش‌بینی‌شده.',
  'segment.cut.top20': '۲۰٪ بالا',
  'segment.cut.median': 'نیمهٔ بالا',

  'stage.new.name': 'جدید',
  'stage.new.description': 'اولین خرید در {newDays} روز گذشته.',
  'stage.oneTime.name': 'خریدار یک‌باره',
  'stage.oneTime.description': 'تا حالا فقط یک روز خرید، در {days} روز گذشته، و احتمالاً هنوز فعال.',
  'stage.regular.name': 'مشتری ثابت',
  'stage.regular.description': 'خرید تکراری دارد، آخرینش در {days} روز گذشته و طبق روال همیشگی‌اش، و احتمالاً هنوز فعال.',
  'stage.lapsing.name': 'در حال ریزش',
  'stage.lapsing.description': 'بیش از {days} روز بدون خرید، یا بیش از {gaps} برابر فاصلهٔ معمول خریدهایش، یا احتمال فعال‌بودنش کمتر از {likely}؛ هنوز ریزش‌کرده نیست.',
  'stage.former.name': 'ریزش‌کرده',
  'stage.former.description': 'بیش از {days} روز بدون خرید و احتمال فعال‌بودنش کمتر از {likely}.',

  'advice.former.valuable': 'احتمالاً رفته، ولی ارزش زیادی داشته: یک بار پیشنهاد شخصی برای برگرداندنش ارزش امتحان دارد.',
  'advice.former.other': 'احتمالاً رفته و ارزش کمی دارد: هزینه نکنید؛ فقط در خبرنامه‌های عمومی بماند.',
  'advice.lapsing.valuable': 'در حال رفتن است و هنوز ارزش زیادی دارد: همین حالا شخصاً با او تماس بگیرید (فهرست «اول با این‌ها تماس بگیرید»).',
  'advice.lapsing.other': 'در حال رفتن است: یک یادآوری یا پیشنهاد کم‌هزینه.',
  'advice.new.valuable': 'شروع امیدوارکننده: شخصاً خوشامد بگویید و سفارش بعدی را برایش آسان کنید.',
  'advice.new.other': 'خوشامد بگویید و با هزینهٔ کم به سفارش دوم دعوتش کنید.',
  'advice.oneTime.valuable': 'تا حالا یک سفارش، ولی امیدوارکننده: با پیشنهادی مخصوص خودش به سفارش دوم دعوتش کنید.',
  'advice.oneTime.other': 'تا حالا یک سفارش: با هزینهٔ کم به سفارش دوم دعوتش کنید.',
  'advice.regular.champions': 'مرتب خرید می‌کند و از همه باارزش‌تر است: نگهش دارید و به او پاداش بدهید.',
  'advice.regular.rising': 'مرتب خرید می‌کند و بیشتر هم خواهد خرید: رشدش دهید (دسته‌های بیشتر، سفارش‌های بزرگ‌تر).',
  'advice.regular.pastStars': 'هنوز می‌خرد، ولی کمتر از آنچه قبلاً آورده از او انتظار می‌رود: علتش را بپرسید و همان‌هایی را که قبلاً می‌خرید پیشنهاد دهید.',
  'advice.regular.lowValue': 'مرتب ولی کم خرید می‌کند: با هزینهٔ کم به‌خوبی به او خدمت کنید.',
};

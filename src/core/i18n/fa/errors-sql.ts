import type { ErrorsSqlMessages } from '../en/errors-sql';

export const errorsSql: ErrorsSqlMessages = {
  'sql.table.blank': 'table خالی است: نام جدولی را بدهید که سفارش‌ها در آن است، مثلاً my-shop-123.sales.orders',
  'sql.table.invalid':
    'table برابر «{table}» است و افزونه چنین نامی را در SQL نمی‌نویسد: نام جدول حداکثر سه بخش است که با نقطه جدا می‌شوند (project.dataset.table) و هر بخش فقط حرف لاتین، رقم و «_» دارد (در نام project «-» هم مجاز است)، مثلاً my-shop-123.sales.orders',
  'sql.column.blank': '{argument} خالی است: نام یکی از ستون‌های جدول را بدهید، مثلاً order_date',
  'sql.column.invalid':
    '{argument} برابر «{column}» است و افزونه چنین نامی را در SQL نمی‌نویسد: نام ستون فقط حرف لاتین، رقم و «_» دارد و با حرف یا «_» شروع می‌شود، مثلاً order_date',
  'sql.column.same': '{first} و {second} هر دو یک ستون‌اند ({column})؛ برای هر کدام ستون خودش را بدهید',
  'sql.score.dialect':
    'حالت «score» محاسبهٔ پیش‌بینی افزونه را به‌صورت تابع JavaScript درون خود کوئری اجرا می‌کند؛ BigQuery این کار را می‌کند ولی {dialect} نه: dialect را «bigquery» بگذارید، یا نتیجهٔ کوئری «summary» را به برگه بیاورید و CLV_PREDICT را به کار ببرید',
  'sql.score.amounts':
    'در fit جدول gammagamma هست که مبلغ هر خرید را برآورد می‌کند، ولی amount_column خالی است: ستون مبلغ را بدهید، یا جدول gammagamma را کنار بگذارید تا فقط P(alive) و خریدهای مورد انتظار حساب شود',
  'sql.fit.missing':
    'حالت «score» به fit نیاز دارد: جدولی که CLV_FIT_SUMMARY برای مدل خرید («bgnbd»، «mbgnbd» یا «paretonbd») برگرداند، و برای CLV جدول «gammagamma» زیر آن',
  'sql.fit.unused': 'fit داده شده ولی what برابر «{what}» است؛ فقط «score» از fit استفاده می‌کند (fit را خالی بگذارید یا «score» را بخواهید)',
  'sql.fit.kind': 'fit جدول مدل {model} است؛ کوئری score یک مدل خرید («bgnbd»، «mbgnbd» یا «paretonbd») و برای CLV جدول «gammagamma» می‌گیرد',
  'sql.fit.twice': 'در fit دو جدول {model} هست؛ یک جدول مدل خرید بدهید و حداکثر یک جدول «gammagamma» زیر آن',
  'sql.fit.noPurchase': 'در fit فقط جدول gammagamma هست؛ کوئری score مدل خریدی را هم که CLV_FIT_SUMMARY برازش کرده لازم دارد («bgnbd»، «mbgnbd» یا «paretonbd»)',
  'sql.unit.mismatch':
    'unit برابر «{unit}» است ولی fit سن مشتری‌ها را به واحد {fitUnit} شمرده (سطر unit آن)؛ unit را خالی بگذارید تا واحد fit به کار رود، یا دوباره با واحد {unit} برازش کنید',
  'sql.oneName': 'یک نام، مثلاً order_date',
  'sql.rule.sampleShare': 'بیشتر از ۰ و حداکثر ۱ (مثلاً 0.01 یا 1٪، سهم مشتری‌هایی که نگه داشته می‌شوند)',
  'sql.tooLong': 'متن SQL {length} نویسه است، بیش از ۵۰٬۰۰۰ نویسه‌ای که یک خانه جا می‌دهد؛ گزینه‌های کمتری بدهید',
};

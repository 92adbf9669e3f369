import type { ErrorsSqlMessages } from '../en/errors-sql';

export const errorsSql: ErrorsSqlMessages = {
  'sql.table.blank': 'table فارغ: اكتب اسم الجدول الذي فيه الطلبات، مثل my-shop-123.sales.orders',
  'sql.table.invalid':
    'table هو «{table}»، ولا تكتب الإضافة اسمًا كهذا في SQL: اسم الجدول ثلاثة أجزاء على الأكثر تفصل بينها نقاط (project.dataset.table)، وكل جزء من حروف لاتينية وأرقام و«_» فقط (ويجوز «-» في اسم project)، مثل my-shop-123.sales.orders',
  'sql.column.blank': '{argument} فارغ: اكتب اسم عمود من أعمدة الجدول، مثل order_date',
  'sql.column.invalid':
    '{argument} هو «{column}»، ولا تكتب الإضافة اسمًا كهذا في SQL: اسم العمود من حروف لاتينية وأرقام و«_» فقط، ويبدأ بحرف أو «_»، مثل order_date',
  'sql.column.same': '{first} و{second} عمود واحد ({column})؛ اجعل لكل منهما عموده',
  'sql.score.dialect':
    'الخيار «score» يشغّل حساب التنبؤ الخاص بالإضافة داخل الاستعلام نفسه كدالة JavaScript، وهذا ممكن في BigQuery وغير ممكن في {dialect}: اختر dialect «bigquery»، أو انقل نتيجة استعلام «summary» إلى ورقة واستخدم CLV_PREDICT',
  'sql.score.amounts':
    'في fit جدول gammagamma الذي يقدّر قيمة كل شراء، لكن amount_column فارغ: اكتب عمود المبالغ، أو احذف جدول gammagamma لتحصل على P(alive) والمشتريات المتوقعة فقط',
  'sql.fit.missing':
    'الخيار «score» يحتاج fit: الجدول الذي أخرجه CLV_FIT_SUMMARY لنموذج الشراء («bgnbd» أو «mbgnbd» أو «paretonbd»)، ومن تحته جدول «gammagamma» إن أردت CLV',
  'sql.fit.unused': 'أعطيت fit لكن what هو «{what}»؛ الخيار «score» وحده يستعمل fit (اترك fit فارغًا أو اطلب «score»)',
  'sql.fit.kind': 'في fit جدول النموذج {model}؛ استعلام score يأخذ نموذج شراء («bgnbd» أو «mbgnbd» أو «paretonbd») وجدول «gammagamma» من أجل CLV',
  'sql.fit.twice': 'في fit جدولان للنموذج {model}؛ أعطِ جدولًا واحدًا لنموذج الشراء وجدول «gammagamma» واحدًا على الأكثر تحته',
  'sql.fit.noPurchase': 'في fit جدول gammagamma وحده؛ استعلام score يحتاج أيضًا نموذج الشراء الذي قدّره CLV_FIT_SUMMARY («bgnbd» أو «mbgnbd» أو «paretonbd»)',
  'sql.unit.mismatch':
    'unit هو «{unit}» لكن fit يعدّ أعمار العملاء بوحدة {fitUnit} (سطر unit فيه)؛ اترك unit فارغًا لتُستعمل وحدة fit، أو أعد التقدير بوحدة {unit}',
  'sql.oneName': 'اسمًا واحدًا، مثل order_date',
  'sql.rule.sampleShare': 'أكبر من 0 وحتى 1 (مثل 0.01 أو 1٪، نسبة العملاء الذين يُحتفظ بهم)',
  'sql.tooLong': 'نص SQL طوله {length} حرفًا، أكثر من 50٬000 حرف تتسع لها الخلية؛ قلّل الخيارات',
};

/** Errors of CLV_SQL and the SQL generator (core/sql): part of the errors section (errors.ts). */
export const errorsSql = {
  'sql.table.blank': 'table is blank: give the table that holds the orders, e.g. my-shop-123.sales.orders',
  'sql.table.invalid':
    'table is "{table}", which the add-in will not write into SQL: a table name is up to three parts separated by dots (project.dataset.table), each of letters, digits and "_" (the project may also hold "-"), e.g. my-shop-123.sales.orders',
  'sql.column.blank': '{argument} is blank: give the name of a column of the table, e.g. order_date',
  'sql.column.invalid':
    '{argument} is "{column}", which the add-in will not write into SQL: a column name is letters, digits and "_", starting with a letter or "_", e.g. order_date',
  'sql.column.same': '{first} and {second} are the same column ({column}); give each its own column',
  'sql.score.dialect':
    'what "score" runs the add-in\'s prediction code inside the query as a JavaScript function, which BigQuery can do and {dialect} cannot: use dialect "bigquery", or take the "summary" query\'s result into a sheet and use CLV_PREDICT',
  'sql.score.amounts': 'fit holds a gammagamma table, which values spend per purchase, but amount_column is blank: give the amount column, or leave the gammagamma table out for P(alive) and expected purchases only',
  'sql.fit.missing':
    'what "score" needs fit: the table CLV_FIT_SUMMARY spilled for the purchase model ("bgnbd", "mbgnbd" or "paretonbd"), and below it, for CLV, the "gammagamma" one',
  'sql.fit.unused': 'fit is given but what is "{what}"; only "score" applies a fit (leave fit blank, or ask for "score")',
  'sql.fit.kind': 'fit holds a {model} table; the score query takes a purchase model ("bgnbd", "mbgnbd" or "paretonbd"), with a "gammagamma" table below it for CLV',
  'sql.fit.twice': 'fit holds two {model} tables; give one purchase model table and at most one "gammagamma" table below it',
  'sql.fit.noPurchase': 'fit holds only a gammagamma table; the score query also needs the purchase model ("bgnbd", "mbgnbd" or "paretonbd") that CLV_FIT_SUMMARY fitted',
  'sql.unit.mismatch':
    'unit is "{unit}" but the fit counts ages in {fitUnit}s (its unit row); leave unit blank to use the fit\'s unit, or fit again in {unit}s',
  'sql.oneName': 'one name, e.g. order_date',
  'sql.rule.sampleShare': 'above 0 and at most 1 (e.g. 0.01 or 1%, the share of customers to keep)',
  'sql.tooLong': 'the SQL is {length} characters long, more than the 50,000 a cell holds; use fewer options',
} as const;

export type ErrorsSqlMessages = Record<keyof typeof errorsSql, string>;

/**
 * What differs between the SQL engines the generator writes for, in one small table: quoting, the float type, day
 * numbers and the deterministic sample. Everything else in the queries is SQL the three engines read alike.
 */

export const DIALECT_NAMES = ['bigquery', 'duckdb', 'postgres'] as const;
export type DialectName = (typeof DIALECT_NAMES)[number];

export interface Dialect {
  name: DialectName;
  /** A table path whose parts were validated (names.ts), quoted for this engine. */
  table(parts: readonly string[]): string;
  /** A validated column name or alias, quoted. */
  column(name: string): string;
  /** The 64-bit float type: sums and ratios in it are what JavaScript's numbers give. */
  float: string;
  /** Days since 1970-01-01 of a date or timestamp expression (a timestamp's day in UTC, or the session's zone). */
  dayNumber(expression: string): string;
  /** The date of a day number expression. */
  dateOfDay(expression: string): string;
  /** A whole number from 0 to 999,999 that depends only on the customer id: the same customers every run. */
  sampleKey(idExpression: string): string;
  /** Whether a JavaScript UDF can run inside a query (the scoring query needs one). */
  javascriptUdf: boolean;
}

export const DIALECTS: Record<DialectName, Dialect> = {
  bigquery: {
    name: 'bigquery',
    table: (parts) => `\`${parts.join('.')}\``,
    column: (name) => `\`${name}\``,
    float: 'FLOAT64',
    dayNumber: (e) => `UNIX_DATE(CAST(${e} AS DATE))`,
    dateOfDay: (e) => `DATE_FROM_UNIX_DATE(${e})`,
    // FARM_FINGERPRINT can be the smallest INT64, whose ABS overflows: the remainder first.
    sampleKey: (e) => `ABS(MOD(FARM_FINGERPRINT(CAST(${e} AS STRING)), 1000000))`,
    javascriptUdf: true,
  },
  duckdb: {
    name: 'duckdb',
    table: (parts) => parts.map((p) => `"${p}"`).join('.'),
    column: (name) => `"${name}"`,
    float: 'DOUBLE',
    dayNumber: (e) => `(CAST(${e} AS DATE) - DATE '1970-01-01')`,
    dateOfDay: (e) => `(DATE '1970-01-01' + CAST(${e} AS INTEGER))`,
    sampleKey: (e) => `CAST(hash(CAST(${e} AS VARCHAR)) % 1000000 AS BIGINT)`,
    javascriptUdf: false,
  },
  postgres: {
    name: 'postgres',
    table: (parts) => parts.map((p) => `"${p}"`).join('.'),
    column: (name) => `"${name}"`,
    float: 'DOUBLE PRECISION',
    dayNumber: (e) => `(CAST(${e} AS DATE) - DATE '1970-01-01')`,
    dateOfDay: (e) => `(DATE '1970-01-01' + CAST(${e} AS INTEGER))`,
    // The first 28 bits of the id's MD5: never negative, the same on every server.
    sampleKey: (e) => `MOD(CAST(CAST(('x' || SUBSTR(MD5(CAST(${e} AS TEXT)), 1, 7)) AS BIT(28)) AS INTEGER), 1000000)`,
    javascriptUdf: false,
  },
};

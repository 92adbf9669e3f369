import type { ErrorsSqlMessages } from '../en/errors-sql';

export const errorsSql: ErrorsSqlMessages = {
  'sql.table.blank': 'Walang laman ang table: ibigay ang table na may mga order, hal. my-shop-123.sales.orders',
  'sql.table.invalid':
    'Ang table ay "{table}", na hindi isusulat ng add-in sa SQL: ang pangalan ng table ay hanggang tatlong bahaging pinaghihiwalay ng tuldok (project.dataset.table), bawat isa ay letra, numero at "_" lang (puwede ring may "-" ang project), hal. my-shop-123.sales.orders',
  'sql.column.blank': 'Walang laman ang {argument}: ibigay ang pangalan ng isang column ng table, hal. order_date',
  'sql.column.invalid':
    'Ang {argument} ay "{column}", na hindi isusulat ng add-in sa SQL: ang pangalan ng column ay letra, numero at "_" lang, at nagsisimula sa letra o "_", hal. order_date',
  'sql.column.same': 'Iisang column ang {first} at {second} ({column}); bigyan ng sariling column ang bawat isa',
  'sql.score.dialect':
    'Pinapatakbo ng "score" ang prediction code ng add-in sa loob mismo ng query bilang JavaScript function, na kaya ng BigQuery pero hindi ng {dialect}: gamitin ang dialect na "bigquery", o dalhin sa sheet ang resulta ng "summary" query at gamitin ang CLV_PREDICT',
  'sql.score.amounts':
    'May gammagamma table sa fit, na tumataya sa halaga ng bawat bili, pero walang laman ang amount_column: ibigay ang column ng halaga, o alisin ang gammagamma table para P(alive) at inaasahang bili lang ang makuha',
  'sql.fit.missing':
    'Kailangan ng "score" ang fit: ang table na ibinuga ng CLV_FIT_SUMMARY para sa purchase model ("bgnbd", "mbgnbd" o "paretonbd"), at sa ilalim nito, para sa CLV, ang "gammagamma" table',
  'sql.fit.unused': 'May fit pero ang what ay "{what}"; ang "score" lang ang gumagamit ng fit (iwanang blangko ang fit, o hilingin ang "score")',
  'sql.fit.kind': 'Table ng {model} ang nasa fit; ang score query ay tumatanggap ng purchase model ("bgnbd", "mbgnbd" o "paretonbd") at, para sa CLV, ng "gammagamma" table',
  'sql.fit.twice': 'Dalawang {model} table ang nasa fit; magbigay ng isang purchase model table at hanggang isang "gammagamma" table sa ilalim nito',
  'sql.fit.noPurchase': 'Gammagamma table lang ang nasa fit; kailangan din ng score query ang purchase model na na-fit ng CLV_FIT_SUMMARY ("bgnbd", "mbgnbd" o "paretonbd")',
  'sql.unit.mismatch':
    'Ang unit ay "{unit}" pero sa {fitUnit} binibilang ng fit ang edad ng mga customer (ang unit row nito); iwanang blangko ang unit para gamitin ang unit ng fit, o mag-fit ulit sa {unit}',
  'sql.oneName': 'isang pangalan, hal. order_date',
  'sql.rule.sampleShare': 'higit sa 0 at hanggang 1 (hal. 0.01 o 1%, ang bahagi ng mga customer na itatago)',
  'sql.tooLong': 'Ang SQL ay {length} character, higit sa 50,000 na kasya sa isang cell; gumamit ng mas kaunting opsyon',
};

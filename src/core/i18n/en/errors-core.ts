/** Errors of the checks and model fits of src/core (summary, models, intervals, tracking, cohorts, formats): part of the errors section (errors.ts). */
export const errorsCore = {
  // calendar
  'cohort.persianRange': '{date} is outside the dates the Persian calendar is reckoned for here ({first} to {last}); fix that date, or use the "gregorian" calendar',
  // words shared by the messages below
  'core.and': '{items} and {last}',
  'core.sentences': '{first} {second}',
  'core.periods': '{n} period | {n} periods',
  'core.differentDays': '{n} different day | {n} different days',
  'core.differentHistories': '{n} different history | {n} different histories',
  'core.months': '{n} month | {n} months',
  'core.moreThan': 'more than {share}',
  'core.notANumber': 'not a number',
  'core.infinity': 'infinity',
  'core.minusInfinity': 'minus infinity',
  // a customer's row of frequency, recency, T, weights (models/common.ts), and the spend model's (gammagamma.ts)
  'rfm.frequencyNotNumber': '{at} is {value}; give the number of repeat purchases, a whole number.',
  'rfm.frequencyNotWhole': '{at} is {value}; repeat purchases are counted in whole numbers, 0 or more.',
  'rfm.frequencyTooLarge':
    '{at} is {value}, more repeat purchases than one customer can make (at most {most}); check that the column holds each customer’s number of repeat purchases.',
  'rfm.recencyNegative': '{at} is {value}; recency is an age, a number 0 or more.',
  'rfm.ageNotNumber': '{at} is {value}; T is the customer’s age, a number.',
  'rfm.recencyAboveAge': '{at} is {value}, more than T ({T}); recency cannot exceed the customer’s age.',
  'rfm.recencyWithoutRepeat': '{at} is {value} but frequency is 0; with no repeat purchase recency is 0.',
  'rfm.recencyZero': '{at} is 0 but frequency is {frequency}; after a repeat purchase recency is the age at the last one, above 0.',
  'rfm.weight': '{at} is {value}; a weight is a number of customers, 0 or more.',
  'spend.notNumber': '{at} is {value}; give the mean amount of the customer’s repeat purchases.',
  'spend.negative': '{at} is {value}; the mean amount of a customer’s repeat purchases cannot be negative (net of returns, 0 at least).',
  // the data a fit needs
  'fit.fewCustomers':
    'Only {n} customer is in the data; a model learns from many customers (at least 2, ideally hundreds). | Only {n} customers are in the data; a model learns from many customers (at least 2, ideally hundreds).',
  'fit.noRepeat': 'No customer bought more than once, so the model cannot tell how often customers buy or when they stop; it needs some repeat purchases.',
  'spend.noCustomer':
    'No customer bought again with a positive amount; the spend model learns from the repeat purchases of at least 2 customers (ideally hundreds).',
  'spend.oneCustomer':
    'Only 1 customer bought again with a positive amount; the spend model learns from the repeat purchases of at least 2 customers (ideally hundreds).',
  'model.parameter': 'the {model} parameter {name} is {value}; it must be a positive number',
  'model.parameterMissing': 'the {model} parameter {name} is missing; it must be a positive number',
  // BG/BB's histories (bgbb.ts)
  'bgbb.frequency': '{at} is {value}; with "bgbb" frequency is the number of opportunities used, a whole number, 0 or more.',
  'bgbb.recency': '{at} is {value}; with "bgbb" recency is the number of the last opportunity used, a whole number, 0 or more.',
  'bgbb.T': '{at} is {value}; with "bgbb" T is the number of opportunities, a whole number, 0 or more.',
  'bgbb.recencyAfterT': '{at} is {value}; the last opportunity used cannot come after the last opportunity (T is {T}).',
  'bgbb.recencyWithoutUse': '{at} is {value}; with no transaction (frequency 0) recency is 0.',
  'bgbb.recencyZero': '{at} is {value}; with {frequency} transactions recency is the opportunity of the last one, 1 or more.',
  'bgbb.frequencyAboveRecency': '{at} is {value}; more than recency ({recency}): a customer cannot use more opportunities than the last one used.',
  'bgbb.tooManyOpportunities':
    'These histories hold too many opportunities after the customers’ last transactions ({terms} in all, at most {most}) to fit within a cell’s time; count opportunities in weeks or months rather than days.',
  'bgbb.noUse': 'No customer used an opportunity, so the model cannot tell how often customers buy or when they stop.',
  // sBG's cohort (sbg.ts)
  'sbg.tooFew':
    'Give at least 2 values in {argument}: the cohort size, then the customers still active after each period (there is {n}). | Give at least 2 values in {argument}: the cohort size, then the customers still active after each period (there are {n}).',
  'sbg.size': '{at} is {value}; it is the cohort size and must be above 0.',
  'sbg.rising':
    '{at} is {value}, more than the row before ({previous}); the active customers of one cohort can only fall, so give one cohort (not the total customer count, which grows with new sign-ups).',
  'sbg.noChurn':
    'Every customer of the cohort is still active after {n} period, so there is no churn to learn from yet; give the counts again once some customers have left. | Every customer of the cohort is still active after {n} periods, so there is no churn to learn from yet; give the counts again once some customers have left.',
  'sbg.notNumber': '{at} is {value}, not a number of customers.',
  'sbg.negative': '{at} is {value}; a number of active customers cannot be negative.',
  // why a fit cannot be used, and notes on a usable fit at its model's edge (optimize.ts, models/*.ts)
  'fit.cannotStart': 'The likelihood cannot be computed at the starting values, so the fit could not start.',
  'fit.noStep': 'The fit stopped before reaching the best values: from where it stopped, no step improves the likelihood.',
  'fit.runaway': 'A parameter runs off to infinity or zero: these data do not pin the model down (too few customers or too little repeat buying).',
  'fit.iterations': 'The fit did not settle within {n} iterations.',
  'fit.notPinned':
    'The estimates are not pinned down: around them the likelihood hardly changes in some direction, so other values would fit as well. Try more customers or a longer history.',
  'fit.uncertainOne':
    'The estimate of {name} is too uncertain to use (a standard error more than {limit} times the estimate), so these data do not pin the model down. Try more customers or a longer history.',
  'fit.uncertainMany':
    'The estimates of {names} are too uncertain to use (a standard error more than {limit} times the estimate), so these data do not pin the model down. Try more customers or a longer history.',
  'fit.notFitted': 'The {model} model could not be fitted to these data. {reason}',
  'bgnbd.sameRate':
    'Every customer seems to buy at the same rate, so r and alpha are not pinned down one by one, only their ratio (the rate); the predictions do not depend on more than that.',
  'bgnbd.sameDropout':
    'Every customer seems to have the same chance, {chance}, of stopping after each purchase, so a and b are not pinned down one by one, only their ratio; the predictions do not depend on more than that.',
  'bgnbd.certainDropout':
    'The fit says a customer who buys again has a {chance} chance of stopping right after, so even a customer who bought today would count as lost: these data do not pin the model down. Try more customers or a longer history.',
  'bgnbd.atBound':
    'The fit ran to the edge of the range allowed for {names}, so the estimates are not pinned down: the data say too little about how often customers buy or when they stop. Try more customers or a longer history.',
  'paretonbd.dropoutEdge':
    'The purchases do not tell when customers stop: the fit drives the drop-out rate towards one and the same value for every customer, the edge of what this model can express. Try BG/NBD, a longer history or more customers.',
  'paretonbd.atBound': 'The purchases do not pin down how often customers buy: {names} ran to the edge of the range allowed. Try BG/NBD, a longer history or more customers.',
  'paretonbd.notSettled': '{reason} Try BG/NBD, a longer history or more customers.',
  'paretonbd.workLimit':
    'The fit stopped at its work limit before settling: the rates keep running off, so the purchases do not pin the model down. Try BG/NBD, a longer history or more customers.',
  'bgbb.workLimit':
    'The fit stopped at its work limit before settling: these histories are long for the time a cell has. Count opportunities in weeks or months rather than days.',
  'bgbb.sameTransaction':
    'Every customer seems to transact with the same probability (no heterogeneity), so alpha and beta grow without bound and are not pinned down. Only the probability they imply is pinned down, {chance} an opportunity.',
  'bgbb.sameDropout':
    'Every customer seems to drop out with the same probability (no heterogeneity), so gamma and delta grow without bound and are not pinned down. Only the probability they imply is pinned down, {chance} an opportunity.',
  'bgbb.runawayOne': '{name} runs off to 0: these data do not pin the model down. Try more customers or a longer history.',
  'bgbb.runawayMany': '{names} run off to 0: these data do not pin the model down. Try more customers or a longer history.',
  'sbg.onePeriod':
    "Only one period of churn was given. It fixes the first period's churn ({churn}) but not how churn changes over time, so alpha and beta are not determined: give the active customers of at least two periods.",
  'sbg.sameChurn':
    'Churn looks the same for every customer (no heterogeneity), so alpha and beta grow without bound and are not pinned down. Only the churn rate they imply is pinned down, {churn} a period, and projections would keep it constant.',
  'sbg.allLeft': 'Nearly every customer left in the first period, so there is no retention to project.',
  'sbg.nobodyLeaves': 'Alpha runs off to 0: after the first losses nobody seems to leave, so churn cannot be projected.',
  'spend.sameAverage': 'Customers seem to spend alike on average, so q and v are not pinned down one by one, only their ratio.',
  'spend.oneAmount': 'Each customer’s orders seem to be of one and the same amount, so p is not pinned down; the expected spend follows each customer’s own average.',
  'spend.note': '{notes} The predictions do not depend on more than that.',
  'spend.atBound': 'The fit ran to the edge of the range allowed for {names}, so the spend model is not pinned down: give the repeat spend of more customers.',
  'spend.qAtMostOne':
    'The estimate of q came out at {q} (1 or less), so the average spend per order is not finite under this model: spend varies too much between customers to predict it.',
  // the order log (summary.ts), the analysis (analysis.ts), what a cell can work out in its time (tracking.ts, intervals.ts)
  'summary.endNotDay': 'the end of observation is not a day',
  'summary.unit': 'the unit must be "day", "week", "month" or "year"',
  'summary.idsVsDates': 'the order log has {ids} customer ids but {dates} dates',
  'summary.idsVsAmounts': 'the order log has {ids} customer ids but {amounts} amounts',
  'summary.notADay': 'the order date is not a day',
  'analysis.noModel': 'no purchase model could be fitted to these data',
  'tracking.tooLarge':
    'the tracking table would have {periods} for customers who first bought on {days} (the orders run from {from} to {to}), more than a cell can work out in its 30 seconds; use a longer unit such as "week" or "month", or give fewer years of orders',
  'interval.histories':
    "interval needs each customer's chance of being active under many versions of the fit, and these customers have {histories} (repeat purchases, last purchase and age): a cell can do that with {model} for at most {most} in its 30 seconds; leave interval blank",
  'interval.historiesPareto':
    "interval needs each customer's chance of being active under many versions of the fit, and these customers have {histories} (repeat purchases, last purchase and age): a cell can do that with {model} for at most {most} in its 30 seconds; leave interval blank, or use \"bgnbd\"",
  'interval.horizon':
    "interval over {months} would simulate about {steps} purchases and months of these customers' futures, more than a cell can in its 30 seconds; use a horizon_months of at most {most} with an interval, or leave interval blank",
  // Persian-calendar dates (dates.ts)
  'jalali.months': 'the Persian calendar has 12 months (Farvardin to Esfand), not {month}',
  'jalali.monthLength': '{month} {year} has {days} days',
  'jalali.notADate': '{date} is not a Persian-calendar date',
  'jalali.month1': 'Farvardin',
  'jalali.month2': 'Ordibehesht',
  'jalali.month3': 'Khordad',
  'jalali.month4': 'Tir',
  'jalali.month5': 'Mordad',
  'jalali.month6': 'Shahrivar',
  'jalali.month7': 'Mehr',
  'jalali.month8': 'Aban',
  'jalali.month9': 'Azar',
  'jalali.month10': 'Dey',
  'jalali.month11': 'Bahman',
  'jalali.month12': 'Esfand',
  // how a column's day/month/year text dates are read (formats.ts)
  'dates.mixed': 'the dates mix day-first ("{dayFirst}") and month-first ("{monthFirst}")',
  'dates.dayFirst': 'day first ({pattern}), as "{example}" shows',
  'dates.monthFirst': 'month first ({pattern}), as "{example}" shows',
  'dates.none': 'no day/month/year dates',
  'dates.dayFirstBySeparator': 'day first ({pattern}), as dates with "{separator}" are written',
  'dates.ambiguous': 'every date fits both day-first and month-first (no day above 12)',
  // limits a prediction meets (counts.ts, dert.ts)
  'limit.paretoCounts':
    '{histories} different histories (repeat purchases and age) × {counts} counts is more work than a cell allows (at most {most}); ask for fewer counts, or for fewer customers at a time.',
  'limit.bgbbCounts':
    '{histories} distinct histories × {future} future opportunities × {counts} counts is more work than a cell allows (at most {most}); count opportunities in weeks or months rather than days, or ask for fewer counts.',
  'limit.precision': 'the probabilities of a customer with frequency {frequency} and age {age} could not be computed to full precision within the work a cell allows',
  'limit.cells': '{customers} customers × {counts} counts is more than {most} probabilities',
  'dert.infinite':
    'with {which} (1 or less) and no discounting the expected number of future purchases is infinite: the most loyal customers are expected never to stop. Give a discount rate above 0.',
  // the data check (core/columns.ts)
  'columns.summaryTable': "This sheet is a per-customer summary (frequency, recency and T, as Python's lifetimes writes it), not an order log: the sidebar needs each order's date, or each customer's first and last order dates. Use the summary in cells instead: =CLV_FIT_SUMMARY({frequency}, {recency}, {age}) fits the purchase model in an empty corner, then =CLV_PREDICT({frequency}, {recency}, {age}, 52, <the fit's range>) gives each customer's expected purchases (52 units of T ahead; \"p_alive\" as 6th argument for the chance each is still a customer).{spend} To use the sidebar, open the order log the summary was made from.",
  'columns.summarySpend': ' With "{header}": =CLV_FIT_SUMMARY({frequency}, {recency}, {age}, "gammagamma", , {money}) fits the spend model.',
  'cohort.count.week': '{n} week | {n} weeks',
  'cohort.count.month': '{n} month | {n} months',
  'cohort.count.quarter': '{n} quarter | {n} quarters',
  'cohort.count.year': '{n} year | {n} years',
  'cohort.afterFirst': '{distance} after the first order ({date})',
  'cohort.beforeLast': '{distance} before the last order ({date})',
  'cohort.needColumns': 'the cohort table would need {columns} columns but a sheet has at most {limit}',
  'cohort.needCells': 'the cohort table would need {rows} rows × {columns} columns, {cells} cells, but a spreadsheet holds at most {limit}',
  'cohort.fixDate': 'fix that date',
  'cohort.fixOrLonger': 'fix that date, or use a longer period such as "{longer}"',
  'cohort.tooLarge': '{date} is {relation}: {need}; {advice}',
} as const;

export type ErrorsCoreMessages = Record<keyof typeof errorsCore, string>;

/**
 * The words of the sheets the add-in writes (the template, the Customer value and Segments sheets, the Segment
 * column) and of the value segments and lifecycle stages, which the sidebar shows too. Ids, not the English names,
 * make the keys, so a renamed segment keeps its translations. The rules' numbers are placeholders ({days}, {top},
 * {likely}) filled from core/segment.ts, so a changed threshold changes every language's sentence.
 */
export const sheets = {
  'segment.champions.name': 'Champions',
  'segment.champions.description': 'In the {top} by total value (past + predicted) and by predicted value.',
  'segment.rising.name': 'Rising',
  'segment.rising.description': 'In the {top} by predicted value, not (yet) by total value.',
  'segment.pastStars.name': 'Past stars',
  'segment.pastStars.description': 'In the {top} by total value, not by predicted value: most of their value is behind them.',
  'segment.lowValue.name': 'Low value',
  'segment.lowValue.description': 'Neither in the {top} by total value nor by predicted value.',
  'segment.cut.top20': 'top 20%',
  'segment.cut.median': 'upper half',

  'stage.new.name': 'New',
  'stage.new.description': 'First purchase in the last {newDays} days.',
  'stage.oneTime.name': 'One-time buyer',
  'stage.oneTime.description': 'One purchase day so far, within the last {days} days, and likely still active.',
  'stage.regular.name': 'Regular',
  'stage.regular.description': 'Repeat purchases, the last within {days} days and on their usual rhythm, and likely still active.',
  'stage.lapsing.name': 'Lapsing',
  'stage.lapsing.description': 'No purchase for more than {days} days, more than {gaps} of their usual gaps, or less than {likely} likely still active; not yet Former.',
  'stage.former.name': 'Former',
  'stage.former.description': 'No purchase for more than {days} days and less than {likely} likely still active.',

  'advice.former.valuable': 'Probably gone, and was worth a lot: a personal win-back offer is worth trying once.',
  'advice.former.other': 'Probably gone, and worth little: no spending; include them only in general newsletters.',
  'advice.lapsing.valuable': 'Slipping away while still worth a lot: contact them personally now (see Contact first).',
  'advice.lapsing.other': 'Slipping away: a low-cost reminder or offer.',
  'advice.new.valuable': 'A promising start: welcome them personally and make the next order easy.',
  'advice.new.other': 'Welcome them and invite a second order, at low cost.',
  'advice.oneTime.valuable': 'One order so far but promising: invite a second order with a tailored offer.',
  'advice.oneTime.other': 'One order so far: invite a second order, at low cost.',
  'advice.regular.champions': 'Buying regularly and worth the most: keep and reward them.',
  'advice.regular.rising': 'Buying regularly with more to come: develop them (more categories, larger orders).',
  'advice.regular.pastStars': 'Still buying, but less is expected than they brought: find out why and offer what they used to buy.',
  'advice.regular.lowValue': 'Buying regularly but small: serve them well at low cost.',
} as const;

export type SheetKey = keyof typeof sheets;
export type SheetMessages = Record<SheetKey, string>;

// Filipino as business people in the Philippines write it: Tagalog sentences with the English words they use
// (customer, value, predicted, offer, order); "suki" is what a shop calls a regular customer.
import type { SheetMessages } from '../en/sheets';

export const sheets: SheetMessages = {
  'segment.champions.name': 'Mga kampeon',
  'segment.champions.description': 'Nasa {top} sa total value (nakaraan + predicted) at sa predicted value.',
  'segment.rising.name': 'Paangat',
  'segment.rising.description': 'Nasa {top} sa predicted value, pero hindi (pa) sa total value.',
  'segment.pastStars.name': 'Dating bida',
  'segment.pastStars.description': 'Nasa {top} sa total value, pero hindi sa predicted value: nakuha na ang karamihan ng value nila.',
  'segment.lowValue.name': 'Mababa ang value',
  'segment.lowValue.description': 'Wala sa {top} sa total value o sa predicted value.',
  'segment.cut.top20': 'top 20%',
  'segment.cut.median': 'itaas na kalahati',

  'stage.new.name': 'Bago',
  'stage.new.description': 'Unang bili sa nakaraang {newDays} araw.',
  'stage.oneTime.name': 'Isang beses bumili',
  'stage.oneTime.description': 'Isang araw ng pagbili pa lang, sa nakaraang {days} araw, at malamang aktibo pa.',
  'stage.regular.name': 'Suki',
  'stage.regular.description': 'Umuulit bumili, ang huli ay sa loob ng {days} araw at sa dati niyang ritmo, at malamang aktibo pa.',
  'stage.lapsing.name': 'Lumalayo',
  'stage.lapsing.description': 'Walang bili nang higit {days} araw, higit {gaps} ng karaniwang pagitan ng bili niya, o wala pang {likely} ang tsansang aktibo pa; hindi pa Dating customer.',
  'stage.former.name': 'Dating customer',
  'stage.former.description': 'Walang bili nang higit {days} araw at wala pang {likely} ang tsansang aktibo pa.',

  'advice.former.valuable': 'Malamang wala na, at malaki ang naging value: sulit subukan nang isang beses ang personal na win-back offer.',
  'advice.former.other': 'Malamang wala na, at maliit ang value: huwag nang gumastos; isama lang sa pangkalahatang newsletter.',
  'advice.lapsing.valuable': 'Lumalayo habang malaki pa ang value: kontakin nang personal ngayon (tingnan ang Unahing kontakin).',
  'advice.lapsing.other': 'Lumalayo: isang murang paalala o offer.',
  'advice.new.valuable': 'Magandang simula: i-welcome nang personal at gawing madali ang susunod na order.',
  'advice.new.other': 'I-welcome at imbitahan sa pangalawang order, sa mababang gastos.',
  'advice.oneTime.valuable': 'Isang order pa lang pero promising: imbitahan sa pangalawang order gamit ang offer na para sa kanya.',
  'advice.oneTime.other': 'Isang order pa lang: imbitahan sa pangalawang order, sa mababang gastos.',
  'advice.regular.champions': 'Regular bumibili at pinakamalaki ang value: alagaan at bigyan ng reward.',
  'advice.regular.rising': 'Regular bumibili at may darating pa: palaguin (mas maraming kategorya, mas malaking order).',
  'advice.regular.pastStars': 'Bumibili pa, pero mas maliit ang inaasahan kaysa sa dati niyang dala: alamin kung bakit at i-offer ang dati niyang binibili.',
  'advice.regular.lowValue': 'Regular bumibili pero maliit: pagsilbihan nang maayos sa mababang gastos.',
};

import type { ErrorsCoreMessages } from '../en/errors-core';

export const errorsCore: ErrorsCoreMessages = {
  // calendar
  'cohort.persianRange': 'Ang {date} ay labas sa mga petsang kayang bilangin ng kalendaryong Persian dito ({first} hanggang {last}); ayusin ang petsang iyon, o gamitin ang kalendaryong "gregorian"',
  // mga salitang gamit ng mga mensahe sa ibaba
  'core.and': '{items} at {last}',
  'core.sentences': '{first} {second}',
  'core.periods': '{n} period | {n} na period',
  'core.differentDays': '{n} araw | {n} magkakaibang araw',
  'core.differentHistories': '{n} history | {n} magkakaibang history',
  'core.months': '{n} buwan | {n} na buwan',
  'core.moreThan': 'higit sa {share}',
  'core.notANumber': 'hindi numero',
  'core.infinity': 'infinity',
  'core.minusInfinity': 'minus infinity',
  // row ng isang customer: frequency, recency, T, weights, at ang halaga ng bili (monetary_value)
  'rfm.frequencyNotNumber': 'Ang {at} ay {value}; ilagay ang bilang ng repeat purchases, isang buong numero.',
  'rfm.frequencyNotWhole': 'Ang {at} ay {value}; binibilang ang repeat purchases sa buong numero, 0 o higit pa.',
  'rfm.frequencyTooLarge':
    'Ang {at} ay {value}, mas maraming repeat purchases kaysa kaya ng isang customer (hanggang {most} lang); tiyaking ang column ay ang bilang ng repeat purchases ng bawat customer.',
  'rfm.recencyNegative': 'Ang {at} ay {value}; ang recency ay edad, numerong 0 o higit pa.',
  'rfm.ageNotNumber': 'Ang {at} ay {value}; ang T ay edad ng customer, dapat numero.',
  'rfm.recencyAboveAge': 'Ang {at} ay {value}, mas malaki sa T ({T}); hindi puwedeng lumampas ang recency sa edad ng customer.',
  'rfm.recencyWithoutRepeat': 'Ang {at} ay {value} pero 0 ang frequency; kapag walang repeat purchase, 0 ang recency.',
  'rfm.recencyZero': 'Ang {at} ay 0 pero {frequency} ang frequency; pagkatapos ng repeat purchase, ang recency ay ang edad sa huling bili, higit sa 0.',
  'rfm.weight': 'Ang {at} ay {value}; ang weight ay bilang ng customers, 0 o higit pa.',
  'spend.notNumber': 'Ang {at} ay {value}; ilagay ang average na halaga ng repeat purchases ng customer.',
  'spend.negative': 'Ang {at} ay {value}; hindi puwedeng negatibo ang average na halaga ng repeat purchases ng customer (bawas na ang returns, 0 man lang).',
  // ang data na kailangan ng fit
  'fit.fewCustomers': '{n} customer lang ang nasa data; natututo ang model mula sa maraming customer (2 man lang, mas mabuti kung daan-daan).',
  'fit.noRepeat': 'Walang customer na bumili nang higit sa isang beses, kaya hindi masabi ng model kung gaano kadalas bumibili ang customers o kailan sila tumitigil; kailangan nito ng ilang repeat purchases.',
  'spend.noCustomer': 'Walang customer na bumili ulit nang may positibong halaga; natututo ang spend model mula sa repeat purchases ng 2 customer man lang (mas mabuti kung daan-daan).',
  'spend.oneCustomer': '1 customer lang ang bumili ulit nang may positibong halaga; natututo ang spend model mula sa repeat purchases ng 2 customer man lang (mas mabuti kung daan-daan).',
  'model.parameter': 'ang parameter na {name} ng {model} ay {value}; dapat itong positibong numero',
  'model.parameterMissing': 'wala ang parameter na {name} ng {model}; dapat itong positibong numero',
  // mga history ng BG/BB
  'bgbb.frequency': 'Ang {at} ay {value}; sa "bgbb", ang frequency ay ang bilang ng opportunities na nagamit, buong numero, 0 o higit pa.',
  'bgbb.recency': 'Ang {at} ay {value}; sa "bgbb", ang recency ay ang numero ng huling opportunity na nagamit, buong numero, 0 o higit pa.',
  'bgbb.T': 'Ang {at} ay {value}; sa "bgbb", ang T ay ang bilang ng opportunities, buong numero, 0 o higit pa.',
  'bgbb.recencyAfterT': 'Ang {at} ay {value}; hindi puwedeng mahuli ang huling opportunity na nagamit sa huling opportunity (ang T ay {T}).',
  'bgbb.recencyWithoutUse': 'Ang {at} ay {value}; kapag walang transaction (0 ang frequency), 0 ang recency.',
  'bgbb.recencyZero': 'Ang {at} ay {value}; sa {frequency} na transaction, ang recency ay ang opportunity ng huli, 1 o higit pa.',
  'bgbb.frequencyAboveRecency': 'Ang {at} ay {value}, mas marami sa recency ({recency}): hindi makakagamit ang customer ng mas maraming opportunity kaysa sa huling nagamit niya.',
  'bgbb.tooManyOpportunities':
    'Sobrang dami ng opportunities ng mga history na ito pagkatapos ng huling transaction ng customers ({terms} lahat, hanggang {most} lang) para ma-fit sa oras ng isang cell; bilangin ang opportunities kada linggo o buwan, hindi kada araw.',
  'bgbb.noUse': 'Walang customer na gumamit ng opportunity, kaya hindi masabi ng model kung gaano kadalas bumibili ang customers o kailan sila tumitigil.',
  // ang cohort ng sBG
  'sbg.tooFew':
    'Maglagay ng 2 value man lang sa {argument}: ang laki ng cohort, tapos ang customers na active pa pagkatapos ng bawat period (1 lang ang mayroon ngayon). | Maglagay ng 2 value man lang sa {argument}: ang laki ng cohort, tapos ang customers na active pa pagkatapos ng bawat period ({n} ang mayroon ngayon).',
  'sbg.size': 'Ang {at} ay {value}; ito ang laki ng cohort at dapat higit sa 0.',
  'sbg.rising':
    'Ang {at} ay {value}, mas marami sa naunang row ({previous}); bumababa lang ang active customers ng isang cohort, kaya isang cohort lang ang ilagay (hindi ang kabuuang bilang ng customers, na lumalaki sa bawat bagong sign-up).',
  'sbg.noChurn':
    'Active pa ang lahat ng customer ng cohort pagkatapos ng {n} period, kaya wala pang churn na mapag-aaralan; ilagay ulit ang mga bilang kapag may umalis nang customers. | Active pa ang lahat ng customer ng cohort pagkatapos ng {n} na period, kaya wala pang churn na mapag-aaralan; ilagay ulit ang mga bilang kapag may umalis nang customers.',
  'sbg.notNumber': 'Ang {at} ay {value}, hindi bilang ng customers.',
  'sbg.negative': 'Ang {at} ay {value}; hindi puwedeng negatibo ang bilang ng active customers.',
  // kung bakit hindi magamit ang fit, at mga paalala sa fit na nasa gilid ng model nito
  'fit.cannotStart': 'Hindi makalkula ang likelihood sa mga panimulang value, kaya hindi nakapagsimula ang fit.',
  'fit.noStep': 'Huminto ang fit bago maabot ang pinakamagandang values: mula sa hinintuan nito, walang hakbang na nagpapabuti sa likelihood.',
  'fit.runaway': 'May parameter na papunta sa infinity o zero: hindi sapat ang data para matukoy ang model (kaunti ang customers o kaunti ang repeat buying).',
  'fit.iterations': 'Hindi naging stable ang fit sa loob ng {n} iterations.',
  'fit.notPinned':
    'Hindi tiyak ang mga estimate: sa paligid nila halos hindi nagbabago ang likelihood sa isang direksyon, kaya pareho ring babagay ang ibang values. Subukan ang mas maraming customers o mas mahabang history.',
  'fit.uncertainOne':
    'Masyadong hindi tiyak ang estimate ng {name} para magamit (standard error na higit sa {limit} beses ng estimate), kaya hindi natutukoy ng data na ito ang model. Subukan ang mas maraming customers o mas mahabang history.',
  'fit.uncertainMany':
    'Masyadong hindi tiyak ang mga estimate ng {names} para magamit (standard error na higit sa {limit} beses ng estimate), kaya hindi natutukoy ng data na ito ang model. Subukan ang mas maraming customers o mas mahabang history.',
  'fit.notFitted': 'Hindi ma-fit ang {model} model sa data na ito. {reason}',
  'bgnbd.sameRate':
    'Mukhang pare-pareho ang rate ng pagbili ng lahat ng customer, kaya hindi matukoy nang isa-isa ang r at alpha, ang ratio lang nila (ang rate); hindi nakadepende ang predictions sa higit pa roon.',
  'bgnbd.sameDropout':
    'Mukhang pare-pareho ang tsansa ng lahat ng customer, {chance}, na tumigil pagkatapos ng bawat bili, kaya hindi matukoy nang isa-isa ang a at b, ang ratio lang nila; hindi nakadepende ang predictions sa higit pa roon.',
  'bgnbd.certainDropout':
    'Ayon sa fit, ang customer na bumili ulit ay may {chance} na tsansang tumigil agad pagkatapos, kaya kahit ang bumili ngayong araw ay ituturing na nawala: hindi natutukoy ng data na ito ang model. Subukan ang mas maraming customers o mas mahabang history.',
  'bgnbd.atBound':
    'Umabot ang fit sa gilid ng range na pinapayagan para sa {names}, kaya hindi tiyak ang mga estimate: kulang ang sinasabi ng data tungkol sa kung gaano kadalas bumibili ang customers o kailan sila tumitigil. Subukan ang mas maraming customers o mas mahabang history.',
  'paretonbd.dropoutEdge':
    'Hindi sinasabi ng purchases kung kailan tumitigil ang customers: itinutulak ng fit ang drop-out rate sa iisang value para sa lahat, ang hangganan ng kayang ipahayag ng model na ito. Subukan ang BG/NBD, mas mahabang history o mas maraming customers.',
  'paretonbd.atBound': 'Hindi natutukoy ng purchases kung gaano kadalas bumibili ang customers: umabot ang {names} sa gilid ng range na pinapayagan. Subukan ang BG/NBD, mas mahabang history o mas maraming customers.',
  'paretonbd.notSettled': '{reason} Subukan ang BG/NBD, mas mahabang history o mas maraming customers.',
  'paretonbd.workLimit':
    'Huminto ang fit sa work limit nito bago naging stable: patuloy na lumalayo ang mga rate, kaya hindi natutukoy ng purchases ang model. Subukan ang BG/NBD, mas mahabang history o mas maraming customers.',
  'bgbb.workLimit':
    'Huminto ang fit sa work limit nito bago naging stable: masyadong mahaba ang mga history na ito para sa oras ng isang cell. Bilangin ang opportunities kada linggo o buwan, hindi kada araw.',
  'bgbb.sameTransaction':
    'Mukhang pare-pareho ang probability ng transaction ng lahat ng customer (walang heterogeneity), kaya lumalaki nang walang hangganan ang alpha at beta at hindi natutukoy. Ang probability lang na ipinahihiwatig nila ang tiyak, {chance} kada opportunity.',
  'bgbb.sameDropout':
    'Mukhang pare-pareho ang probability ng pag-drop out ng lahat ng customer (walang heterogeneity), kaya lumalaki nang walang hangganan ang gamma at delta at hindi natutukoy. Ang probability lang na ipinahihiwatig nila ang tiyak, {chance} kada opportunity.',
  'bgbb.runawayOne': 'Papunta sa 0 ang {name}: hindi natutukoy ng data na ito ang model. Subukan ang mas maraming customers o mas mahabang history.',
  'bgbb.runawayMany': 'Papunta sa 0 ang {names}: hindi natutukoy ng data na ito ang model. Subukan ang mas maraming customers o mas mahabang history.',
  'sbg.onePeriod':
    'Churn ng isang period lang ang ibinigay. Natutukoy nito ang churn ng unang period ({churn}) pero hindi kung paano nagbabago ang churn sa paglipas ng panahon, kaya hindi matukoy ang alpha at beta: ilagay ang active customers ng 2 period man lang.',
  'sbg.sameChurn':
    'Mukhang pare-pareho ang churn ng lahat ng customer (walang heterogeneity), kaya lumalaki nang walang hangganan ang alpha at beta at hindi natutukoy. Ang churn rate lang na ipinahihiwatig nila ang tiyak, {churn} kada period, at pananatilihin itong pare-pareho ng projections.',
  'sbg.allLeft': 'Halos lahat ng customer ay umalis sa unang period, kaya walang retention na mai-project.',
  'sbg.nobodyLeaves': 'Papunta sa 0 ang alpha: pagkatapos ng mga unang nawala, mukhang wala nang umaalis, kaya hindi mai-project ang churn.',
  'spend.sameAverage': 'Mukhang pare-pareho ang average na gastos ng customers, kaya hindi matukoy nang isa-isa ang q at v, ang ratio lang nila.',
  'spend.oneAmount': 'Mukhang iisa ang halaga ng lahat ng order ng bawat customer, kaya hindi matukoy ang p; sinusundan ng expected spend ang sariling average ng bawat customer.',
  'spend.note': '{notes} Hindi nakadepende ang predictions sa higit pa roon.',
  'spend.atBound': 'Umabot ang fit sa gilid ng range na pinapayagan para sa {names}, kaya hindi natutukoy ang spend model: ilagay ang repeat spend ng mas maraming customers.',
  'spend.qAtMostOne':
    'Lumabas na {q} ang estimate ng q (1 o mas mababa), kaya hindi finite ang average na gastos kada order sa model na ito: masyadong magkakaiba ang gastos ng customers para ma-predict.',
  // ang order log, ang analysis, at ang kaya ng isang cell sa oras nito
  'summary.endNotDay': 'hindi isang araw ang dulo ng observation',
  'summary.unit': 'ang unit ay dapat "day", "week", "month" o "year"',
  'summary.idsVsDates': 'may {ids} customer id ang order log pero {dates} na petsa',
  'summary.idsVsAmounts': 'may {ids} customer id ang order log pero {amounts} na halaga',
  'summary.notADay': 'hindi isang araw ang petsa ng order',
  'analysis.noModel': 'walang purchase model na ma-fit sa data na ito',
  'tracking.tooLarge':
    'magkakaroon ang tracking table ng {periods} para sa customers na unang bumili sa {days} (mula {from} hanggang {to} ang orders), higit sa kayang kalkulahin ng isang cell sa 30 segundo nito; gumamit ng mas mahabang unit gaya ng "week" o "month", o maglagay ng orders ng mas kaunting taon',
  'interval.histories':
    'kailangan ng interval ang tsansa ng bawat customer na maging active sa maraming bersyon ng fit, at may {histories} ang customers na ito (repeat purchases, huling bili at edad): kaya ito ng isang cell gamit ang {model} para sa hanggang {most} lang sa 30 segundo nito; iwanang blangko ang interval',
  'interval.historiesPareto':
    'kailangan ng interval ang tsansa ng bawat customer na maging active sa maraming bersyon ng fit, at may {histories} ang customers na ito (repeat purchases, huling bili at edad): kaya ito ng isang cell gamit ang {model} para sa hanggang {most} lang sa 30 segundo nito; iwanang blangko ang interval, o gamitin ang "bgnbd"',
  'interval.horizon':
    'ang interval sa loob ng {months} ay magsi-simulate ng mga {steps} na bili at buwan ng hinaharap ng customers na ito, higit sa kaya ng isang cell sa 30 segundo nito; gumamit ng horizon_months na hanggang {most} lang kasama ng interval, o iwanang blangko ang interval',
  // mga petsa sa kalendaryong Persian
  'jalali.months': 'may 12 buwan ang kalendaryong Persian (Farvardin hanggang Esfand), hindi {month}',
  'jalali.monthLength': 'may {days} araw ang {month} {year}',
  'jalali.notADate': 'ang {date} ay hindi petsa sa kalendaryong Persian',
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
  // kung paano binabasa ang mga petsang text na araw/buwan/taon ng isang column
  'dates.mixed': 'magkahalo ang mga petsang araw muna ("{dayFirst}") at buwan muna ("{monthFirst}")',
  'dates.dayFirst': 'araw muna ({pattern}), gaya ng ipinapakita ng "{example}"',
  'dates.monthFirst': 'buwan muna ({pattern}), gaya ng ipinapakita ng "{example}"',
  'dates.none': 'walang petsang araw/buwan/taon',
  'dates.dayFirstBySeparator': 'araw muna ({pattern}), gaya ng pagsulat ng mga petsang may "{separator}"',
  'dates.ambiguous': 'puwedeng araw muna o buwan muna ang bawat petsa (walang araw na lampas sa 12)',
  // mga hangganang naaabot ng isang prediction
  'limit.paretoCounts':
    'ang {histories} magkakaibang history (repeat purchases at edad) × {counts} na bilang ay higit sa trabahong pinapayagan sa isang cell (hanggang {most} lang); humingi ng mas kaunting bilang, o ng mas kaunting customers kada beses.',
  'limit.bgbbCounts':
    'ang {histories} magkakaibang history × {future} na susunod na opportunities × {counts} na bilang ay higit sa trabahong pinapayagan sa isang cell (hanggang {most} lang); bilangin ang opportunities kada linggo o buwan, hindi kada araw, o humingi ng mas kaunting bilang.',
  'limit.precision': 'hindi makalkula nang buong precision ang probabilities ng customer na may frequency na {frequency} at edad na {age} sa loob ng trabahong pinapayagan sa isang cell',
  'limit.cells': 'ang {customers} customers × {counts} na bilang ay higit sa {most} probabilities',
  'dert.infinite':
    'kapag {which} (1 o mas mababa) at walang discounting, infinite ang expected na bilang ng susunod na purchases: inaasahang hindi kailanman titigil ang pinakatapat na customers. Maglagay ng discount rate na higit sa 0.',
  // the data check (core/columns.ts)
  'columns.summaryTable': 'Buod bawat customer ang sheet na ito (frequency, recency at T, gaya ng isinusulat ng lifetimes ng Python), hindi listahan ng order: kailangan ng sidebar ang petsa ng bawat order, o ang petsa ng una at huling order ng bawat customer. Gamitin na lang ang buod sa mga cell: ang =CLV_FIT_SUMMARY({frequency}, {recency}, {age}) ay nagfi-fit ng purchase model sa isang bakanteng sulok, at ang =CLV_PREDICT({frequency}, {recency}, {age}, 52, <range ng fit>) ay nagbibigay ng inaasahang bilang ng bili ng bawat customer (52 unit ng T pasulong; "p_alive" bilang ika-6 na argument para sa tsansang customer pa sila).{spend} Para magamit ang sidebar, buksan ang listahan ng order na pinagmulan ng buod.',
  'columns.summarySpend': ' Gamit ang "{header}": ang =CLV_FIT_SUMMARY({frequency}, {recency}, {age}, "gammagamma", , {money}) ay nagfi-fit ng spend model.',
  'cohort.count.week': '{n} linggo',
  'cohort.count.month': '{n} buwan',
  'cohort.count.quarter': '{n} quarter',
  'cohort.count.year': '{n} taon',
  'cohort.afterFirst': '{distance} pagkatapos ng unang order ({date})',
  'cohort.beforeLast': '{distance} bago ang huling order ({date})',
  'cohort.needColumns': 'kakailanganin ng cohort table ang {columns} column pero hanggang {limit} lang ang isang sheet',
  'cohort.needCells': 'kakailanganin ng cohort table ang {rows} row × {columns} column, {cells} cell, pero hanggang {limit} lang ang kasya sa isang spreadsheet',
  'cohort.fixDate': 'ayusin ang petsang iyon',
  'cohort.fixOrLonger': 'ayusin ang petsang iyon, o gumamit ng mas mahabang period gaya ng "{longer}"',
  'cohort.tooLarge': 'Ang {date} ay {relation}: {need}; {advice}',
};

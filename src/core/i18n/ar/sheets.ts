// Arabic, for a shop owner: معدل التسرب for churn, القيمة الدائمة للعميل for CLV, as Arab retail and e-commerce write them.
import type { SheetMessages } from '../en/sheets';

export const sheets: SheetMessages = {
  'segment.champions.name': 'الأبطال',
  'segment.champions.description': 'ضمن {top} من حيث القيمة الإجمالية (السابقة + المتوقعة) ومن حيث القيمة المتوقعة.',
  'segment.rising.name': 'الصاعدون',
  'segment.rising.description': 'ضمن {top} من حيث القيمة المتوقعة، لكن ليس (بعد) من حيث القيمة الإجمالية.',
  'segment.pastStars.name': 'نجوم سابقون',
  'segment.pastStars.description': 'ضمن {top} من حيث القيمة الإجمالية، لا من حيث القيمة المتوقعة: معظم قيمتهم صار من الماضي.',
  'segment.lowValue.name': 'منخفضو القيمة',
  'segment.lowValue.description': 'ليسوا ضمن {top} لا من حيث القيمة الإجمالية ولا من حيث القيمة المتوقعة.',
  'segment.cut.top20': 'أعلى ٢٠٪',
  'segment.cut.median': 'النصف الأعلى',

  'stage.new.name': 'جديد',
  'stage.new.description': 'أول شراء خلال آخر {newDays} يومًا.',
  'stage.oneTime.name': 'اشترى مرة واحدة',
  'stage.oneTime.description': 'يوم شراء واحد حتى الآن، خلال آخر {days} يومًا، وعلى الأرجح ما زال نشطًا.',
  'stage.regular.name': 'منتظم',
  'stage.regular.description': 'مشتريات متكررة، آخرها خلال {days} يومًا وفي إيقاعه المعتاد، وعلى الأرجح ما زال نشطًا.',
  'stage.lapsing.name': 'على وشك التسرب',
  'stage.lapsing.description': 'لا شراء منذ أكثر من {days} يومًا، أو منذ أكثر من {gaps} من فتراته المعتادة بين المشتريات، أو احتمال بقائه نشطًا أقل من {likely}؛ لكنه ليس عميلًا سابقًا بعد.',
  'stage.former.name': 'عميل سابق',
  'stage.former.description': 'لا شراء منذ أكثر من {days} يومًا، واحتمال بقائه نشطًا أقل من {likely}.',

  'advice.former.valuable': 'على الأرجح رحل، وكانت قيمته كبيرة: عرض شخصي لاستعادته يستحق المحاولة مرة واحدة.',
  'advice.former.other': 'على الأرجح رحل، وقيمته قليلة: لا تنفق عليه؛ أبقه فقط في النشرات العامة.',
  'advice.lapsing.valuable': 'بدأ يبتعد وما زالت قيمته كبيرة: تواصل معه شخصيًا الآن (انظر «تواصل معهم أولًا»).',
  'advice.lapsing.other': 'بدأ يبتعد: تذكير أو عرض منخفض التكلفة.',
  'advice.new.valuable': 'بداية واعدة: رحّب به شخصيًا وسهّل عليه الطلب التالي.',
  'advice.new.other': 'رحّب به وادعُه إلى طلب ثانٍ، بتكلفة قليلة.',
  'advice.oneTime.valuable': 'طلب واحد حتى الآن لكنه واعد: ادعُه إلى طلب ثانٍ بعرض مناسب له.',
  'advice.oneTime.other': 'طلب واحد حتى الآن: ادعُه إلى طلب ثانٍ، بتكلفة قليلة.',
  'advice.regular.champions': 'يشتري بانتظام وهو الأعلى قيمة: حافظ عليه وكافئه.',
  'advice.regular.rising': 'يشتري بانتظام والمزيد قادم: طوّر علاقتك به (فئات أكثر، طلبات أكبر).',
  'advice.regular.pastStars': 'ما زال يشتري، لكن المتوقع منه أقل مما جلبه: اعرف السبب واعرض عليه ما كان يشتريه.',
  'advice.regular.lowValue': 'يشتري بانتظام لكن بمبالغ صغيرة: اخدمه جيدًا بتكلفة قليلة.',
};

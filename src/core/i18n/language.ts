/**
 * The languages the add-in speaks, and which one a Google locale asks for. A locale is "fa", "fa_IR", "ar-SA",
 * "fil", "tl_PH", "en_US"…: only its language part counts (a Persian speaker in Germany still reads Persian).
 */
export type Language = 'en' | 'fa' | 'ar' | 'tl';

export const LANGUAGES: readonly Language[] = ['en', 'fa', 'ar', 'tl'];

/** Each language's name in itself, for the switch: a user who cannot read the current language still finds theirs. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', fa: 'فارسی', ar: 'العربية', tl: 'Filipino' };

/** The language of a locale, or null when the add-in does not speak it (or the locale is empty, as Session gives when unknown). */
export function languageOfLocale(locale: string | null | undefined): Language | null {
  const code = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0];
  if (code === 'fa' || code === 'ar') return code;
  // Google calls Filipino "fil"; older systems and the ISO 639-1 code call it "tl" (Tagalog). Filipino business people read the same text.
  if (code === 'tl' || code === 'fil') return 'tl';
  if (code === 'en') return 'en';
  return null;
}

/**
 * The language for a user: the first of their locales that the add-in speaks (the user's own locale first, then the
 * spreadsheet's), else English.
 */
export function chooseLanguage(...locales: (string | null | undefined)[]): Language {
  for (const locale of locales) {
    const language = languageOfLocale(locale);
    if (language) return language;
  }
  return 'en';
}

export function isRightToLeft(language: Language): boolean {
  return language === 'fa' || language === 'ar';
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The glossary of fixed terms for Serbian Latin → Cyrillic transliteration (decision 037): names
 * and terms whose Cyrillic form is not the letter-by-letter one. Each entry is matched as a whole
 * word (not inside a longer word; a hyphenated case ending after it is fine: "Google-a" → "Google-а"),
 * exactly as written (case-sensitive: list each spelling that occurs).
 *
 * - `cyrillic: null` keeps the term in Latin, as Serbian Cyrillic publications print foreign proper
 *   names, brands, file and sheet names ("лиценца Creative Commons", "подаци OpenStreetMap-а").
 * - A string gives the term's fixed Cyrillic spelling: Serbian acronyms that Cyrillic texts write in
 *   Cyrillic (КПЗ, ОЦД, ЕУ), units, and loanwords whose Serbian spelling differs from the letters
 *   (e-mail → имејл).
 *
 * Acronyms in general (all capitals, up to five letters), words with letters Serbian does not use
 * (q, w, x, y, ë, ç…), words with capitals inside (OpenStreetMap, WebP), codes with digits, URLs,
 * e-mail addresses and file extensions stay Latin without an entry here (app/i18n/transliterate.ts).
 * Add a term here when it would otherwise be transliterated wrongly, and a line to
 * app/i18n/transliterate.test.ts with its expected spelling.
 */
export interface GlossaryEntry {
  /** The term as written in Serbian Latin text. */
  latin: string;
  /** Its fixed Cyrillic spelling, or null to keep it in Latin. */
  cyrillic: string | null;
}

export const TRANSLITERATION_GLOSSARY: readonly GlossaryEntry[] = [
  // Organisations' own names (in Latin letters in Serbian texts too).
  { latin: "Balkan Sunflowers Kosova", cyrillic: null },
  { latin: "Balkan Sunflowers", cyrillic: null },
  { latin: "Roma & Ashkali Documentation Centre", cyrillic: null },
  { latin: "Roma & Ashkalia Documentation Center", cyrillic: null },
  { latin: "Roma and Ashkali Documentation Centre", cyrillic: null },
  { latin: "Syri i Vizionit", cyrillic: null },
  { latin: "Open Society Foundations", cyrillic: null },
  { latin: "Save the Children", cyrillic: null },
  { latin: "Terre des hommes", cyrillic: null },
  { latin: "Caritas", cyrillic: null },
  { latin: "Helvetas", cyrillic: null },
  { latin: "Creative Commons", cyrillic: null },
  { latin: "GERMIN", cyrillic: null },
  { latin: "KOSINT", cyrillic: null },
  { latin: "OpenStreetMap", cyrillic: null },
  { latin: "GeoNames", cyrillic: null },
  { latin: "geoBoundaries", cyrillic: null },
  // Programs, formats and products.
  { latin: "Google Authenticator", cyrillic: null },
  { latin: "Microsoft Authenticator", cyrillic: null },
  { latin: "Authenticator", cyrillic: null },
  { latin: "Google", cyrillic: null },
  { latin: "Microsoft", cyrillic: null },
  { latin: "Aegis", cyrillic: null },
  { latin: "FreeOTP", cyrillic: null },
  { latin: "OpenDocument", cyrillic: null },
  { latin: "LibreOffice", cyrillic: null },
  { latin: "Excel", cyrillic: null },
  { latin: "Word", cyrillic: null },
  { latin: "Markdown", cyrillic: null },
  { latin: "JavaScript", cyrillic: null },
  { latin: "iCalendar", cyrillic: null },
  { latin: "WebP", cyrillic: null },
  { latin: "Atom", cyrillic: null },
  { latin: "Ctrl", cyrillic: null },
  { latin: "Cmd", cyrillic: null },
  // The sheet names of the plan workbook, which readers must find as written.
  { latin: "Sectors", cyrillic: null },
  { latin: "Objectives", cyrillic: null },
  { latin: "Measures", cyrillic: null },
  { latin: "Budget", cyrillic: null },
  { latin: "Indicators", cyrillic: null },
  { latin: "Targets", cyrillic: null },
  { latin: "Lists", cyrillic: null },
  // Long acronyms (six letters or more would otherwise read as a Serbian word in capitals).
  { latin: "UNICEF", cyrillic: null },
  { latin: "UNESCO", cyrillic: null },
  { latin: "EUROSTAT", cyrillic: null },
  { latin: "DOCTYPE", cyrillic: null },
  { latin: "ENTITY", cyrillic: null },
  // Serbian acronyms, which Cyrillic texts write in Cyrillic.
  { latin: "KPZ", cyrillic: "КПЗ" },
  { latin: "OCD", cyrillic: "ОЦД" },
  { latin: "NVO", cyrillic: "НВО" },
  { latin: "OEBS", cyrillic: "ОЕБС" },
  { latin: "EU", cyrillic: "ЕУ" },
  { latin: "UN", cyrillic: "УН" },
  { latin: "SAD", cyrillic: "САД" },
  { latin: "AP", cyrillic: "АП" },
  { latin: "LAP", cyrillic: "ЛАП" },
  // Units and the date pattern.
  { latin: "KB", cyrillic: "КБ" },
  { latin: "MB", cyrillic: "МБ" },
  { latin: "GB", cyrillic: "ГБ" },
  { latin: "GGGG-MM-DD", cyrillic: "ГГГГ-ММ-ДД" },
  { latin: "GGGG", cyrillic: "ГГГГ" },
  // Loanwords spelled differently in Serbian.
  { latin: "E-mail", cyrillic: "Имејл" },
  { latin: "e-mail", cyrillic: "имејл" },
  { latin: "online", cyrillic: "онлајн" },
  { latin: "Online", cyrillic: "Онлајн" },
];

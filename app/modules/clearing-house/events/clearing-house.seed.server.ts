import type { Kysely } from "kysely";
import type { Database, TranslatedText } from "#app/db/schema.ts";
import type { EventKind, OpportunityKind } from "#app/db/tables/clearing-house.ts";
import { opportunityCommands } from "#app/modules/clearing-house/opportunities/opportunities.commands.server.ts";
import { newsCommands } from "#app/modules/clearing-house/news/news.commands.server.ts";
import { serviceCommands } from "#app/modules/clearing-house/services/services.commands.server.ts";
import { organisationSearchEntries } from "#app/modules/organisations/organisations.search-index.server.ts";
import { upsertSearchEntries } from "#app/services/search-index.server.ts";
import { insertDemoItem } from "#app/modules/clearing-house/publishable/publishable.server.ts";
import { eventCommands } from "./events.commands.server.ts";

/*
 * Demo content of the clearing house, drawn from the source documents (shared/seeds):
 * - seed 000: the third regional informative session in Prizren (29 January; 2025 assumed, as for
 *   its news item), organised by the Office for Community Affairs with IOM; the participants'
 *   recommendations (access to information, involvement of local institutions and civil society,
 *   further support for employment) are recorded as recommendations. Their owners, due dates and
 *   statuses are invented for the demonstration (is_demo).
 * - seed 001: the sector meetings of March 2019 organised by the Office for Good Governance on the
 *   Strategy for Roma and Ashkali Communities (employment and social welfare, health, housing).
 * - seed 002: the launch of KOSINT 2020 on 9 March 2017.
 * - services named in seed 000 (online diploma verification through eKosova, the Superpuna and
 *   Kosova GenU platforms) and two everyday services (civil registration, social assistance);
 *   their descriptions are written for the demo, not official texts (is_demo).
 * - opportunities: invented examples (is_demo), with deadlines relative to the day of seeding so
 *   that some are open and one has expired.
 */

interface DemoEvent {
  slug: string;
  kind: EventKind;
  title: TranslatedText;
  summary: TranslatedText;
  agenda?: TranslatedText;
  minutes?: TranslatedText;
  original_locale: "en" | "sr" | "sq";
  starts_at: string;
  ends_at?: string;
  kas_code: string | null;
  address: string | null;
  owner: string;
  organisers: string[];
  participants: string[];
  source_note: string;
}

const SECTOR_MEETING_MINUTES = (sector: string): TranslatedText => ({
  en: `Sector meeting on the **${sector}** sector of the Strategy and Action Plan for the Inclusion of Roma and Ashkali Communities in the Kosovo Society 2017–2021, organised by the Office for Good Governance (OGG) with ministry officials, focal points of the Regional Co-operation Council and civil society organisations.\n\n- The OGG is at the end of the process of preparing the 2018 report on the implementation of the strategy.\n- The ministry officials reported on the implementation of the activities according to the action plan, achievements and challenges encountered during 2018.\n- Civil society members provided their input with information from the field.\n\nAll agreed that there are improvements and good implementation of the strategy, but more work needs to be done to involve the Roma and Ashkali communities in Kosovo society.`,
});

const SECTOR_AGENDA: TranslatedText = {
  en: "1. Implementation of the sector's activities in 2018, by ministry\n2. Information from the field by civil society organisations\n3. The 2018 implementation report",
};

const EVENTS: DemoEvent[] = [
  {
    slug: "third-regional-informative-session-prizren-2025-01-29",
    kind: "informative_session",
    original_locale: "en",
    title: { en: "Third regional informative session in Prizren: the Platform of the Office for Community Affairs" },
    summary: {
      en: "Local institutions and civil society organisations of the Prizren region discussed the platform, access to services, youth employment platforms and online diploma verification.",
    },
    agenda: {
      en: "1. Presentation of the Platform of the Office for Community Affairs\n2. Access to services for communities\n3. Practical work for young people from non-majority communities: Superpuna and Kosova GenU\n4. Online verification of diplomas through eKosova\n5. Recommendations of the participants",
    },
    minutes: {
      en: "Representatives of the Office for Community Affairs, IOM, municipal offices for communities and returns, employment offices and non-governmental organizations from the Prizren region participated in this meeting.\n\nThe meeting discussed the functionalization of the platform and opportunities to improve access to services for communities and promotion. The support of young people from the non-majority communities to practical work through the Superpuna and Kosova GenU platforms, and the verification of diplomas, which can now be done online through the eKosova platform, were discussed.\n\nParticipants made recommendations about the platform and ways it could be more useful to communities: improving access to information, more active involvement of local institutions and civil society in using the platform, further support in education, employment and economic development of non-majority communities, and continuous cooperation of local and central institutions.",
    },
    starts_at: "2025-01-29T09:00:00Z",
    ends_at: "2025-01-29T12:00:00Z",
    kas_code: "20",
    address: null,
    owner: "office-for-community-affairs",
    organisers: ["office-for-community-affairs", "international-organization-for-migration"],
    participants: [
      "municipal-office-for-communities-and-returns-prizren",
      "british-embassy-pristina",
      "embassy-of-switzerland-in-kosovo",
    ],
    source_note: "Source document 000 (news item of the Office for Community Affairs).",
  },
  ...(
    [
      [
        "employment-and-social-welfare",
        "Employment and Social Welfare",
        "2019-03-12T09:00:00Z",
        ["ministry-of-labour-and-social-welfare"],
      ],
      ["health", "Health", "2019-03-19T09:00:00Z", ["ministry-of-health"]],
      [
        "housing",
        "Housing",
        "2019-03-26T09:00:00Z",
        ["ministry-of-environment-and-spatial-planning", "ministry-of-local-government-administration"],
      ],
    ] as const
  ).map(([key, sector, date, ministries]): DemoEvent => ({
    slug: `sector-meeting-${key}-2019-03`,
    kind: "sector_meeting",
    original_locale: "en",
    title: { en: `Sector meeting: ${sector} (Strategy for Roma and Ashkali Communities 2017–2021)` },
    summary: {
      en: `The Office for Good Governance met ministry officials, Regional Co-operation Council focal points and civil society on the implementation of the ${sector} sector in 2018.`,
    },
    agenda: SECTOR_AGENDA,
    minutes: SECTOR_MEETING_MINUTES(sector),
    // Seed 001 says "during March" without days: the days here are the demo's.
    starts_at: date,
    kas_code: null,
    address: null,
    owner: "office-for-good-governance",
    organisers: ["office-for-good-governance"],
    participants: [
      ...ministries,
      "regional-cooperation-council",
      "balkan-sunflowers-kosova",
      "roma-and-ashkali-documentation-centre",
    ],
    source_note:
      "Source document 001 (news item of the Office for Good Governance); the day of each meeting is assumed.",
  })),
  {
    slug: "kosint-2020-launch-2017-03-09",
    kind: "other",
    original_locale: "sr",
    title: { sr: "Događaj povodom puštanja u rad projekta „Kosovska inicijativa za integraciju 2020 – KOSINT 2020“" },
    summary: {
      sr: "Događaju su prisustvovale domaće i strane organizacije, predstavnici civilnog društva i institucija centralne i lokalne uprave.",
    },
    minutes: {
      sr: "Direktor Kancelarije za dobro upravljanje, zajedno sa predstavnicima Ministarstva rada i socijalne zaštite i Ministarstva obrazovanja, nauke i tehnologije, izrazio je podršku za projekat KOSINT 2020, obećavajući tesnu saradnju u toku realizacije projekta.\n\nProjekat finansira Kancelarija za romske inicijative (RIO) u okviru Fondacije otvorenog društva (OSF), a realizuje ga Kosovski centar za obrazovanje (KEC), u saradnji sa organizacijama Balkan Sunflowers Kosova (BSFK), Roma & Ashkalia Documentation Center (RADC) i Syri i Vizionit (SiV).",
    },
    starts_at: "2017-03-09T10:00:00Z",
    kas_code: null,
    address: null,
    owner: "kosovo-education-centre",
    organisers: [
      "kosovo-education-centre",
      "balkan-sunflowers-kosova",
      "roma-and-ashkali-documentation-centre",
      "syri-i-vizionit",
    ],
    participants: [
      "office-for-good-governance",
      "ministry-of-labour-and-social-welfare",
      "ministry-of-education-science-and-technology",
      "roma-initiatives-office-open-society-foundations",
    ],
    source_note: "Source document 002 (news item in Serbian).",
  },
];

const RECOMMENDATIONS: {
  event: string;
  owner: string;
  text: TranslatedText;
  dueInDays: number;
  status: "open" | "in_progress" | "done";
}[] = [
  {
    event: "third-regional-informative-session-prizren-2025-01-29",
    owner: "ministry-of-labour-and-social-welfare",
    text: {
      en: "Support young people from non-majority communities in the Prizren region to reach practical work through the Superpuna and Kosova GenU platforms, together with the employment offices.",
    },
    dueInDays: 45,
    status: "open",
  },
  {
    event: "third-regional-informative-session-prizren-2025-01-29",
    owner: "office-for-community-affairs",
    text: { en: "Improve access to information about services for communities through the platform." },
    dueInDays: 90,
    status: "in_progress",
  },
  {
    event: "third-regional-informative-session-prizren-2025-01-29",
    owner: "municipal-office-for-communities-and-returns-prizren",
    text: { en: "Involve local institutions and civil society more actively in using the platform." },
    dueInDays: -10,
    status: "open",
  },
];

interface DemoService {
  slug: string;
  owner: string;
  sector: string;
  title: TranslatedText;
  summary: TranslatedText;
  eligibility: TranslatedText;
  requirements: TranslatedText;
  hours?: TranslatedText;
  online_url: string | null;
  address: string | null;
}

const SERVICES: DemoService[] = [
  {
    slug: "online-diploma-verification",
    owner: "ministry-of-education-science-and-technology",
    sector: "education",
    title: {
      en: "Online verification of diplomas",
      sq: "Verifikimi online i diplomave",
      sr: "Onlajn verifikacija diploma",
    },
    summary: {
      en: "Diplomas can be verified online through the eKosova platform, which makes the process easier and the verification of academic qualifications more transparent.",
      sq: "Diplomat mund të verifikohen online përmes platformës eKosova, gjë që e lehtëson procesin dhe e bën verifikimin e kualifikimeve akademike më transparent.",
      sr: "Diplome se mogu verifikovati onlajn preko platforme eKosova, što olakšava postupak i čini verifikaciju akademskih kvalifikacija transparentnijom.",
    },
    eligibility: {
      en: "Holders of diplomas who need them verified.",
      sq: "Mbajtësit e diplomave që kanë nevojë t'i verifikojnë ato.",
      sr: "Vlasnici diploma kojima je potrebna verifikacija.",
    },
    requirements: {
      en: "An eKosova account, the diploma (scanned).",
      sq: "Një llogari në eKosova, diploma (e skanuar).",
      sr: "Nalog na eKosova, diploma (skenirana).",
    },
    online_url: "https://ekosova.rks-gov.net/",
    address: null,
  },
  {
    slug: "superpuna-and-kosova-genu-youth-platforms",
    owner: "international-organization-for-migration",
    sector: "employment_social_welfare",
    title: {
      en: "Employment and internship platforms for young people: Superpuna and Kosova GenU",
      sq: "Platformat e punësimit dhe praktikës për të rinjtë: Superpuna dhe Kosova GenU",
      sr: "Platforme za zapošljavanje i praksu mladih: Superpuna i Kosova GenU",
    },
    summary: {
      en: "Platforms that help young people from non-majority communities find practical work, develop professionally and enter the labour market.",
      sq: "Platforma që ndihmojnë të rinjtë nga komunitetet joshumicë të gjejnë punë praktike, të zhvillohen profesionalisht dhe të hyjnë në tregun e punës.",
      sr: "Platforme koje pomažu mladima iz nevećinskih zajednica da nađu praktičan rad, profesionalno se razvijaju i uđu na tržište rada.",
    },
    eligibility: {
      en: "Young people from non-majority communities.",
      sq: "Të rinjtë nga komunitetet joshumicë.",
      sr: "Mladi iz nevećinskih zajednica.",
    },
    requirements: {
      en: "Ask at the municipal employment office or the Office for Communities and Returns of your municipality.",
      sq: "Pyetni në zyrën komunale të punësimit ose në Zyrën për Komunitete dhe Kthim të komunës suaj.",
      sr: "Raspitajte se u opštinskoj kancelariji za zapošljavanje ili u Kancelariji za zajednice i povratak vaše opštine.",
    },
    online_url: null,
    address: "Municipal employment offices and Offices for Communities and Returns",
  },
  {
    slug: "civil-registration",
    owner: "ministry-of-internal-affairs",
    sector: "civil_registration",
    title: {
      en: "Civil registration: birth, marriage and death certificates",
      sq: "Gjendja civile: certifikatat e lindjes, martesës dhe vdekjes",
      sr: "Matična evidencija: izvodi iz matične knjige rođenih, venčanih i umrlih",
    },
    summary: {
      en: "Registration of births, marriages and deaths, and certificates from the civil registers.",
      sq: "Regjistrimi i lindjeve, martesave dhe vdekjeve, dhe certifikatat nga regjistrat civilë.",
      sr: "Upis rođenja, venčanja i smrti, i izvodi iz matičnih knjiga.",
    },
    eligibility: {
      en: "Everyone living in Kosovo, including returnees and people without documents.",
      sq: "Të gjithë që jetojnë në Kosovë, përfshirë të kthyerit dhe personat pa dokumente.",
      sr: "Svi koji žive na Kosovu, uključujući povratnike i lica bez dokumenata.",
    },
    requirements: {
      en: "An identity document, if you have one; for a birth, the document from the hospital.",
      sq: "Një dokument identifikimi, nëse e keni; për lindje, dokumenti nga spitali.",
      sr: "Lični dokument, ako ga imate; za rođenje, dokument iz bolnice.",
    },
    hours: { en: "Working days, 08:00–16:00", sq: "Ditë pune, 08:00–16:00", sr: "Radnim danima, 08:00–16:00" },
    online_url: null,
    address: "Municipal civil registration office",
  },
  {
    slug: "social-assistance",
    owner: "ministry-of-labour-and-social-welfare",
    sector: "employment_social_welfare",
    title: { en: "Social assistance", sq: "Ndihma sociale", sr: "Socijalna pomoć" },
    summary: {
      en: "Monthly financial support for families without sufficient income, through the centre for social work of the municipality.",
      sq: "Mbështetje financiare mujore për familjet pa të ardhura të mjaftueshme, përmes qendrës për punë sociale të komunës.",
      sr: "Mesečna finansijska podrška porodicama bez dovoljnih prihoda, preko centra za socijalni rad opštine.",
    },
    eligibility: {
      en: "Families without sufficient income that meet the conditions of the social assistance scheme.",
      sq: "Familjet pa të ardhura të mjaftueshme që plotësojnë kushtet e skemës së ndihmës sociale.",
      sr: "Porodice bez dovoljnih prihoda koje ispunjavaju uslove šeme socijalne pomoći.",
    },
    requirements: {
      en: "Identity documents of the family members and proof of income and residence.",
      sq: "Dokumentet e identifikimit të anëtarëve të familjes dhe dëshmi për të ardhurat dhe vendbanimin.",
      sr: "Lični dokumenti članova porodice i dokaz o prihodima i prebivalištu.",
    },
    hours: { en: "Working days, 08:00–16:00", sq: "Ditë pune, 08:00–16:00", sr: "Radnim danima, 08:00–16:00" },
    online_url: null,
    address: "Centre for social work of the municipality",
  },
];

const OPPORTUNITIES: {
  slug: string;
  kind: OpportunityKind;
  owner: string;
  deadlineInDays: number;
  kas_code: string | null;
  title: TranslatedText;
  summary: TranslatedText;
  eligibility: TranslatedText;
}[] = [
  {
    slug: "demo-internships-young-people-non-majority-communities",
    kind: "internship",
    owner: "international-organization-for-migration",
    deadlineInDays: 30,
    kas_code: "20",
    title: {
      en: "Internships for young people from non-majority communities (demo)",
      sq: "Praktika për të rinjtë nga komunitetet joshumicë (demo)",
      sr: "Prakse za mlade iz nevećinskih zajednica (demo)",
    },
    summary: {
      en: "Three-month paid internships with local businesses in the Prizren region.",
      sq: "Praktika tremujore me pagesë në bizneset lokale të rajonit të Prizrenit.",
      sr: "Tromesečne plaćene prakse u lokalnim preduzećima regiona Prizrena.",
    },
    eligibility: {
      en: "Aged 18–29, from a non-majority community.",
      sq: "Mosha 18–29 vjeç, nga një komunitet joshumicë.",
      sr: "Starost 18–29 godina, iz nevećinske zajednice.",
    },
  },
  {
    slug: "demo-scholarships-roma-ashkali-egyptian-students",
    kind: "scholarship",
    owner: "kosovo-education-centre",
    deadlineInDays: 60,
    kas_code: null,
    title: {
      en: "Scholarships for Roma, Ashkali and Egyptian secondary school students (demo)",
      sq: "Bursa për nxënësit romë, ashkali dhe egjiptianë të shkollave të mesme (demo)",
      sr: "Stipendije za romske, aškalijske i egipćanske srednjoškolce (demo)",
    },
    summary: {
      en: "Monthly scholarships and mentoring for the school year.",
      sq: "Bursa mujore dhe mentorim për vitin shkollor.",
      sr: "Mesečne stipendije i mentorstvo za školsku godinu.",
    },
    eligibility: {
      en: "Secondary school students from the Roma, Ashkali and Egyptian communities.",
      sq: "Nxënësit e shkollave të mesme nga komunitetet rom, ashkali dhe egjiptian.",
      sr: "Srednjoškolci iz romske, aškalijske i egipćanske zajednice.",
    },
  },
  {
    slug: "demo-small-grants-youth-initiatives",
    kind: "grant",
    owner: "embassy-of-switzerland-in-kosovo",
    deadlineInDays: -5,
    kas_code: null,
    title: {
      en: "Small grants for youth initiatives (demo, expired)",
      sq: "Grante të vogla për nisma të të rinjve (demo, e skaduar)",
      sr: "Mali grantovi za inicijative mladih (demo, isteklo)",
    },
    summary: {
      en: "Grants for initiatives of young people from non-majority communities.",
      sq: "Grante për nisma të të rinjve nga komunitetet joshumicë.",
      sr: "Grantovi za inicijative mladih iz nevećinskih zajednica.",
    },
    eligibility: {
      en: "Informal groups and youth organisations.",
      sq: "Grupe joformale dhe organizata rinore.",
      sr: "Neformalne grupe i omladinske organizacije.",
    },
  },
];

function daysFromNow(days: number, now: Date): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Writes the clearing-house demo content (see above) and indexes it, with the demo news and the directory's organisations, for search. */
export async function seedClearingHouseDemo(trx: Kysely<Database>, now: Date = new Date()): Promise<void> {
  const organisations = await trx.selectFrom("organisation").select(["id", "slug"]).execute();
  const idOf = new Map(organisations.map((o) => [o.slug, o.id]));
  const org = (slug: string): number => {
    const id = idOf.get(slug);
    if (id === undefined) throw new Error(`Demo content names an organisation that is not in the directory: ${slug}`);
    return id;
  };
  /** The columns every demo item (event, service, opportunity) writes alike: slug, title, summary and owner. */
  const itemColumns = (item: { slug: string; title: TranslatedText; summary: TranslatedText; owner: string }) => ({
    slug: item.slug,
    title: item.title,
    summary: item.summary,
    organisation_id: org(item.owner),
  });

  const eventIds = new Map<string, number>();
  for (const e of EVENTS) {
    const id = await insertDemoItem(trx, "event", {
      ...itemColumns(e),
      kind: e.kind,
      agenda: e.agenda ?? {},
      minutes: e.minutes ?? {},
      original_locale: e.original_locale,
      starts_at: new Date(e.starts_at),
      ends_at: e.ends_at ? new Date(e.ends_at) : null,
      kas_code: e.kas_code,
      address: e.address,
      published_at: new Date(e.starts_at),
      source_note: e.source_note,
    });
    if (id === null) continue;
    eventIds.set(e.slug, id);
    await trx
      .insertInto("event_organisation")
      .values([
        ...e.organisers.map((s) => ({ event_id: id, organisation_id: org(s), role: "organiser" as const })),
        ...e.participants.map((s) => ({ event_id: id, organisation_id: org(s), role: "participant" as const })),
      ])
      .execute();
    await eventCommands.index(trx, id);
  }

  for (const r of RECOMMENDATIONS) {
    const eventId = eventIds.get(r.event);
    if (eventId === undefined) continue;
    await trx
      .insertInto("recommendation")
      .values({
        event_id: eventId,
        text: r.text,
        original_locale: "en",
        owner_organisation_id: org(r.owner),
        due_date: daysFromNow(r.dueInDays, now),
        status: r.status,
        is_demo: true,
      })
      .execute();
  }

  for (const s of SERVICES) {
    const id = await insertDemoItem(trx, "service", {
      ...itemColumns(s),
      eligibility: s.eligibility,
      requirements: s.requirements,
      hours: s.hours ?? {},
      original_locale: "en",
      online_url: s.online_url,
      address: s.address,
      sector_code: s.sector,
      published_at: now,
    });
    if (id !== null) await serviceCommands.index(trx, id);
  }

  for (const o of OPPORTUNITIES) {
    const id = await insertDemoItem(trx, "opportunity", {
      ...itemColumns(o),
      kind: o.kind,
      eligibility: o.eligibility,
      original_locale: "en",
      kas_code: o.kas_code,
      url: null,
      deadline: daysFromNow(o.deadlineInDays, now),
      published_at: new Date(now.getTime() - 7 * 86_400_000),
    });
    if (id !== null) await opportunityCommands.index(trx, id);
  }

  // The demo news (seeds 000–002) belong to the organisations that published them, and are searchable.
  const authors: Record<string, string> = {
    "third-regional-informative-session-prizren": "office-for-community-affairs",
    "sector-meetings-organized-by-ogg": "office-for-good-governance",
    "kosint-2020-project-launch": "kosovo-education-centre",
  };
  for (const [slug, author] of Object.entries(authors)) {
    await trx
      .updateTable("news_item")
      .set({ organisation_id: org(author) })
      .where("slug", "=", slug)
      .where("organisation_id", "is", null)
      .execute();
  }
  const news = await trx.selectFrom("news_item").select("id").where("status", "=", "published").execute();
  for (const n of news) await newsCommands.index(trx, n.id);
  // The directory's organisations (written by the organisations migration) become searchable.
  await upsertSearchEntries(trx, await organisationSearchEntries(trx));
}

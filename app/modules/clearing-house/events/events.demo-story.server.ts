import type { Kysely } from "kysely";
import { insertRows } from "#app/db/insert-rows.server.ts";
import type { Database, TranslatedText } from "#app/db/schema.ts";
import { organisationIdsBySlug } from "#app/modules/organisations/organisations.queries.server.ts";
import type { EventKind, RecommendationStatus } from "#app/db/tables/clearing-house.ts";
import { insertDemoItem } from "#app/modules/clearing-house/publishable/publishable.server.ts";
import { eventCommands } from "./events.commands.server.ts";

/*
 * DEMO CONTENT — INVENTED events around the reporting story of issue 17, dated relative to the day
 * of the first start so that the events list always has upcoming meetings: sector meetings and an
 * informative session to come, and two meetings held in the past months with minutes and
 * recommendations (some overdue, each with its owner). Every row is `is_demo`; titles start with
 * "[Demo]".
 */

interface StoryEvent {
  slug: string;
  kind: EventKind;
  inDays: number;
  hours: number;
  kasCode: string | null;
  address: string;
  owner: string;
  participants: string[];
  title: TranslatedText;
  summary: TranslatedText;
  agenda: TranslatedText;
  minutes?: TranslatedText;
  recommendations?: { owner: string; dueInDays: number; status: RecommendationStatus; text: string }[];
}

const STORY: StoryEvent[] = [
  {
    slug: "demo-sector-meeting-employment",
    kind: "sector_meeting",
    inDays: 12,
    hours: 3,
    kasCode: null,
    address: "Government building, Prishtinë",
    owner: "office-for-good-governance",
    participants: [
      "ministry-of-labour-and-social-welfare",
      "balkan-sunflowers-kosova",
      "kosovo-investment-and-enterprise-support-agency",
    ],
    title: {
      en: "[Demo] Sector meeting on employment and social welfare: reporting for the new cycle",
      sq: "[Demo] Takim sektorial për punësimin dhe mirëqenien sociale: raportimi për ciklin e ri",
      sr: "[Demo] Sektorski sastanak o zapošljavanju i socijalnoj zaštiti: izveštavanje za novi ciklus",
    },
    summary: {
      en: "The ministry's focal point presents the first figures of the open reporting cycle; civil society brings information from the field.",
      sq: "Pika kontaktuese e ministrisë prezanton shifrat e para të ciklit të hapur të raportimit; shoqëria civile sjell informata nga terreni.",
      sr: "Kontakt osoba ministarstva predstavlja prve podatke otvorenog ciklusa izveštavanja; civilno društvo donosi informacije sa terena.",
    },
    agenda: {
      en: "1. Progress of the employment measures\n2. Observations of civil society\n3. Next steps for the annual report",
    },
  },
  {
    slug: "demo-informative-session-gjakove",
    kind: "informative_session",
    inDays: 26,
    hours: 2,
    kasCode: "02",
    address: "Municipal assembly hall, Gjakovë",
    owner: "office-for-community-affairs",
    participants: ["municipal-office-for-communities-and-returns-gjakove", "roma-and-ashkali-documentation-centre"],
    title: {
      en: "[Demo] Informative session in Gjakovë: services and opportunities for the communities",
      sq: "[Demo] Seancë informuese në Gjakovë: shërbimet dhe mundësitë për komunitetet",
      sr: "[Demo] Informativna sesija u Đakovici: usluge i mogućnosti za zajednice",
    },
    summary: {
      en: "How to submit a need, follow it with a tracking code, and find scholarships and jobs on the platform.",
      sq: "Si të paraqitet një nevojë, të ndiqet me kod gjurmimi dhe të gjenden bursa e vende pune në platformë.",
      sr: "Kako podneti potrebu, pratiti je kodom za praćenje i pronaći stipendije i poslove na platformi.",
    },
    agenda: { en: "1. The platform for community members\n2. Questions and answers" },
  },
  {
    slug: "demo-consultation-fushe-kosove-local-plan",
    kind: "other",
    inDays: 41,
    hours: 3,
    kasCode: "09",
    address: "Cultural centre, Fushë Kosovë",
    owner: "office-for-community-affairs",
    participants: ["municipal-office-for-communities-and-returns-fushe-kosove", "balkan-sunflowers-kosova"],
    title: {
      en: "[Demo] Public consultation on the next local action plan of Fushë Kosovë",
      sq: "[Demo] Konsultim publik për planin e ardhshëm lokal të veprimit të Fushë Kosovës",
      sr: "[Demo] Javne konsultacije o sledećem lokalnom akcionom planu Kosova Polja",
    },
    summary: {
      en: "Residents and organisations comment on the draft measures for education, employment and housing.",
      sq: "Banorët dhe organizatat komentojnë masat e propozuara për arsimin, punësimin dhe strehimin.",
      sr: "Stanovnici i organizacije komentarišu predložene mere za obrazovanje, zapošljavanje i stanovanje.",
    },
    agenda: { en: "1. Results of the last annual report\n2. Draft measures\n3. Comments from residents" },
  },
  {
    slug: "demo-sector-meeting-education-held",
    kind: "sector_meeting",
    inDays: -75,
    hours: 3,
    kasCode: null,
    address: "Ministry of Education, Prishtinë",
    owner: "office-for-good-governance",
    participants: [
      "ministry-of-education-science-and-technology",
      "kosovo-education-centre",
      "balkan-sunflowers-kosova",
    ],
    title: {
      en: "[Demo] Sector meeting on education: the annual report's figures",
      sq: "[Demo] Takim sektorial për arsimin: shifrat e raportit vjetor",
      sr: "[Demo] Sektorski sastanak o obrazovanju: podaci godišnjeg izveštaja",
    },
    summary: {
      en: "The ministry presented the scholarship and pre-school figures; civil society questioned the number of scholarship holders.",
      sq: "Ministria prezantoi shifrat e bursave dhe të arsimit parashkollor; shoqëria civile vuri në pikëpyetje numrin e bursistëve.",
      sr: "Ministarstvo je predstavilo podatke o stipendijama i predškolskom obrazovanju; civilno društvo je dovelo u pitanje broj stipendista.",
    },
    agenda: { en: "1. Scholarships\n2. Pre-school enrolment\n3. Observations of civil society" },
    minutes: {
      en: "[Demo] Minutes.\n\n- The ministry reported the scholarships paid in the year and the children enrolled in pre-school.\n- Balkan Sunflowers Kosova reported fewer scholarship holders in Fushë Kosovë and Gjakovë than the ministry's list; the figure is disputed in the annual report.\n- The participants agreed to compare the lists school by school before the next cycle.",
    },
    recommendations: [
      {
        owner: "ministry-of-education-science-and-technology",
        dueInDays: -20,
        status: "open",
        text: "[Demo] Compare the scholarship lists with the schools' records, school by school, and publish the corrected figure.",
      },
      {
        owner: "ministry-of-education-science-and-technology",
        dueInDays: 30,
        status: "in_progress",
        text: "[Demo] Pay the scholarships in September, before the school year starts.",
      },
    ],
  },
  {
    slug: "demo-municipal-coordination-prizren-held",
    kind: "other",
    inDays: -40,
    hours: 2,
    kasCode: "20",
    address: "Municipality of Prizren",
    owner: "municipal-office-for-communities-and-returns-prizren",
    participants: ["office-for-community-affairs", "international-organization-for-migration"],
    title: {
      en: "[Demo] Municipal coordination meeting in Prizren on returns and housing",
      sq: "[Demo] Takim koordinues komunal në Prizren për kthimin dhe strehimin",
      sr: "[Demo] Opštinski koordinacioni sastanak u Prizrenu o povratku i stanovanju",
    },
    summary: {
      en: "The municipal office, the Office for Community Affairs and IOM reviewed the housing cases of returnee families.",
      sq: "Zyra komunale, Zyra për Çështje të Komuniteteve dhe IOM shqyrtuan rastet e strehimit të familjeve të kthyera.",
      sr: "Opštinska kancelarija, Kancelarija za pitanja zajednica i IOM razmotrili su stambene slučajeve porodica povratnika.",
    },
    agenda: { en: "1. Housing cases\n2. Electricity connections\n3. Referrals from the needs queue" },
    minutes: {
      en: "[Demo] Minutes.\n\n- Twelve returnee families still wait for a house; four are in the reconstruction project.\n- Two families have waited more than a year for an electricity connection.\n- The municipal office took over three cases referred from the platform's needs queue.",
    },
    recommendations: [
      {
        owner: "municipal-office-for-communities-and-returns-prizren",
        dueInDays: -10,
        status: "open",
        text: "[Demo] Ask the electricity distributor for a date for the two pending connections and inform the families.",
      },
      {
        owner: "international-organization-for-migration",
        dueInDays: -5,
        status: "in_progress",
        text: "[Demo] Add the four families to the next round of the reconstruction project.",
      },
      {
        owner: "municipal-office-for-communities-and-returns-prizren",
        dueInDays: -30,
        status: "done",
        text: "[Demo] Register the three referred cases and answer the submitters.",
      },
    ],
  },
];

/** Writes the story's events and recommendations (skipped when they exist) and indexes them for search. */
export async function seedEventsStory(trx: Kysely<Database>, now: Date): Promise<void> {
  const slugs = [
    ...new Set(STORY.flatMap((e) => [e.owner, ...e.participants, ...(e.recommendations ?? []).map((r) => r.owner)])),
  ];
  const idOf = await organisationIdsBySlug(trx, slugs);
  const day = 86_400_000;
  for (const e of STORY) {
    const owner = idOf.get(e.owner);
    if (owner === undefined) continue;
    // Meetings start at 10:00 Kosovo time (09:00 UTC in winter) on the day.
    const start = new Date(Math.floor((now.getTime() + e.inDays * day) / day) * day + 9 * 3_600_000);
    const id = await insertDemoItem(trx, "event", {
      slug: e.slug,
      kind: e.kind,
      title: e.title,
      summary: e.summary,
      agenda: e.agenda,
      minutes: e.minutes ?? {},
      original_locale: "en",
      starts_at: start,
      ends_at: new Date(start.getTime() + e.hours * 3_600_000),
      kas_code: e.kasCode,
      address: e.address,
      organisation_id: owner,
      published_at: new Date(Math.min(now.getTime(), start.getTime()) - 14 * day),
      source_note: "Invented for the demonstration (issue 17).",
    });
    if (id === null) continue;
    const participants = e.participants.flatMap((s) =>
      idOf.has(s) ? [{ event_id: id, organisation_id: idOf.get(s)!, role: "participant" as const }] : [],
    );
    await trx
      .insertInto("event_organisation")
      .values([{ event_id: id, organisation_id: owner, role: "organiser" as const }, ...participants])
      .execute();
    const recommendations = (e.recommendations ?? []).flatMap((r) =>
      idOf.has(r.owner)
        ? [
            {
              event_id: id,
              text: { en: r.text },
              original_locale: "en" as const,
              owner_organisation_id: idOf.get(r.owner)!,
              due_date: new Date(now.getTime() + r.dueInDays * day).toISOString().slice(0, 10),
              status: r.status,
              is_demo: true,
            },
          ]
        : [],
    );
    await insertRows(trx, "recommendation", recommendations);
    await eventCommands.index(trx, id);
  }
}

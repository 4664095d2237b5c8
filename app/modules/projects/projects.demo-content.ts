import type { TranslatedText } from "#app/db/schema.ts";
import type { FrameworkIndicator, FrameworkResult } from "./framework.server.ts";
import type { ProjectInput } from "./projects.schema.ts";

/**
 * Demo projects, entered as data from the seed documents:
 * - seed 002 (KOSINT 2020 launch, in Serbian): title, funder (Roma Initiatives Office of the Open
 *   Society Foundations), implementer (Kosovo Education Centre), partners (Balkan Sunflowers Kosova,
 *   RADC, Syri i Vizionit), the three lines of work (as outcomes), target communities (Roma,
 *   Ashkali, Egyptians), sectors (education, employment and social protection), launch date
 *   9 March 2017.
 * - seed 003 (IOM report "Migration and Diaspora"): the goal, three outcomes, the partners of each
 *   and every figure of the report (as approved actual values), the four twinning municipalities
 *   and Obiliq (the youth centre).
 *
 * NOT in the seed documents, so invented for the demo (every row is `is_demo`): the end date of
 * KOSINT 2020 (31 December 2020, from its name); the Migration and Diaspora project's dates, its
 * funder (the Embassy of Switzerland, the demo donor account's organisation), its IATI identifier
 * and the reporting period of its figures; the links to strategy measures (made only when the demo
 * strategy's measures exist). No budgets are given: the documents state none.
 */
export interface DemoProject {
  /** Organisation slugs. */
  owner: string;
  organisations: { slug: string; role: ProjectInput["organisations"][number]["role"] }[];
  input: Omit<ProjectInput, "ownerOrganisationId" | "organisations" | "measureIds">;
  /** Strategy measures by action plan code and measure code, linked only when they exist. */
  measures: { plan: string; code: string }[];
  framework: FrameworkResult[];
}

const en = (text: string): { en: string } => ({ en: text });

function count(
  name: string,
  actual: number,
  period: { start: string; end: string },
  disaggregations: FrameworkIndicator["disaggregations"] = [],
): FrameworkIndicator {
  return {
    name: en(name),
    unit: "count",
    baselineValue: null,
    baselineYear: null,
    disaggregations,
    periods: [
      {
        periodStart: period.start,
        periodEnd: period.end,
        target: null,
        actual,
        narrative: {},
        disaggregation: [],
        status: "approved",
      },
    ],
  };
}

/** The demo projects' inputs: closed, and without money, contacts or documents (the seed documents state none). */
function closedDemoInput(
  fields: Omit<
    DemoProject["input"],
    "activityStatus" | "actualEnd" | "budget" | "currency" | "finance" | "contacts" | "documents"
  >,
): DemoProject["input"] {
  return {
    ...fields,
    activityStatus: "closed",
    actualEnd: null,
    budget: null,
    currency: "EUR",
    finance: [],
    contacts: [],
    documents: [],
  };
}

/** A result of a demo framework: an outcome (no `parentRef`) or an output under the outcome `parentRef`. */
function result(
  ref: string,
  parentRef: string | null,
  title: TranslatedText,
  description: TranslatedText = {},
  indicators: FrameworkIndicator[] = [],
): FrameworkResult {
  return { ref, kind: parentRef === null ? "outcome" : "output", parentRef, title, description, indicators };
}

const MD_PERIOD = { start: "2021-01-01", end: "2024-12-31" };

export const DEMO_PROJECTS: DemoProject[] = [
  {
    owner: "kosovo-education-centre",
    organisations: [
      { slug: "roma-initiatives-office-open-society-foundations", role: "funding" },
      { slug: "kosovo-education-centre", role: "implementing" },
      { slug: "balkan-sunflowers-kosova", role: "partner" },
      { slug: "roma-and-ashkali-documentation-centre", role: "partner" },
      { slug: "syri-i-vizionit", role: "partner" },
    ],
    input: closedDemoInput({
      iatiIdentifier: null,
      title: {
        sr: "Kosovska inicijativa za integraciju 2020 – KOSINT 2020",
        sq: "Iniciativa e Kosovës për Integrim 2020 – KOSINT 2020",
        en: "Kosovo Integration Initiative 2020 – KOSINT 2020",
      },
      description: {
        sr: "Projekat KOSINT 2020 uspostavljen je kao neformalna mreža koja obuhvata predstavnike četiri organizacija partnera u realizaciji i pet nevladinih organizacija civilnog društva koje rade sa zajednicama Roma, Aškalija i Egipćana u oblasti obrazovanja i zapošljavanja, kao i na unapređenju pristupa uslugama socijalne zaštite.",
      },
      originalLocale: "sr",
      plannedStart: "2017-03-09",
      plannedEnd: "2020-12-31",
      actualStart: "2017-03-09",
      sectors: ["education", "employment_social_welfare"],
      communities: ["ashkali", "egyptian", "roma"],
      municipalities: [],
    }),
    measures: [
      { plan: "RA-2017-2021", code: "1.1.1" },
      { plan: "RA-2017-2021", code: "2.1.1" },
    ],
    framework: [
      result("k1", null, {
        sr: "Izgradnja kapaciteta organizacija civilnog društva da učestvuju u praćenju reformi, razvoju politike i planiranja budžeta",
      }),
      result("k2", null, {
        sr: "Praćenje sektorskih reformi u oblasti obrazovanja, zapošljavanja i socijalne zaštite, u okviru obaveza vlade da obezbedi inkluziju zajednica Roma, Aškalija i Egipćana",
      }),
      result("k3", null, {
        sr: "Izrada politike i zalaganje preko uticaja organizacija civilnog društva na reformu politike u oblasti obrazovanja, zapošljavanja i socijalne zaštite, u najboljem interesu zajednica Roma, Aškalija i Egipćana",
      }),
    ],
  },
  {
    owner: "international-organization-for-migration",
    organisations: [
      { slug: "embassy-of-switzerland-in-kosovo", role: "funding" },
      { slug: "international-organization-for-migration", role: "implementing" },
      { slug: "ministry-of-internal-affairs", role: "partner" },
      { slug: "jesuit-refugee-service-kosova", role: "partner" },
      { slug: "institute-of-psychology-university-of-prishtina", role: "partner" },
      { slug: "centre-for-psychosocial-and-medical-research", role: "partner" },
      { slug: "kosovo-association-of-school-psychologists", role: "partner" },
      { slug: "d-d-business-support-centre", role: "partner" },
      { slug: "youth-centre-obiliq", role: "partner" },
      { slug: "germin", role: "partner" },
      { slug: "kosovo-investment-and-enterprise-support-agency", role: "partner" },
    ],
    input: closedDemoInput({
      iatiIdentifier: "XM-DAC-47066-DEMO-MIGRATION-DIASPORA",
      title: en("Migration and Diaspora"),
      description: en(
        "Kosovar municipalities are perceived as places of positive socio-economic development by making better use of the potential of repatriated persons, refugees and diaspora.",
      ),
      originalLocale: "en",
      plannedStart: MD_PERIOD.start,
      plannedEnd: MD_PERIOD.end,
      actualStart: null,
      sectors: ["economic_development", "return_reintegration"],
      communities: [],
      // Gjakovë (02), Fushë Kosovë (09), Obiliq (15, the youth centre), Suharekë (24), Ferizaj (25): the twinning municipalities and the youth centre.
      municipalities: ["02", "09", "15", "24", "25"].map((kasCode) => ({ kasCode, budgetShare: null })),
    }),
    measures: [],
    framework: [
      result(
        "o1",
        null,
        en(
          "Municipal and non-governmental actors improve their capacities and coordination to better address challenges in the field of migration and integration management",
        ),
      ),
      result(
        "o1a",
        "o1",
        en(
          "Municipal planning, training and regional cooperation on reintegration (Ministry of Internal Affairs, municipal offices for communities and return)",
        ),
        en(
          "Supported the organisation of the First National Forum on Reintegration and Integration, and the Ministry with an expert on the review and amendment of Regulation (GRK) No. 09/2019 for Integration of Foreigners.",
        ),
        [
          count(
            "Municipal action plans for sustainable reintegration of repatriated persons and integration of foreigners developed",
            38,
            MD_PERIOD,
          ),
          count(
            "Trainings on psychosocial support and human rights for first line governmental responders",
            13,
            MD_PERIOD,
          ),
          count("First line governmental responders trained", 300, MD_PERIOD),
          count("Regional steering groups established", 6, MD_PERIOD),
          count("Project proposals on the regional reintegration sub-project", 6, MD_PERIOD),
          count("Officials trained (regional cooperation)", 50, MD_PERIOD),
        ],
      ),
      result("o1b", "o1", en('Youth Center: project "Youth development as a reintegration technique"'), {}, [
        count("Beneficiaries with basic and advanced training on graphic design", 51, MD_PERIOD),
      ]),
      result(
        "o2",
        null,
        en(
          "Local capacities are developed and strengthened to provide individual support and to facilitate the sustainable (re)integration of migrants and refugees",
        ),
      ),
      result(
        "o2a",
        "o2",
        en(
          'Ministry of Internal Affairs: "Guideline for Access of Foreigners to Vocational Training and Employment" published',
        ),
        {},
        [
          count("First line responders with strengthened capacities on the guideline's implementation", 116, MD_PERIOD),
          count(
            "Officials trained on the Guideline on Monitoring and Evaluation of the Integration Policy for Foreigners",
            103,
            MD_PERIOD,
          ),
        ],
      ),
      result(
        "o2b",
        "o2",
        en("Jesuit Refugee Services – JRS Kosova: integration and Albanian language courses"),
        en("Top 7 countries of origin for refugees: Afghanistan, Turkey, Ukraine, Iraq, Palestine, Syria, Jordan."),
        [count("Refugees supported with integration and Albanian language courses", 73, MD_PERIOD)],
      ),
      result(
        "o2c",
        "o2",
        en(
          "Institute of Psychology, Centre for Psychosocial and Medical Research and Kosovo Association of School Psychologists: psychosocial support",
        ),
        en(
          'Published the "Review of needs assessment system for repatriated persons, refugees and asylum seekers in Kosovo".',
        ),
        [
          count(
            "Beneficiaries (first line responders, social workers and psychologists) certified on psychosocial support and human rights",
            72,
            MD_PERIOD,
          ),
          count(
            "School psychologists certified for psychological support to repatriated persons and refugees",
            36,
            MD_PERIOD,
          ),
          count("Individual and group/class psychological sessions conducted", 300, MD_PERIOD),
          count("Children (including repatriated) reached by the sessions", 100, MD_PERIOD),
        ],
      ),
      result(
        "o2d",
        "o2",
        en("Economic integration (D&D Business Support Center)"),
        en("Counselling, professional profiling, job-matching, soft skills training and employment opportunities."),
        [
          count("Repatriated persons and refugees supported with economic integration activities", 303, MD_PERIOD),
          count("Beneficiaries supported with soft skills training", 273, MD_PERIOD),
          count(
            "Beneficiaries who received a subsidised job placement and were referred to VTC courses",
            70,
            MD_PERIOD,
          ),
          count("Study visits on migration management (the Netherlands, Switzerland, Sweden)", 3, MD_PERIOD),
        ],
      ),
      result(
        "o3",
        null,
        en("Diaspora's know-how and financial capital are utilized for economic development of Kosovar municipalities"),
      ),
      result("o3a", "o3", en("GERMIN: business-to-business meetings and diaspora professionals"), {}, [
        count("Business-to-business meetings organised in the diaspora and Kosovo", 10, MD_PERIOD),
        count("Participants in the business-to-business meetings", 480, MD_PERIOD),
        count("Local officials trained on project-proposal writing", 56, MD_PERIOD),
        count("Project proposals developed for target municipalities", 10, MD_PERIOD),
        count("Diaspora professionals engaged in target municipalities", 25, MD_PERIOD),
      ]),
      result(
        "o3b",
        "o3",
        en("Diaspora investment projects and twinning"),
        en(
          "Diaspora partners from Switzerland (3), Germany (2) and Slovenia (1); industries: wood processing, food processing, ICT and textile. Twinning: Suharekë – Fellbach, Ferizaj – Lausanne, Fushë Kosovë – Ankara, Gjakovë – Malmö.",
        ),
        [
          count("Diaspora investment project partnership agreements", 6, MD_PERIOD),
          count("Direct beneficiaries", 200, MD_PERIOD),
          count("Indirect beneficiaries", 600, MD_PERIOD),
          count("Employees who took part in capacity building trainings", 180, MD_PERIOD),
        ],
      ),
    ],
  },
];

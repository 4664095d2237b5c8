import type { Kysely } from "kysely";
import { slugify } from "../reference-data.server.ts";
import type { Database, TranslatedText } from "../schema.ts";
import { insertRows } from "../insert-rows.server.ts";

/*
 * The organisations named in the five source documents (shared/seeds), and one Office for
 * Communities and Returns per municipality. This is real reference data, not demo content: it is
 * loaded by the data migration 2026-11-23-0005-organisations, so every database (demo, test and
 * production) starts with the same directory, and later changes come as new migrations.
 *
 * Names are given only in the languages in which we know the organisation's own name with
 * confidence; a missing language is left out (the platform then shows another language, marked),
 * never guessed. Where a source uses an older or different name, the description says so.
 * Acronyms are the English ones the sources use. Nothing here claims more than the sources say:
 * sectors and communities are set only where a source links the organisation to them.
 */

/** One organisation of the directory as loaded by the migration. */
export interface DirectoryOrganisation {
  slug: string;
  name: TranslatedText;
  acronym?: string;
  typeCode: string;
  kasCode?: string;
  description?: TranslatedText;
  website?: string;
  sectors?: string[];
  communities?: string[];
}

const ROMA_ASHKALI = ["roma", "ashkali"];
const ROMA_ASHKALI_EGYPTIAN = ["roma", "ashkali", "egyptian"];
const NON_MAJORITY = ["serb", "bosniak", "turkish", "roma", "ashkali", "egyptian", "gorani", "other"];
/** The sectors of the Strategy and Action Plan for Roma and Ashkali Communities 2017–2021 (seed 001). */
const STRATEGY_SECTORS = ["education", "employment_social_welfare", "health", "housing"];
/** KOSINT 2020 works on education, employment and social protection (seed 002). */
const KOSINT_SECTORS = ["education", "employment_social_welfare"];

/** The organisations the source documents name, in the order a reader meets them. */
export const DIRECTORY_ORGANISATIONS: DirectoryOrganisation[] = [
  {
    slug: "office-for-community-affairs",
    name: {
      sq: "Zyra për Çështje të Komuniteteve",
      sr: "Kancelarija za pitanja zajednica",
      en: "Office for Community Affairs",
    },
    acronym: "OCA",
    typeCode: "government_office",
    description: {
      en: "Part of the Office of the Prime Minister. Advises the Prime Minister on communities' issues, coordinates government bodies, municipalities, donors and international organisations, evaluates policy and addresses the practical needs of communities (source documents 000 and 004).",
    },
    sectors: ["education", "employment_social_welfare", "economic_development"],
    communities: NON_MAJORITY,
  },
  {
    slug: "office-for-good-governance",
    name: {
      sq: "Zyra për Qeverisje të Mirë",
      sr: "Kancelarija za dobro upravljanje",
      en: "Office for Good Governance",
    },
    acronym: "OGG",
    typeCode: "government_office",
    description: {
      en: "Part of the Office of the Prime Minister. Coordinated the sector meetings and the 2018 implementation report of the Strategy and Action Plan for Roma and Ashkali Communities 2017–2021 (source documents 001 and 002).",
    },
    sectors: STRATEGY_SECTORS,
    communities: ROMA_ASHKALI,
  },
  {
    slug: "ministry-of-labour-and-social-welfare",
    name: {
      sq: "Ministria e Punës dhe Mirëqenies Sociale",
      sr: "Ministarstvo rada i socijalne zaštite",
      en: "Ministry of Labour and Social Welfare",
    },
    acronym: "MLSW",
    typeCode: "ministry",
    description: {
      en: "Reported on the employment and social welfare sector of the Strategy for Roma and Ashkali Communities (source documents 001 and 002).",
    },
    sectors: ["employment_social_welfare"],
    communities: ROMA_ASHKALI,
  },
  {
    slug: "ministry-of-education-science-and-technology",
    name: {
      sq: "Ministria e Arsimit, Shkencës dhe Teknologjisë",
      sr: "Ministarstvo obrazovanja, nauke i tehnologije",
      en: "Ministry of Education, Science and Technology",
    },
    acronym: "MEST",
    typeCode: "ministry",
    description: {
      en: 'Reported on the education sector of the Strategy for Roma and Ashkali Communities. Source document 001 calls it the "Ministry of Education and Technology"; source document 002 gives the name used here.',
    },
    sectors: ["education"],
    communities: ROMA_ASHKALI,
  },
  {
    slug: "ministry-of-environment-and-spatial-planning",
    name: { sq: "Ministria e Mjedisit dhe Planifikimit Hapësinor", en: "Ministry of Environment and Spatial Planning" },
    acronym: "MESP",
    typeCode: "ministry",
    description: {
      en: "Reported on the housing sector of the Strategy for Roma and Ashkali Communities (source document 001).",
    },
    sectors: ["housing"],
    communities: ROMA_ASHKALI,
  },
  {
    slug: "ministry-of-health",
    name: { sq: "Ministria e Shëndetësisë", en: "Ministry of Health" },
    acronym: "MoH",
    typeCode: "ministry",
    description: {
      en: "Reported on the health sector of the Strategy for Roma and Ashkali Communities (source document 001).",
    },
    sectors: ["health"],
    communities: ROMA_ASHKALI,
  },
  {
    slug: "ministry-of-internal-affairs",
    name: {
      sq: "Ministria e Punëve të Brendshme",
      sr: "Ministarstvo unutrašnjih poslova",
      en: "Ministry of Internal Affairs",
    },
    acronym: "MIA",
    typeCode: "ministry",
    description: {
      en: "Provides data for the Strategy for Roma and Ashkali Communities (source document 001). Its Department for Reintegration of Repatriated Persons and Integration of Foreigners is a partner of the migration and diaspora programme (source document 003).",
    },
    sectors: ["civil_registration", "return_reintegration"],
    communities: ROMA_ASHKALI,
  },
  {
    slug: "ministry-of-local-government-administration",
    name: {
      sq: "Ministria e Administrimit të Pushtetit Lokal",
      sr: "Ministarstvo administracije lokalne samouprave",
      en: "Ministry of Local Government Administration",
    },
    acronym: "MLGA",
    typeCode: "ministry",
    description: {
      en: "Visited municipalities with the Office for Good Governance to review local action plans, and reports on the local level (source document 001).",
    },
    communities: ROMA_ASHKALI,
  },
  {
    slug: "international-organization-for-migration",
    name: {
      sq: "Organizata Ndërkombëtare për Migracion",
      sr: "Međunarodna organizacija za migracije",
      en: "International Organization for Migration",
    },
    acronym: "IOM",
    typeCode: "international_organisation",
    description: {
      en: "Implements the project through which the British and Swiss embassies support the Platform of the Office for Community Affairs (source document 000); partner in migration and diaspora programmes (source document 003).",
    },
    sectors: ["return_reintegration", "economic_development"],
  },
  {
    slug: "kosovo-education-centre",
    name: { sr: "Kosovski centar za obrazovanje", en: "Kosovo Education Centre" },
    acronym: "KEC",
    typeCode: "cso",
    description: {
      en: "Implements the KOSINT 2020 project (Kosovo Integration Initiative 2020), funded by the Roma Initiatives Office of the Open Society Foundations (source document 002).",
    },
    sectors: KOSINT_SECTORS,
    communities: ROMA_ASHKALI_EGYPTIAN,
  },
  {
    slug: "balkan-sunflowers-kosova",
    name: { sr: "Balkan Sunflowers Kosova", en: "Balkan Sunflowers Kosova" },
    acronym: "BSFK",
    typeCode: "cso",
    description: {
      en: "Partner in the KOSINT 2020 project (source document 002); implements the website that serves the Strategy for the Integration of Roma, Ashkali and Egyptian Communities (source document 004).",
    },
    sectors: KOSINT_SECTORS,
    communities: ROMA_ASHKALI_EGYPTIAN,
  },
  {
    slug: "roma-and-ashkali-documentation-centre",
    name: { sr: "Roma & Ashkalia Documentation Center", en: "Roma and Ashkali Documentation Centre" },
    acronym: "RADC",
    typeCode: "cso",
    description: { en: "Partner in the KOSINT 2020 project (source document 002)." },
    sectors: KOSINT_SECTORS,
    communities: ROMA_ASHKALI_EGYPTIAN,
  },
  {
    slug: "syri-i-vizionit",
    name: { sq: "Syri i Vizionit", sr: "Syri i Vizionit", en: "Syri i Vizionit" },
    acronym: "SiV",
    typeCode: "cso",
    description: { en: "Partner in the KOSINT 2020 project (source document 002)." },
    sectors: KOSINT_SECTORS,
    communities: ROMA_ASHKALI_EGYPTIAN,
  },
  {
    slug: "roma-initiatives-office-open-society-foundations",
    name: {
      sr: "Kancelarija za romske inicijative – Fondacije otvorenog društva",
      en: "Roma Initiatives Office – Open Society Foundations",
    },
    acronym: "RIO",
    typeCode: "donor",
    description: { en: "Funds the KOSINT 2020 project, within the Open Society Foundations (source document 002)." },
    sectors: KOSINT_SECTORS,
    communities: ROMA_ASHKALI_EGYPTIAN,
  },
  {
    slug: "jesuit-refugee-service-kosova",
    name: { en: "Jesuit Refugee Service Kosova" },
    acronym: "JRS",
    typeCode: "international_organisation",
    description: {
      en: 'Supported refugees with integration and Albanian language courses, and repatriated children (source document 003, which writes "Jesuit Refugee Services – JRS Kosova").',
    },
    sectors: ["return_reintegration", "education"],
  },
  {
    slug: "germin",
    name: { sq: "GERMIN", en: "GERMIN" },
    typeCode: "cso",
    description: {
      en: "Organised business-to-business meetings in the diaspora and Kosovo and engaged diaspora professionals in municipalities (source document 003).",
    },
    sectors: ["economic_development"],
  },
  {
    slug: "kosovo-investment-and-enterprise-support-agency",
    name: {
      sq: "Agjencia për Investime dhe Mbështetje të Ndërmarrjeve në Kosovë",
      en: "Kosovo Investment and Enterprise Support Agency",
    },
    acronym: "KIESA",
    typeCode: "agency",
    description: {
      en: "Partner for the use of the diaspora's know-how and capital in the economic development of municipalities (source document 003).",
    },
    sectors: ["economic_development"],
  },
  {
    slug: "british-embassy-pristina",
    name: {
      sq: "Ambasada Britanike në Prishtinë",
      sr: "Britanska ambasada u Prištini",
      en: "British Embassy Pristina",
    },
    typeCode: "donor",
    description: {
      en: "Supports the Platform of the Office for Community Affairs, with the Swiss Embassy, through a project implemented by IOM (source document 000).",
    },
  },
  {
    slug: "embassy-of-switzerland-in-kosovo",
    name: {
      sq: "Ambasada e Zvicrës në Kosovë",
      sr: "Ambasada Švajcarske na Kosovu",
      en: "Embassy of Switzerland in Kosovo",
    },
    typeCode: "donor",
    description: {
      en: "Supports the Platform of the Office for Community Affairs, with the British Embassy, through a project implemented by IOM (source document 000).",
    },
  },
  {
    slug: "regional-cooperation-council",
    name: {
      sq: "Këshilli për Bashkëpunim Rajonal",
      sr: "Savet za regionalnu saradnju",
      en: "Regional Cooperation Council",
    },
    acronym: "RCC",
    typeCode: "international_organisation",
    description: {
      en: 'Its focal points took part in the sector meetings on employment and social welfare, health and housing (source document 001, which writes "Regional Co-operation Council").',
    },
    sectors: ["employment_social_welfare", "health", "housing"],
    communities: ROMA_ASHKALI,
  },
  {
    slug: "institute-of-psychology-university-of-prishtina",
    name: {
      sq: "Instituti i Psikologjisë, Universiteti i Prishtinës",
      en: "Institute of Psychology, University of Prishtina",
    },
    typeCode: "other",
    description: {
      en: "Certified first-line responders, social workers and psychologists on psychosocial support and human rights for repatriated persons and refugees (source document 003).",
    },
    sectors: ["return_reintegration", "health"],
  },
  {
    slug: "centre-for-psychosocial-and-medical-research",
    name: { en: "Centre for Psychosocial and Medical Research" },
    typeCode: "cso",
    description: {
      en: "Trained school psychologists, with the Kosovo Association of School Psychologists and the Institute of Psychology, to support repatriated and refugee children (source document 003).",
    },
    sectors: ["return_reintegration", "education"],
  },
  {
    slug: "kosovo-association-of-school-psychologists",
    name: { en: "Kosovo Association of School Psychologists" },
    typeCode: "cso",
    description: {
      en: "Trained school psychologists to support repatriated and refugee children (source document 003).",
    },
    sectors: ["return_reintegration", "education"],
  },
  {
    slug: "d-d-business-support-centre",
    name: { en: "D&D Business Support Centre" },
    typeCode: "other",
    description: {
      en: "Supported repatriated persons and refugees with counselling, job-matching, soft skills training and employment (source document 003).",
    },
    sectors: ["economic_development", "return_reintegration"],
  },
  {
    slug: "youth-centre-obiliq",
    name: { en: "Youth Centre – Obiliq Municipality" },
    typeCode: "other",
    kasCode: "15",
    description: {
      en: 'Implemented the project "Youth development as a reintegration technique" (source document 003).',
    },
    sectors: ["return_reintegration"],
  },
  {
    slug: "czech-development-agency",
    name: { en: "Czech Development Agency" },
    acronym: "CzDA",
    typeCode: "donor",
    description: {
      en: "Supported the website that serves the Strategy for the Integration of Roma, Ashkali and Egyptian Communities (source document 004).",
    },
    communities: ROMA_ASHKALI_EGYPTIAN,
  },
  {
    slug: "people-in-need",
    name: { en: "People in Need" },
    acronym: "PIN",
    typeCode: "international_organisation",
    description: {
      en: "Supported the website that serves the Strategy for the Integration of Roma, Ashkali and Egyptian Communities (source document 004).",
    },
    communities: ROMA_ASHKALI_EGYPTIAN,
  },
];

/** The Office for Communities and Returns of one municipality, named from the municipality's names. */
export function municipalOffice(municipality: {
  kas_code: string;
  name_sq: string;
  name_sr: string;
}): DirectoryOrganisation {
  return {
    slug: `municipal-office-for-communities-and-returns-${slugify(municipality.name_sq)}`,
    name: {
      sq: `Zyra Komunale për Komunitete dhe Kthim – ${municipality.name_sq}`,
      sr: `Opštinska kancelarija za zajednice i povratak – ${municipality.name_sr}`,
      en: `Municipal Office for Communities and Returns – ${municipality.name_sq}`,
    },
    acronym: "MOCR",
    typeCode: "municipality_office",
    kasCode: municipality.kas_code,
    // Source document 003 names the municipal offices as partners in reintegration.
    sectors: ["return_reintegration"],
  };
}

/**
 * Loads the directory: the organisations of the source documents and one Office for Communities
 * and Returns per municipality, with their sectors and communities, and one audit record each
 * saying where they came from. Skips organisations whose slug already exists, so it can run on
 * a database that already has some of them. Returns how many it added.
 */
export async function loadDirectoryOrganisations(db: Kysely<Database>, source: string): Promise<number> {
  const municipalities = await db
    .selectFrom("municipality")
    .select(["kas_code", "name_sq", "name_sr"])
    .orderBy("kas_code")
    .execute();
  const all = [...DIRECTORY_ORGANISATIONS, ...municipalities.map(municipalOffice)];
  const inserted = await db
    .insertInto("organisation")
    .values(
      all.map((o) => ({
        slug: o.slug,
        name: o.name,
        acronym: o.acronym ?? null,
        type_code: o.typeCode,
        kas_code: o.kasCode ?? null,
        description: o.description ?? {},
        website: o.website ?? null,
      })),
    )
    .onConflict((oc) => oc.column("slug").doNothing())
    .returning(["id", "slug"])
    .execute();
  if (inserted.length === 0) return 0;
  const bySlug = new Map(all.map((o) => [o.slug, o]));
  const sectors = inserted.flatMap((row) =>
    (bySlug.get(row.slug)?.sectors ?? []).map((code) => ({ organisation_id: row.id, sector_code: code })),
  );
  const communities = inserted.flatMap((row) =>
    (bySlug.get(row.slug)?.communities ?? []).map((code) => ({ organisation_id: row.id, community_code: code })),
  );
  await insertRows(db, "organisation_sector", sectors);
  await insertRows(db, "organisation_community", communities);
  await db
    .insertInto("audit_log")
    .values(
      inserted.map((row) => {
        const o = bySlug.get(row.slug);
        return {
          actor_user_id: null,
          actor_label: source,
          action: "organisation.create",
          subject_type: "organisation",
          subject_id: String(row.id),
          diff: {
            slug: { before: null, after: row.slug },
            name: { before: null, after: o?.name ?? null },
            type_code: { before: null, after: o?.typeCode ?? null },
            kas_code: { before: null, after: o?.kasCode ?? null },
            sectors: { before: null, after: [...(o?.sectors ?? [])].sort() },
            communities: { before: null, after: [...(o?.communities ?? [])].sort() },
          },
        };
      }),
    )
    .execute();
  return inserted.length;
}

import type { Kysely } from "kysely";
import { insertRows } from "#app/db/insert-rows.server.ts";
import type { Database, TranslatedText } from "#app/db/schema.ts";
import { organisationIdsBySlug } from "#app/modules/organisations/organisations.queries.server.ts";
import type { DocumentType } from "#app/db/tables/library.ts";
import { reindexDocument } from "./library.commands.server.ts";

interface DemoDocument {
  slug: string;
  docType: DocumentType;
  isKnowYourRights?: boolean;
  organisationSlug: string;
  issuedOn: string;
  title: TranslatedText;
  summary: TranslatedText;
  originalLocale: "sq" | "sr" | "en";
  sectors: string[];
  communities: string[];
}

/**
 * Library records for the documents named in the source documents (seed 001: the Strategy and
 * Action Plan for Roma and Ashkali 2017–2021 and its 2018 implementation report) and two laws on
 * the communities' rights. Metadata only, all marked `is_demo`: the dates are the year the seeds
 * give, and no file pretends to be the official text.
 */
export const DEMO_DOCUMENTS: DemoDocument[] = [
  {
    slug: "strategy-and-action-plan-for-inclusion-of-roma-and-ashkali-2017-2021",
    docType: "strategy",
    organisationSlug: "office-for-good-governance",
    issuedOn: "2017-01-01",
    originalLocale: "en",
    title: {
      en: "Strategy and Action Plan for the Inclusion of Roma and Ashkali Communities in the Kosovo Society 2017–2021",
      sq: "Strategjia dhe Plani i Veprimit për Përfshirjen e Komuniteteve Rom dhe Ashkali në Shoqërinë Kosovare 2017–2021",
      sr: "Strategija i akcioni plan za uključivanje romske i aškalijske zajednice u kosovsko društvo 2017–2021",
    },
    summary: {
      en: "The national strategy coordinated by the Office for Good Governance, with measures in the sectors of education, employment and social welfare, health and housing.",
      sq: "Strategjia kombëtare e koordinuar nga Zyra për Qeverisje të Mirë, me masa në sektorët e arsimit, punësimit dhe mirëqenies sociale, shëndetësisë dhe strehimit.",
      sr: "Nacionalna strategija koju koordinira Kancelarija za dobro upravljanje, sa merama u sektorima obrazovanja, zapošljavanja i socijalne zaštite, zdravstva i stanovanja.",
    },
    sectors: ["education", "employment_social_welfare", "health", "housing"],
    communities: ["roma", "ashkali"],
  },
  {
    slug: "report-on-the-implementation-of-the-roma-and-ashkali-strategy-2018",
    docType: "report",
    organisationSlug: "office-for-good-governance",
    issuedOn: "2019-03-01",
    originalLocale: "en",
    title: {
      en: "Report on the implementation of the Strategy for Roma and Ashkali Communities in 2018",
      sq: "Raporti për zbatimin e Strategjisë për Komunitetet Rom dhe Ashkali në vitin 2018",
      sr: "Izveštaj o sprovođenju Strategije za romsku i aškalijsku zajednicu u 2018. godini",
    },
    summary: {
      en: "Prepared from data of the ministries of labour and social welfare, education, environment and spatial planning, health, internal affairs and local government administration, discussed at the sector meetings of March 2019.",
      sq: "Përgatitur nga të dhënat e ministrive të punës dhe mirëqenies sociale, arsimit, mjedisit dhe planifikimit hapësinor, shëndetësisë, punëve të brendshme dhe administrimit të pushtetit lokal, i diskutuar në takimet sektoriale të marsit 2019.",
      sr: "Pripremljen na osnovu podataka ministarstava rada i socijalne zaštite, obrazovanja, životne sredine i prostornog planiranja, zdravlja, unutrašnjih poslova i administracije lokalne samouprave, razmatran na sektorskim sastancima u martu 2019.",
    },
    sectors: ["employment_social_welfare", "health", "housing"],
    communities: ["roma", "ashkali"],
  },
  {
    slug: "law-on-the-use-of-languages",
    docType: "law",
    organisationSlug: "office-for-community-affairs",
    issuedOn: "2006-01-01",
    originalLocale: "sq",
    title: { sq: "Ligji për përdorimin e gjuhëve", sr: "Zakon o upotrebi jezika", en: "Law on the Use of Languages" },
    summary: {
      sq: "Ligji që rregullon përdorimin e gjuhëve zyrtare dhe të gjuhëve në përdorim zyrtar në institucionet e Kosovës dhe në komuna. Miratuar nga Kuvendi i Kosovës.",
      sr: "Zakon koji uređuje upotrebu službenih jezika i jezika u službenoj upotrebi u institucijama Kosova i u opštinama. Usvojila ga je Skupština Kosova.",
      en: "The law that governs the use of the official languages and of languages in official use in Kosovo's institutions and municipalities. Adopted by the Assembly of Kosovo.",
    },
    sectors: ["culture_media", "participation"],
    communities: ["serb", "bosniak", "turkish", "roma", "gorani"],
  },
  {
    slug: "law-on-the-protection-and-promotion-of-the-rights-of-communities",
    docType: "law",
    organisationSlug: "office-for-community-affairs",
    issuedOn: "2008-01-01",
    originalLocale: "sq",
    title: {
      sq: "Ligji për mbrojtjen dhe promovimin e të drejtave të komuniteteve dhe pjesëtarëve të tyre në Kosovë",
      sr: "Zakon o zaštiti i promovisanju prava zajednica i njihovih pripadnika na Kosovu",
      en: "Law on the Protection and Promotion of the Rights of Communities and their Members in Kosovo",
    },
    summary: {
      sq: "Ligji që përcakton të drejtat e komuniteteve në arsim, kulturë, media, përfaqësim dhe punësim në sektorin publik. Miratuar nga Kuvendi i Kosovës.",
      sr: "Zakon koji utvrđuje prava zajednica u obrazovanju, kulturi, medijima, predstavljanju i zapošljavanju u javnom sektoru. Usvojila ga je Skupština Kosova.",
      en: "The law that sets out the rights of communities in education, culture, media, representation and public-sector employment. Adopted by the Assembly of Kosovo.",
    },
    sectors: ["non_discrimination", "participation", "education", "culture_media"],
    communities: ["serb", "bosniak", "turkish", "roma", "ashkali", "egyptian", "gorani"],
  },
  {
    slug: "know-your-rights-your-language-with-institutions",
    docType: "guideline",
    isKnowYourRights: true,
    organisationSlug: "office-for-community-affairs",
    issuedOn: "2026-01-01",
    originalLocale: "en",
    title: {
      en: "Your language with public institutions",
      sq: "Gjuha jote me institucionet publike",
      sr: "Tvoj jezik u javnim institucijama",
    },
    summary: {
      en: "A plain-language guide for the demo: you may speak and write to your municipality in an official language or a language in official use there, and get an answer in it.",
      sq: "Udhëzues në gjuhë të thjeshtë për demonstrim: mund t'i flasësh dhe t'i shkruash komunës në një gjuhë zyrtare ose në gjuhë në përdorim zyrtar atje, dhe të marrësh përgjigje në të.",
      sr: "Vodič na jednostavnom jeziku za demonstraciju: opštini možeš da se obratiš usmeno i pismeno na službenom jeziku ili jeziku u službenoj upotrebi u njoj i da dobiješ odgovor na njemu.",
    },
    sectors: ["culture_media", "non_discrimination"],
    communities: ["serb", "bosniak", "turkish", "roma", "ashkali", "egyptian", "gorani"],
  },
];

/** Writes the demo documents (published, marked demo) and indexes them; skips those already there. */
export async function seedLibraryDemo(trx: Kysely<Database>): Promise<void> {
  const idOf = await organisationIdsBySlug(trx, [...new Set(DEMO_DOCUMENTS.map((d) => d.organisationSlug))]);
  for (const doc of DEMO_DOCUMENTS) {
    const organisationId = idOf.get(doc.organisationSlug);
    if (organisationId === undefined) continue;
    const inserted = await trx
      .insertInto("library_document")
      .values({
        slug: doc.slug,
        doc_type: doc.docType,
        is_know_your_rights: doc.isKnowYourRights ?? false,
        title: doc.title,
        summary: doc.summary,
        original_locale: doc.originalLocale,
        organisation_id: organisationId,
        issued_on: doc.issuedOn,
        status: "published",
        published_at: new Date(`${doc.issuedOn}T12:00:00Z`),
        is_demo: true,
      })
      .onConflict((oc) => oc.column("slug").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) continue;
    await insertRows(
      trx,
      "library_document_sector",
      doc.sectors.map((code) => ({ document_id: inserted.id, sector_code: code })),
    );
    await insertRows(
      trx,
      "library_document_community",
      doc.communities.map((code) => ({ document_id: inserted.id, community_code: code })),
    );
    await reindexDocument(trx, inserted.id);
  }
}

import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { ContentLocale } from "#app/db/schema.ts";
import { serverTranslator } from "#app/i18n/catalogs.server.ts";
import { LANGUAGE_TAG, type Locale } from "#app/i18n/locales.ts";
import { contentLocaleOf } from "#app/i18n/translated-text.ts";
import { latinToCyrillic } from "#app/i18n/transliterate.ts";
import { upsertSearchEntry } from "#app/services/search-index.server.ts";
import { GOLDEN_COORDINATOR_COOKIE, GOLDEN_NOW, goldenSiteForSuite, type GoldenSite } from "../golden/golden-site.ts";
import { decodeEntities, VOID_ELEMENTS } from "../support/html-text.ts";
import { createTestCase } from "../support/needs-factory.ts";
import { activeOrganisations } from "../support/organisation-ids.ts";

/*
 * Issue 15 item 3, "fallback notes everywhere": user content stored in one language only is shown to
 * readers of the other languages inside an element whose `lang` is the language actually shown, with
 * the visible "not in your language" note next to it; readers of its own language see it with the
 * page's language and no note. Serbian content is shown in Cyrillic to sr-cyrl readers (and tagged
 * sr-Cyrl); a person's own text (a case, a report's narrative) is shown as typed.
 *
 * One table over the page types. The demo site of the golden recordings is the setting; each row
 * rewrites one of its items (or adds one) so that its texts exist in one language only.
 */

const READERS: Locale[] = ["en", "sq", "sr-cyrl"];

interface Row {
  /** What is shown, and where. */
  name: string;
  /** The language the texts are stored in ("sr-cyrl": typed in Cyrillic by the submitter). */
  writtenIn: ContentLocale | "sr-cyrl";
  /** The texts as stored; each must be found on the page. */
  texts: string[];
  /** The page (after the locale). */
  path: string;
  signedIn?: boolean;
}

const rows: Row[] = [];

/** The text a reader sees: Serbian Latin content is transliterated for sr-cyrl readers; a person's own text never is. */
function shownText(text: string, row: Row, reader: Locale): string {
  return row.writtenIn === "sr" && reader === "sr-cyrl" ? latinToCyrillic(text) : text;
}

/** The `lang` the shown text must carry. */
function expectedLang(row: Row, reader: Locale): string {
  if (row.writtenIn === "sr-cyrl") return LANGUAGE_TAG["sr-cyrl"];
  if (row.writtenIn === "sr") return reader === "sr-cyrl" ? LANGUAGE_TAG["sr-cyrl"] : LANGUAGE_TAG.sr;
  return row.writtenIn;
}

function isInReadersLanguage(row: Row, reader: Locale): boolean {
  return (row.writtenIn === "sr-cyrl" ? "sr" : row.writtenIn) === contentLocaleOf(reader);
}

/** The note a reader sees on content shown in another language, in the reader's language. */
function noteFor(row: Row, reader: Locale): string {
  const t = serverTranslator(reader, "core");
  const shown = row.writtenIn === "sr-cyrl" ? "sr" : row.writtenIn;
  return t("translation.fallback", { language: t(`languageName.${shown}`) });
}

interface TextNode {
  text: string;
  /** The `lang` of the nearest element that has one. */
  lang: string;
  /** The open elements around the text, outermost first (with a number per element, to compare containers). */
  ancestors: { name: string; id: number }[];
}

/** The page's text nodes with their language and elements (the page's HTML is React's: well nested, attributes quoted). */
function textNodes(html: string): TextNode[] {
  const body = html
    .replace(/<!--[\s\S]*?-->|<!doctype[^>]*>/gi, "")
    .replace(/<(head|script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, "");
  const stack: { name: string; id: number; lang: string | null }[] = [];
  const nodes: TextNode[] = [];
  let last = 0;
  let next = 0;
  for (const m of body.matchAll(/<(\/?)([a-zA-Z][\w:-]*)([^>]*?)(\/?)>/g)) {
    const text = decodeEntities(body.slice(last, m.index));
    if (text.trim())
      nodes.push({
        text,
        lang: [...stack].reverse().find((e) => e.lang !== null)?.lang ?? "",
        ancestors: stack.map(({ name, id }) => ({ name, id })),
      });
    last = m.index + m[0].length;
    const [, closing, rawName = "", attributes = "", selfClosing] = m;
    const name = rawName.toLowerCase();
    if (closing) {
      const at = stack.map((e) => e.name).lastIndexOf(name);
      if (at !== -1) stack.length = at;
      continue;
    }
    const lang = /\blang="([^"]*)"/.exec(attributes)?.[1] ?? null;
    if (!selfClosing && !VOID_ELEMENTS.has(name)) stack.push({ name, id: next++, lang });
  }
  return nodes;
}

/** The nearest element around a text that holds one item with its marks: a list item, a row, a definition list, a header, a section. */
const CONTAINERS = new Set(["li", "tr", "dl", "header", "section", "article"]);

function containerOf(node: TextNode): number | undefined {
  return [...node.ancestors].reverse().find((a) => CONTAINERS.has(a.name))?.id;
}

const site = goldenSiteForSuite((opened) => setUp(opened.handle.db));

type SiteDb = GoldenSite["handle"]["db"];

/** The first published item (by id) of a table whose items have a page by slug, among those meeting `condition`. */
async function firstPublished(
  db: SiteDb,
  table: "service" | "opportunity" | "library_document",
  condition = sql`true`,
): Promise<{ id: number; slug: string }> {
  const query = sql<{ id: number; slug: string }>`select id, slug from ${sql.table(table)}
    where status = 'published' and ${condition} order by id limit 1`;
  const found = (await query.execute(db)).rows[0];
  if (!found) throw new Error(`the demo has no published ${table}`);
  return found;
}

async function setUp(db: SiteDb): Promise<void> {
  const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

  // An organisation whose name and description exist in English only (the directory).
  const [org] = await activeOrganisations(db, 1, 5);
  if (!org) throw new Error("the demo has fewer than six active organisations");
  const orgName = "Network of Roma, Ashkali and Egyptian Women of Dukagjin";
  const orgDescription = "Runs homework clubs and literacy classes for mothers in Gjakova and Rahovec.";
  await sql`update organisation set name = ${json({ en: orgName })}, description = ${json({ en: orgDescription })}, name_sr_cyrl = null where id = ${org.id}`.execute(
    db,
  );
  rows.push({
    name: "organisation (directory)",
    writtenIn: "en",
    texts: [orgName, orgDescription],
    path: `organizations/${org.slug}`,
  });

  // A service written in Albanian only, with its address.
  const service = await firstPublished(db, "service", sql`online_url is null`);
  const serviceSummary = "Këshillim juridik falas për regjistrimin civil të fëmijëve të lindur jashtë Kosovës.";
  const serviceAddress = "Rruga Skënderbeu 14, zyra 3";
  await sql`update service set title = ${json({ sq: "Ndihmë juridike për regjistrim civil" })}, title_sr_cyrl = null, summary = ${json({ sq: serviceSummary })}, eligibility = ${json({})}, requirements = ${json({})}, hours = ${json({ sq: "E hënë – e premte, 8:00–16:00" })}, address = ${serviceAddress}, original_locale = 'sq' where id = ${service.id}`.execute(
    db,
  );
  rows.push({
    name: "service (summary, hours, address)",
    writtenIn: "sq",
    texts: [serviceSummary, "E hënë – e premte, 8:00–16:00", serviceAddress],
    path: `services/${service.slug}`,
  });

  // An opportunity written in Serbian only.
  const opportunity = await firstPublished(db, "opportunity");
  const opportunityTitle = "Stipendije za srednjoškolce iz romske zajednice";
  const opportunitySummary = "Opština Prizren dodeljuje dvadeset stipendija učenicima srednjih škola.";
  await sql`update opportunity set title = ${json({ sr: opportunityTitle })}, summary = ${json({ sr: opportunitySummary })}, eligibility = ${json({})}, original_locale = 'sr' where id = ${opportunity.id}`.execute(
    db,
  );
  rows.push({
    name: "opportunity",
    writtenIn: "sr",
    texts: [opportunityTitle, opportunitySummary],
    path: `opportunities/${opportunity.slug}`,
  });

  // An event's place, a plain-text field in the event's own language (Albanian), and a recommendation of it in English.
  const recommended = await db
    .selectFrom("recommendation as r")
    .innerJoin("event as e", "e.id", "r.event_id")
    .select(["r.id", "e.id as eventId", "e.slug"])
    .where("e.status", "=", "published")
    .orderBy("r.id")
    .limit(1)
    .executeTakeFirstOrThrow();
  const eventAddress = "Salla e Kuvendit Komunal, kati i dytë";
  await sql`update event set address = ${eventAddress}, original_locale = 'sq', title = ${json({ sq: "Takim me këshillat e fshatrave" })}, summary = ${json({})} where id = ${recommended.eventId}`.execute(
    db,
  );
  rows.push({ name: "event (place)", writtenIn: "sq", texts: [eventAddress], path: `events/${recommended.slug}` });
  const recommendation = "Publish the list of scholarship holders school by school before the next cycle.";
  await sql`update recommendation set text = ${json({ en: recommendation })}, original_locale = 'en' where id = ${recommended.id}`.execute(
    db,
  );
  rows.push({ name: "recommendation", writtenIn: "en", texts: [recommendation], path: `events/${recommended.slug}` });

  // A project in Serbian only: title, description, a result of its framework and an indicator.
  const withResults = await sql<{ project_id: number; result_id: number; indicator_id: number }>`
    select p.id as project_id, r.id as result_id, i.id as indicator_id
    from project p join project_result r on r.project_id = p.id join project_indicator i on i.result_id = r.id
    join project_indicator_period pe on pe.indicator_id = i.id
    where p.validation_status = 'validated' and pe.status = 'approved'
    order by p.id, r.id, i.id limit 1`.execute(db);
  const framework = withResults.rows[0];
  if (!framework) throw new Error("the demo has no validated project with approved results");
  const projectTitle = "Obnova kuća povratnika u Klokotu";
  const projectDescription = "Projekat obnavlja dvanaest kuća i povezuje ih na vodovod.";
  const resultTitle = "Porodice povratnika žive u obnovljenim kućama";
  const indicatorName = "Broj obnovljenih kuća";
  await sql`update project set title = ${json({ sr: projectTitle })}, description = ${json({ sr: projectDescription })}, original_locale = 'sr' where id = ${framework.project_id}`.execute(
    db,
  );
  await sql`update project_result set title = ${json({ sr: resultTitle })}, description = ${json({})} where id = ${framework.result_id}`.execute(
    db,
  );
  await sql`update project_indicator set name = ${json({ sr: indicatorName })} where id = ${framework.indicator_id}`.execute(
    db,
  );
  rows.push({
    name: "project (title, description, result, indicator)",
    writtenIn: "sr",
    texts: [projectTitle, projectDescription, resultTitle, indicatorName],
    path: `projects/${framework.project_id}`,
  });

  // A library document's metadata in English only.
  const document = await firstPublished(db, "library_document");
  const documentTitle = "Guidelines on civil registration of persons born abroad";
  const documentSummary = "How municipal civil registry offices register births that took place outside Kosovo.";
  await sql`update library_document set title = ${json({ en: documentTitle })}, summary = ${json({ en: documentSummary })}, original_locale = 'en' where id = ${document.id}`.execute(
    db,
  );
  rows.push({
    name: "library document (title, summary)",
    writtenIn: "en",
    texts: [documentTitle, documentSummary],
    path: `library/${document.slug}`,
  });

  // A search result in Albanian only: its title and the snippet from its summary.
  const searchTitle = "Banorët e Lubizhdës kërkojnë rrugë të asfaltuar";
  const searchSummary = "Këshilli i fshatit Lubizhdë dorëzoi një peticion në komunë për rrugën drejt shkollës.";
  await upsertSearchEntry(db, {
    kind: "news",
    refId: 990_001,
    title: { sq: searchTitle },
    summary: { sq: searchSummary },
    path: "news/lubizhde",
    originalLocale: "sq",
    publishedAt: GOLDEN_NOW,
  });
  rows.push({
    name: "search result (title, snippet)",
    writtenIn: "sq",
    texts: [searchTitle, "Këshilli i fshatit"],
    path: "search?q=peticion&kind=news",
  });

  // A case in the workspace, typed in Serbian Cyrillic by its submitter.
  const caseText = "Породица из Грачанице тражи помоћ за поправку крова пре зиме.";
  const created = await createTestCase(db, { description: caseText });
  await sql`update need_case set submitted_locale = 'sr-cyrl' where id = ${created.id}`.execute(db);
  rows.push({
    name: "case (workspace)",
    writtenIn: "sr-cyrl",
    texts: [caseText],
    path: `workspace/needs/${created.id}`,
    signedIn: true,
  });

  // A measure report's narrative in the workspace, written in Albanian, read after submission.
  const report = await db
    .selectFrom("measure_report")
    .select("id")
    .where("review_state", "in", ["submitted", "approved"])
    .orderBy("id")
    .limit(1)
    .executeTakeFirstOrThrow();
  const achievements = "U regjistruan 120 fëmijë rom, ashkali dhe egjiptianë në arsimin parashkollor.";
  await sql`update measure_report set achievements = ${achievements}, achievements_locale = 'sq', challenges = '', challenges_locale = null where id = ${report.id}`.execute(
    db,
  );
  rows.push({
    name: "report narrative (workspace)",
    writtenIn: "sq",
    texts: [achievements],
    path: `workspace/reporting/reports/${report.id}`,
    signedIn: true,
  });
}

describe("the check itself", () => {
  it("reads the language of a text from its nearest element, and the items' containers", () => {
    const nodes = textNodes(
      `<html lang="en"><body><ul><li><a href="/x" lang="sq">Takim</a> <span class="tag">Not yet available</span></li><li>Other</li></ul></body></html>`,
    );
    expect(nodes.map((n) => [n.text, n.lang])).toEqual([
      ["Takim", "sq"],
      ["Not yet available", "en"],
      ["Other", "en"],
    ]);
    expect(containerOf(nodes[0]!)).toBe(containerOf(nodes[1]!));
    expect(containerOf(nodes[2]!)).not.toBe(containerOf(nodes[0]!));
  });
});

describe("content in one language, read in en, sq and sr-cyrl", () => {
  it("covers the page types of issue 15 item 3", () => {
    expect(rows.map((r) => r.name)).toHaveLength(10);
  });

  it.each(READERS)("reader %s", async (reader) => {
    const failures: string[] = [];
    for (const row of rows) {
      const response = await site().fetch(
        `/${reader}/${row.path}`,
        row.signedIn ? { headers: { cookie: GOLDEN_COORDINATOR_COOKIE } } : undefined,
      );
      expect(response.status, `${row.name}: /${reader}/${row.path}`).toBe(200);
      const nodes = textNodes(await response.text());
      const note = noteFor(row, reader);
      for (const stored of row.texts) {
        const shown = shownText(stored, row, reader);
        const at = nodes.findIndex((n) => n.text.includes(shown));
        const where = `${row.name}, "${stored}" for ${reader}`;
        if (at === -1) {
          failures.push(`${where}: not on the page`);
          continue;
        }
        const node = nodes[at]!;
        if (node.lang !== expectedLang(row, reader))
          failures.push(`${where}: lang "${node.lang}", expected "${expectedLang(row, reader)}"`);
        const container = containerOf(node);
        const noted = nodes.some(
          (n, i) =>
            i !== at &&
            n.text.includes(note) &&
            (container === undefined ? Math.abs(i - at) <= 3 : n.ancestors.some((a) => a.id === container)),
        );
        const followedByNote = nodes.slice(at + 1, at + 3).some((n) => n.text.includes(note));
        if (isInReadersLanguage(row, reader)) {
          if (followedByNote) failures.push(`${where}: a note, though it is in the reader's language`);
        } else if (!noted) failures.push(`${where}: no note "${note}"`);
      }
    }
    expect(failures).toEqual([]);
  });
});

import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import { municipalityNameColumns } from "#app/db/municipality-columns.ts";
import {
  CASE_HEAD_COLUMNS,
  caseHeadOf,
  caseMunicipality,
  casesWithPlace,
  casesWithMunicipality,
  type CaseHead,
} from "./needs.case-place.server.ts";
import type { NeedCategory } from "#app/db/tables/needs.ts";
import { formatDate } from "#app/i18n/format.ts";
import { isLocale } from "#app/i18n/locales.ts";
import { municipalityName } from "#app/modules/municipalities/municipality-name.ts";
import { enqueueMail } from "#app/services/mail.server.ts";
import { needsTranslator } from "./public/translator.server.ts";
import { FINISHED_STATUSES } from "./workspace/needs-workflow.ts";

/** The job kind that sends the weekly digest (the scheduler runs it hourly; it sends once per week). */
export const WEEKLY_DIGEST_JOB = "needs.weekly_digest";

/** "Many cases from one place in a short time": at least this many … */
export const CLUSTER_MIN_CASES = 5;
/** … within this many days. */
export const CLUSTER_DAYS = 7;

/** A case on the briefing: what happened where, never who submitted it. */
export interface BriefingCase extends CaseHead {
  excerpt: string;
  isHighProfile: boolean;
  escalatedAt: Date | null;
  dueAt: Date | null;
  assignedOrganisationId: number | null;
}

/** Many recent cases from one settlement (or one municipality when no settlement was given). */
export interface ClusterAlert {
  kasCode: string;
  municipality: { nameSq: string; nameSr: string; nameSrCyrl: string };
  settlementName: string | null;
  count: number;
  categories: NeedCategory[];
}

export interface Briefing {
  cases: BriefingCase[];
  clusters: ClusterAlert[];
}

/** Most cases listed on the briefing (the most pressing first). */
const BRIEFING_LIMIT = 200;

/**
 * The briefing for the Prime Minister's office: open high-profile and escalated cases (escalated
 * first, then by deadline) and the places with many cases recently. Two queries; no personal data.
 */
export async function loadBriefing(db: Db, now = new Date()): Promise<Briefing> {
  const since = new Date(now.getTime() - CLUSTER_DAYS * 86_400_000);
  const [cases, clusters] = await Promise.all([
    casesWithMunicipality(db)
      .select([
        ...CASE_HEAD_COLUMNS,
        sql<string>`left(c.description, 240)`.as("excerpt"),
        "c.is_high_profile",
        "c.escalated_at",
        "c.due_at",
        "c.assigned_organisation_id",
      ])
      .where((eb) => eb.or([eb("c.is_high_profile", "=", true), eb("c.escalated_at", "is not", null)]))
      .where("c.status", "not in", FINISHED_STATUSES)
      .orderBy(sql`c.escalated_at is null`)
      .orderBy(sql`c.due_at asc nulls last`)
      .orderBy("c.id")
      .limit(BRIEFING_LIMIT)
      .execute(),
    casesWithPlace(db)
      .select(["c.kas_code", ...municipalityNameColumns("m"), "st.name as settlement_name"])
      .select((eb) => [
        eb.fn.countAll<string>().as("n"),
        sql<NeedCategory[]>`array_agg(distinct c.category order by c.category)`.as("categories"),
      ])
      .where("c.created_at", ">=", since)
      .where("c.merged_into_id", "is", null)
      .groupBy(["c.kas_code", ...municipalityNameColumns("m"), "c.settlement_id", "st.name"])
      .having((eb) => eb.fn.countAll(), ">=", CLUSTER_MIN_CASES)
      .orderBy("n", "desc")
      .limit(20)
      .execute(),
  ]);
  return {
    cases: cases.map((c) => ({
      ...caseHeadOf(c),
      excerpt: c.excerpt,
      isHighProfile: c.is_high_profile,
      escalatedAt: c.escalated_at,
      dueAt: c.due_at,
      assignedOrganisationId: c.assigned_organisation_id,
    })),
    clusters: clusters.map((c) => ({
      kasCode: c.kas_code,
      municipality: caseMunicipality(c),
      settlementName: c.settlement_name,
      count: Number(c.n),
      categories: c.categories,
    })),
  };
}

/** The ISO week of a date, as "2026-W48" (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeek(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((d.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/** The digest e-mail for one reader, in their language. */
export function renderDigest(
  briefing: Briefing,
  localeCode: string,
  week: string,
  briefingUrl: string,
): { subject: string; text: string } {
  const locale = isLocale(localeCode) ? localeCode : "sq";
  const t = needsTranslator(locale);
  const escalated = briefing.cases.filter((c) => c.escalatedAt !== null);
  const highProfile = briefing.cases.filter((c) => c.isHighProfile);
  const line = (c: BriefingCase) =>
    `- ${c.reference} · ${t(`category.${c.category}`)} · ${municipalityName(c.municipality, locale)} · ${t(`status.${c.status}`)}${c.dueAt ? ` · ${t("workspace.briefing.due", { date: formatDate(c.dueAt, locale) })}` : ""}`;
  const sections = [
    t("workspace.mail.digest.intro", { week }),
    `${t("workspace.mail.digest.escalated", { count: escalated.length })}\n${escalated.map(line).join("\n")}`.trim(),
    `${t("workspace.mail.digest.highProfile", { count: highProfile.length })}\n${highProfile.map(line).join("\n")}`.trim(),
    `${t("workspace.mail.digest.clusters", { count: briefing.clusters.length })}\n${briefing.clusters
      .map(
        (c) =>
          `- ${c.settlementName ? `${c.settlementName}, ` : ""}${municipalityName(c.municipality, locale)}: ${c.count}`,
      )
      .join("\n")}`.trim(),
    t("workspace.mail.digest.link", { url: briefingUrl }),
    t("workspace.mail.signature"),
  ];
  return { subject: t("workspace.mail.digest.subject", { week }), text: sections.join("\n\n") };
}

/**
 * Sends the weekly digest to every active user of the Prime Minister's office, once per ISO week:
 * the week is recorded in `need_digest_week` in the same transaction, so running it again in the
 * same week (or from another process) sends nothing. Returns the number of e-mails queued.
 */
export async function sendWeeklyDigest(db: Db, publicUrl: string, now = new Date()): Promise<number> {
  const week = isoWeek(now);
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .insertInto("need_digest_week")
      .values({ week, sent_at: now })
      .onConflict((oc) => oc.column("week").doNothing())
      .returning("week")
      .executeTakeFirst();
    if (!claimed) return 0;
    const readers = await trx
      .selectFrom("app_user as u")
      .innerJoin("role_assignment as r", "r.user_id", "u.id")
      .select(["u.email", "u.preferred_locale"])
      .distinct()
      .where("r.role", "=", "pm_office")
      .where("u.is_active", "=", true)
      .where("u.email_verified_at", "is not", null)
      .execute();
    if (readers.length === 0) return 0;
    const briefing = await loadBriefing(trx, now);
    for (const reader of readers) {
      const locale = isLocale(reader.preferred_locale) ? reader.preferred_locale : "sq";
      const mail = renderDigest(briefing, locale, week, `${publicUrl}/${locale}/workspace/needs/briefing`);
      await enqueueMail(trx, { to: reader.email, ...mail });
    }
    await trx.updateTable("need_digest_week").set({ recipients: readers.length }).where("week", "=", week).execute();
    return readers.length;
  });
}

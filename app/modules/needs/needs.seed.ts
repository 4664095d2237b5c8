import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "#app/db/schema.ts";
import type { NeedCategory, NeedStatus } from "#app/db/tables/needs.ts";
import { findsAnyRow } from "#app/services/any-row.server.ts";
import { recordAudit } from "#app/services/audit.server.ts";
import { ESCALATION_AUDIT, escalationEntry } from "./needs.escalation.server.ts";
import { needReference } from "./needs.submission.server.ts";
import { hashTrackingCode } from "./public/tracking-code.server.ts";
import { caseDeadline } from "./workspace/needs-workflow.ts";

/**
 * Invented demonstration cases (is_demo = true): realistic kinds of needs, no real person, all
 * anonymous. Spread so that some municipalities, categories and communities have 5 or more cases
 * and others fewer, which shows how the public statistics hide small numbers.
 */
const MUNICIPALITY_COUNTS: [kasCode: string, cases: number][] = [
  ["20", 30],
  ["02", 22],
  ["09", 20],
  ["25", 14],
  ["11", 12],
  ["17", 10],
  ["04", 9],
  ["15", 8],
  ["34", 7],
  ["13", 5],
  ["16", 4],
  ["19", 4],
  ["06", 3],
  ["01", 2],
];

const TEMPLATES: {
  category: NeedCategory;
  community: string | null;
  locale: "sq" | "sr" | "en" | "tr";
  text: string;
}[] = [
  {
    category: "civil_registration",
    community: "roma",
    locale: "sq",
    text: "[Demo] Fëmija ynë nuk është i regjistruar në librin e amzës sepse lindi jashtë vendit dhe nuk kemi certifikatë lindjeje.",
  },
  {
    category: "education",
    community: "ashkali",
    locale: "sq",
    text: "[Demo] Nuk ka transport shkollor nga lagja jonë dhe fëmijët ecin më shumë se 4 km deri në shkollë.",
  },
  {
    category: "housing_property",
    community: "serb",
    locale: "sr",
    text: "[Demo] Posle povratka ne možemo da uknjižimo kuću jer su katastarski podaci nepotpuni.",
  },
  {
    category: "employment",
    community: "egyptian",
    locale: "sq",
    text: "[Demo] Të rinjtë e komunitetit nuk marrin informata për praktikat profesionale që ofron komuna.",
  },
  {
    category: "health",
    community: "gorani",
    locale: "en",
    text: "[Demo] The health centre in the village has had no doctor on weekdays for three months.",
  },
  {
    category: "social_assistance",
    community: "roma",
    locale: "sr",
    text: "[Demo] Zahtev za socijalnu pomoć je odbijen jer nam nedostaje potvrda o prebivalištu.",
  },
  {
    category: "discrimination",
    community: "ashkali",
    locale: "en",
    text: "[Demo] A shop refused to serve members of our community and the owner insulted them.",
  },
  {
    category: "return_reintegration",
    community: "serb",
    locale: "sr",
    text: "[Demo] Porodica povratnika čeka na priključak na struju više od godinu dana.",
  },
  {
    category: "security",
    community: "bosniak",
    locale: "sq",
    text: "[Demo] Rruga pranë shkollës nuk ka ndriçim dhe prindërit kanë frikë për fëmijët në mbrëmje.",
  },
  {
    category: "education",
    community: "turkish",
    locale: "en",
    text: "[Demo] Textbooks in the Turkish language have not arrived for the new school year.",
  },
  {
    category: "civil_registration",
    community: "egyptian",
    locale: "sq",
    text: "[Demo] Disa familje nuk kanë letërnjoftim dhe nuk mund të aplikojnë për ndihmë sociale.",
  },
  {
    category: "housing_property",
    community: null,
    locale: "en",
    text: "[Demo] The roof of our social housing building leaks and the municipality has not answered our letters.",
  },
  {
    category: "other",
    community: "roma",
    locale: "sq",
    text: "[Demo] Lagjja nuk ka ujë të pijshëm gjatë verës për disa javë rresht.",
  },
  {
    category: "education",
    community: "turkish",
    locale: "tr",
    text: "[Demo] Okulumuzda Türkçe eğitim veren öğretmen sayısı yetersiz ve sınıflar çok kalabalık.",
  },
  {
    category: "employment",
    community: "roma",
    locale: "sq",
    text: "[Demo] Kam përfunduar kursin e rrobaqepësisë, por askush nuk më thotë ku mund të aplikoj për punë.",
  },
  {
    category: "social_assistance",
    community: "ashkali",
    locale: "en",
    text: "[Demo] Our family's social assistance stopped after the last review and nobody explained why.",
  },
];

const STATUS_CYCLE: NeedStatus[] = [
  "received",
  "in_review",
  "referred",
  "in_progress",
  "resolved",
  "resolved",
  "received",
  "in_progress",
  "resolved",
  "closed",
  "rejected",
  "referred",
];

/** Small deterministic generator, so the demo data is the same on every start. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/**
 * Writes the demo cases (about 150 over the past year, in several languages) with their status
 * history, and escalates one overdue case to the Prime Minister's Office briefing (the demo seed runs
 * once, in one transaction).
 */
export async function seedDemoNeeds(trx: Kysely<Database>, context: { now?: Date } = {}): Promise<void> {
  if (await findsAnyRow(trx.selectFrom("need_case").where("is_demo", "=", true))) return;
  const random = sequence(7);
  const dayMs = 86_400_000;
  const now = (context.now ?? new Date()).getTime();
  const submitters: { case_id: number; is_anonymous: boolean }[] = [];
  const changes: {
    case_id: number;
    from_status: NeedStatus | null;
    to_status: NeedStatus;
    actor_user_id: null;
    created_at: Date;
  }[] = [];
  let escalated: { id: number; status: NeedStatus } | null = null;
  let index = 0;
  for (const [kasCode, count] of MUNICIPALITY_COUNTS) {
    for (let i = 0; i < count; i++, index++) {
      const template = TEMPLATES[index % TEMPLATES.length]!;
      const status = STATUS_CYCLE[index % STATUS_CYCLE.length]!;
      const createdAt = new Date(now - Math.floor(5 + random() * 355) * dayMs);
      const path = pathTo(status);
      const stepDays = Math.floor(2 + random() * 15);
      const steps = path.map((to, step) => ({
        to,
        at: new Date(Math.min(createdAt.getTime() + step * stepDays * dayMs, now - (path.length - step) * 3_600_000)),
      }));
      const last = steps[steps.length - 1]!;
      const row = await trx
        .insertInto("need_case")
        .values({
          reference: `demo-${index}`,
          tracking_hash: hashTrackingCode(randomBytes(20).toString("hex")),
          category: template.category,
          kas_code: kasCode,
          community_code: template.community,
          description: template.text,
          submitted_locale: template.locale,
          status,
          status_changed_at: last.at,
          due_at: caseDeadline(status, last.at, createdAt),
          closed_at: status === "closed" || status === "rejected" ? last.at : null,
          is_demo: true,
          created_at: createdAt,
          updated_at: last.at,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .updateTable("need_case")
        .set({ reference: needReference(row.id, createdAt) })
        .where("id", "=", row.id)
        .execute();
      submitters.push({ case_id: row.id, is_anonymous: true });
      for (const [n, step] of steps.entries())
        changes.push({
          case_id: row.id,
          from_status: n === 0 ? null : (steps[n - 1]?.to ?? null),
          to_status: step.to,
          actor_user_id: null,
          created_at: step.at,
        });
      if (!escalated && kasCode === "20" && status === "in_progress") escalated = { id: row.id, status };
    }
  }
  await trx.insertInto("need_submitter").values(submitters).execute();
  await trx.insertInto("need_status_change").values(changes).execute();
  // One case passed its deadline without an answer: the escalation job would have raised it to the
  // Prime Minister's Office briefing, as recorded here (the same fields and audit entry).
  if (escalated) {
    const dueAt = new Date(now - 3 * dayMs);
    const escalatedAt = new Date(now - 2 * dayMs);
    await trx
      .updateTable("need_case")
      .set({ due_at: dueAt, escalated_at: escalatedAt, is_high_profile: true })
      .where("id", "=", escalated.id)
      .execute();
    await recordAudit(trx, ESCALATION_AUDIT, escalationEntry({ ...escalated, due_at: dueAt }, escalatedAt));
  }
}

/** The statuses a case went through to reach `status`. */
function pathTo(status: NeedStatus): NeedStatus[] {
  const main: NeedStatus[] = ["received", "in_review", "referred", "in_progress", "resolved"];
  if (status === "rejected") return ["received", "in_review", "rejected"];
  if (status === "closed") return [...main, "closed"];
  return main.slice(0, main.indexOf(status) + 1);
}

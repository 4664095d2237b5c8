import { NEED_CATEGORIES, type NeedStatus } from "#app/db/tables/needs.ts";
import type { Db } from "#app/db/client.server.ts";
import { daysBefore, oneTableGenerator } from "./generator.ts";

/** References of generated cases start with this, so that `clear` removes them and nothing else. */
export const SYNTHETIC_CASE_PREFIX = "BENCH-";

const WORDS = [
  "school",
  "heating",
  "documents",
  "birth certificate",
  "road",
  "water supply",
  "social assistance",
  "employment office",
  "clinic",
  "property",
  "return",
  "house",
  "bus",
  "teacher",
  "diploma",
  "pension",
  "electricity",
  "discrimination",
  "police",
  "language",
];

/** Status shares of a busy year: most cases finished, a tail still open. */
const STATUS_WEIGHTS: [NeedStatus, number][] = [
  ["received", 6],
  ["in_review", 6],
  ["referred", 10],
  ["in_progress", 10],
  ["resolved", 50],
  ["rejected", 8],
  ["closed", 10],
];

/**
 * Synthetic need cases: every category, municipality and community, a spread of statuses and
 * deadlines over two years, descriptions made of common words (so text search has work to do),
 * some referred, high-profile and escalated. No submitters (the queue never reads them).
 */
export const needCasesGenerator = oneTableGenerator({
  table: "need_case",
  perScale: 2_000,
  async rows({ db, random, reference, anchor }) {
    const organisations = (await db.selectFrom("organisation").select("id").orderBy("id").execute()).map((o) => o.id);
    const totalWeight = STATUS_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
    const pickStatus = (): NeedStatus => {
      let roll = random.int(1, totalWeight);
      for (const [status, weight] of STATUS_WEIGHTS) if ((roll -= weight) <= 0) return status;
      return "received";
    };
    return (n: number) => {
      const status = pickStatus();
      const created = daysBefore(anchor, random.next() * 730);
      const finished = status === "resolved" || status === "rejected" || status === "closed";
      const due = finished ? null : new Date(created.getTime() + random.int(3, 30) * 86_400_000);
      const words = Array.from({ length: random.int(8, 30) }, () => WORDS[random.int(0, WORDS.length - 1)]).join(" ");
      const municipality = reference.municipalities[random.int(0, reference.municipalities.length - 1)]!;
      const community = reference.communities[random.int(0, reference.communities.length - 1)]!;
      return {
        reference: `${SYNTHETIC_CASE_PREFIX}${String(n).padStart(7, "0")}-${random.hex(4)}`,
        tracking_hash: random.hex(64),
        category: NEED_CATEGORIES[random.int(0, NEED_CATEGORIES.length - 1)]!,
        kas_code: municipality.kasCode,
        community_code: random.chance(0.7) ? community.code : null,
        description: `Case ${n}: ${words}.`,
        submitted_locale: ["sq", "sr", "en"][random.int(0, 2)]!,
        status,
        status_changed_at: created,
        due_at: due,
        closed_at: finished ? new Date(created.getTime() + random.int(1, 60) * 86_400_000) : null,
        assigned_organisation_id:
          status === "referred" || status === "in_progress" || (finished && random.chance(0.5))
            ? organisations[random.int(0, organisations.length - 1)]!
            : null,
        is_high_profile: random.chance(0.01),
        escalated_at: due && due < anchor && random.chance(0.8) ? due : null,
        created_at: created,
        updated_at: created,
      };
    };
  },
  insert: async (db, rows) =>
    (await db.insertInto("need_case").values(rows).returning("id").execute()).map((r) => r.id),
  async clear(db: Db) {
    await db.deleteFrom("need_case").where("reference", "like", `${SYNTHETIC_CASE_PREFIX}%`).execute();
  },
});

import type { Kysely } from "kysely";
import { bumpTriggersOn, createBumpTriggers, dropBumpTriggers } from "./shared/generation-table.ts";

/**
 * The organisations' generation (migration 0052) also follows their sectors and communities (issue 18,
 * decision 077): the public directory keeps each list page per generation of the organisations and of
 * the reference data, and it shows each organisation's sectors and filters by sector and community.
 * Statement-level triggers on `organisation_sector` and `organisation_community` bump the same one
 * row in the writing transaction, whoever writes (the organisation form, seeds, direct SQL). The 3W
 * page, which keeps its pages per the same generation, is built again after such a write too.
 */
const LISTS = ["organisation_sector", "organisation_community"] as const;

const TRIGGERS = bumpTriggersOn(LISTS, "generation_bump");

export async function up(db: Kysely<unknown>): Promise<void> {
  await createBumpTriggers(db, "organisation_generation_bump", TRIGGERS);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropBumpTriggers(db, TRIGGERS);
}

import { generationMigration } from "./shared/generation-table.ts";

/**
 * The services' generation (issue 18, decision 078): one number, bumped in the writing transaction by
 * a statement-level trigger on every write to `service` (the services commands, the demo seed, a
 * benchmark's generator, `psql`). The API's list of services keeps each answer with the generations
 * of what it shows — the services, their organisations (`organisation_generation`, migration 0052) and
 * the reference data of their municipality and sector (`reference_generation`, migration 0049) — read
 * before it is made, so a write through any path, on any instance, is seen at the next request.
 */
const TRIGGERS = [["service_generation_bump", "service"]] as const;

export const { up, down } = generationMigration("service_generation", "service_generation_bump", TRIGGERS);

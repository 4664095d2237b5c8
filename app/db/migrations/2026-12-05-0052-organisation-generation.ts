import { generationMigration } from "./shared/generation-table.ts";

/**
 * The organisations' generation (issue 18, decision 064): one number, bumped in the writing
 * transaction by a statement-level trigger on every write to `organisation` (a rename, a new
 * organisation, a deactivation; the organisations module and the IATI import write them, rarely).
 * The 3W page keeps everything it shows per generation of what it is derived from, and it shows
 * organisations' names (the donors to filter by, the funders and implementers in the table), which
 * the project figures' generation deliberately does not follow (a rename does not recompute the
 * figures, decision 022). A process keeps what it built with the generation it read before building
 * it, so a write through any path is seen by every instance at its next request.
 */
const TRIGGERS = [["organisation_generation_bump", "organisation"]] as const;

export const { up, down } = generationMigration("organisation_generation", "organisation_generation_bump", TRIGGERS);

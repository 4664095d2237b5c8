import { generationMigration } from "./shared/generation-table.ts";

/**
 * The news items' generation (issue 18, decision 076): one number, bumped in the writing transaction
 * by a statement-level trigger on every write to `news_item` (the editors' commands, the demo content,
 * imports, `psql`). The news list keeps its total per filter with the generation its page statement
 * read, so a write through any path, on any instance, is seen at the next request.
 */
const TRIGGERS = [["news_generation_bump", "news_item"]] as const;

export const { up, down } = generationMigration("news_generation", "news_generation_bump", TRIGGERS);

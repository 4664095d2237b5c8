import { sql, type Kysely } from "kysely";

/**
 * An institution's part of the needs workspace at 200,000 cases (decision 065): each referral keeps a
 * copy of its case's status, deadline and submission time, written by triggers in the transaction of
 * every write to need_referral (the case's values when a referral is made) and to need_case (a changed
 * status, deadline or time reaches every referral of the case), so the focal point's counts — the
 * queue's count per status, the dashboard's overdue referrals and nearest deadline — and the queue's
 * page newest or oldest first are read from indexes over the institution's own referrals alone, without
 * fetching each of its cases from the 200,000-row table.
 */
const FINISHED = sql.raw("('resolved', 'rejected', 'closed')");

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table need_referral add column case_status text, add column case_due_at timestamptz, add column case_created_at timestamptz`.execute(
    db,
  );
  await sql`update need_referral r set case_status = c.status, case_due_at = c.due_at, case_created_at = c.created_at
    from need_case c where c.id = r.case_id`.execute(db);
  await sql`alter table need_referral alter column case_status set not null, alter column case_created_at set not null`.execute(
    db,
  );
  // A referral takes its case's values when it is made (or moved to another case).
  await sql`
    create function need_referral_copy_case() returns trigger language plpgsql as $$
    begin
      select c.status, c.due_at, c.created_at into new.case_status, new.case_due_at, new.case_created_at
        from need_case c where c.id = new.case_id;
      return new;
    end $$`.execute(db);
  await sql`create trigger need_referral_copy_case before insert or update of case_id on need_referral for each row execute function need_referral_copy_case()`.execute(
    db,
  );
  // A case's new values reach its referrals: once per statement, whatever the rows it changed.
  await sql`
    create function need_case_copy_to_referrals() returns trigger language plpgsql as $$
    begin
      update need_referral r set case_status = n.status, case_due_at = n.due_at, case_created_at = n.created_at
        from new_rows n
        where r.case_id = n.id
          and (r.case_status is distinct from n.status or r.case_due_at is distinct from n.due_at
            or r.case_created_at is distinct from n.created_at);
      return null;
    end $$`.execute(db);
  await sql`create trigger need_case_copy_to_referrals after update on need_case referencing new table as new_rows for each statement execute function need_case_copy_to_referrals()`.execute(
    db,
  );
  // The queue's counts per status of an institution's cases (a referral not sent back).
  await sql`create index need_referral_org_case_status_idx on need_referral (organisation_id, case_status, case_id) where status <> 'returned'`.execute(
    db,
  );
  // The queue's page of an institution's cases, newest or oldest first (the index read either way).
  await sql`create index need_referral_org_newest_idx on need_referral (organisation_id, case_created_at, case_id) where status <> 'returned'`.execute(
    db,
  );
  // The dashboard's open referrals of unfinished cases by deadline: overdue ones and the nearest.
  await sql`create index need_referral_org_due_idx on need_referral (organisation_id, case_due_at, case_id) where status in ('pending', 'accepted') and case_status not in ${FINISHED}`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists need_case_copy_to_referrals on need_case`.execute(db);
  await sql`drop trigger if exists need_referral_copy_case on need_referral`.execute(db);
  await sql`drop function if exists need_case_copy_to_referrals()`.execute(db);
  await sql`drop function if exists need_referral_copy_case()`.execute(db);
  await sql`drop index if exists need_referral_org_due_idx`.execute(db);
  await sql`drop index if exists need_referral_org_newest_idx`.execute(db);
  await sql`drop index if exists need_referral_org_case_status_idx`.execute(db);
  await sql`alter table need_referral drop column if exists case_created_at, drop column if exists case_due_at, drop column if exists case_status`.execute(
    db,
  );
}

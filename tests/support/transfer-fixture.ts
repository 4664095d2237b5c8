import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import sharp from "sharp";
import type { Db } from "#app/db/client.server.ts";
import { createFileStore } from "#app/services/files.server.ts";
import { createTestCase } from "./needs-factory.ts";

/** The personal data a transfer test seeds, to look for afterwards. */
export interface SeededPersonalData {
  /** Names, e-mail addresses, phone numbers and secrets written into the database. */
  values: string[];
  /** SHA-256 of the attachment files the submitters uploaded. */
  attachmentSha256: string[];
  /** A string inside the PDF attachment's bytes. */
  fileMarker: string;
}

/**
 * Writes personal data the way the platform holds it, in every place the scrub must reach:
 * submitters (with contact data also typed into the description and a note), their attachments
 * (a PDF and a PNG on disk), a duplicate merged into a LATER case (a forward self-reference), a
 * staff user with a password, a TOTP secret, a session, an e-mailed token, a mail in the outbox
 * and audit entries naming people, a named contact of an organisation and of a project, and a
 * comment signed by the user. Names in Albanian and Serbian Cyrillic, as submitters write them.
 */
export async function seedPersonalData(db: Db, filesRoot: string): Promise<SeededPersonalData> {
  const files = createFileStore({ db, root: filesRoot, maxBytes: 5 * 1024 * 1024 });
  const fileMarker = "LETERNJOFTIM-SKANUAR-7Q3X";
  const pdf = new TextEncoder().encode(
    `%PDF-1.4\n1 0 obj << /Title (${fileMarker} Drita Berisha) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );
  const png = await sharp({ create: { width: 23, height: 17, channels: 3, background: { r: 201, g: 77, b: 13 } } })
    .png()
    .toBuffer();
  const org = await db.selectFrom("organisation").select("id").orderBy("id").executeTakeFirstOrThrow();

  const values = {
    submitterA: "Drita Berisha",
    submitterAEmail: "drita.berisha@posta-shembull.net",
    submitterAPhone: "+383 44 123 456",
    submitterB: "Драган Петровић",
    submitterBEmail: "dragan.petrovic@primer-posta.rs",
    submitterBPhone: "063 555 0199",
    typedPhone: "049 765 432",
    typedEmail: "fatmir.krasniqi@shembull-mail.com",
    staff: "Valbona Gashi",
    staffEmail: "valbona.gashi@komuna-shembull.org",
    totp: "JBSWY3DPEHPK3PXPZZ4Q",
    passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$b3JpZ2luYWxoYXNob3JpZ2luYWxoYXNo",
    orgContact: "Arben Hoxha",
    orgContactEmail: "arben.hoxha@ministria-shembull.org",
    orgContactPhone: "+383 38 200 30 400",
    projectContact: "Mirjeta Shala",
    projectContactEmail: "mirjeta.shala@donator-shembull.org",
    sessionIp: "203.0.113.77",
    outboxAddress: "ngo-partner@partner-shembull.org",
  };

  // The later case is created first, so the duplicate refers forward to a higher id.
  const earlier = await createTestCase(db, {
    submitter: { name: values.submitterB, email: values.submitterBEmail, phone: values.submitterBPhone },
  });
  const main = await createTestCase(db, {
    status: "in_review",
    description: `Shkolla në fshat nuk ka ngrohje. Më telefononi në ${values.typedPhone} ose shkruani te ${values.typedEmail}.`,
    submitter: {
      name: values.submitterA,
      email: values.submitterAEmail,
      phone: values.submitterAPhone,
      shareWithInstitution: true,
    },
  });
  // A duplicate merged into a case with a higher id: the copy must write the reference after both rows exist.
  await db
    .updateTable("need_case")
    .set({ merged_into_id: main.id, status: "closed" })
    .where("id", "=", earlier.id)
    .execute();

  const note = await db
    .insertInto("need_note")
    .values({
      case_id: main.id,
      visibility: "internal",
      author_kind: "user",
      body: `Folëm me ${values.submitterA} në telefon ${values.submitterAPhone}.`,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const attachmentSha256: string[] = [];
  for (const [bytes, name, accept] of [
    [pdf, "leternjoftimi-drita.pdf", ["application/pdf"]],
    [new Uint8Array(png), "foto-shtepia.png", ["image/png"]],
  ] as const) {
    const put = await files.put(db, bytes, { originalName: name, accept });
    if (!put.ok) throw new Error(`Could not store the test attachment: ${put.error}`);
    attachmentSha256.push(put.file.sha256);
    await db
      .insertInto("need_attachment")
      .values({ case_id: main.id, file_id: put.file.id, note_id: note.id, uploaded_by: "submitter" })
      .execute();
  }
  await db
    .insertInto("need_referral")
    .values({ case_id: main.id, organisation_id: org.id, message: `Kontakto ${values.submitterAEmail}` })
    .execute();

  const userId = randomUUID();
  await db
    .insertInto("app_user")
    .values({
      id: userId,
      email: values.staffEmail,
      name: values.staff,
      password_hash: values.passwordHash,
      totp_secret: values.totp,
      totp_enabled_at: new Date(),
    })
    .execute();
  await db.insertInto("role_assignment").values({ user_id: userId, role: "coordinator" }).execute();
  await db
    .insertInto("user_session")
    .values({
      id: randomUUID().replaceAll("-", ""),
      user_id: userId,
      expires_at: new Date(Date.now() + 3_600_000),
      ip: values.sessionIp,
      user_agent: "Mozilla/5.0",
    })
    .execute();
  await db
    .insertInto("auth_token")
    .values({
      id: randomUUID(),
      purpose: "password_reset",
      user_id: userId,
      email: values.staffEmail,
      expires_at: new Date(Date.now() + 3_600_000),
    })
    .execute();
  await db
    .insertInto("mail_outbox")
    .values({
      to_address: values.outboxAddress,
      subject: `Rasti për ${values.submitterA}`,
      text_body: `Përshëndetje, ${values.submitterB}`,
    })
    .execute();
  await db
    .insertInto("audit_log")
    .values({
      actor_user_id: userId,
      actor_label: `${values.staff} <${values.staffEmail}>`,
      action: "need.submitter.update",
      subject_type: "need_case",
      subject_id: String(main.id),
      diff: {
        name: { before: null, after: values.submitterA },
        phone: { before: null, after: values.submitterAPhone },
        note: { before: null, after: `e-mail ${values.typedEmail}` },
      },
    })
    .execute();

  await db
    .insertInto("organisation_contact")
    .values({
      organisation_id: org.id,
      name: values.orgContact,
      position: "Zyrtar",
      email: values.orgContactEmail,
      phone: values.orgContactPhone,
    })
    .execute();
  const project = await db.selectFrom("project").select("id").orderBy("id").executeTakeFirst();
  if (project) {
    await db
      .insertInto("project_contact")
      .values({ project_id: project.id, name: values.projectContact, email: values.projectContactEmail })
      .execute();
    await db
      .insertInto("project_comment")
      .values({
        project_id: project.id,
        author_user_id: userId,
        author_label: `${values.staff} <${values.staffEmail}>`,
        body: `Shiko me ${values.projectContactEmail}`,
      })
      .execute();
  }
  await sql`analyze`.execute(db);
  return { values: Object.values(values), attachmentSha256, fileMarker };
}

import { describe, expect, it } from "vitest";
import { emailVerificationMail, invitationMail, passwordResetMail } from "./identity.mail.server.ts";

const link = "https://platform.example/sr-cyrl/accept-invitation/abcDEF_123-xyz";

describe("identity e-mails", () => {
  it("are written in the reader's language, Serbian Cyrillic derived from Latin, with the link intact", () => {
    const mail = invitationMail("sr-cyrl", {
      to: "a@example.org",
      name: "Ана",
      role: "municipal_officer",
      organisationName: "Opština Gračanica",
      link,
    });
    expect(mail.subject).toBe("Ваш позив на Платформу за питања заједница");
    expect(mail.text).toContain("као Општински службеник за Opština Gračanica");
    expect(mail.text).toContain(link);
    expect(mail.text).toContain("истиче за 7 дана");
    expect(mail.text.replace(link, "").replace("Opština Gračanica", "")).not.toMatch(/[A-Za-zčćšžđ]/);
  });

  it("use each language's plural forms", () => {
    expect(passwordResetMail("sq", { to: "a@example.org", name: "Drita", link: "x" }).text).toContain(
      "skadon pas 60 minutash",
    );
    expect(emailVerificationMail("sr", { to: "a@example.org", name: "Marko", link: "x" }).text).toContain(
      "ističe za 24 sata",
    );
    expect(emailVerificationMail("en", { to: "a@example.org", name: "Jo", link: "x" }).text).toContain(
      "expires in 24 hours",
    );
    expect(
      invitationMail("sq", {
        to: "a@example.org",
        name: "Drita",
        role: "cso_member",
        organisationName: null,
        link: "x",
      }).text,
    ).toContain("skadon pas 7 ditësh");
  });

  it("greet the person by the name they were given, without interpreting it", () => {
    const mail = passwordResetMail("en", { to: "a@example.org", name: "<b>{count}</b>", link: "x" });
    expect(mail.text.startsWith("Hello <b>{count}</b>,")).toBe(true);
  });
});

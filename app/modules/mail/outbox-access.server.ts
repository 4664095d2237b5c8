import { data } from "react-router";
import type { ServerContext } from "#app/context.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { identityPolicy } from "#app/modules/identity/identity.policy.ts";
import { requireUser } from "#app/services/guards.server.ts";

/**
 * The outbox exists only while no SMTP server is configured (development), and only for those
 * the identity policy lets read it ("outbox.read"); for everyone else, and with SMTP, it is a 404.
 */
export function requireOutboxReader(
  context: Pick<ServerContext, "actor" | "session" | "mailMode">,
  request: Request,
  locale: Locale,
): void {
  const actor = requireUser(context, request, locale);
  if (context.mailMode !== "outbox" || !identityPolicy.can(actor, "outbox.read", null))
    throw data(null, { status: 404 });
}

import ICAL from "ical.js";
import { XMLParser } from "fast-xml-parser";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { seedDemoContent } from "#app/modules.server.ts";
import * as eventIcs from "#app/modules/clearing-house/events/routes/event-ics.ts";
import * as eventsFeed from "#app/modules/clearing-house/events/routes/events-feed.ts";
import * as newsAtom from "#app/modules/clearing-house/news/routes/news-feed-atom.ts";
import * as newsRss from "#app/modules/clearing-house/news/routes/news-feed-rss.ts";
import * as opportunitiesFeed from "#app/modules/clearing-house/opportunities/routes/opportunities-feed.ts";
import { icalendarPhysicalLines } from "../support/icalendar-lines.ts";
import { createTestDatabase } from "../support/test-database.ts";

type Loader = (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<unknown>;

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemoContent(handle.db, { story: false });
  // A hostile news item: markup in the title, a script in the body, Cyrillic.
  await handle.db
    .insertInto("news_item")
    .values({
      slug: "hostile-feed-item",
      original_locale: "sr",
      published_at: new Date(),
      title: { sr: 'Вест <script>alert(1)</script> & "navodnici"' },
      body: { sr: "Tekst <img src=x onerror=alert(1)> [veza](javascript:alert(1))" },
      summary: {},
    })
    .execute();
});
afterAll(() => handle.close());

async function fetchFeed(loader: Loader, path: string, params: Record<string, string>): Promise<Response> {
  const context = {
    db: handle.db,
    logger: pino({ level: "silent" }),
    publicUrl: "https://platform.example.org",
    requestId: "t",
  };
  return (await loader({ request: new Request(`http://localhost${path}`), params, context })) as Response;
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });

describe("news feeds", () => {
  it("RSS 2.0 per language parses back, with the items in the reader's language and escaped content", async () => {
    const response = await fetchFeed(newsRss.loader as Loader, "/sr-cyrl/news/feed.rss", { lang: "sr-cyrl" });
    expect(response.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    const text = await response.text();
    const doc = xml.parse(text);
    expect(doc.rss["@version"]).toBe("2.0");
    const channel = doc.rss.channel;
    expect(channel.language).toBe("sr-Cyrl");
    const items = Array.isArray(channel.item) ? channel.item : [channel.item];
    expect(items.map((i: { link: string }) => i.link)).toContain(
      "https://platform.example.org/sr-cyrl/news/kosint-2020-project-launch",
    );
    const kosint = items.find((i: { link: string }) => i.link.endsWith("kosint-2020-project-launch"));
    expect(kosint.title).toContain("Пуштање у рад пројекта");
    const hostile = items.find((i: { link: string }) => i.link.endsWith("hostile-feed-item"));
    expect(hostile.title).toContain("<сцрипт>");
    expect(text).not.toContain("<script>alert");
    expect(String(hostile["content:encoded"])).not.toMatch(/<img|javascript:/);
  });

  it("Atom parses back with a self link and one entry per published item", async () => {
    const response = await fetchFeed(newsAtom.loader as Loader, "/en/news/feed.atom", { lang: "en" });
    expect(response.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const doc = xml.parse(await response.text());
    const feed = doc.feed;
    expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    const links = Array.isArray(feed.link) ? feed.link : [feed.link];
    expect(
      links.some(
        (l: Record<string, string>) =>
          l["@rel"] === "self" && l["@href"] === "https://platform.example.org/en/news/feed.atom",
      ),
    ).toBe(true);
    const published = await handle.db.selectFrom("news_item").select("id").where("status", "=", "published").execute();
    expect(feed.entry).toHaveLength(published.length);
  });
});

describe("Atom text constructs", () => {
  it('writes a type="html" title as escaped HTML that a reader decodes back to the plain title', async () => {
    const text = await (await fetchFeed(newsAtom.loader as Loader, "/sr/news/feed.atom", { lang: "sr" })).text();
    expect(text).not.toContain("<script>alert");
    const entries = [xml.parse(text).feed.entry].flat() as {
      link: { "@href": string };
      title: { "#text": string; "@type": string };
    }[];
    const hostile = entries.find((e) => e.link["@href"].endsWith("hostile-feed-item"))!;
    expect(hostile.title["@type"]).toBe("html");
    // What a feed reader shows: the HTML decoded (RFC 4287 §3.1.1.2), i.e. the title exactly as written.
    const shown = hostile.title["#text"]
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, "&");
    expect(shown).toBe('Вест <script>alert(1)</script> & "navodnici"');
    expect(hostile.title["#text"]).not.toMatch(/<[a-z]/i);
  });
});

describe("opportunities feed", () => {
  it("lists only the opportunities still open", async () => {
    const doc = xml.parse(
      await (await fetchFeed(opportunitiesFeed.loader as Loader, "/en/opportunities/feed.rss", { lang: "en" })).text(),
    );
    const items = [doc.rss.channel.item].flat();
    const links = items.map((i: { link: string }) => i.link);
    expect(links).toContain(
      "https://platform.example.org/en/opportunities/demo-internships-young-people-non-majority-communities",
    );
    expect(links).not.toContain("https://platform.example.org/en/opportunities/demo-small-grants-youth-initiatives");
  });
});

describe("iCalendar", () => {
  it("the events calendar parses back with ical.js: one VEVENT per published event, with UID, times, place and link", async () => {
    const response = await fetchFeed(eventsFeed.loader as Loader, "/sq/events/feed.ics", { lang: "sq" });
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const text = await response.text();
    expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    const events = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    const prizren = events.find((e) => e.summary.includes("Prizren"));
    expect(prizren).toBeDefined();
    expect(prizren!.uid).toMatch(/^event-\d+@platform\.example\.org$/);
    expect(prizren!.startDate.toJSDate().toISOString()).toBe("2025-01-29T09:00:00.000Z");
    expect(prizren!.endDate.toJSDate().toISOString()).toBe("2025-01-29T12:00:00.000Z");
    expect(prizren!.location).toBe("Prizren");
    expect(prizren!.component.getFirstPropertyValue("url")).toBe(
      "https://platform.example.org/sq/events/third-regional-informative-session-prizren-2025-01-29",
    );
  });

  it("one event's .ics holds just that event, and an unknown event is a 404", async () => {
    const text = await (
      await fetchFeed(eventIcs.loader as Loader, "/sr/events/kosint-2020-launch-2017-03-09/calendar.ics", {
        lang: "sr",
        slug: "kosint-2020-launch-2017-03-09",
      })
    ).text();
    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(1);
    expect(events[0]!.summary).toContain("KOSINT 2020");
    await expect(
      fetchFeed(eventIcs.loader as Loader, "/sr/events/none/calendar.ics", { lang: "sr", slug: "none" }),
    ).rejects.toMatchObject({ init: { status: 404 } });
  });

  it("every calendar file the platform writes (the feed and each event's .ics, in every language) has lines of at most 75 octets, CRLF only, and line breaks in texts escaped", async () => {
    const organisation = await handle.db
      .selectFrom("organisation")
      .select("id")
      .orderBy("id")
      .limit(1)
      .executeTakeFirstOrThrow();
    // Text as people type it: a textarea posts CRLF, text pasted from older tools carries bare CRs.
    await handle.db
      .insertInto("event")
      .values({
        slug: "long-lines-event",
        kind: "training",
        title: {
          sr: "Обука о правима заједница и учешћу у доношењу одлука на нивоу општине Грачаница 🗓️",
          sq: "Trajnim për të drejtat e komuniteteve dhe pjesëmarrjen në vendimmarrje në nivel komunal",
        },
        summary: { sr: "Први ред\r\nДруги ред\rТрећи ред", sq: "Rreshti i parë\r\nRreshti i dytë\rRreshti i tretë" },
        original_locale: "sr",
        starts_at: new Date("2026-03-02T08:00:00Z"),
        kas_code: (
          await handle.db
            .selectFrom("municipality")
            .select("kas_code")
            .orderBy("kas_code")
            .limit(1)
            .executeTakeFirstOrThrow()
        ).kas_code,
        address: "Улица Краља Милутина бб, велика сала Дома културе, други спрат",
        organisation_id: organisation.id,
        status: "published",
        published_at: new Date(),
      })
      .execute();
    const slugs = (await handle.db.selectFrom("event").select("slug").where("status", "=", "published").execute()).map(
      (r) => r.slug,
    );
    expect(slugs.length).toBeGreaterThan(3);
    let files = 0;
    for (const lang of ["sq", "sr", "sr-cyrl", "en"]) {
      const bodies = [await fetchFeed(eventsFeed.loader as Loader, `/${lang}/events/feed.ics`, { lang })];
      for (const slug of slugs)
        bodies.push(await fetchFeed(eventIcs.loader as Loader, `/${lang}/events/${slug}/calendar.ics`, { lang, slug }));
      for (const response of bodies) {
        const bytes = new Uint8Array(await response.arrayBuffer());
        for (const line of icalendarPhysicalLines(bytes)) expect(line.length).toBeLessThanOrEqual(75);
        files++;
      }
    }
    expect(files).toBe(4 * (slugs.length + 1));
    const cyrillic = await (
      await fetchFeed(eventIcs.loader as Loader, "/sr-cyrl/events/long-lines-event/calendar.ics", {
        lang: "sr-cyrl",
        slug: "long-lines-event",
      })
    ).text();
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(cyrillic)).getFirstSubcomponent("vevent")!);
    expect(event.description).toBe("Први ред\nДруги ред\nТрећи ред");
    expect(event.summary).toBe("Обука о правима заједница и учешћу у доношењу одлука на нивоу општине Грачаница 🗓️");
  });
});

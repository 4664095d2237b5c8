import type { Db } from "#app/db/client.server.ts";
import { slugify } from "#app/db/reference-data.server.ts";
import type { ContentLocale, NewNewsItem, TranslatedText } from "#app/db/schema.ts";
import type { Random } from "../random.ts";
import { daysBefore, oneTableGenerator, type ReferenceData } from "./generator.ts";

type Lang = "sq" | "sr" | "en";
type Phrase = Record<Lang, string>;

/** Marks the rows this generator wrote, so that `clear` removes them and nothing else. */
export const SYNTHETIC_NEWS_NOTE = "Synthetic data (bench/generate.ts).";

const EVENTS: Phrase[] = [
  { en: "Roundtable on", sq: "Tryezë e rrumbullakët për", sr: "Okrugli sto o temi" },
  { en: "Informative session on", sq: "Sesion informues për", sr: "Informativna sesija o temi" },
  { en: "Workshop on", sq: "Punëtori për", sr: "Radionica o temi" },
  { en: "Equipment donated for", sq: "Donacion pajisjesh për", sr: "Donirana oprema za oblast" },
  { en: "Field visit on", sq: "Vizitë në terren për", sr: "Terenska poseta u vezi sa oblašću" },
  {
    en: "Call for project proposals in",
    sq: "Thirrje për propozime projektesh në fushën",
    sr: "Poziv za predloge projekata u oblasti",
  },
  { en: "Coordination meeting on", sq: "Takim koordinues për", sr: "Koordinacioni sastanak o temi" },
  { en: "Report published on", sq: "U publikua raporti për", sr: "Objavljen izveštaj o oblasti" },
];

/** Sentences with {m} municipality, {c} community, {s} sector, {n} a count, {y} a year, {a} an amount. */
const SENTENCES: Phrase[] = [
  {
    en: "The meeting was organised by the Office for Community Affairs together with the municipal office for communities and returns in {m}.",
    sq: "Takimi u organizua nga Zyra për Çështje të Komuniteteve së bashku me zyrën komunale për komunitete dhe kthim në {m}.",
    sr: "Sastanak je organizovala Kancelarija za pitanja zajednica zajedno sa opštinskom kancelarijom za zajednice i povratak u opštini {m}.",
  },
  {
    en: "Participants discussed access to {s} for members of the community ({c}).",
    sq: "Pjesëmarrësit diskutuan qasjen në fushën {s} për pjesëtarët e komunitetit ({c}).",
    sr: "Učesnici su razgovarali o pristupu oblasti {s} za pripadnike zajednice ({c}).",
  },
  {
    en: "{n} representatives of local institutions and civil society organisations took part.",
    sq: "Morën pjesë {n} përfaqësues të institucioneve lokale dhe organizatave të shoqërisë civile.",
    sr: "Učestvovalo je {n} predstavnika lokalnih institucija i organizacija civilnog društva.",
  },
  {
    en: "The municipality committed to report on progress by the end of the year.",
    sq: "Komuna u zotua të raportojë për përparimin deri në fund të vitit.",
    sr: "Opština se obavezala da do kraja godine izvesti o napretku.",
  },
  {
    en: "Particular attention was paid to young people and women from non-majority communities.",
    sq: "Vëmendje e veçantë iu kushtua të rinjve dhe grave nga komunitetet joshumicë.",
    sr: "Posebna pažnja posvećena je mladima i ženama iz nevećinskih zajednica.",
  },
  {
    en: "The activity is part of the local action plan for {y}.",
    sq: "Aktiviteti është pjesë e planit lokal të veprimit për vitin {y}.",
    sr: "Aktivnost je deo lokalnog akcionog plana za {y}. godinu.",
  },
  {
    en: "A total budget of €{a} has been allocated.",
    sq: "Është ndarë një buxhet i përgjithshëm prej {a} €.",
    sr: "Izdvojen je ukupan budžet od {a} €.",
  },
  {
    en: "The recommendations of the meeting will be sent to the relevant ministries.",
    sq: "Rekomandimet e takimit do t'u dërgohen ministrive përkatëse.",
    sr: "Preporuke sa sastanka biće prosleđene nadležnim ministarstvima.",
  },
  {
    en: "Further sessions are planned in neighbouring municipalities.",
    sq: "Sesione të tjera janë planifikuar në komunat fqinje.",
    sr: "Dalje sesije planirane su u susednim opštinama.",
  },
  {
    en: "The Office thanked its partners for their continued support.",
    sq: "Zyra falënderoi partnerët për mbështetjen e vazhdueshme.",
    sr: "Kancelarija je zahvalila partnerima na kontinuiranoj podršci.",
  },
  {
    en: "Civil registration, documents and access to social assistance were raised by several participants.",
    sq: "Regjistrimi civil, dokumentet dhe qasja në ndihmë sociale u ngritën nga disa pjesëmarrës.",
    sr: "Nekoliko učesnika pokrenulo je pitanja civilne registracije, dokumenata i pristupa socijalnoj pomoći.",
  },
  {
    en: "The next monitoring report on the strategy is due in {y}.",
    sq: "Raporti i ardhshëm i monitorimit të strategjisë pritet në vitin {y}.",
    sr: "Sledeći izveštaj o praćenju strategije očekuje se {y}. godine.",
  },
  {
    en: "Representatives of the {c} community in {m} presented the needs they had identified over the past year.",
    sq: "Përfaqësuesit e komunitetit ({c}) në {m} paraqitën nevojat e identifikuara gjatë vitit të kaluar.",
    sr: "Predstavnici zajednice ({c}) u opštini {m} predstavili su potrebe utvrđene tokom prethodne godine.",
  },
  {
    en: "Scholarships, vocational training and employment measures were named as priorities.",
    sq: "Bursat, aftësimi profesional dhe masat e punësimit u përmendën si përparësi.",
    sr: "Stipendije, stručna obuka i mere zapošljavanja navedene su kao prioriteti.",
  },
  {
    en: "The mayor's office confirmed that the municipal budget for {y} includes a dedicated line for this work.",
    sq: "Zyra e kryetarit konfirmoi se buxheti komunal për vitin {y} përfshin një linjë të veçantë për këtë punë.",
    sr: "Kabinet predsednika opštine potvrdio je da opštinski budžet za {y}. godinu sadrži posebnu stavku za ovaj rad.",
  },
  {
    en: "Donors present at the meeting agreed to share information on their projects through the platform.",
    sq: "Donatorët e pranishëm në takim ranë dakord të ndajnë informacion për projektet e tyre përmes platformës.",
    sr: "Donatori prisutni na sastanku složili su se da informacije o svojim projektima dele preko platforme.",
  },
  {
    en: "Interpretation into Albanian, Serbian and Romani was provided throughout.",
    sq: "Gjatë gjithë kohës u sigurua përkthim në shqip, serbisht dhe romanisht.",
    sr: "Tokom celog događaja obezbeđeno je prevođenje na albanski, srpski i romski jezik.",
  },
  {
    en: "Progress will be reviewed at the next meeting of the municipal committee.",
    sq: "Përparimi do të shqyrtohet në takimin e ardhshëm të komitetit komunal.",
    sr: "Napredak će biti razmotren na sledećem sastanku opštinskog komiteta.",
  },
];

const HEADINGS: Phrase[] = [
  { en: "Conclusions", sq: "Përfundimet", sr: "Zaključci" },
  { en: "Next steps", sq: "Hapat e ardhshëm", sr: "Sledeći koraci" },
  { en: "Background", sq: "Konteksti", sr: "Kontekst" },
];

interface ItemFacts {
  municipality: ReferenceData["municipalities"][number];
  community: ReferenceData["communities"][number];
  sector: ReferenceData["sectors"][number];
  event: Phrase;
  participants: number;
  year: number;
  amount: number;
}

function nameIn(text: TranslatedText, lang: Lang): string {
  return text[lang] ?? text.en ?? "";
}

function fill(template: string, facts: ItemFacts, lang: Lang): string {
  return template
    .replaceAll("{m}", lang === "sr" ? facts.municipality.nameSr : facts.municipality.nameSq)
    .replaceAll("{c}", nameIn(facts.community.name, lang))
    .replaceAll("{s}", nameIn(facts.sector.name, lang).toLowerCase())
    .replaceAll("{n}", String(facts.participants))
    .replaceAll("{y}", String(facts.year))
    .replaceAll("{a}", facts.amount.toLocaleString(lang === "en" ? "en-GB" : "de-DE"));
}

/** Title, summary and body of one item in the three languages, from the same facts and sentence choices. */
function writeItem(random: Random, facts: ItemFacts): Record<Lang, { title: string; summary: string; body: string }> {
  // Each sentence at most once per item: shuffle the pool and deal it out.
  const pool = [...SENTENCES];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  const paragraphs = Array.from({ length: random.int(3, 5) }, () => pool.splice(0, random.int(2, 3))).filter(
    (p) => p.length > 0,
  );
  const heading = random.chance(0.4) && pool.length >= 2 ? random.pick(HEADINGS) : null;
  const listItems = heading ? pool.splice(0, random.int(2, Math.min(4, pool.length))) : [];
  const out = {} as Record<Lang, { title: string; summary: string; body: string }>;
  for (const lang of ["sq", "sr", "en"] as const) {
    const municipality = lang === "sr" ? facts.municipality.nameSr : facts.municipality.nameSq;
    const title = `${municipality}: ${facts.event[lang]} ${nameIn(facts.sector.name, lang).toLowerCase()} (${nameIn(facts.community.name, lang)})`;
    const blocks = paragraphs.map((sentences) => sentences.map((s) => fill(s[lang], facts, lang)).join(" "));
    if (heading) blocks.push(`## ${heading[lang]}`, listItems.map((s) => `- ${fill(s[lang], facts, lang)}`).join("\n"));
    out[lang] = { title, summary: fill(paragraphs[0]![0]![lang], facts, lang), body: blocks.join("\n\n") };
  }
  return out;
}

/** Splits the three versions into a stored translatable text: the original, people's and machine translations. */
function translated(
  original: Lang,
  versions: Record<Lang, string>,
  plan: Record<Lang, "human" | "machine" | "none">,
): TranslatedText {
  const text: TranslatedText = { [original]: versions[original] };
  const machine: Partial<Record<ContentLocale, string>> = {};
  for (const lang of ["sq", "sr", "en"] as const) {
    if (lang === original) continue;
    if (plan[lang] === "human") text[lang] = versions[lang];
    else if (plan[lang] === "machine") machine[lang] = versions[lang];
  }
  if (Object.keys(machine).length > 0) text.machine = machine;
  return text;
}

/**
 * News items: `perScale` 500. Each in one original language (sq 55 %, en 25 %, sr 20 %), with the
 * other two translated by people (40 %), by machine (45 %) or missing (15 %), published over the
 * eight years before the anchor, weighted by municipality population.
 */
export const newsItemsGenerator = oneTableGenerator({
  table: "news_item",
  perScale: 500,
  rows({ random, reference, anchor }) {
    const municipalities = reference.municipalities.map((m) => [m, m.population] as const);
    const communities = reference.communities.map((c) => [c, Math.sqrt(c.population) + 50] as const);
    return (n: number): NewNewsItem => {
      const serial = n + 1;
      const published = daysBefore(anchor, random.next() * 8 * 365);
      published.setUTCHours(random.int(7, 16), random.int(0, 59), 0, 0);
      const facts: ItemFacts = {
        municipality: random.weighted(municipalities),
        community: random.weighted(communities),
        sector: random.pick(reference.sectors),
        event: random.pick(EVENTS),
        participants: random.int(8, 120),
        year: published.getUTCFullYear() + random.int(0, 1),
        amount: random.int(5, 400) * 1_000,
      };
      const versions = writeItem(random, facts);
      const original = random.weighted<Lang>([
        ["sq", 55],
        ["en", 25],
        ["sr", 20],
      ]);
      const plan = { sq: "none", sr: "none", en: "none" } as Record<Lang, "human" | "machine" | "none">;
      for (const lang of ["sq", "sr", "en"] as const)
        plan[lang] = random.weighted<"human" | "machine" | "none">([
          ["human", 40],
          ["machine", 45],
          ["none", 15],
        ]);
      const pick = (field: "title" | "summary" | "body") =>
        translated(original, { sq: versions.sq[field], sr: versions.sr[field], en: versions.en[field] }, plan);
      return {
        slug: `${slugify(versions[original].title).slice(0, 150).replace(/-+$/, "")}-${serial}`,
        title: pick("title"),
        summary: pick("summary"),
        body: pick("body"),
        original_locale: original,
        published_at: published,
        source_note: SYNTHETIC_NEWS_NOTE,
        is_demo: false,
      };
    };
  },
  insert: async (db, rows) =>
    (await db.insertInto("news_item").values(rows).returning("id").execute()).map((r) => r.id),
  async clear(db: Db) {
    await db.deleteFrom("news_item").where("source_note", "=", SYNTHETIC_NEWS_NOTE).execute();
  },
});

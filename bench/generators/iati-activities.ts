/**
 * A large IATI 2.03 activity file written the way a multilateral publisher writes its country file
 * (for `bench/iati-import.ts`, issue 14): one reporting organisation, many participating
 * organisations (registry organisations by name with or without the acronym in parentheses, new ones
 * with identifiers of several registration agencies, some without an identifier), titles and
 * descriptions in English, Albanian and Serbian, locations by combined official names, by settlement
 * name, by coordinates and by GeoNames id, DAC 5- and 3-digit sectors with percentages, yearly budgets,
 * commitments, disbursements and expenditures with receiver organisations, documents, and results
 * whose actuals break down by sex and community. Seeded: the same options give the same file.
 */
import type { Random } from "../random.ts";

/** What the file names from the platform's reference data. */
export interface IatiFileReference {
  municipalities: { nameSq: string; nameSr: string }[];
  settlements: { id: number; name: string; latitude: number; longitude: number }[];
  /** Registry organisations as a publisher would name them. */
  organisations: { name: string; acronym: string | null }[];
  /** DAC 5-digit purpose codes (the Sector codelist). */
  sectorCodes: string[];
}

export interface IatiFileOptions {
  activities: number;
  /** The size to reach (bytes): the objectives description of each activity is lengthened to reach it. */
  targetBytes: number;
}

const PUBLISHER = { ref: "XM-DAC-41114", type: "40", name: "United Nations Development Programme (UNDP)" };

const WORDS = (
  "support municipal offices communities returns inclusion education health employment housing documentation " +
  "civil registration social assistance vocational training teachers mediators schools learning centres " +
  "access services women youth children families returnees displaced persons local action plans monitoring " +
  "capacity coordination participation dialogue infrastructure water sanitation roads grants small business " +
  "agriculture cooperatives heritage language culture media awareness legal aid property rights"
).split(" ");
const WORDS_SQ = (
  "mbështetje zyrat komunale komunitetet kthimi përfshirja arsimi shëndetësia punësimi strehimi " +
  "dokumentimi regjistrimi civil ndihma sociale trajnimi profesional mësuesit ndërmjetësuesit shkollat"
).split(" ");
const WORDS_SR = (
  "podrška opštinske kancelarije zajednice povratak uključivanje obrazovanje zdravstvo zapošljavanje " +
  "stanovanje dokumentacija civilna registracija socijalna pomoć obuka nastavnici medijatori škole"
).split(" ");

const AGENCIES = ["XM-DAC-", "GB-COH-", "NL-KVK-", "XI-IATI-", "GB-CHC-", "DE-CR-", "US-EIN-"];
const NGO_WORDS = [
  "Roma",
  "Ashkali",
  "Egyptian",
  "Serb",
  "Bosniak",
  "Turkish",
  "Gorani",
  "Women",
  "Youth",
  "Returnee",
  "Rural",
  "Civic",
  "Education",
  "Health",
  "Rights",
  "Development",
  "Community",
  "Future",
  "Bridge",
  "Hope",
];
const NGO_FORMS = ["Association", "Foundation", "Network", "Initiative", "Centre", "Forum", "Alliance", "Council"];

function sentence(random: Random, words: readonly string[], length: number): string {
  const picked = Array.from({ length }, () => random.pick(words));
  const text = picked.join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function paragraph(random: Random, words: readonly string[], sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(random, words, random.int(8, 18))).join(" ");
}

function escape(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const iso = (year: number, month: number, day: number) =>
  `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;

interface Participant {
  ref: string | null;
  type: string;
  name: string;
}

/** The pool of organisations the activities name: registry ones by name, new ones with and without identifiers. */
function participants(random: Random, reference: IatiFileReference): Participant[] {
  const known = reference.organisations.slice(0, 30).map((o) => ({
    ref: null,
    type: random.pick(["10", "22", "40"]),
    name: o.acronym && random.chance(0.5) ? `${o.name} (${o.acronym})` : o.name,
  }));
  const fresh = Array.from({ length: 60 }, (_, i) => {
    const name = `${random.pick(NGO_WORDS)} ${random.pick(NGO_WORDS)} ${random.pick(NGO_FORMS)} ${i + 1}`;
    const agency = AGENCIES[i % AGENCIES.length]!;
    return {
      ref: i % 4 === 3 ? null : `${agency}${String(100000 + i * 7919).slice(0, 6)}`,
      type: random.pick(["21", "22", "23", "60", "70", "80"]),
      name,
    };
  });
  return [...known, ...fresh];
}

/** One activity as XML, with `padding` characters of objectives text. */
function activityXml(
  random: Random,
  reference: IatiFileReference,
  pool: Participant[],
  index: number,
  padding: number,
): string {
  const id = `${PUBLISHER.ref}-KOS-${String(index + 1).padStart(5, "0")}`;
  const startYear = random.int(2019, 2025);
  const years = random.int(2, 3);
  const endYear = startYear + years - 1;
  const out: string[] = [];
  const push = (line: string) => out.push(line);
  push(
    `  <iati-activity last-updated-datetime="2026-11-${String(random.int(1, 28)).padStart(2, "0")}T09:00:00Z" xml:lang="en" default-currency="EUR" humanitarian="0" hierarchy="1">`,
  );
  push(`    <iati-identifier>${id}</iati-identifier>`);
  push(
    `    <reporting-org ref="${PUBLISHER.ref}" type="${PUBLISHER.type}"><narrative>${PUBLISHER.name}</narrative></reporting-org>`,
  );
  const topic = sentence(random, WORDS, random.int(4, 7)).slice(0, -1);
  push(
    `    <title>\n      <narrative>${escape(topic)} ${index + 1}</narrative>\n      <narrative xml:lang="sq">${escape(sentence(random, WORDS_SQ, 5).slice(0, -1))} ${index + 1}</narrative>\n      <narrative xml:lang="sr">${escape(sentence(random, WORDS_SR, 5).slice(0, -1))} ${index + 1}</narrative>\n    </title>`,
  );
  push(
    `    <description type="1">\n      <narrative>${escape(paragraph(random, WORDS, 2))}</narrative>\n      <narrative xml:lang="sq">${escape(paragraph(random, WORDS_SQ, 1))}</narrative>\n      <narrative xml:lang="sr">${escape(paragraph(random, WORDS_SR, 1))}</narrative>\n    </description>`,
  );
  let objectives = "";
  const filler = random.fork("objectives"); // its own stream: the length asked for changes nothing else
  while (objectives.length < padding) objectives += `${sentence(filler, WORDS, filler.int(10, 20))} `;
  push(
    `    <description type="2"><narrative>${escape(objectives.slice(0, Math.max(padding, 1)).trim() || "Objectives.")}</narrative></description>`,
  );
  push(
    `    <participating-org ref="${PUBLISHER.ref}" type="${PUBLISHER.type}" role="1"><narrative>${PUBLISHER.name}</narrative></participating-org>`,
  );
  push(
    `    <participating-org ref="${PUBLISHER.ref}" type="${PUBLISHER.type}" role="3"><narrative>${PUBLISHER.name}</narrative></participating-org>`,
  );
  const partners = new Set<Participant>();
  const partnerCount = random.int(4, 8);
  while (partners.size < partnerCount) partners.add(random.pick(pool));
  for (const p of partners)
    push(
      `    <participating-org${p.ref ? ` ref="${p.ref}"` : ""} type="${p.type}" role="${random.pick(["2", "4", "4", "4"])}"><narrative>${escape(p.name)}</narrative></participating-org>`,
    );
  push(`    <activity-status code="${endYear < 2026 ? 3 : 2}"/>`);
  push(`    <activity-date type="1" iso-date="${iso(startYear, 1, 1)}"/>`);
  push(`    <activity-date type="2" iso-date="${iso(startYear, random.int(1, 3), random.int(1, 28))}"/>`);
  push(`    <activity-date type="3" iso-date="${iso(endYear, 12, 31)}"/>`);
  push(
    `    <contact-info type="1">\n      <organisation><narrative>${PUBLISHER.name}</narrative></organisation>\n      <person-name><narrative>Programme Officer ${index + 1}</narrative></person-name>\n      <telephone>+383 38 249 ${String(100 + (index % 900))}</telephone>\n      <email>programme.${index + 1}@example.org</email>\n    </contact-info>`,
  );
  push(`    <activity-scope code="4"/>`);
  push(`    <recipient-country code="XK" percentage="100"/>`);
  const locationCount = random.int(2, 5);
  for (let l = 0; l < locationCount; l++) {
    const kind = random.weighted([
      ["combined", 4],
      ["settlement", 2],
      ["point", 2],
      ["geonames", 1],
    ] as const);
    if (kind === "combined") {
      const m = random.pick(reference.municipalities);
      push(
        `    <location>\n      <name><narrative>${escape(m.nameSq === m.nameSr ? m.nameSq : `${m.nameSq} / ${m.nameSr}`)}</narrative></name>\n      <exactness code="2"/>\n      <location-class code="1"/>\n    </location>`,
      );
    } else {
      const s = random.pick(reference.settlements);
      if (kind === "settlement")
        push(
          `    <location>\n      <name><narrative>${escape(s.name)}</narrative></name>\n      <location-class code="2"/>\n    </location>`,
        );
      else if (kind === "point")
        push(
          `    <location>\n      <name><narrative>Community centre ${l + 1}</narrative></name>\n      <point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>${s.latitude.toFixed(5)} ${s.longitude.toFixed(5)}</pos></point>\n      <exactness code="1"/>\n      <location-class code="2"/>\n    </location>`,
        );
      else
        push(
          `    <location>\n      <location-id vocabulary="G1" code="${s.id}"/>\n      <name><narrative>${escape(s.name)}</narrative></name>\n      <administrative vocabulary="G1" level="2" code="${s.id}"/>\n    </location>`,
        );
    }
  }
  const sectorCount = random.int(1, 4);
  const shares = Array.from({ length: sectorCount }, () => random.int(1, 10));
  const sum = shares.reduce((a, b) => a + b, 0);
  let left = 100;
  const chosen = new Set<string>();
  while (chosen.size < sectorCount) chosen.add(random.pick(reference.sectorCodes));
  [...chosen].forEach((code, i) => {
    const share = i === sectorCount - 1 ? left : Math.floor((shares[i]! / sum) * 100);
    left -= share;
    push(
      random.chance(0.2)
        ? `    <sector vocabulary="2" code="${code.slice(0, 3)}" percentage="${share}"/>`
        : `    <sector vocabulary="1" code="${code}" percentage="${share}"/>`,
    );
  });
  push(`    <policy-marker vocabulary="1" code="1" significance="${random.int(0, 2)}"/>`);
  push(
    `    <collaboration-type code="2"/>\n    <default-flow-type code="10"/>\n    <default-finance-type code="110"/>\n    <default-aid-type code="C01"/>\n    <default-tied-status code="5"/>`,
  );
  for (let y = startYear; y <= endYear; y++) {
    push(
      `    <budget type="1" status="2">\n      <period-start iso-date="${iso(y, 1, 1)}"/>\n      <period-end iso-date="${iso(y, 12, 31)}"/>\n      <value currency="EUR" value-date="${iso(y, 1, 1)}">${random.int(50, 900) * 1000}</value>\n    </budget>`,
    );
  }
  const receivers = [...partners];
  const transactionCount = random.int(3, 8);
  for (let t = 0; t < transactionCount; t++) {
    const type = t === 0 ? "2" : random.pick(["3", "3", "4", "2"]);
    const year = random.int(startYear, Math.min(endYear, 2026));
    const receiver = random.pick(receivers);
    const amount = `${random.int(5, 400) * 1000}.${String(random.int(0, 99)).padStart(2, "0")}`;
    push(
      `    <transaction>\n      <transaction-type code="${type}"/>\n      <transaction-date iso-date="${iso(year, random.int(1, 12), random.int(1, 28))}"/>\n      <value currency="EUR" value-date="${iso(year, 1, 1)}">${amount}</value>\n      <receiver-org${receiver.ref ? ` ref="${receiver.ref}"` : ""} type="${receiver.type}"><narrative>${escape(receiver.name)}</narrative></receiver-org>\n    </transaction>`,
    );
  }
  push(
    `    <document-link format="application/pdf" url="https://open.example.org/documents/${id}/project-document.pdf">\n      <title><narrative>Project document</narrative></title>\n      <category code="A02"/>\n      <language code="en"/>\n    </document-link>`,
  );
  const resultCount = random.int(1, 3);
  for (let r = 0; r < resultCount; r++) {
    push(
      `    <result type="${r === 0 ? 2 : 1}" aggregation-status="0">\n      <title><narrative>${escape(sentence(random, WORDS, 7))}</narrative></title>`,
    );
    const indicatorCount = random.chance(0.7) ? 1 : 2;
    for (let i = 0; i < indicatorCount; i++) {
      const percent = random.chance(0.25);
      push(
        `      <indicator measure="${percent ? 2 : 1}" ascending="1">\n        <title><narrative>${escape(sentence(random, WORDS, 6))}</narrative></title>\n        <baseline year="${startYear - 1}" iso-date="${iso(startYear - 1, 12, 31)}" value="${random.int(0, percent ? 60 : 500)}"/>`,
      );
      for (let y = startYear; y <= Math.min(endYear, 2026); y++) {
        const female = random.int(10, percent ? 40 : 600);
        const male = random.int(10, percent ? 40 : 600);
        push(
          `        <period>\n          <period-start iso-date="${iso(y, 1, 1)}"/>\n          <period-end iso-date="${iso(y, 12, 31)}"/>\n          <target value="${random.int(percent ? 50 : 100, percent ? 90 : 1500)}"/>`,
        );
        if (percent) push(`          <actual value="${female}"/>`);
        else {
          push(`          <actual value="${female + male}"/>`);
          push(
            `          <actual value="${female}">\n            <dimension name="sex" value="female"/>\n          </actual>\n          <actual value="${male}">\n            <dimension name="sex" value="male"/>\n          </actual>`,
          );
          if (random.chance(0.4))
            push(
              `          <actual value="${Math.round(female / 2)}">\n            <dimension name="community" value="${random.pick(["Roma", "Ashkali", "Egyptian", "Serb", "Gorani"])}"/>\n            <dimension name="sex" value="female"/>\n          </actual>`,
            );
        }
        push(`        </period>`);
      }
      push(`      </indicator>`);
    }
    push(`    </result>`);
  }
  push(`  </iati-activity>`);
  return out.join("\n");
}

/**
 * The file: `options.activities` activities, each lengthened evenly so that the whole reaches
 * about `options.targetBytes` (the objectives text grows; everything else is the same as without it).
 */
export function generateIatiFile(random: Random, reference: IatiFileReference, options: IatiFileOptions): string {
  const header = `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="2026-12-01T06:00:00Z">\n`;
  const footer = `</iati-activities>\n`;
  const build = (padding: number) => {
    const fork = random.fork("iati-file");
    const pool = participants(fork.fork("organisations"), reference);
    return (
      header +
      Array.from({ length: options.activities }, (_, i) =>
        activityXml(fork.fork(`activity-${i}`), reference, pool, i, padding),
      ).join("\n") +
      "\n" +
      footer
    );
  };
  const bare = build(0);
  const bytes = Buffer.byteLength(bare, "utf8");
  if (bytes >= options.targetBytes) return bare;
  // Each activity's objectives are "Objectives." (11 characters) without padding: the padding replaces them.
  return build(Math.ceil((options.targetBytes - bytes) / options.activities) + "Objectives.".length + 1);
}

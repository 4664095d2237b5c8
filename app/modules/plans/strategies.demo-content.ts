import type { TranslatedText } from "#app/db/schema.ts";
import type { BudgetSource, IndicatorDirection, IndicatorUnit } from "#app/db/tables/strategies.ts";

/*
 * DEMO CONTENT — NOT OFFICIAL TEXT.
 *
 * What is taken from source document 001 (shared/seeds/001, "Sector Meetings organized by OGG"):
 * the strategy's name and period (Strategy and Action Plan for the inclusion of Roma and Ashkali
 * communities in Kosovo society 2017–2021), its owner (the Office for Good Governance), its four
 * sectors (education, employment and social welfare, health, housing), the six ministries that
 * provide data for its implementation report, and that each municipality has a local action plan
 * and a communal committee that collects data from the municipal directorates and reports.
 *
 * Everything below the strategy itself — objectives, measures, budgets, target communities,
 * supporting institutions, indicators, baselines and targets, and the three local action plans —
 * is INVENTED for demonstration. The real action plan's wording and figures are not in the source
 * documents. Every invented measure and plan is written with `is_demo = true` and the pages show
 * a "demo content" mark, so none of it is ever presented as the official text.
 */

/** The organisations of the directory (app/db/seed/organisations.ts) referred to by slug. */
export const OWNER_SLUG = "office-for-good-governance";
export const MINISTRY = {
  education: "ministry-of-education-science-and-technology",
  labour: "ministry-of-labour-and-social-welfare",
  health: "ministry-of-health",
  environment: "ministry-of-environment-and-spatial-planning",
  internal: "ministry-of-internal-affairs",
  localGovernment: "ministry-of-local-government-administration",
} as const;
export type InstitutionKey = keyof typeof MINISTRY | "owner";

export const DEMO_STRATEGY = {
  slug: "roma-ashkali-inclusion-2017-2021",
  title: {
    sq: "Strategjia dhe Plani i Veprimit për Përfshirjen e Komuniteteve Rom dhe Ashkali në Shoqërinë Kosovare 2017–2021",
    sr: "Strategija i akcioni plan za uključivanje zajednica Roma i Aškalija u kosovsko društvo 2017–2021",
    en: "Strategy and Action Plan for the Inclusion of Roma and Ashkali Communities in Kosovo Society 2017–2021",
  } satisfies TranslatedText,
  summary: {
    sq: "Strategjia mbulon katër sektorë: arsimin, punësimin dhe mirëqenien sociale, shëndetësinë dhe strehimin. Zyra për Qeverisje të Mirë në Zyrën e Kryeministrit koordinon zbatimin e saj përmes takimeve sektoriale me ministritë, pikat kontaktuese dhe shoqërinë civile. Të dhënat për raportin e zbatimit i japin gjashtë ministri. Secila komunë ka një plan lokal veprimi dhe një komitet komunal që mbledh të dhënat nga drejtoritë komunale dhe raporton.",
    sr: "Strategija obuhvata četiri sektora: obrazovanje, zapošljavanje i socijalnu zaštitu, zdravstvo i stanovanje. Kancelarija za dobro upravljanje u Kancelariji premijera koordinira njeno sprovođenje kroz sektorske sastanke sa ministarstvima, kontakt osobama i civilnim društvom. Podatke za izveštaj o sprovođenju daje šest ministarstava. Svaka opština ima lokalni akcioni plan i opštinski komitet koji prikuplja podatke od opštinskih direkcija i izveštava.",
    en: "The strategy covers four sectors: education, employment and social welfare, health, and housing. The Office for Good Governance in the Office of the Prime Minister coordinates its implementation through sector meetings with ministries, focal points and civil society. Six ministries provide the data for the implementation report. Each municipality has a local action plan and a communal committee that collects data from the municipal directorates and reports.",
  } satisfies TranslatedText,
  periodStartYear: 2017,
  periodEndYear: 2021,
};

export const NATIONAL_PLAN = {
  code: "RA-2017-2021",
  title: {
    sq: "Plani i Veprimit për Përfshirjen e Komuniteteve Rom dhe Ashkali 2017–2021",
    sr: "Akcioni plan za uključivanje zajednica Roma i Aškalija 2017–2021",
    en: "Action Plan for the Inclusion of Roma and Ashkali Communities 2017–2021",
  } satisfies TranslatedText,
};

export interface DemoIndicator {
  code: string;
  name: TranslatedText;
  unit: IndicatorUnit;
  direction: IndicatorDirection;
  baseline: { value: number; year: number } | null;
  byCommunity?: boolean;
  byGender?: boolean;
  targets: Record<number, number>;
}

export interface DemoMeasure {
  code: string;
  /** The measure's own sector when it is not its objective's (an objective spanning sectors, decision 045). */
  sector?: string;
  title: TranslatedText;
  description: TranslatedText;
  responsible: InstitutionKey;
  supporting: InstitutionKey[];
  start: string;
  end: string;
  communities: string[];
  /** Planned euro per year and source. */
  budget: { year: number; source: BudgetSource; amount: number }[];
  indicators: DemoIndicator[];
}

export interface DemoObjective {
  code: string;
  sector: string;
  title: TranslatedText;
  measures: DemoMeasure[];
}

const RA = ["roma", "ashkali"];
const YEARS = [2017, 2018, 2019, 2020, 2021];
const yearly = (source: BudgetSource, amounts: number[], years = YEARS) =>
  years.map((year, i) => ({ year, source, amount: amounts[i] ?? amounts[amounts.length - 1] ?? 0 }));
const targets = (values: number[], years = YEARS) => Object.fromEntries(years.map((year, i) => [year, values[i] ?? 0]));

/** The national plan's objectives and measures (invented demo content, see the note at the top). */
export const NATIONAL_OBJECTIVES: DemoObjective[] = [
  {
    code: "1.1",
    sector: "education",
    title: {
      sq: "Rritja e regjistrimit dhe e vijueshmërisë së fëmijëve romë dhe ashkali në arsimin parauniversitar",
      sr: "Povećanje upisa i pohađanja nastave dece Roma i Aškalija u preduniverzitetskom obrazovanju",
      en: "Increase enrolment and attendance of Roma and Ashkali children in pre-university education",
    },
    measures: [
      {
        code: "1.1.1",
        title: {
          sq: "Bursa për nxënësit romë dhe ashkali të shkollave të mesme",
          sr: "Stipendije za učenike srednjih škola iz zajednica Roma i Aškalija",
          en: "Scholarships for Roma and Ashkali secondary school students",
        },
        description: {
          sq: "Ministria shpall çdo vit bursa për nxënësit e shkollave të mesme nga komunitetet rom dhe ashkali, me kusht vijueshmërinë e rregullt.",
          sr: "Ministarstvo svake godine raspisuje stipendije za učenike srednjih škola iz zajednica Roma i Aškalija, uz uslov redovnog pohađanja nastave.",
          en: "Each year the ministry awards scholarships to secondary school students from the Roma and Ashkali communities, conditional on regular attendance.",
        },
        responsible: "education",
        supporting: ["localGovernment"],
        start: "2017-09-01",
        end: "2021-06-30",
        communities: RA,
        budget: [
          ...yearly("government", [60000, 65000, 70000, 70000, 75000]),
          ...yearly("donor", [40000, 40000, 30000], [2017, 2018, 2019]),
        ],
        indicators: [
          {
            code: "1.1.1-a",
            name: {
              sq: "Numri i nxënësve që marrin bursë",
              sr: "Broj učenika koji primaju stipendiju",
              en: "Number of students receiving a scholarship",
            },
            unit: "count",
            direction: "increase",
            baseline: { value: 300, year: 2016 },
            byCommunity: true,
            byGender: true,
            targets: targets([350, 400, 450, 500, 550]),
          },
          {
            code: "1.1.1-b",
            name: {
              sq: "Shkalla e braktisjes së shkollës së mesme",
              sr: "Stopa napuštanja srednje škole",
              en: "Secondary school drop-out rate",
            },
            unit: "percent",
            direction: "decrease",
            baseline: { value: 18, year: 2016 },
            byCommunity: true,
            targets: targets([17, 15, 13, 11, 10]),
          },
        ],
      },
      {
        code: "1.1.2",
        title: {
          sq: "Qendrat mësimore në lagjet rome dhe ashkali",
          sr: "Centri za učenje u romskim i aškalijskim naseljima",
          en: "Learning centres in Roma and Ashkali neighbourhoods",
        },
        description: {
          sq: "Mbështetje për qendrat mësimore që ofrojnë ndihmë në detyra shtëpie dhe përgatitje për shkollë, në bashkëpunim me komunat.",
          sr: "Podrška centrima za učenje koji pružaju pomoć u domaćim zadacima i pripremu za školu, u saradnji sa opštinama.",
          en: "Support for learning centres that offer homework help and school preparation, together with the municipalities.",
        },
        responsible: "education",
        supporting: ["localGovernment", "owner"],
        start: "2017-01-01",
        end: "2021-12-31",
        communities: RA,
        budget: [
          ...yearly("government", [30000, 30000, 35000, 35000, 35000]),
          ...yearly("donor", [50000, 50000, 50000, 40000, 40000]),
        ],
        indicators: [
          {
            code: "1.1.2-a",
            name: {
              sq: "Numri i fëmijëve që ndjekin qendrat mësimore",
              sr: "Broj dece koja pohađaju centre za učenje",
              en: "Number of children attending learning centres",
            },
            unit: "count",
            direction: "increase",
            baseline: { value: 1200, year: 2016 },
            byCommunity: true,
            byGender: true,
            targets: targets([1300, 1450, 1600, 1750, 1900]),
          },
        ],
      },
      {
        // The objective spans sectors: an education objective, one of whose measures is social welfare's.
        code: "1.1.3",
        sector: "employment_social_welfare",
        title: {
          sq: "Ndihmë sociale me kusht për familjet, fëmijët e të cilave ndjekin shkollën rregullisht",
          sr: "Uslovna socijalna pomoć za porodice čija deca redovno pohađaju školu",
          en: "Conditional social assistance for families whose children attend school regularly",
        },
        description: {
          sq: "Qendrat për punë sociale u paguajnë një shtesë familjeve rome dhe ashkali në skemën e ndihmës sociale për çdo fëmijë që ndjek rregullisht shkollën, sipas të dhënave të shkollave.",
          sr: "Centri za socijalni rad isplaćuju dodatak porodicama Roma i Aškalija u šemi socijalne pomoći za svako dete koje redovno pohađa školu, prema podacima škola.",
          en: "Centres for social work pay Roma and Ashkali families in the social assistance scheme a supplement for each child who attends school regularly, according to the schools' records.",
        },
        responsible: "labour",
        supporting: ["education", "localGovernment"],
        start: "2018-01-01",
        end: "2021-12-31",
        communities: RA,
        budget: yearly("government", [25000, 30000, 30000, 30000], [2018, 2019, 2020, 2021]),
        indicators: [
          {
            code: "1.1.3-a",
            name: {
              sq: "Numri i fëmijëve për të cilët paguhet shtesa",
              sr: "Broj dece za koju se isplaćuje dodatak",
              en: "Number of children for whom the supplement is paid",
            },
            unit: "count",
            direction: "increase",
            baseline: null,
            byCommunity: true,
            targets: targets([250, 350, 450, 550], [2018, 2019, 2020, 2021]),
          },
        ],
      },
    ],
  },
  {
    code: "2.1",
    sector: "employment_social_welfare",
    title: {
      sq: "Rritja e punësimit dhe e qasjes në skemat sociale për romët dhe ashkalitë",
      sr: "Povećanje zaposlenosti i pristupa socijalnim šemama za Rome i Aškalije",
      en: "Increase employment and access to social schemes for Roma and Ashkali",
    },
    measures: [
      {
        code: "2.1.1",
        title: {
          sq: "Kurse të aftësimit profesional për të papunët romë dhe ashkali",
          sr: "Kursevi stručnog osposobljavanja za nezaposlene Rome i Aškalije",
          en: "Vocational training courses for unemployed Roma and Ashkali",
        },
        description: {
          sq: "Qendrat e aftësimit profesional rezervojnë vende për kandidatët nga komunitetet rom dhe ashkali dhe i ndjekin pas përfundimit të kursit.",
          sr: "Centri za stručno osposobljavanje rezervišu mesta za kandidate iz zajednica Roma i Aškalija i prate ih nakon završetka kursa.",
          en: "Vocational training centres reserve places for candidates from the Roma and Ashkali communities and follow them up after the course.",
        },
        responsible: "labour",
        supporting: [],
        start: "2017-03-01",
        end: "2021-12-31",
        communities: RA,
        budget: yearly("government", [45000, 45000, 50000, 50000, 50000]),
        indicators: [
          {
            code: "2.1.1-a",
            name: {
              sq: "Numri i personave që përfundojnë kursin",
              sr: "Broj osoba koje završe kurs",
              en: "Number of people completing a course",
            },
            unit: "count",
            direction: "increase",
            baseline: { value: 150, year: 2016 },
            byCommunity: true,
            byGender: true,
            targets: targets([180, 210, 240, 270, 300]),
          },
          {
            code: "2.1.1-b",
            name: {
              sq: "Përqindja e të punësuarve gjashtë muaj pas kursit",
              sr: "Procenat zaposlenih šest meseci nakon kursa",
              en: "Share employed six months after the course",
            },
            unit: "percent",
            direction: "increase",
            baseline: { value: 12, year: 2016 },
            targets: targets([14, 17, 20, 23, 25]),
          },
        ],
      },
      {
        code: "2.1.2",
        title: {
          sq: "Regjistrimi civil dhe dokumentet personale për qasje në ndihmën sociale",
          sr: "Civilna registracija i lična dokumenta za pristup socijalnoj pomoći",
          en: "Civil registration and personal documents for access to social assistance",
        },
        description: {
          sq: "Fushata regjistrimi dhe pajisje me dokumente pa pagesë për personat e paregjistruar, që të mund të aplikojnë për ndihmë sociale.",
          sr: "Kampanje registracije i besplatno izdavanje dokumenata neregistrovanim osobama, kako bi mogle da se prijave za socijalnu pomoć.",
          en: "Registration campaigns and free documents for unregistered people, so they can apply for social assistance.",
        },
        responsible: "internal",
        supporting: ["labour", "localGovernment"],
        start: "2017-01-01",
        end: "2019-12-31",
        communities: RA,
        budget: yearly("government", [20000, 20000, 15000], [2017, 2018, 2019]),
        indicators: [
          {
            code: "2.1.2-a",
            name: {
              sq: "Numri i personave të regjistruar rishtazi",
              sr: "Broj novoregistrovanih osoba",
              en: "Number of people newly registered",
            },
            unit: "count",
            direction: "increase",
            baseline: null,
            byCommunity: true,
            targets: targets([400, 400, 300], [2017, 2018, 2019]),
          },
        ],
      },
    ],
  },
  {
    code: "2.2",
    sector: "employment_social_welfare",
    title: {
      sq: "Forcimi i zbatimit dhe i raportimit në nivel lokal",
      sr: "Jačanje sprovođenja i izveštavanja na lokalnom nivou",
      en: "Strengthen local implementation and reporting",
    },
    measures: [
      {
        code: "2.2.1",
        title: {
          sq: "Mbështetje për komitetet komunale në mbledhjen e të dhënave dhe raportim",
          sr: "Podrška opštinskim komitetima u prikupljanju podataka i izveštavanju",
          en: "Support for the communal committees in collecting data and reporting",
        },
        description: {
          sq: "Trajnime dhe udhëzime për komitetet komunale që mbledhin të dhënat nga drejtoritë komunale për planet lokale të veprimit.",
          sr: "Obuke i uputstva za opštinske komitete koji prikupljaju podatke od opštinskih direkcija za lokalne akcione planove.",
          en: "Training and guidance for the communal committees that collect data from the municipal directorates for the local action plans.",
        },
        responsible: "localGovernment",
        supporting: ["owner"],
        start: "2017-06-01",
        end: "2021-12-31",
        communities: RA,
        budget: yearly("government", [10000, 10000, 10000, 10000, 10000]),
        indicators: [
          {
            code: "2.2.1-a",
            name: {
              sq: "Numri i komunave që raportojnë në kohë",
              sr: "Broj opština koje izveštavaju na vreme",
              en: "Number of municipalities reporting on time",
            },
            unit: "count",
            direction: "increase",
            baseline: { value: 10, year: 2016 },
            targets: targets([14, 18, 22, 26, 30]),
          },
        ],
      },
    ],
  },
  {
    code: "3.1",
    sector: "health",
    title: {
      sq: "Përmirësimi i qasjes së romëve dhe ashkalive në kujdesin shëndetësor",
      sr: "Poboljšanje pristupa Roma i Aškalija zdravstvenoj zaštiti",
      en: "Improve access of Roma and Ashkali to health care",
    },
    measures: [
      {
        code: "3.1.1",
        title: {
          sq: "Fushata vaksinimi në lagjet rome dhe ashkali",
          sr: "Kampanje vakcinacije u romskim i aškalijskim naseljima",
          en: "Vaccination campaigns in Roma and Ashkali neighbourhoods",
        },
        description: {
          sq: "Ekipe të mjekësisë familjare vizitojnë lagjet dhe vaksinojnë fëmijët që kanë humbur vaksinat e kalendarit.",
          sr: "Timovi porodične medicine obilaze naselja i vakcinišu decu koja su propustila vakcine iz kalendara.",
          en: "Family medicine teams visit the neighbourhoods and vaccinate children who missed scheduled vaccines.",
        },
        responsible: "health",
        supporting: ["localGovernment"],
        start: "2017-01-01",
        end: "2021-12-31",
        communities: RA,
        budget: [
          ...yearly("government", [25000, 25000, 25000, 30000, 30000]),
          ...yearly("donor", [15000, 15000], [2020, 2021]),
        ],
        indicators: [
          {
            code: "3.1.1-a",
            name: {
              sq: "Mbulimi i fëmijëve me vaksinat e kalendarit",
              sr: "Obuhvat dece vakcinama iz kalendara",
              en: "Children covered by scheduled vaccines",
            },
            unit: "percent",
            direction: "increase",
            baseline: { value: 72, year: 2016 },
            byCommunity: true,
            targets: targets([75, 80, 85, 90, 95]),
          },
        ],
      },
      {
        code: "3.1.2",
        title: {
          sq: "Ndërmjetës shëndetësorë në qendrat e mjekësisë familjare",
          sr: "Zdravstveni medijatori u centrima porodične medicine",
          en: "Health mediators in family medicine centres",
        },
        description: {
          sq: "Punësimi i ndërmjetësve shëndetësorë nga komunitetet rom dhe ashkali që i ndihmojnë familjet të përdorin shërbimet shëndetësore.",
          sr: "Zapošljavanje zdravstvenih medijatora iz zajednica Roma i Aškalija koji pomažu porodicama da koriste zdravstvene usluge.",
          en: "Employing health mediators from the Roma and Ashkali communities who help families use health services.",
        },
        responsible: "health",
        supporting: [],
        start: "2018-01-01",
        end: "2021-12-31",
        communities: RA,
        budget: yearly("government", [36000, 36000, 48000, 48000], [2018, 2019, 2020, 2021]),
        indicators: [
          {
            code: "3.1.2-a",
            name: {
              sq: "Numri i ndërmjetësve shëndetësorë të punësuar",
              sr: "Broj zaposlenih zdravstvenih medijatora",
              en: "Number of health mediators employed",
            },
            unit: "count",
            direction: "increase",
            baseline: { value: 0, year: 2017 },
            byGender: true,
            targets: targets([6, 6, 8, 8], [2018, 2019, 2020, 2021]),
          },
        ],
      },
    ],
  },
  {
    code: "4.1",
    sector: "housing",
    title: {
      sq: "Përmirësimi i kushteve të banimit dhe legalizimi i vendbanimeve joformale",
      sr: "Poboljšanje uslova stanovanja i legalizacija neformalnih naselja",
      en: "Improve housing conditions and legalise informal settlements",
    },
    measures: [
      {
        code: "4.1.1",
        title: {
          sq: "Legalizimi i vendbanimeve joformale",
          sr: "Legalizacija neformalnih naselja",
          en: "Legalisation of informal settlements",
        },
        description: {
          sq: "Hartimi i planeve rregulluese dhe legalizimi i pronës për familjet që jetojnë në vendbanime joformale.",
          sr: "Izrada regulacionih planova i legalizacija imovine porodica koje žive u neformalnim naseljima.",
          en: "Drawing up regulatory plans and legalising the property of families living in informal settlements.",
        },
        responsible: "environment",
        supporting: ["localGovernment"],
        start: "2017-01-01",
        end: "2021-12-31",
        communities: RA,
        budget: [
          ...yearly("government", [40000, 40000, 40000, 40000, 40000]),
          ...yearly("donor", [60000, 60000, 60000], [2018, 2019, 2020]),
        ],
        indicators: [
          {
            code: "4.1.1-a",
            name: {
              sq: "Numri i familjeve me pronë të legalizuar",
              sr: "Broj porodica sa legalizovanom imovinom",
              en: "Number of households with legalised property",
            },
            unit: "count",
            direction: "increase",
            baseline: { value: 0, year: 2016 },
            byCommunity: true,
            targets: targets([50, 120, 200, 280, 350]),
          },
        ],
      },
      {
        code: "4.1.2",
        title: {
          sq: "Ndërtimi dhe rindërtimi i banesave sociale",
          sr: "Izgradnja i obnova socijalnih stanova",
          en: "Construction and reconstruction of social housing",
        },
        description: {
          sq: "Banesa sociale dhe rindërtimi i shtëpive për familjet në nevojë, në bashkëpunim me komunat dhe donatorët.",
          sr: "Socijalni stanovi i obnova kuća za porodice u potrebi, u saradnji sa opštinama i donatorima.",
          en: "Social housing and rebuilt homes for families in need, together with the municipalities and donors.",
        },
        responsible: "environment",
        supporting: ["localGovernment", "labour"],
        start: "2018-01-01",
        end: "2021-12-31",
        communities: RA,
        budget: [
          ...yearly("government", [150000, 150000, 200000, 200000], [2018, 2019, 2020, 2021]),
          ...yearly("donor", [250000, 250000, 250000, 250000], [2018, 2019, 2020, 2021]),
        ],
        indicators: [
          {
            code: "4.1.2-a",
            name: {
              sq: "Numri i njësive të banimit të ndërtuara ose rindërtuara",
              sr: "Broj izgrađenih ili obnovljenih stambenih jedinica",
              en: "Number of housing units built or rebuilt",
            },
            unit: "count",
            direction: "increase",
            baseline: { value: 0, year: 2017 },
            byCommunity: true,
            targets: targets([20, 45, 75, 100], [2018, 2019, 2020, 2021]),
          },
        ],
      },
    ],
  },
];

/** One local measure: which national measure (by code) it implements. */
export interface DemoLocalMeasure extends Omit<DemoMeasure, "responsible" | "supporting"> {
  implements: string;
}

export interface DemoLocalPlan {
  kasCode: string;
  code: string;
  title: TranslatedText;
  objectives: { code: string; sector: string; title: TranslatedText; measures: DemoLocalMeasure[] }[];
}

/** The three municipal plans' measures follow the same pattern; the figures differ by municipality. */
function localPlan(
  kasCode: string,
  prefix: string,
  name: { sq: string; sr: string; en: string },
  scale: number,
): DemoLocalPlan {
  const r = (n: number) => Math.round(n * scale);
  return {
    kasCode,
    code: `RA-2017-2021-${prefix}`,
    title: {
      sq: `Plani Lokal i Veprimit për Përfshirjen e Komuniteteve Rom dhe Ashkali – ${name.sq} 2017–2021`,
      sr: `Lokalni akcioni plan za uključivanje zajednica Roma i Aškalija – ${name.sr} 2017–2021`,
      en: `Local Action Plan for the Inclusion of Roma and Ashkali Communities – ${name.en} 2017–2021`,
    },
    objectives: [
      {
        code: "L1",
        sector: "education",
        title: {
          sq: "Fëmijët romë dhe ashkali mbështeten në mësim",
          sr: "Deca Roma i Aškalija dobijaju podršku u učenju",
          en: "Roma and Ashkali children are supported in their learning",
        },
        measures: [
          {
            code: `${prefix}-1.1`,
            implements: "1.1.2",
            title: {
              sq: "Qendër mësimore komunale",
              sr: "Opštinski centar za učenje",
              en: "Municipal learning centre",
            },
            description: {
              sq: "Komuna siguron hapësirën dhe transportin për qendrën mësimore dhe bashkëfinancon mësimdhënësit.",
              sr: "Opština obezbeđuje prostor i prevoz za centar za učenje i sufinansira nastavnike.",
              en: "The municipality provides the premises and transport for the learning centre and co-funds the teachers.",
            },
            start: "2017-09-01",
            end: "2021-06-30",
            communities: RA,
            budget: yearly("municipality", [r(8000), r(8000), r(9000), r(9000), r(10000)]),
            indicators: [
              {
                code: `${prefix}-1.1-a`,
                name: {
                  sq: "Fëmijë që ndjekin qendrën mësimore",
                  sr: "Deca koja pohađaju centar za učenje",
                  en: "Children attending the learning centre",
                },
                unit: "count",
                direction: "increase",
                baseline: { value: r(80), year: 2016 },
                byCommunity: true,
                byGender: true,
                targets: targets([r(90), r(100), r(110), r(120), r(130)]),
              },
            ],
          },
        ],
      },
      {
        code: "L2",
        sector: "employment_social_welfare",
        title: {
          sq: "Më shumë romë dhe ashkali me dokumente dhe punë",
          sr: "Više Roma i Aškalija sa dokumentima i poslom",
          en: "More Roma and Ashkali with documents and work",
        },
        measures: [
          {
            code: `${prefix}-2.1`,
            implements: "2.1.2",
            title: {
              sq: "Ditë regjistrimi në lagje",
              sr: "Dani registracije u naseljima",
              en: "Registration days in the neighbourhoods",
            },
            description: {
              sq: "Zyra e gjendjes civile dhe Zyra për Komunitete dhe Kthim organizojnë ditë regjistrimi në lagjet rome dhe ashkali.",
              sr: "Matična služba i Kancelarija za zajednice i povratak organizuju dane registracije u romskim i aškalijskim naseljima.",
              en: "The civil registry and the Office for Communities and Returns hold registration days in the Roma and Ashkali neighbourhoods.",
            },
            start: "2017-01-01",
            end: "2019-12-31",
            communities: RA,
            budget: yearly("municipality", [r(3000), r(3000), r(2000)], [2017, 2018, 2019]),
            indicators: [
              {
                code: `${prefix}-2.1-a`,
                name: {
                  sq: "Persona të regjistruar gjatë ditëve të regjistrimit",
                  sr: "Osobe registrovane tokom dana registracije",
                  en: "People registered during registration days",
                },
                unit: "count",
                direction: "increase",
                baseline: null,
                byCommunity: true,
                targets: targets([r(40), r(40), r(30)], [2017, 2018, 2019]),
              },
            ],
          },
        ],
      },
      {
        code: "L3",
        sector: "housing",
        title: {
          sq: "Vendbanime të legalizuara dhe banesa më të mira",
          sr: "Legalizovana naselja i bolji stanovi",
          en: "Legalised settlements and better homes",
        },
        measures: [
          {
            code: `${prefix}-3.1`,
            implements: "4.1.1",
            title: {
              sq: "Plani rregullues për vendbanimin joformal",
              sr: "Regulacioni plan za neformalno naselje",
              en: "Regulatory plan for the informal settlement",
            },
            description: {
              sq: "Komuna harton planin rregullues dhe i ndihmon familjet në procedurën e legalizimit.",
              sr: "Opština izrađuje regulacioni plan i pomaže porodicama u postupku legalizacije.",
              en: "The municipality draws up the regulatory plan and helps families through the legalisation procedure.",
            },
            start: "2018-01-01",
            end: "2021-12-31",
            communities: RA,
            budget: [
              ...yearly("municipality", [r(15000), r(10000), r(10000), r(5000)], [2018, 2019, 2020, 2021]),
              ...yearly("donor", [r(20000)], [2019]),
            ],
            indicators: [
              {
                code: `${prefix}-3.1-a`,
                name: {
                  sq: "Familje me pronë të legalizuar",
                  sr: "Porodice sa legalizovanom imovinom",
                  en: "Households with legalised property",
                },
                unit: "count",
                direction: "increase",
                baseline: { value: 0, year: 2017 },
                targets: targets([r(5), r(15), r(25), r(35)], [2018, 2019, 2020, 2021]),
              },
            ],
          },
        ],
      },
    ],
  };
}

/** Local plans of Prizren (20), Gjakovë (02) and Fushë Kosovë (09). Invented demo content. */
export const LOCAL_PLANS: DemoLocalPlan[] = [
  localPlan("20", "PZ", { sq: "Prizren", sr: "Prizren", en: "Prizren" }, 1.5),
  localPlan("02", "GJ", { sq: "Gjakovë", sr: "Đakovica", en: "Gjakovë" }, 1.2),
  localPlan("09", "FK", { sq: "Fushë Kosovë", sr: "Kosovo Polje", en: "Fushë Kosovë" }, 1),
];

import type { Locale } from "#app/i18n/locales.ts";
import type { Actor } from "#app/services/authorization.ts";
import { languageFieldValues } from "#app/services/language-field-values.ts";
import type { ProjectFormOptions, ProjectFormValues } from "./components/project-form.tsx";
import { projectOrganisationsOf } from "./projects.policy.ts";
import type { ProjectInput } from "./projects.schema.ts";
import { namesFor, textOf, type Choices } from "./projects.view.server.ts";

/** The options of the project form for this actor (owners: the organisations they act for). */
export function projectFormOptions(
  choices: Choices,
  actor: Actor,
  locale: Locale,
  ownerId?: number,
): ProjectFormOptions {
  const names = namesFor(choices, locale);
  const owners = ownerId !== undefined ? [ownerId] : projectOrganisationsOf(actor);
  const plans = new Map<string, { value: string; label: string }[]>();
  for (const m of choices.measures) {
    const plan = `${m.planCode} — ${textOf(m.planTitle, locale).text}`;
    plans.set(plan, [
      ...(plans.get(plan) ?? []),
      { value: String(m.id), label: `${m.code} ${textOf(m.title, locale).text}` },
    ]);
  }
  return {
    owners: owners.map((id) => ({ value: String(id), label: names.organisation(id) })),
    organisations: names.sortedOptions(
      choices.organisations.map((o) => ({
        value: String(o.id),
        label: names.organisation(o.id) + (o.acronym ? ` (${o.acronym})` : ""),
      })),
    ),
    sectors: choices.sectors.map((s) => ({ value: s.code, label: names.sector(s.code) })),
    communities: choices.communities.map((c) => ({ value: c.code, label: names.community(c.code) })),
    municipalities: names.sortedOptions(
      choices.municipalities.map((m) => ({ value: m.kasCode, label: names.municipality(m.kasCode) })),
    ),
    measures: [...plans.entries()].map(([plan, options]) => ({ plan, options })),
  };
}

/** A stored project as the form's values (the same names the form posts). */
export function formValuesOf(input: ProjectInput): ProjectFormValues {
  const values: ProjectFormValues = {
    ownerOrganisationId: String(input.ownerOrganisationId),
    ...languageFieldValues("title", input.title),
    ...languageFieldValues("description", input.description),
    originalLocale: input.originalLocale,
    iatiIdentifier: input.iatiIdentifier ?? "",
    activityStatus: input.activityStatus,
    plannedStart: input.plannedStart,
    plannedEnd: input.plannedEnd,
    actualStart: input.actualStart ?? "",
    actualEnd: input.actualEnd ?? "",
    budget: input.budget === null ? "" : String(input.budget),
    currency: input.currency,
    sectors: input.sectors,
    communities: input.communities,
    measures: input.measureIds.map(String),
    municipalities: input.municipalities.map((m) => m.kasCode),
  };
  for (const m of input.municipalities)
    if (m.budgetShare !== null) values[`share_${m.kasCode}`] = String(m.budgetShare);
  input.organisations.forEach((o, i) => {
    values[`org_${i}_id`] = String(o.organisationId);
    values[`org_${i}_role`] = o.role;
  });
  const years = [...new Set(input.finance.map((f) => f.year))].sort();
  years.forEach((year, i) => {
    values[`fin_${i}_year`] = String(year);
    const c = input.finance.find((f) => f.year === year && f.kind === "commitment");
    const d = input.finance.find((f) => f.year === year && f.kind === "disbursement");
    if (c) values[`fin_${i}_commitment`] = String(c.amount);
    if (d) values[`fin_${i}_disbursement`] = String(d.amount);
  });
  input.contacts.forEach((c, i) => {
    values[`contact_${i}_name`] = c.name;
    values[`contact_${i}_organisation`] = c.organisationName ?? "";
    values[`contact_${i}_email`] = c.email ?? "";
    values[`contact_${i}_phone`] = c.phone ?? "";
  });
  input.documents.forEach((d, i) => {
    values[`doc_${i}_title`] = d.title;
    values[`doc_${i}_url`] = d.url;
    values[`doc_${i}_kind`] = d.kind;
  });
  return values;
}

/** The submitted values to show again after an error (lists kept as lists). */
export function submittedValues(raw: Record<string, string | string[] | undefined>): ProjectFormValues {
  const out: ProjectFormValues = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === "_csrf" || value === undefined) continue;
    out[key] = Array.isArray(value) ? value.map((v) => v.slice(0, 10_000)) : value.slice(0, 10_000);
  }
  return out;
}

import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { Button } from "#app/components/button.tsx";
import { FormFields, SelectField, TextField } from "#app/components/form-fields.tsx";

interface Option {
  value: string;
  label: string;
  /** The label's language when it is not the page's (a donor's name shown in its only language): an option can carry its own `lang`. */
  lang?: string;
}

/** The filter form's options and current values, labelled for the reader. */
export interface FilterOptions {
  values: Record<string, string>;
  sectors: Option[];
  municipalities: Option[];
  communities: Option[];
  donors: Option[];
  statuses: Option[];
}

/** The class of the filters' `<form>`. */
export const FILTERS_FORM_CLASS =
  "mb-8 flex flex-col gap-x-4 rounded-lg border border-slate-200 bg-slate-50 p-4 sm:flex-row sm:flex-wrap sm:items-end";

/** The filters of the project list and the 3W view: a plain GET form. */
export function ProjectFilters({ options }: { options: FilterOptions }) {
  return (
    <Form method="get" key={JSON.stringify(options.values)} className={FILTERS_FORM_CLASS}>
      <ProjectFilterFields options={options} />
    </Form>
  );
}

/**
 * The fields and button of the filters' form, without the form: no router needed, so the 3W page
 * renders them once per content and places them in its own `<Form>` (decision 064).
 */
export function ProjectFilterFields({ options }: { options: FilterOptions }) {
  const { t } = useTranslation("projects");
  const select = (name: "sector" | "municipality" | "community" | "donor" | "status", list: Option[]) => (
    <div className="sm:w-56">
      <SelectField id={`filter-${name}`} name={name} label={t(`filters.${name}`)}>
        <option value="">{t("filters.any")}</option>
        {list.map((o) => (
          <option key={o.value} value={o.value} lang={o.lang}>
            {o.label}
          </option>
        ))}
      </SelectField>
    </div>
  );
  return (
    <FormFields values={options.values} errors={{}}>
      {select("sector", options.sectors)}
      {select("municipality", options.municipalities)}
      {select("community", options.communities)}
      {select("donor", options.donors)}
      {select("status", options.statuses)}
      <div className="sm:w-32">
        <TextField id="filter-year" name="year" label={t("filters.year")} inputMode="numeric" pattern="[0-9]{4}" />
      </div>
      <Button className="mb-5 self-start sm:self-end">{t("filters.submit")}</Button>
    </FormFields>
  );
}

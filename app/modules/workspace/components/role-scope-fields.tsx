import { useTranslation } from "react-i18next";
import { OptionList } from "#app/components/form.tsx";
import { SelectField } from "#app/components/form-fields.tsx";
import { ROLES } from "#app/services/authorization.ts";

type Option = { value: string | number; label: string };

/**
 * The role, organisation and municipality fields of a role grant, shared by the invitation form
 * and the "add a role" form on a user's page; their values and errors come from the form's `FormFields`.
 */
export function RoleScopeFields({
  organisations,
  municipalities,
}: {
  organisations: Option[];
  municipalities: Option[];
}) {
  const { t } = useTranslation("workspace");
  const { t: ti } = useTranslation("identity");
  const choices = (options: Option[]) => options.map((o) => ({ value: String(o.value), label: o.label }));
  return (
    <>
      <SelectField name="role" label={t("invite.role")} hint={t("invite.roleHint")}>
        <option value="">{t("invite.chooseRole")}</option>
        <OptionList options={ROLES.map((role) => ({ value: role, label: ti(`roles.${role}`) }))} />
      </SelectField>
      <SelectField name="organisationId" label={t("invite.organisation")} hint={t("invite.organisationHint")} optional>
        <option value="">{t("invite.noOrganisation")}</option>
        <OptionList options={choices(organisations)} />
      </SelectField>
      <SelectField name="kasCode" label={t("invite.municipality")} hint={t("invite.municipalityHint")} optional>
        <option value="">{t("invite.noMunicipality")}</option>
        <OptionList options={choices(municipalities)} />
      </SelectField>
    </>
  );
}

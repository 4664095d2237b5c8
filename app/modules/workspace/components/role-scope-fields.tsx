import { useTranslation } from "react-i18next";
import { Field, Select } from "#app/components/form.tsx";
import { ROLES } from "#app/services/authorization.ts";

type Option = { value: string | number; label: string };

/**
 * The role, organisation and municipality fields of a role grant, shared by the invitation form
 * and the "add a role" form on a user's page.
 */
export function RoleScopeFields({
  values,
  errors,
  organisations,
  municipalities,
}: {
  values: Record<string, string | undefined>;
  errors: Record<string, string | undefined>;
  organisations: Option[];
  municipalities: Option[];
}) {
  const { t } = useTranslation("workspace");
  const { t: ti } = useTranslation("identity");
  return (
    <>
      <Field id="role" label={t("invite.role")} hint={t("invite.roleHint")} error={errors.role}>
        {(aria) => (
          <Select {...aria} name="role" defaultValue={values.role ?? ""}>
            <option value="">{t("invite.chooseRole")}</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ti(`roles.${role}`)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field
        id="organisationId"
        label={t("invite.organisation")}
        hint={t("invite.organisationHint")}
        error={errors.organisationId}
        optional
      >
        {(aria) => (
          <Select {...aria} name="organisationId" defaultValue={values.organisationId ?? ""}>
            <option value="">{t("invite.noOrganisation")}</option>
            {organisations.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field
        id="kasCode"
        label={t("invite.municipality")}
        hint={t("invite.municipalityHint")}
        error={errors.kasCode}
        optional
      >
        {(aria) => (
          <Select {...aria} name="kasCode" defaultValue={values.kasCode ?? ""}>
            <option value="">{t("invite.noMunicipality")}</option>
            {municipalities.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </Select>
        )}
      </Field>
    </>
  );
}

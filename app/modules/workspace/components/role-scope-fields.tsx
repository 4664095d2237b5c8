import { useTranslation } from "react-i18next";
import { ChoiceField } from "#app/components/form.tsx";
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
  const choices = (options: Option[]) => options.map((o) => ({ value: String(o.value), label: o.label }));
  return (
    <>
      <ChoiceField
        id="role"
        label={t("invite.role")}
        hint={t("invite.roleHint")}
        error={errors.role}
        emptyLabel={t("invite.chooseRole")}
        options={ROLES.map((role) => ({ value: role, label: ti(`roles.${role}`) }))}
        value={values.role ?? ""}
      />
      <ChoiceField
        id="organisationId"
        label={t("invite.organisation")}
        hint={t("invite.organisationHint")}
        error={errors.organisationId}
        optional
        emptyLabel={t("invite.noOrganisation")}
        options={choices(organisations)}
        value={values.organisationId ?? ""}
      />
      <ChoiceField
        id="kasCode"
        label={t("invite.municipality")}
        hint={t("invite.municipalityHint")}
        error={errors.kasCode}
        optional
        emptyLabel={t("invite.noMunicipality")}
        options={choices(municipalities)}
        value={values.kasCode ?? ""}
      />
    </>
  );
}

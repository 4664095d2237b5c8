import { data } from "react-router";
import { PageTitle } from "#app/components/page-title.tsx";
import { isLocale } from "#app/i18n/locales.ts";
import { getMunicipality } from "../municipalities.queries.server.ts";
import { MunicipalityParamSchema } from "../municipalities.schema.ts";
import { municipalityName } from "../municipality-name.ts";
import type { Route } from "./+types/municipality-detail";

export async function loader({ params, context }: Route.LoaderArgs) {
  const kasCode = MunicipalityParamSchema.safeParse(params.municipality);
  if (!kasCode.success) throw data(null, { status: 404 });
  const municipality = await getMunicipality(context.db, kasCode.data);
  if (!municipality) throw data(null, { status: 404 });
  return { municipality };
}

export default function MunicipalityDetail({ loaderData, params }: Route.ComponentProps) {
  const locale = isLocale(params.lang) ? params.lang : "sq";
  const name = municipalityName(loaderData.municipality, locale);
  return (
    <>
      <PageTitle title={name} />
      <h1>{name}</h1>
    </>
  );
}

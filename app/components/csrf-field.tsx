import { useRouteLoaderData } from "react-router";

/** The hidden CSRF token every form that changes data must carry (checked by the server). */
export function CsrfField() {
  const root = useRouteLoaderData<{ csrfToken: string }>("root");
  return <input type="hidden" name="_csrf" value={root?.csrfToken ?? ""} />;
}

import { data } from "react-router";

/** Any unknown path under a locale is answered with the translated 404 page. */
export function loader() {
  throw data(null, { status: 404 });
}

export default function NotFound() {
  return null;
}

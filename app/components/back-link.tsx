import type { ReactNode } from "react";
import { Link } from "react-router";

/** The small link above a page's heading back to the list (or the page) it was opened from. */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p className="mb-2 text-sm">
      <Link to={to}>{children}</Link>
    </p>
  );
}

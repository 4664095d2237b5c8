import type { ReactNode } from "react";
import { Link } from "react-router";
import { ButtonLink } from "./button.tsx";

/** The heading block of a page: title, optional lead paragraph and extra content. */
export function PageHeader({ title, lead, children }: { title: ReactNode; lead?: ReactNode; children?: ReactNode }) {
  return (
    <div className="mb-6">
      <h1>{title}</h1>
      {lead ? <p className="mt-2 max-w-3xl text-lg text-slate-700">{lead}</p> : null}
      {children}
    </div>
  );
}

/** A list page's main action under its heading (create, invite), as a button-like link. */
export function PageHeaderButton({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p className="mt-4">
      <ButtonLink to={to}>{children}</ButtonLink>
    </p>
  );
}

/** A link under a page's heading to a related page (a new document, a part of the list). */
export function PageHeaderLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p className="mt-3">
      <Link to={to} className="font-semibold">
        {children}
      </Link>
    </p>
  );
}

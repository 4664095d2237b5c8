import type { ReactNode } from "react";

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

import type { ButtonHTMLAttributes, ReactNode } from "react";
import { Link } from "react-router";

const VARIANTS = {
  primary: "bg-brand-700 text-white hover:bg-brand-800",
  secondary: "bg-white text-brand-800 ring-1 ring-inset ring-brand-600 hover:bg-brand-50",
  danger: "bg-red-700 text-white hover:bg-red-800",
} as const;

/** A real `<button>`: works in forms without JavaScript. */
export function Button({
  variant = "primary",
  className = "",
  type = "submit",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof VARIANTS }) {
  return (
    <button
      type={type}
      className={`inline-flex min-h-11 items-center justify-center rounded px-4 py-2 font-semibold disabled:opacity-50 ${VARIANTS[variant]} ${className}`}
      {...props}
    />
  );
}

/** A link that looks like the primary button: for an action that opens a page ("New organisation", "Invite a user"). */
export function ButtonLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link
      to={to}
      className="inline-flex min-h-11 items-center rounded bg-brand-700 px-4 py-2 font-semibold text-white no-underline hover:bg-brand-800 hover:text-white"
    >
      {children}
    </Link>
  );
}

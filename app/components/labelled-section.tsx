import type { ReactNode } from "react";

/**
 * A section named by its heading: an `h2` with the `id` the section's `aria-labelledby` points at, then the
 * section's content. The profile, the workspace's dashboard and the directory's organisation page are made of them.
 */
export function LabelledSection({
  id,
  heading,
  className,
  headingClassName,
  children,
}: {
  id: string;
  heading: ReactNode;
  className?: string;
  headingClassName?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className={className}>
      <h2 id={id} className={headingClassName}>
        {heading}
      </h2>
      {children}
    </section>
  );
}

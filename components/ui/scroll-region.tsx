import type { ReactNode } from "react";

/**
 * A table's horizontal scroller. It is a labelled, focusable region so a keyboard can scroll it even when the table
 * holds nothing focusable (an audit page of plain rows, say).
 */
export function ScrollRegion({
  label,
  className = "",
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={`overflow-x-auto ${className}`}>
      {children}
    </div>
  );
}

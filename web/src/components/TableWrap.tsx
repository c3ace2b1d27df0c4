import type { ReactNode } from 'react';

/**
 * A table that scrolls sideways inside its own box on a narrow screen, never the page. The box
 * is a named region in the tab order, so a keyboard can scroll it too (axe:
 * scrollable-region-focusable); `.table-wrap` keeps screen-reader-only labels inside it.
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

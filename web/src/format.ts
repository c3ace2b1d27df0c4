/** Minor units (cents) as money, e.g. 1999 USD -> $19.99. */
export const money = (amount: number, currency: string): string =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount / 100);

export const dateTime = (iso: string): string =>
  new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });

export const time = (iso: string): string =>
  new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

/**
 * An order id short enough for a table: its last 8 hex digits. Order ids are UUID version 7, whose
 * first digits are the creation time, so orders placed within a minute share their first 8.
 */
export const shortId = (id: string): string => id.slice(-8);

import { useState } from 'react';
import type { Page, Slot } from '../api/types';
import { time } from '../format';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { ErrorNote } from './ErrorNote';

const today = (): string => new Date().toISOString().slice(0, 10);
const tomorrow = (): string => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

/** A delivery date, then one of that day's slots with room left. */
export function SlotPicker({
  value,
  onChange,
}: {
  value?: string;
  onChange: (slotId: string) => void;
}) {
  const { api } = useSession();
  // Tomorrow: the local stage seeds slots from tomorrow on, and a shop delivers the next day.
  const [date, setDate] = useState(tomorrow);
  const { data, error } = useApi(
    () => api.get<Page<Slot>>(`/delivery/slots?date=${date}`),
    [api, date],
  );
  return (
    <fieldset>
      <legend>Delivery</legend>
      <label>
        Date{' '}
        <input type="date" value={date} min={today()} onChange={(e) => setDate(e.target.value)} />
      </label>
      <ErrorNote error={error} />
      <div className="slots" role="radiogroup" aria-label="Delivery slot">
        {(data?.items ?? []).map((slot) => (
          <label key={slot.slotId} className={slot.available > 0 ? 'slot' : 'slot muted'}>
            <input
              type="radio"
              name="slot"
              value={slot.slotId}
              checked={value === slot.slotId}
              disabled={slot.available <= 0}
              onChange={() => onChange(slot.slotId)}
            />
            {time(slot.start)}–{time(slot.end)} ({slot.available} left)
          </label>
        ))}
        {data?.items.length === 0 && <p>No slots on this day.</p>}
      </div>
    </fieldset>
  );
}

import { field } from '../form';
import { useState, type FormEvent } from 'react';
import { useSession } from '../session';

/** A new delivery slot: a start and end time on a day, and how many deliveries it takes. */
export function SlotForm({ onError }: { onError: (error: unknown) => void }) {
  const { api } = useSession();
  const [created, setCreated] = useState<string>();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const day = field(form, 'date');
    const body = {
      start: new Date(`${day}T${field(form, 'start')}:00Z`).toISOString(),
      end: new Date(`${day}T${field(form, 'end')}:00Z`).toISOString(),
      capacity: Number(field(form, 'capacity')),
    };
    api
      .send<{ slotId: string }>('POST', '/delivery/slots', { body })
      .then((slot) => setCreated(slot.slotId), onError);
  };
  return (
    <form onSubmit={submit} className="inline">
      <h2>New delivery slot (UTC)</h2>
      <label>
        Date <input name="date" type="date" required />
      </label>
      <label>
        From <input name="start" type="time" required />
      </label>
      <label>
        To <input name="end" type="time" required />
      </label>
      <label>
        Capacity <input name="capacity" type="number" min={0} required />
      </label>
      <button type="submit">Add slot</button>
      {created && <p role="status">Slot {created} added.</p>}
    </form>
  );
}

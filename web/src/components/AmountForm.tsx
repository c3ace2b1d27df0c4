import { useState, type FormEvent } from 'react';

/** An amount in the currency's major units, sent as minor units (cents). */
export function AmountForm({
  label,
  onSubmit,
}: {
  label: string;
  onSubmit: (amount: number) => void;
}) {
  const [value, setValue] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const amount = Math.round(Number(value) * 100);
    if (amount > 0) onSubmit(amount);
    setValue('');
  };
  return (
    <form onSubmit={submit} className="inline">
      <label>
        {label} amount
        <input
          type="number"
          min="0.01"
          step="0.01"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          required
        />
      </label>
      <button type="submit">{label}</button>
    </form>
  );
}

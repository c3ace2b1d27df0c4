import { useId } from 'react';

const SUGGESTIONS = [
  'BookDelivery=error',
  'ReserveStock=error-once',
  'CapturePayment=error',
  'BookDelivery=error,CancelDelivery=error-until-redrive',
  'ConfirmOrder=error',
];

/** X-Fault-Injection for the next order (API.md): shown only where the stage honours it. */
export function FaultInjection({
  value,
  onChange,
}: {
  value: string;
  onChange: (value: string) => void;
}) {
  const listId = useId();
  return (
    <label>
      Fault injection (X-Fault-Injection, this stage only)
      <input
        name="fault"
        list={listId}
        value={value}
        placeholder="e.g. BookDelivery=error"
        onChange={(e) => onChange(e.target.value)}
      />
      <datalist id={listId}>
        {SUGGESTIONS.map((suggestion) => (
          <option key={suggestion} value={suggestion} />
        ))}
      </datalist>
    </label>
  );
}

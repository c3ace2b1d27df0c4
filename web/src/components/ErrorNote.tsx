import { ApiError, isRouteMissing } from '../api/client';

/** What went wrong, in the contract's words; a missing route reads as "not available here". */
export function ErrorNote({ error, feature }: { error: unknown; feature?: string }) {
  if (!error) return null;
  if (feature && isRouteMissing(error))
    return (
      <p className="note" role="status">
        {feature} is not available on this stage yet.
      </p>
    );
  const text =
    error instanceof ApiError
      ? `${error.code}: ${error.message}`
      : error instanceof Error
        ? error.message
        : 'Something went wrong';
  return (
    <p className="error" role="alert">
      {text}
    </p>
  );
}
